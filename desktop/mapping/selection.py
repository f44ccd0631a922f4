"""Which of the map's points an area drawn on it holds."""

from __future__ import annotations

from collections.abc import Sequence

import shapely


def points_within(
    area: Sequence[tuple[float, float]],
    ids: Sequence[int],
    xs: Sequence[float],
    ys: Sequence[float],
) -> list[int]:
    """The ids of the points (``xs[i]``, ``ys[i]``) inside the polygon ``area`` (a
    rectangle or a lasso, in the same units, closed or not), in the order given. An area
    of fewer than three corners holds nothing."""
    if len(area) < 3 or not ids:
        return []
    polygon = shapely.Polygon(area)
    if not polygon.is_valid:  # a lasso that crosses itself
        polygon = shapely.make_valid(polygon)
    shapely.prepare(polygon)
    inside = shapely.contains_xy(polygon, list(xs), list(ys))
    return [case_id for case_id, hit in zip(ids, inside, strict=True) if hit]
