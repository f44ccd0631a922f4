"""The base layers of the offline map: the roads and buildings of the office's area, from
a GeoJSON file an administrator loads once (``anbu map load``, or 지도 → 기본 지도 불러오기).

The file is read here, checked (WGS84, lines or outlines), cut down to what the map
needs (geometry and a road's name, coordinates to 0.1 m, the features near the centres'
boundaries) and kept in the database, so that every PC of the office draws the same map
without a file of its own. A new file of a kind replaces the layer of that kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import AccessAction, MapLayerKind, TerritoryKind
from db.errors import UserError
from db.models import MapLayer, StaffUser, TerritoryRule
from desktop.context import AppContext
from desktop.korean import joined
from desktop.security import audit
from desktop.security.access import Permission, actor_of, require

MAX_FILE_BYTES = 200 * 2**20
# Around the centres' boundaries: a road that runs along the edge is drawn whole.
CLIP_MARGIN_DEGREES = 0.005  # about 500 m
# Where a road's name is found in the files offices have (도로명주소 전자지도 exports,
# OpenStreetMap extracts, a 구청's own).
NAME_KEYS = ("name", "NAME", "ROAD_NM", "road_nm", "RN", "rn", "도로명", "name:ko", "BULD_NM")
_KINDS = {
    "LineString": MapLayerKind.ROADS,
    "MultiLineString": MapLayerKind.ROADS,
    "Polygon": MapLayerKind.BUILDINGS,
    "MultiPolygon": MapLayerKind.BUILDINGS,
}


class MapLayerError(UserError):
    """A base layer file that cannot be used; the message says why."""


@dataclass(frozen=True)
class LayerInfo:
    kind: MapLayerKind
    label: str  # the file it came from
    features: int
    loaded_at: datetime
    loaded_by: str | None  # display name

    def describe(self) -> str:
        return f"{self.kind.label} {self.features:,}개 ({self.label})"


def read_layers(text: str) -> dict[MapLayerKind, list[dict[str, Any]]]:
    """The features of a GeoJSON text by the layer they belong to: lines are roads,
    outlines buildings (points and other kinds are left out). Refuses a text that is not
    GeoJSON, holds neither, or is not in longitude and latitude (WGS84)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise MapLayerError("지도 파일이 GeoJSON이 아닙니다 (JSON으로 읽을 수 없음).") from None
    if not isinstance(data, dict):
        raise MapLayerError("지도 파일이 GeoJSON이 아닙니다.")
    if data.get("type") == "FeatureCollection":
        features = [f for f in data.get("features") or [] if isinstance(f, dict)]
    elif data.get("type") == "Feature":
        features = [data]
    else:
        features = [{"type": "Feature", "properties": {}, "geometry": data}]
    layers: dict[MapLayerKind, list[dict[str, Any]]] = {}
    for feature in features:
        properties = feature.get("properties")
        name = _name(properties if isinstance(properties, dict) else {})
        for geometry in _parts(feature.get("geometry")):
            kind = _KINDS[geometry["type"]]
            try:
                coordinates = _rounded(geometry["coordinates"])
                shape({"type": geometry["type"], "coordinates": coordinates})
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                raise MapLayerError("지도 파일의 좌표를 읽을 수 없습니다.") from None
            entry: dict[str, Any] = {
                "type": "Feature",
                "properties": {"name": name} if name and kind is MapLayerKind.ROADS else {},
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
            layers.setdefault(kind, []).append(entry)
    if not layers:
        raise MapLayerError(
            "지도 파일에 도로(선)나 건물(면)이 없습니다. LineString 또는 Polygon으로 된 "
            "GeoJSON을 주십시오."
        )
    for entries in layers.values():
        west, south, east, north = _bounds(entries)
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise MapLayerError(
                "지도 파일의 좌표가 경도·위도(WGS84)가 아닙니다 (투영 좌표계로 보입니다). "
                "WGS84(EPSG:4326)로 변환한 파일을 주십시오."
            )
    return layers


def _parts(geometry: object) -> list[dict[str, Any]]:
    """The lines and outlines of a geometry (a GeometryCollection's, one by one)."""
    if not isinstance(geometry, dict):
        return []
    if geometry.get("type") == "GeometryCollection":
        return [part for g in geometry.get("geometries") or [] for part in _parts(g)]
    return [geometry] if geometry.get("type") in _KINDS else []


def _name(properties: dict[str, Any]) -> str | None:
    for key in NAME_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:60]
    return None


def _rounded(coordinates: Any) -> Any:
    """Coordinates to six decimals (about 0.1 m): a layer a tenth of the file's size."""
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], int | float):
        return [round(float(coordinates[0]), 6), round(float(coordinates[1]), 6)]
    if not isinstance(coordinates, list):
        raise ValueError("not a coordinate list")
    return [_rounded(c) for c in coordinates]


