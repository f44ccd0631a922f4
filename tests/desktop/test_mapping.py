"""The offline map's data: what each account's map holds (its centre's open cases, no
other), the cases with no place, choosing an area and the list it narrows, the base
layers an administrator loads, roads traced from the reports, and the masked cells."""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.enums import AccessAction, MapLayerKind, RiskLevel
from db.models import AccessLog, MapLayer
from db.queries import CaseFilter
from desktop.caselist.service import CaseListService
from desktop.cli import main
from desktop.context import AppContext
from desktop.mapping import layers
from desktop.mapping.grid import CELL_LAT, CELL_LON, MIN_SHOWN, masked_cells
from desktop.mapping.layers import MapLayerError
from desktop.mapping.roads import traced_roads
from desktop.mapping.service import MapService
from desktop.security.access import AccessDeniedError
from tests.conftest import FIXED_NOW, TEST_PASSWORD
from tests.helpers import mapping
from tests.helpers.mapping import PlacedOffice


@pytest.fixture
def office(ctx: AppContext, db_url: str, tmp_path: Path) -> PlacedOffice:
    return mapping.set_up(ctx, db_url, tmp_path)


def _as(office: PlacedOffice, user: str) -> AppContext:
    ctx = office.context(user)
    ctx.clock = lambda: FIXED_NOW
    return ctx


def _views(ctx: AppContext) -> int:
    with ctx.session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AccessLog)
                .where(AccessLog.subject == "map", AccessLog.action == AccessAction.VIEW)
            )
            or 0
        )


def test_a_worker_s_map_holds_their_centre_s_open_cases_and_nothing_else(
    office: PlacedOffice,
) -> None:
    kim = _as(office, "kim")
    try:
        before = _views(kim)
        scene = MapService(kim).scene()
        assert _views(kim) == before + 1  # looking at the map is logged
        assert sorted(scene.points.ids) == office.a_placed
        assert not set(scene.points.ids) & set(office.b_cases)
        assert scene.unplaced == office.unplaced  # counted beside the map, not forgotten
        assert [area.label for area in scene.areas] == ["좌1동"]
        assert scene.open_cases == len(office.a_placed) + len(office.unplaced)
        assert sum(scene.by_risk.values()) == scene.open_cases
        assert scene.by_risk[RiskLevel.URGENT] > 0
        # Metres around the boundary's middle: 좌1동 is about 900 m by 1.1 km.
        (ring,) = scene.areas[0].rings
        xs, ys = [x for x, _ in ring], [y for _, y in ring]
        assert 850 < max(xs) - min(xs) < 950 and 1050 < max(ys) - min(ys) < 1150
        assert all(min(xs) < x < max(xs) for x in scene.points.xs)
        assert scene.cells is None and scene.roads_traced
        assert MapService(kim).scene(logged=False).points.ids == scene.points.ids
        assert _views(kim) == before + 1
    finally:
        kim.close()
    lee = _as(office, "lee")
    try:
        scene = MapService(lee).scene()
        assert sorted(scene.points.ids) == sorted(office.b_cases) and not scene.unplaced
        assert [area.label for area in scene.areas] == ["좌2동"]
    finally:
        lee.close()


def test_an_administrator_s_map_holds_every_centre(ctx: AppContext, office: PlacedOffice) -> None:
    scene = MapService(ctx).scene()
    assert sorted(scene.points.ids) == sorted(office.a_placed + office.b_cases)
    assert [area.label for area in scene.areas] == ["좌1동", "좌2동"]


def test_a_reader_sees_masked_cells_never_a_point(office: PlacedOffice) -> None:
    rho = _as(office, "rho")
    try:
        service = MapService(rho)
        assert not service.shows_points()
        scene = service.scene()
    finally:
        rho.close()
    assert len(scene.points) == 0 and scene.cells is not None
    shown = sorted(c.shown for c in scene.cells if c.shown is not None)
    assert shown == [3, 5]  # P and Q; R (2) and S (1) without their numbers
    assert len([c for c in scene.cells if c.shown is None]) == 2
    assert scene.unplaced == office.unplaced


