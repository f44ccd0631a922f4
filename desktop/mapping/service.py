"""What the client's map tab asks for: the boundaries, the base layers (or roads traced
from the reports), the open cases as points, and those with no place, in the signed-in
account's scope. Plain objects out, in metres (``projection``); no Qt here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, AccessAction, MapLayerKind, RiskLevel, TerritoryKind
from db.models import CommunityCentre, Household, TerritoryRule
from db.queries import CaseFilter, case_points
from desktop.caselist.listing import listed
from desktop.context import AppContext
from desktop.mapping import layers
from desktop.mapping.grid import Cell, masked_cells
from desktop.mapping.projection import Projection
from desktop.mapping.roads import traced_roads
from desktop.mapping.selection import points_within
from desktop.security import audit
from desktop.security.access import Actor, Permission, allows, in_scope, require

XY = tuple[float, float]


@dataclass(frozen=True)
class Area:
    """A centre's boundary: its outer rings (holes are not drawn), in metres."""

    label: str  # 좌1동
    rings: list[list[XY]]


@dataclass(frozen=True)
class Line:
    points: list[XY]
    name: str | None = None  # a road's name, where known


@dataclass
class CasePoints:
    """The open cases that have a place, as parallel lists (tens of thousands of them)."""

    ids: list[int] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    risks: list[RiskLevel] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class ShownCell:
    """A cell of the masked map, in metres, with its count or None (suppressed)."""

    west: float
    south: float
    east: float
    north: float
    shown: int | None


@dataclass
class MapScene:
    """Everything the map draws. ``roads_traced`` says the roads come from the reports'
    own coordinates (no roads layer is loaded). An account that may not see where a
    household lives (열람) gets ``cells`` and no points."""

    projection: Projection
    areas: list[Area]
    roads: list[Line]
    roads_traced: bool
    buildings: list[list[XY]]
    points: CasePoints
    unplaced: list[int]  # open cases with no place: counted beside the map
    by_risk: dict[RiskLevel, int]
    cells: list[ShownCell] | None = None

    @property
    def open_cases(self) -> int:
        return sum(self.by_risk.values())


