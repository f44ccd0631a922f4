from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from tests.helpers.linking import alert, call, import_records, visit
from ui.app import open_window
from ui.main_window import MainWindow

ADDRESS = "부산광역시 해운대구 좌동로 10, 101동 1203호"


def _window(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> MainWindow:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "이순자", "010-2222-3333", 주소=ADDRESS, 상담요약="며칠째 못 먹었다고 함")],
    )
    import_records(ctx, tmp_path, [visit("V-1", "이순자", ADDRESS, 관찰사항="우편물적체")])
    window = open_window(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    return window


def test_selecting_a_case_shows_it_in_full_masked(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(ctx, qtbot, tmp_path)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(0)
    case_id = alert(ctx, "C-1").case_id
    assert pane.title.text().startswith(f"사례 {case_id}번")
    assert pane.timeline.rowCount() == 2  # the call and the visit, one household
    channels = {pane.timeline.data(pane.timeline.index(r, 1)) for r in range(2)}
    assert channels == {"AI 초기상담", "안부 살핌 우편"}
    persons = pane.fields["persons"].text()
    assert "이○○" in persons and "010-****-3333" in persons and "이순자" not in persons
    assert "위험 표현: 며칠째 못 먹음" in pane.fields["risk"].text()


def test_enter_opens_the_case_and_raw_records_are_viewable(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(ctx, qtbot, tmp_path)
    pane = window.detail_pane
    assert pane is not None
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.tabs.setCurrentWidget(window.cases_tab)  # the window opens on Today
    window.table.setCurrentIndex(window.model.index(0, 0))
    window.table.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.table)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.focusWidget() is pane.timeline_view)
    pane.timeline_view.setCurrentIndex(pane.timeline.index(0, 0))
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)  # Enter on the first alert
    qtbot.waitUntil(lambda: hasattr(pane, "raw_dialog") and pane.raw_dialog.isVisible())
    text = pane.raw_dialog.findChild(QPlainTextEdit)
    assert text is not None and "상담ID: C-1" in text.toPlainText()
    pane.raw_dialog.close()