def _bounds(features: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    west, south, east, north = shapely.total_bounds(
        [shape(feature["geometry"]) for feature in features]
    )
    return float(west), float(south), float(east), float(north)


def _near_the_centres(session: Session, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The features within reach of any centre's boundary (all when none is loaded): a
    district's file stays a district's, not the province's."""
    boundaries = [
        shape(json.loads(text))
        for text in session.scalars(
            select(TerritoryRule.boundary).where(
                TerritoryRule.kind == TerritoryKind.BOUNDARY, TerritoryRule.boundary.is_not(None)
            )
        )
        if text
    ]
    if not boundaries:
        return features
    west, south, east, north = shapely.total_bounds(boundaries)
    area = shapely.box(
        west - CLIP_MARGIN_DEGREES,
        south - CLIP_MARGIN_DEGREES,
        east + CLIP_MARGIN_DEGREES,
        north + CLIP_MARGIN_DEGREES,
    )
    geometries = [shape(feature["geometry"]) for feature in features]
    near = shapely.intersects(area, geometries)
    return [feature for feature, inside in zip(features, near, strict=True) if inside]


def load_layers(ctx: AppContext, path: Path) -> list[LayerInfo]:
    """Keep the roads and buildings of ``path`` (GeoJSON, WGS84) as the map's base layers,
    each replacing the layer of its kind (administrators)."""
    require(ctx, Permission.ADMINISTER)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise MapLayerError(
                f"{joined(path.name, '이')} 너무 큽니다 ({size / 2**20:,.0f} MB). 행정동 "
                f"둘레만 잘라 {MAX_FILE_BYTES // 2**20} MB 아래로 만들어 주십시오."
            )
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "읽을 수 없음"
        raise MapLayerError(
            f"지도 파일 {joined(path.name, '을')} 읽지 못했습니다 ({reason})."
        ) from None
    try:
        layers = read_layers(text)
    except MapLayerError as exc:
        raise MapLayerError(f"{path.name}: {exc}") from None
    actor = actor_of(ctx)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        kept: list[tuple[MapLayerKind, list[dict[str, Any]]]] = []
        for kind, features in layers.items():
            near = _near_the_centres(session, features)
            if near:
                kept.append((kind, near))
        if not kept:
            raise MapLayerError(
                f"{path.name}: 행정복지센터 경계 근처에 있는 도로나 건물이 없습니다. "
                "다른 지역의 파일이 아닌지 확인해 주십시오."
            )
        for kind, features in kept:
            session.execute(delete(MapLayer).where(MapLayer.kind == kind))
            session.add(
                MapLayer(
                    kind=kind,
                    label=path.name[:200],
                    features=json.dumps(
                        {"type": "FeatureCollection", "features": features},
                        ensure_ascii=False,
                        separators=(",", ":"),
                    ),
                    feature_count=len(features),
                    loaded_at=ctx.clock(),
                    loaded_by_id=actor.staff_id,
                )
            )
        session.flush()
        audit.record(
            session,
            ctx,
            AccessAction.UPDATE,
            "map",
            detail="기본 지도: "
            + ", ".join(f"{kind.label} {len(features):,}개" for kind, features in kept)
            + f" ({path.name})",
        )
        return _infos(session, [kind for kind, _ in kept])


def list_layers(ctx: AppContext) -> list[LayerInfo]:
    """The base layers kept (any signed-in account: the map draws them)."""
    actor_of(ctx)
    with ctx.session() as session:
        return _infos(session, list(MapLayerKind))


def remove_layer(ctx: AppContext, kind: MapLayerKind) -> LayerInfo:
    """Remove a base layer (administrators): the map traces its roads from the reports'
    coordinates again."""
    require(ctx, Permission.ADMINISTER)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        infos = _infos(session, [kind])
        if not infos:
            raise MapLayerError(f"불러온 {kind.label} 지도가 없습니다. 아무것도 바꾸지 않았습니다.")
        session.execute(delete(MapLayer).where(MapLayer.kind == kind))
        audit.record(
            session,
            ctx,
            AccessAction.DELETE,
            "map",
            detail=f"기본 지도 삭제: {infos[0].describe()}",
        )
        return infos[0]


def _infos(session: Session, kinds: list[MapLayerKind]) -> list[LayerInfo]:
    rows = session.execute(
        select(
            MapLayer.kind,
            MapLayer.label,
            MapLayer.feature_count,
            MapLayer.loaded_at,
            StaffUser.display_name,
        )
        .outerjoin(StaffUser, StaffUser.id == MapLayer.loaded_by_id)
        .where(MapLayer.kind.in_(kinds))
    ).all()
    by_kind = {row[0]: LayerInfo(*row) for row in rows}
    return [by_kind[kind] for kind in kinds if kind in by_kind]


def stored_features(
    session: Session, kind: MapLayerKind
) -> tuple[datetime, list[dict[str, Any]]] | None:
    """When the layer of ``kind`` was loaded and its features, or None when none is."""
    row = session.execute(
        select(MapLayer.loaded_at, MapLayer.features).where(MapLayer.kind == kind)
    ).one_or_none()
    if row is None:
        return None
    return row[0], json.loads(row[1]).get("features", [])