def test_an_area_chosen_on_the_map_narrows_the_case_list_within_scope(
    office: PlacedOffice,
) -> None:
    kim = _as(office, "kim")
    try:
        service = MapService(kim)
        scene = service.scene(logged=False)
        # A square around cell P: its five cases and no other.
        index = scene.points.ids.index(office.cells["P"][0])
        x, y = scene.points.xs[index], scene.points.ys[index]
        square = [(x - 40, y - 40), (x + 40, y - 40), (x + 40, y + 60), (x - 40, y + 60)]
        chosen = service.selected(scene, square)
        assert sorted(chosen) == sorted(office.cells["P"])
        listing = CaseListService(kim)
        assert listing.ids(CaseFilter(case_ids=frozenset(chosen))) == sorted(chosen)
        # Ids of another centre's cases, however they got into a filter, stay out.
        forged = frozenset(chosen) | set(office.b_cases)
        assert listing.ids(CaseFilter(case_ids=forged)) == sorted(chosen)
        # Cases with no place are chosen by the count beside the map.
        assert listing.ids(CaseFilter(case_ids=frozenset(scene.unplaced))) == office.unplaced
        assert service.selected(scene, [(x, y), (x + 1, y)]) == []  # no area, no cases
    finally:
        kim.close()


def test_a_choice_of_tens_of_thousands_of_cases_is_one_parameter(
    ctx: AppContext, office: PlacedOffice
) -> None:
    """Past SQLite's limit of bound variables (32,766), as an administrator's map of a
    whole 구 may hold."""
    wanted = frozenset(range(1, 40_001))
    listing = CaseListService(ctx)
    assert listing.ids(CaseFilter(case_ids=wanted)) == sorted(
        office.a_placed + office.b_cases + office.unplaced
    )
    assert listing.ids(CaseFilter(case_ids=frozenset())) == []


ROADS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"ROAD_NM": "좌동로"},
            "geometry": {
                "type": "LineString",
                "coordinates": [[129.1601234567, 35.1650], [129.1799, 35.1650]],
            },
        },
        {  # another city: left out
            "type": "Feature",
            "properties": {"ROAD_NM": "세종대로"},
            "geometry": {"type": "LineString", "coordinates": [[126.97, 37.56], [126.98, 37.57]]},
        },
        {
            "type": "Feature",
            "properties": {"BULD_NM": "좌동아파트"},
            "geometry": mapping.box(129.1630, 35.1630, 129.1635, 35.1634),
        },
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
    ],
}


def _file(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False))
    return path


def test_an_administrator_loads_a_base_layer_once_for_every_pc(
    ctx: AppContext, office: PlacedOffice, tmp_path: Path
) -> None:
    loaded = layers.load_layers(ctx, _file(tmp_path, "도로.geojson", ROADS))
    assert [(i.kind, i.features) for i in loaded] == [
        (MapLayerKind.ROADS, 1),
        (MapLayerKind.BUILDINGS, 1),
    ]
    with ctx.session() as session:
        stored = json.loads(
            session.scalar(select(MapLayer.features).where(MapLayer.kind == MapLayerKind.ROADS))
            or "{}"
        )
    (road,) = stored["features"]
    assert road["properties"] == {"name": "좌동로"}
    assert road["geometry"]["coordinates"][0] == [129.160123, 35.165]  # 0.1 m is enough
    # Another PC (a worker's) draws it: the roads are the layer's, not traced.
    kim = _as(office, "kim")
    try:
        scene = MapService(kim).scene(logged=False)
        assert not scene.roads_traced
        assert [r.name for r in scene.roads] == ["좌동로"] and len(scene.buildings) == 1
        with pytest.raises(AccessDeniedError):
            layers.load_layers(kim, _file(tmp_path, "again.geojson", ROADS))
        assert [i.kind for i in layers.list_layers(kim)] == [
            MapLayerKind.ROADS,
            MapLayerKind.BUILDINGS,
        ]
    finally:
        kim.close()
    # A new file of a kind replaces that kind only; removing it goes back to tracing.
    only_roads = {"type": "FeatureCollection", "features": ROADS["features"][:1] * 3}
    layers.load_layers(ctx, _file(tmp_path, "새도로.geojson", only_roads))
    assert [(i.kind, i.features, i.label) for i in layers.list_layers(ctx)] == [
        (MapLayerKind.ROADS, 3, "새도로.geojson"),
        (MapLayerKind.BUILDINGS, 1, "도로.geojson"),
    ]
    layers.remove_layer(ctx, MapLayerKind.ROADS)
    assert MapService(ctx).scene(logged=False).roads_traced
    with pytest.raises(MapLayerError, match="불러온 도로 지도가 없습니다"):
        layers.remove_layer(ctx, MapLayerKind.ROADS)
    with ctx.session() as session:
        details = session.scalars(
            select(AccessLog.detail).where(AccessLog.subject == "map").order_by(AccessLog.id)
        ).all()
    assert details == [
        "기본 지도: 도로 1개, 건물 1개 (도로.geojson)",
        "기본 지도: 도로 3개 (새도로.geojson)",
        "기본 지도 삭제: 도로 3개 (새도로.geojson)",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "GeoJSON이 아닙니다"),
        ({"type": "FeatureCollection", "features": []}, "도로(선)나 건물(면)이 없습니다"),
        (
            {"type": "LineString", "coordinates": [[950000.0, 1950000.0], [951000.0, 1951000.0]]},
            "경도·위도(WGS84)가 아닙니다",
        ),
        ({"type": "LineString", "coordinates": [["a", "b"]]}, "좌표를 읽을 수 없습니다"),
        (
            {"type": "LineString", "coordinates": [[126.97, 37.56], [126.98, 37.57]]},
            "경계 근처에 있는 도로나 건물이 없습니다",
        ),
    ],
)
def test_a_base_layer_that_cannot_be_used_is_refused_in_korean_and_changes_nothing(
    ctx: AppContext, office: PlacedOffice, tmp_path: Path, content: Any, message: str
) -> None:
    layers.load_layers(ctx, _file(tmp_path, "good.geojson", ROADS))
    with pytest.raises(MapLayerError, match=re.escape(message)):
        layers.load_layers(ctx, _file(tmp_path, "bad.geojson", content))
    assert [i.label for i in layers.list_layers(ctx)] == ["good.geojson", "good.geojson"]


