from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg.errors
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from db.enums import CaseStatus, RiskLevel
from db.queries import CaseFilter
from desktop.caselist.service import CaseListService
from desktop.context import AppContext
from desktop.demo import populate
from ui.app import open_window
from ui.case_edit import PeriodForm
from ui.case_table import CASE_ID_ROLE, COL_DUE, COL_ID, COL_NAME, COL_RISK
from ui.filter_bar import PERIOD_7, PERIOD_CUSTOM, STATUS_CHOICES
from ui.main_window import MainWindow


def _window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    populate(ctx, households=120, seed=5, anchor=date(2026, 11, 20))
    window = MainWindow(CaseListService(ctx))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.reload()
    return window


def test_window_lists_the_open_cases_from_the_database(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    service = CaseListService(ctx)
    expected = service.ids(CaseFilter(statuses=window.current_filter().statuses))
    model = window.model
    assert model.rowCount() == len(expected) > 0
    assert [model.data(model.index(r, COL_ID), CASE_ID_ROLE) for r in range(5)] == expected[:5]
    name = model.data(model.index(0, COL_NAME))
    assert name == "(미상)" or "○" in name
    assert window.filters.count_label.text() == f"{len(expected):,}건"


def test_clicking_a_header_sorts_in_the_database(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    header = window.table.horizontalHeader()
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        header.setSortIndicator(COL_RISK, Qt.SortOrder.AscendingOrder)
    labels = [
        window.model.data(window.model.index(r, COL_RISK)) for r in range(window.model.rowCount())
    ]
    order = ["긴급", "위기", "주의", "관찰"]
    assert [order.index(x) for x in labels] == sorted(order.index(x) for x in labels)


def test_filter_and_search_narrow_the_list(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    all_open = window.model.rowCount()
    closed = [label for label, _ in STATUS_CHOICES]
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.status_filter.setCurrentIndex(closed.index(CaseStatus.CLOSED.label))
    assert 0 < window.model.rowCount() != all_open
    first = window.model.data(window.model.index(0, COL_ID), CASE_ID_ROLE)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.search.setText(f"#{first}")
    assert window.model.rowCount() == 1
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.search.setText(str(first))  # a bare number: case number or address fragment
    found = [
        window.model.data(window.model.index(r, COL_ID), CASE_ID_ROLE)
        for r in range(window.model.rowCount())
    ]
    assert first in found


def test_ctrl_f_focuses_the_search_box(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.table.setFocus()
    # Through the window, as a real key press travels (and so through the shortcut map).
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is window.filters.search)


def test_a_restored_sort_is_the_sort_the_list_uses(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.table.horizontalHeader().setSortIndicator(COL_ID, Qt.SortOrder.DescendingOrder)
    window.close()  # saves the layout
    again = MainWindow(CaseListService(ctx))
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.cases_loaded, timeout=10_000):
        again.reload()
    ids = [
        again.model.data(again.model.index(r, COL_ID), CASE_ID_ROLE)
        for r in range(again.model.rowCount())
    ]
    assert ids == sorted(ids, reverse=True)
    assert again.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_closing_the_window_while_work_runs_is_safe(ctx: AppContext, qtbot: QtBot) -> None:
    """A query still running when its window goes must not call back into the dead window."""
    import threading

    import shiboken6

    from ui.tasks import run_task

    populate(ctx, households=20, seed=5, anchor=date(2026, 11, 20))
    window = MainWindow(CaseListService(ctx))
    release = threading.Event()
    finished = threading.Event()
    called: list[object] = []

    def slow(_control: object) -> int:
        release.wait(5)
        finished.set()
        return 1

    run_task(slow, called.append, lambda *_: called.append("error"), owner=window)
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    release.set()
    finished.wait(5)
    qtbot.wait(100)  # let any queued callback arrive (none may)
    assert called == []


def _ids(window: MainWindow) -> list[int]:
    model = window.model
    return [model.data(model.index(r, COL_ID), CASE_ID_ROLE) for r in range(model.rowCount())]


def test_dong_staff_and_period_filters_narrow_the_list(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    if window.filters.dong_filter.count() == 1:
        qtbot.waitSignal(window.filter_choices_loaded, timeout=10_000).wait()
    service = CaseListService(ctx)
    statuses = window.current_filter().statuses
    # 행정동: the first one the data has.
    assert window.filters.dong_filter.count() > 1
    dong = window.filters.dong_filter.itemText(1)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.dong_filter.setCurrentIndex(1)
    assert _ids(window) == service.ids(CaseFilter(statuses=statuses, dong=dong))
    assert 0 < len(_ids(window)) < len(service.ids(CaseFilter(statuses=statuses)))
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.dong_filter.setCurrentIndex(0)
    # A member of staff (the demo assigns cases to its workers).
    staff = window.filters.assigned_filter.count() - 3
    assert staff > 0
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.assigned_filter.setCurrentIndex(3)
    chosen = window.filters.assigned_filter.itemData(3)
    assert _ids(window) == service.ids(CaseFilter(statuses=statuses, assigned_to_id=chosen))
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.assigned_filter.setCurrentIndex(0)
    # Received in the last 7 days, then two chosen dates.
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.period_filter.setCurrentIndex(PERIOD_7)
    recent = _ids(window)
    assert recent == service.ids(
        CaseFilter(statuses=statuses, opened_from=window.current_filter().opened_from)
    )
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.set_period(date(2020, 1, 1), date(2020, 12, 31))
    assert (
        _ids(window) == []
        and "2020-01-01 ~ 2020-12-31" in window.filters.period_filter.currentText()
    )


def _period_dialog(window: MainWindow, first: QDate, last: QDate) -> PeriodForm:
    """The period dialog, opened as a person does by choosing 기간 지정, with two dates."""
    window.filters.period_filter.setCurrentIndex(PERIOD_CUSTOM)
    window.filters.period_filter.activated.emit(PERIOD_CUSTOM)
    dialog = window.filters.period_dialog
    assert dialog is not None
    dialog.first.setDate(first)
    dialog.last.setDate(last)
    return dialog


def test_choosing_dates_in_the_period_dialog(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    dialog = _period_dialog(window, QDate(2026, 11, 1), QDate(2026, 11, 30))
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        dialog.accept()
    first, last = window.current_filter().opened_from, window.current_filter().opened_to
    assert first is not None and last is not None
    assert (last - first).days == 30 and window.model.rowCount() > 0


def test_risk_and_overdue_carry_a_mark_as_well_as_a_colour(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    model = window.model
    assert isinstance(model.data(model.index(0, COL_RISK), Qt.ItemDataRole.DecorationRole), QIcon)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.due_filter.setCurrentIndex(1)  # overdue
    assert model.rowCount() > 0
    mark = model.data(model.index(0, COL_DUE), Qt.ItemDataRole.DecorationRole)
    assert isinstance(mark, QIcon) and not mark.isNull()


def test_a_period_ending_before_it_starts_is_refused_in_words(
    ctx: AppContext, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window = _window(ctx, qtbot)
    dialog = _period_dialog(window, QDate(2026, 11, 30), QDate(2026, 11, 1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "앞섭니다" in dialog.message.text()
    assert window.current_filter().opened_from is None


def test_a_task_that_meets_a_full_disk_reports_it_in_korean(qtbot: QtBot) -> None:
    """Every screen shows a task's failure as "…: {error}": the error is the sentence."""
    from sqlalchemy.exc import OperationalError

    from ui.tasks import run_task

    def full(_control: object) -> None:
        raise OperationalError("INSERT INTO alerts ...", {}, psycopg.errors.DiskFull())

    failures: list[tuple[BaseException, str]] = []
    run_task(full, lambda _result: None, lambda exc, details: failures.append((exc, details)))
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    [(exc, details)] = failures
    assert str(exc) == "데이터베이스 서버의 저장 공간(디스크)이 가득 찼습니다"
    assert "DiskFull" in details  # the driver's own words, behind the details button


def test_a_change_announced_repaints_its_row_at_once(ctx: AppContext, qtbot: QtBot) -> None:
    """The case pane announces a change with the case's id: its row shows the new risk
    before the list's own query has come back."""
    from db.enums import RiskLevel
    from db.models import Case
    from desktop.casework.service import CaseworkService

    window = _window(ctx, qtbot)
    model = window.model
    case_id = model.data(model.index(0, COL_ID), CASE_ID_ROLE)
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        level = RiskLevel.URGENT if case.risk is not RiskLevel.URGENT else RiskLevel.WATCH
        version = case.version
    assert model.data(model.index(0, COL_RISK)) != level.label  # as the list read it
    CaseworkService(ctx).set_risk(case_id, version, level, "전화로 확인")
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.cases_changed.emit([case_id])
        assert model.data(model.index(0, COL_RISK)) == level.label  # before the query returns


def test_a_colleague_s_change_shows_in_the_list_and_the_pane_asks_before_reloading(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, db_url: str
) -> None:
    """Two clients on one database: a status change on the other PC reaches this one's
    list without F5; the pane showing that case says so and reloads only when asked."""
    from db.enums import CaseStatus
    from desktop.casework.workflow import change_status
    from desktop.context import open_database
    from tests.conftest import FIXED_NOW, as_tester
    from tests.helpers.linking import alert, call, import_records

    import_records(ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333")])
    window = open_window(ctx)
    qtbot.addWidget(window)
    window._feed_timer.setInterval(100)  # type: ignore[attr-defined]
    window.show()
    window.tabs.setCurrentWidget(window.cases_tab)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(0)
    case_id = alert(ctx, "C-1").case_id
    assert case_id is not None
    other = open_database(db_url)  # the colleague's PC
    other.clock = lambda: FIXED_NOW
    other.actor = as_tester(other)
    try:
        change_status(other, case_id, CaseStatus.VERIFYING, expected_version=None)
    finally:
        other.close()
    status = window.model.index(0, 2)
    qtbot.waitUntil(lambda: status.data() == "확인중", timeout=10_000)  # the list followed
    qtbot.waitUntil(lambda: pane.stale.isVisible(), timeout=10_000)  # the pane asks
    assert pane.fields["status"].text() == "접수"  # not replaced under the worker's hands
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.reload_button.click()
    assert pane.fields["status"].text() == "확인중" and not pane.stale.isVisible()


def test_a_colleague_s_save_leaves_this_worker_s_place_in_the_list(
    ctx: AppContext, qtbot: QtBot, db_url: str
) -> None:
    """The list following another PC's write (the changed row read again; on SQLite, which
    says only that something changed, the list asked again) keeps the case selected here
    (and does not open it again) and the row at the top where it was."""
    from desktop.casework.service import CaseworkService
    from desktop.context import open_database
    from tests.conftest import FIXED_NOW, as_tester

    populate(ctx, households=120, seed=5, anchor=date(2026, 11, 20))
    window = open_window(ctx)
    qtbot.addWidget(window)
    window._feed_timer.setInterval(100)  # type: ignore[attr-defined]
    window.resize(900, 400)
    window.show()
    window.tabs.setCurrentWidget(window.cases_tab)
    model, table = window.model, window.table
    qtbot.waitUntil(lambda: model.rowCount() > 40, timeout=10_000)
    table.scrollTo(model.index(30, 0), table.ScrollHint.PositionAtTop)
    table.selectRow(32)
    chosen, top = model.case_id(32), model.case_id(table.rowAt(0))
    pane = window.detail_pane
    assert pane is not None
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == chosen, timeout=10_000)
    opened: list[int] = []
    pane.loaded.connect(opened.append)
    other = open_database(db_url)  # a colleague's PC changes another case
    other.clock = lambda: FIXED_NOW
    other.actor = as_tester(other)
    try:
        with other.session() as session:
            from db.models import Case

            case = session.get(Case, model.case_id(0))
            assert case is not None
            version = case.version
        CaseworkService(other).set_risk(model.case_id(0), version, RiskLevel.URGENT, "재신고")
    finally:
        other.close()
    risk = model.index(0, COL_RISK)
    qtbot.waitUntil(lambda: risk.data() == "긴급", timeout=15_000)  # the live list followed
    assert model.case_id(table.currentIndex().row()) == chosen
    assert table.selectionModel().isRowSelected(table.currentIndex().row())
    assert model.case_id(table.rowAt(0)) == top
    qtbot.wait(300)  # longer than the pane's open delay
    assert chosen not in opened  # selected again, not opened again
