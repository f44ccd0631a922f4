"""Roads traced from the reports' own coordinates, for a map with no base layer loaded.

A Korean road address numbers its buildings by their distance along the road (기초번호:
about one number every 10 m, odd on the left, even on the right), so the buildings of one
road, taken in the order of their numbers, lie along it. Each road is traced through the
places of its buildings' households, in that order, and broken wherever two buildings
are further apart than their numbers allow (a report placed on the wrong street, or a
stretch with no report): only what the reports show is drawn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.address import distance_m

# Two buildings of a road are joined when no further apart than this many metres, plus
# this many for every number between them (numbers run about 10 m apart).
JOIN_SLACK_M = 80.0
JOIN_PER_NUMBER_M = 15.0
MIN_BUILDINGS = 3  # fewer is a guess, not a road


@dataclass(frozen=True)
class RoadTrace:
    """One stretch of a road, as ``(latitude, longitude)`` points in building order."""

    road: str  # 좌동로, 좌동로10번길
    points: list[tuple[float, float]]


def traced_roads(places: Iterable[tuple[str, float, float]]) -> list[RoadTrace]:
    """The stretches of road the buildings show, from ``(building key, latitude,
    longitude)`` of households (building keys as ``desktop.address`` makes them:
    ``구|도로|번호``; a lot address, ``구|법정동 번지``, names no road and is left out)."""
    buildings: dict[tuple[str, str], dict[int, list[tuple[float, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for key, latitude, longitude in places:
        parts = key.split("|")
        if len(parts) != 3:
            continue
        gu, road, written = parts
        main = written.split("-", 1)[0]
        if road and main.isdigit():
            buildings[(gu, road)][int(main)].append((latitude, longitude))
    traces: list[RoadTrace] = []
    for (_gu, road), by_number in sorted(buildings.items()):
        numbers = sorted(by_number)
        stretch: list[tuple[float, float]] = []
        previous: int | None = None
        for number in numbers:
            points = by_number[number]
            place = (
                sum(p[0] for p in points) / len(points),
                sum(p[1] for p in points) / len(points),
            )
            if stretch and previous is not None:
                allowed = JOIN_SLACK_M + JOIN_PER_NUMBER_M * (number - previous)
                if distance_m(*stretch[-1], *place) > allowed:
                    traces += _kept(road, stretch)
                    stretch = []
            stretch.append(place)
            previous = number
        traces += _kept(road, stretch)
    return traces


def _kept(road: str, stretch: list[tuple[float, float]]) -> list[RoadTrace]:
    if len(stretch) < MIN_BUILDINGS:
        return []
    return [RoadTrace(road, _smoothed(stretch))]


def _smoothed(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each inner point the mean of itself and its neighbours: the odd and even sides of
    the road drawn as one line, not a zigzag across it."""
    if len(points) < 3:
        return points
    inner = [
        (
            (points[i - 1][0] + points[i][0] + points[i + 1][0]) / 3,
            (points[i - 1][1] + points[i][1] + points[i + 1][1]) / 3,
        )
        for i in range(1, len(points) - 1)
    ]
    return [points[0], *inner, points[-1]]
