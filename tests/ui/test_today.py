from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from db.enums import RiskLevel
from desktop.context import AppContext
from desktop.timeutil import KST
from tests.conftest import FIXED_NOW
from tests.helpers.linking import alert, call, import_records, report
from ui.app import open_window


def _ago(days: int) -> str:
    return (FIXED_NOW - timedelta(days=days)).astimezone(KST).strftime("%Y-%m-%d %H:%M")


def test_today_is_a_to_do_list_urgent_first_and_opens_a_case_without_touching_the_filters(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [
            report(
                "R-1", 신고일시=_ago(20), 대상자명="최말순", 주소="해운대구 좌동로 10, 101동 1203호"
            ),
            report("R-2", 신고일시=_ago(30), 대상자명="박영자", 주소="해운대구 좌동로 20"),
        ],
    )
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "김민준", "010-1234-5678", 통화일시=_ago(0), 상담요약="죽고 싶다고 함")],
    )
    window = open_window(ctx)
    qtbot.addWidget(window)
    today = window.today
    assert today is not None and window.tabs.currentWidget() is today
    assert not window.filters.isVisibleTo(window)  # the list's filters are not Today's
    qtbot.waitUntil(lambda: today.todo.rowCount() == 3, timeout=10_000)
    first, second, third = today.todo.rows
    # 긴급 first, though due later; then by how late (R-2 is 10 days later than R-1).
    assert first.case_id == alert(ctx, "C-1").case_id and first.risk is RiskLevel.URGENT
    assert [second.case_id, third.case_id] == [alert(ctx, s).case_id for s in ("R-2", "R-1")]
    assert third.name == "최○○" and third.street == "좌동로 10" and third.days_late > 0
    assert "지남" in third.next_step and third.next_step.startswith("상담 기한")
    cells = [today.todo.index(2, c).data() for c in range(today.todo.columnCount())]
    assert cells[1] == str(third.case_id) and "최○○" in cells and "(담당자 없음)" in cells
    assert "일 지남" in cells[6]
    assert "팀 사례 3건" in today.headline.text()  # an administrator: the team's
    assert "담당자 없음 3건" in today.headline.text()
    assert today.new_alerts.rowCount() == 1 and "AI 초기상담 1" in today.new_label.text()
    assert "그 전 일의 알림 2건" in today.new_label.text()  # imported now, about last month
    # The list has a search typed in; opening a case from Today leaves it as it is.
    window.tabs.setCurrentWidget(window.cases_tab)
    assert window.filters.isVisibleTo(window)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.search.setText("박")
    window.tabs.setCurrentWidget(today)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    view = today.todo_table
    view.setCurrentIndex(today.todo.index(2, 0))
    view.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is view)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.cases_tab
    assert pane.title.text().startswith(f"사례 {third.case_id}번")
    assert window.filters.search.text() == "박"  # the filters are untouched
    assert "필터" in window.statusBar().currentMessage()