def test_the_map_command_loads_lists_and_removes_base_layers(
    office: PlacedOffice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "roads.geojson", ROADS)

    def run(user: str, *argv: str) -> tuple[int, str]:
        monkeypatch.setenv("ANBU_USER", user)
        monkeypatch.setenv("ANBU_PASSWORD", TEST_PASSWORD if user == "tester" else mapping.PASSWORD)
        out = io.StringIO()
        return main(["--db", office.url, "map", *argv], stdout=out), out.getvalue()

    assert run("tester", "load", str(path)) == (
        0,
        "기본 지도를 불러왔습니다: 도로 1개 (roads.geojson), 건물 1개 (roads.geojson)\n",
    )
    code, text = run("tester", "list", "--json")
    assert code == 0
    assert [
        (r["kind"], r["features"], r["loaded_by"]) for r in map(json.loads, text.splitlines())
    ] == [
        ("roads", 1, "시험관리자"),
        ("buildings", 1, "시험관리자"),
    ]
    assert run("kim", "remove", "roads")[0] == 1  # a worker may not
    assert run("tester", "remove", "roads") == (
        0,
        "기본 지도를 지웠습니다: 도로 1개 (roads.geojson)\n",
    )
    assert "건물 1개" in run("kim", "list")[1]


def test_roads_are_traced_through_the_buildings_in_number_order() -> None:
    """좌동로 1…21 run east, a building every 10 m; number 15 was reported 2 km away (a
    point picked on the wrong street): the road breaks there, and the far point is not
    joined to anything."""
    places = [
        (f"해운대구|좌동로|{n}" + ("-2" if n == 7 else ""), 35.165, 129.160 + n * 0.00011)
        for n in range(1, 22, 2)
        if n != 15
    ]
    places.append(("해운대구|좌동로|15", 35.185, 129.160))
    places += [("해운대구|좌동 123-4", 35.1, 129.1), ("해운대구|해운대로|1", 35.2, 129.2)]
    traces = traced_roads(places)
    assert [(t.road, len(t.points)) for t in traces] == [("좌동로", 7), ("좌동로", 3)]
    first = traces[0].points
    assert [round(lon, 5) for _lat, lon in first] == sorted(round(lon, 5) for _lat, lon in first)
    assert all(abs(lat - 35.165) < 1e-9 for lat, _lon in first)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(35.160, 35.170, allow_nan=False), st.floats(129.160, 129.170, allow_nan=False)
        ),
        max_size=60,
    ),
    st.sampled_from([1, 2, 5]),
)
def test_no_cell_below_three_is_ever_given_its_number(
    points: list[tuple[float, float]], size: int
) -> None:
    cells = masked_cells(points, size=size)
    assert all(c.shown is None or c.shown >= MIN_SHOWN for c in cells)
    assert sum(c.shown or 0 for c in cells) <= len(points)
    suppressed = [c for c in cells if c.shown is None]
    # One suppressed cell alone would be told by subtraction: another is suppressed too.
    assert len(suppressed) != 1 or len(cells) == 1
    for cell in cells:
        # a point's cell by its index (a point on an edge is the cell's whose index it floors
        # to: its bounds in floating point may round the other way)
        step_lat, step_lon = CELL_LAT * size, CELL_LON * size
        inside = sum(
            1
            for lat, lon in points
            if math.floor(lat / step_lat) == cell.row and math.floor(lon / step_lon) == cell.col
        )
        assert cell.shown in (None, inside)
        assert inside > 0
