"""The 지도 tab, used as a worker uses it: an area drawn on the map narrows the case list,
a double click opens a case, the cases with no place are one click from the list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.caselist.service import CaseListService
from desktop.casework.detail import CaseDetailService
from desktop.casework.today import TodayService
from desktop.context import AppContext
from desktop.mapping.service import MapService
from tests.conftest import FIXED_NOW
from tests.helpers import mapping
from tests.helpers.mapping import PlacedOffice
from ui.case_table import CASE_ID_ROLE, COL_ID
from ui.main_window import MainWindow
from ui.map_canvas import MapCanvas, scene_point


@pytest.fixture
def office(ctx: AppContext, db_url: str, tmp_path: Path) -> PlacedOffice:
    return mapping.set_up(ctx, db_url, tmp_path)


def _window(office: PlacedOffice, user: str, qtbot: QtBot) -> tuple[MainWindow, AppContext]:
    ctx = office.context(user)
    ctx.clock = lambda: FIXED_NOW
    window = MainWindow(
        CaseListService(ctx),
        detail=CaseDetailService(ctx),
        today=TodayService(ctx),
        mapping=MapService(ctx),
    )
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.reload()
    assert window.map_tab is not None
    with qtbot.waitSignal(window.map_tab.loaded, timeout=10_000):
        window.tabs.setCurrentWidget(window.map_tab)
    return window, ctx


def _listed(window: MainWindow) -> list[int]:
    model = window.model
    return sorted(model.data(model.index(r, COL_ID), CASE_ID_ROLE) for r in range(model.rowCount()))


def _on_screen(canvas: MapCanvas, case_id: int) -> QPoint:
    """Where a case's point is drawn, in the canvas's pixels."""
    scene = canvas._map
    assert scene is not None
    index = scene.points.ids.index(case_id)
    return canvas.mapFromScene(scene_point(scene.points.xs[index], scene.points.ys[index]))


def _drag(canvas: MapCanvas, corners: list[QPoint]) -> None:
    viewport = canvas.viewport()
    QTest.mousePress(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corners[0]
    )
    for corner in corners[1:]:
        QTest.mouseMove(viewport, corner)
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corners[-1]
    )


def test_an_area_drawn_on_the_map_narrows_the_case_list(office: PlacedOffice, qtbot: QtBot) -> None:
    window, ctx = _window(office, "kim", qtbot)
    try:
        every = _listed(window)
        assert set(office.a_placed) | set(office.unplaced) <= set(every)
        tab = window.map_tab
        assert tab is not None and tab.layer_action is None  # a worker loads no base map
        canvas = tab.canvas
        assert sorted(tab.scene.points.ids) == office.a_placed  # type: ignore[union-attr]
        assert "위치가 없는 사례 2건" in tab.unplaced_label.text()

        # A rectangle around cell P's five points.
        tab.mode_actions[MapCanvas.RECTANGLE].trigger()
        spots = [_on_screen(canvas, case_id) for case_id in office.cells["P"]]
        left = min(p.x() for p in spots) - 8
        right = max(p.x() for p in spots) + 8
        top = min(p.y() for p in spots) - 8
        bottom = max(p.y() for p in spots) + 8
        with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
            _drag(
                canvas, [QPoint(left, top), QPoint((left + right) // 2, top), QPoint(right, bottom)]
            )
        assert _listed(window) == sorted(office.cells["P"])
        assert window.filters.picked == frozenset(office.cells["P"])
        assert window.filters.picked_button.text() == "지도에서 고른 사례 5건 ✕"
        assert window.filters.count_label.text() == "5건"
        assert "고른 사례 5건" in tab.selection_label.text()

        # A lasso around cell Q's three points, drawn as a hand would.
        tab.mode_actions[MapCanvas.LASSO].trigger()
        spots = [_on_screen(canvas, case_id) for case_id in office.cells["Q"]]
        middle = QPointF(
            sum(p.x() for p in spots) / len(spots), sum(p.y() for p in spots) / len(spots)
        )
        reach = max(abs(p.y() - middle.y()) for p in spots) + 10
        ring = [
            QPoint(int(middle.x() + reach * dx), int(middle.y() + reach * dy))
            for dx, dy in ((0, -1), (0.7, -0.7), (1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0))
        ]
        with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
            _drag(canvas, ring)
        assert _listed(window) == sorted(office.cells["Q"])

        # The list's own button takes the choice away: every case again, nothing marked.
        with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
            window.filters.picked_button.click()
        assert _listed(window) == every and tab.selected == frozenset()
        assert window.filters.picked is None

        # The cases with no place: one click shows them in the list.
        with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
            tab.unplaced_button.click()
        assert window.tabs.currentWidget() is window.cases_tab
        assert _listed(window) == office.unplaced
    finally:
        window.close()
        ctx.close()


def test_a_double_click_on_a_point_opens_its_case(office: PlacedOffice, qtbot: QtBot) -> None:
    window, ctx = _window(office, "kim", qtbot)
    try:
        assert window.map_tab is not None and window.detail_pane is not None
        case_id = office.cells["S"][0]
        spot = _on_screen(window.map_tab.canvas, case_id)
        with qtbot.waitSignal(window.detail_pane.loaded, timeout=10_000) as shown:
            QTest.mouseDClick(
                window.map_tab.canvas.viewport(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                spot,
            )
        assert shown.args == [case_id]
        assert window.tabs.currentWidget() is window.cases_tab
    finally:
        window.close()
        ctx.close()


def test_a_reader_s_map_is_cells_without_points_or_choosing(
    office: PlacedOffice, qtbot: QtBot
) -> None:
    window, ctx = _window(office, "rho", qtbot)
    try:
        tab = window.map_tab
        assert tab is not None and tab.scene is not None
        assert len(tab.scene.points) == 0 and tab.scene.cells
        assert not any(a.isEnabled() for a in tab.mode_actions.values())
        assert "100 m 칸" in tab.source_label.text()
    finally:
        window.close()
        ctx.close()


def test_an_administrator_may_load_a_base_map_from_the_tab(
    ctx: AppContext, office: PlacedOffice, qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(CaseListService(ctx), today=TodayService(ctx), mapping=MapService(ctx))
    qtbot.addWidget(window)
    try:
        tab = window.map_tab
        assert tab is not None
        with qtbot.waitSignal(tab.loaded, timeout=10_000):
            window.tabs.setCurrentWidget(tab)
        assert tab.layer_action is not None and tab.scene is not None
        assert tab.scene.roads_traced
        roads = {"type": "LineString", "coordinates": [[129.161, 35.165], [129.169, 35.166]]}
        path = tmp_path / "roads.geojson"
        path.write_text(json.dumps(roads), encoding="utf-8")
        with qtbot.waitSignal(tab.loaded, timeout=10_000):
            tab.load_layer(path)
        assert tab.scene is not None and not tab.scene.roads_traced
        assert "기본 지도를 불러왔습니다: 도로 1개" in window.statusBar().currentMessage()
    finally:
        window.close()
