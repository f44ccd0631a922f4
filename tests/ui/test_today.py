from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from desktop.timeutil import KST
from tests.conftest import FIXED_NOW
from tests.helpers.linking import alert, call, import_records, report
from ui.app import open_window


def test_today_shows_the_days_work_and_opens_a_case(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    old = (FIXED_NOW - timedelta(days=20)).astimezone(KST).strftime("%Y-%m-%d %H:%M")
    import_records(
        ctx, tmp_path, [report("R-1", 신고일시=old, 대상자명="최말순", 주소="해운대구 좌동로 10")]
    )
    import_records(
        ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678", 상담요약="죽고 싶다고 함")]
    )
    window = open_window(ctx)
    qtbot.addWidget(window)
    today = window.today
    assert today is not None and window.tabs.currentWidget() is today
    qtbot.waitUntil(lambda: today.overdue.rowCount() >= 1, timeout=10_000)
    overdue_case = alert(ctx, "R-1").case_id
    assert int(today.overdue.rows[0][0]) == overdue_case
    assert "상담 기한" in today.overdue.rows[0][2]
    urgent_case = alert(ctx, "C-1").case_id
    assert [int(r[0]) for r in today.due_soon.rows] == [urgent_case]  # 1 working day to contact
    assert today.new_alerts.rowCount() == 2 and "AI 초기상담 1" in today.new_label.text()
    assert "기한 초과 1건" in today.headline.text()
    # Enter on a row brings the case up in the list and the case pane.
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    view = today.tables[0][0]
    view.setCurrentIndex(today.overdue.index(0, 0))
    view.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is view)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.cases_tab
    assert pane.title.text().startswith(f"사례 {overdue_case}번")


def test_a_capped_list_says_how_many_there_are_in_all(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.casework.today import Today, TodayService, today
    from ui.today_view import TodayView

    old = (FIXED_NOW - timedelta(days=20)).astimezone(KST).strftime("%Y-%m-%d %H:%M")
    import_records(
        ctx,
        tmp_path,
        [
            report("R-1", 신고일시=old, 대상자명="최말순", 주소="해운대구 좌동로 10"),
            report("R-2", 신고일시=old, 대상자명="박영자", 주소="해운대구 좌동로 20"),
        ],
    )

    class OneEach(TodayService):
        def today(self) -> Today:
            return today(ctx, limit=1)

    view = TodayView(OneEach(ctx))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()
    assert view.overdue.rowCount() == 1
    assert "가장 급한 1건 (전체 2건" in view.overdue_label.text()
    assert "기한 초과 2건" in view.headline.text()


def test_today_says_it_is_loading_and_shows_only_the_newest_load(
    ctx: AppContext, qtbot: QtBot
) -> None:
    from desktop.casework.today import TodayService
    from ui.today_view import TodayView

    view = TodayView(TodayService(ctx))
    qtbot.addWidget(view)
    shown: list[None] = []
    view.loaded.connect(lambda: shown.append(None))
    view.reload()
    assert view.headline.text() == "오늘 할 일을 불러오는 중…"
    view.reload()  # a second load replaces the first: only it is shown
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    qtbot.wait(300)  # the first load has finished by now too, unseen
    assert len(shown) == 1 and "기한 초과 0건" in view.headline.text()