class MapService:
    """The map tab's questions. Cases come through the case list's own filter and scope
    (``listed``): a worker's map holds their centre's cases and nothing else."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._layers: dict[MapLayerKind, tuple[Any, list[Any]]] = {}

    def can_load_layers(self) -> bool:
        return allows(self._ctx, Permission.ADMINISTER)

    def shows_points(self) -> bool:
        """Whether the account sees each case's place (staff who may reveal a household's
        address), or only the masked cells."""
        return allows(self._ctx, Permission.REVEAL)

    def scene(self, *, logged: bool = True) -> MapScene:
        """The map as it stands; one access-log row (조회) when ``logged``."""
        ctx = self._ctx
        actor = require(ctx, Permission.VIEW)
        with ctx.session() as session:
            areas_lonlat = _boundaries(session, actor)
            rows = case_points(
                session, listed(ctx, actor, CaseFilter(statuses=OPEN_STATUSES)), now=ctx.clock()
            )
            placed = [r for r in rows if r[2] is not None and r[3] is not None]
            projection = Projection.around(_extent(areas_lonlat, placed))
            roads_layer = self._layer(session, MapLayerKind.ROADS)
            buildings_layer = self._layer(session, MapLayerKind.BUILDINGS)
            if roads_layer is None:
                traces = traced_roads(
                    (key, lat, lon)
                    for key, lat, lon in session.execute(
                        select(Household.building_key, Household.latitude, Household.longitude)
                        .where(
                            in_scope(actor, Household.centre_id),
                            Household.merged_into_id.is_(None),
                            Household.building_key.is_not(None),
                            Household.latitude.is_not(None),
                            Household.longitude.is_not(None),
                        )
                        .order_by(Household.id)
                    )
                    if key is not None and lat is not None and lon is not None
                )
                roads = [
                    Line([projection.xy(lat, lon) for lat, lon in t.points], t.road) for t in traces
                ]
            else:
                roads = [
                    Line(projection.ring(line), feature["properties"].get("name"))
                    for feature in roads_layer
                    for line in _lines(feature["geometry"])
                ]
            buildings = [
                projection.ring(ring)
                for feature in buildings_layer or []
                for ring in _outer_rings(feature["geometry"])
            ]
        by_risk = {risk: 0 for risk in RiskLevel}
        for _case_id, risk, _lat, _lon in rows:
            by_risk[RiskLevel(risk)] += 1
        scene = MapScene(
            projection=projection,
            areas=[
                Area(label, [projection.ring(ring) for ring in rings])
                for label, rings in areas_lonlat
            ],
            roads=roads,
            roads_traced=roads_layer is None,
            buildings=buildings,
            points=CasePoints(),
            unplaced=[r[0] for r in rows if r[2] is None or r[3] is None],
            by_risk=by_risk,
        )
        if self.shows_points():
            for case_id, risk, lat, lon in placed:
                x, y = projection.xy(lat, lon)  # type: ignore[arg-type]
                scene.points.ids.append(case_id)
                scene.points.xs.append(x)
                scene.points.ys.append(y)
                scene.points.risks.append(RiskLevel(risk))
        else:
            scene.cells = [
                _shown(projection, cell)
                for cell in masked_cells((lat, lon) for _i, _r, lat, lon in placed)  # type: ignore[misc]
            ]
        if logged:
            audit.log(
                ctx,
                AccessAction.VIEW,
                "map",
                detail=f"지도: 진행 중 사례 {len(rows):,}건 (위치 있음 {len(placed):,}건)"
                + ("" if scene.cells is None else ", 100 m 칸 단위"),
            )
        return scene

    def _layer(self, session: Session, kind: MapLayerKind) -> list[Any] | None:
        """A base layer's features, read once per loading of it (a layer may hold tens of
        thousands of buildings)."""
        stored = layers.stored_features(session, kind)
        if stored is None:
            self._layers.pop(kind, None)
            return None
        loaded_at, features = stored
        cached = self._layers.get(kind)
        if cached is not None and cached[0] == loaded_at:
            return cached[1]
        self._layers[kind] = (loaded_at, features)
        return features

    def selected(self, scene: MapScene, area: list[XY]) -> list[int]:
        """The cases of ``scene`` whose points lie inside ``area`` (metres)."""
        points = scene.points
        return points_within(area, points.ids, points.xs, points.ys)

    def load_layers(self, path: Path) -> list[layers.LayerInfo]:
        return layers.load_layers(self._ctx, path)

    def layer_list(self) -> list[layers.LayerInfo]:
        return layers.list_layers(self._ctx)


def _boundaries(session: Session, actor: Actor) -> list[tuple[str, list[list[list[float]]]]]:
    """Each centre's boundary in scope, as (행정동, outer rings in longitude and latitude)."""
    found = []
    for dong, text in session.execute(
        select(CommunityCentre.dong, TerritoryRule.boundary)
        .join(CommunityCentre, CommunityCentre.id == TerritoryRule.centre_id)
        .where(
            TerritoryRule.kind == TerritoryKind.BOUNDARY,
            TerritoryRule.boundary.is_not(None),
            CommunityCentre.active.is_(True),
            in_scope(actor, TerritoryRule.centre_id),
        )
        .order_by(CommunityCentre.gu, CommunityCentre.dong, TerritoryRule.id)
    ):
        if text:
            found.append((dong, _outer_rings(json.loads(text))))
    return found


def _outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _lines(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "LineString":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiLineString":
        return list(geometry["coordinates"])
    return []


def _extent(
    areas: list[tuple[str, list[list[list[float]]]]],
    placed: list[tuple[int, str, float | None, float | None]],
) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the boundaries, or of the points without them."""
    if areas:
        geometries = [shapely.Polygon(ring) for _label, rings in areas for ring in rings]
        west, south, east, north = shapely.total_bounds(geometries)
        return float(west), float(south), float(east), float(north)
    if placed:
        lons = [r[3] for r in placed if r[3] is not None]
        lats = [r[2] for r in placed if r[2] is not None]
        return min(lons), min(lats), max(lons), max(lats)
    return None


def _shown(projection: Projection, cell: Cell) -> ShownCell:
    west, south, east, north = cell.bounds
    x0, y0 = projection.xy(south, west)
    x1, y1 = projection.xy(north, east)
    return ShownCell(x0, y0, x1, y1, cell.shown)
