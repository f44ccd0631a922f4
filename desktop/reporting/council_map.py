"""The council's masked map: where the centre's open cases are, as counts per ~100 m cell
on the centre's boundary, one page. No household's point reaches the paper: only cells,
and a cell with fewer than three cases without its number (``desktop.mapping.grid``).
The roads drawn are those of a loaded base layer (public geography); roads traced from
the reports are not, since they pass through the households' own places."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise

import shapely
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, MapLayerKind, TerritoryKind
from db.models import CommunityCentre, TerritoryRule
from db.queries import CaseFilter, case_points
from desktop.mapping.grid import masked_cells
from desktop.mapping.layers import stored_features
from desktop.mapping.projection import Projection
from desktop.security.access import Actor, scoped
from reports.model import CouncilMap, MapCell

# The map's room on an A4 page under its heading and above its legend, in millimetres;
# a cell is drawn no smaller than this, or its number cannot be read.
PAPER_MM = (174.0, 190.0)
MIN_CELL_MM = 3.5
CELL_SIZES = (1, 2, 3, 5, 10, 20)  # in ~100 m cells
MARGIN_M = 150.0  # around the boundary
ROAD_LABELS = 10


def council_map(
    session: Session, actor: Actor, centre: CommunityCentre, now: datetime
) -> CouncilMap:
    """The map of ``centre``'s open cases (the caller has checked ``actor`` may print the
    centre's papers; the cases come through the case list's scope all the same)."""
    boundary = [
        shape(json.loads(text))
        for text in session.scalars(
            select(TerritoryRule.boundary).where(
                TerritoryRule.centre_id == centre.id,
                TerritoryRule.kind == TerritoryKind.BOUNDARY,
                TerritoryRule.boundary.is_not(None),
            )
        )
        if text
    ]
    rows = case_points(
        session,
        scoped(actor, CaseFilter(statuses=OPEN_STATUSES, centre_id=centre.id)),
        now=now,
    )
    placed = [(lat, lon) for _id, _risk, lat, lon in rows if lat is not None and lon is not None]
    if boundary:
        west, south, east, north = (float(v) for v in shapely.total_bounds(boundary))
    elif placed:
        south, north = min(p[0] for p in placed), max(p[0] for p in placed)
        west, east = min(p[1] for p in placed), max(p[1] for p in placed)
    else:
        return CouncilMap(0.0, 0.0, 100)
    projection = Projection.around((west, south, east, north))
    x0, y0 = projection.xy(south, west)
    x1, y1 = projection.xy(north, east)
    x0, y0, x1, y1 = x0 - MARGIN_M, y0 - MARGIN_M, x1 + MARGIN_M, y1 + MARGIN_M
    width, height = x1 - x0, y1 - y0
    scale = min(PAPER_MM[0] / width, PAPER_MM[1] / height)  # mm per metre
    size = next((k for k in CELL_SIZES if 100 * k * scale >= MIN_CELL_MM), CELL_SIZES[-1])

    def local(lat: float, lon: float) -> tuple[float, float]:
        x, y = projection.xy(lat, lon)
        return x - x0, y - y0

    # Only the cases on the page: one held far outside the boundary is not drawn at its
    # edge (the paper says that such cases are not on the map, not how many).
    south_edge, west_edge = projection.lat_lon(x0, y0)
    north_edge, east_edge = projection.lat_lon(x1, y1)
    on_page = [
        (lat, lon)
        for lat, lon in placed
        if south_edge <= lat <= north_edge and west_edge <= lon <= east_edge
    ]
    cells = []
    for cell in masked_cells(on_page, size=size):
        west_deg, south_deg, east_deg, north_deg = cell.bounds
        cx0, cy0 = local(south_deg, west_deg)
        cx1, cy1 = local(north_deg, east_deg)
        cells.append(MapCell(cx0, cy0, cx1, cy1, cell.shown))
    rings = [
        [local(lat, lon) for lon, lat in polygon.exterior.coords]
        for geometry in boundary
        for polygon in getattr(geometry, "geoms", [geometry])
        if hasattr(polygon, "exterior")
    ]
    roads, labels = _roads(session, local, (west_edge, south_edge, east_edge, north_edge))
    return CouncilMap(
        width_m=width,
        height_m=height,
        cell_m=100 * size,
        boundary=rings,
        cells=cells,
        roads=roads,
        road_labels=labels,
    )


def _roads(
    session: Session,
    local: Callable[[float, float], tuple[float, float]],
    bounds: tuple[float, float, float, float],
) -> tuple[list[list[tuple[float, float]]], list[tuple[str, float, float]]]:
    """The base layer's roads on the page, and the names of the longest ones at their
    middles."""
    stored = stored_features(session, MapLayerKind.ROADS)
    if stored is None:
        return [], []
    page = shapely.box(*bounds)
    lines: list[list[tuple[float, float]]] = []
    named: dict[str, tuple[float, list[tuple[float, float]]]] = {}
    for feature in stored[1]:
        geometry = shape(feature["geometry"]).intersection(page)
        for part in getattr(geometry, "geoms", [geometry]):
            if part.is_empty or part.geom_type != "LineString":
                continue
            points = [local(lat, lon) for lon, lat in part.coords]
            lines.append(points)
            name = feature.get("properties", {}).get("name")
            length = sum(math.dist(a, b) for a, b in pairwise(points))
            if name and length > named.get(name, (0.0, []))[0]:
                named[name] = (length, points)
    labels = []
    for name, (_length, points) in sorted(named.items(), key=lambda kv: -kv[1][0])[:ROAD_LABELS]:
        x, y = points[len(points) // 2]
        labels.append((name, x, y))
    return lines, labels
