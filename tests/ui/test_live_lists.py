"""Live lists refresh only what a colleague changed (issue 25): her change to one case
repaints that row (on PostgreSQL without resetting the list: the notice names the case),
never touches the pane showing another case, and tells the pane when its own case changed;
her import brings the new cases into the list. The colleague works on another PC (a
context of its own on the same database); the window follows its real change feed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.enums import CaseStatus, RiskLevel
from desktop.casework.detail import CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.context import AppContext, open_database
from tests.conftest import BACKEND, FIXED_NOW
from tests.helpers.linking import alert, call, import_records
from tests.helpers.office import dong_team, sign_in
from ui.app import open_window
from ui.case_table import COL_RISK, COL_STATUS
from ui.main_window import MainWindow


@pytest.fixture
def colleague(db_url: str) -> Iterator[AppContext]:
    """이영희's PC: another connection to the same database, signed in as her."""
    other = open_database(db_url)
    other.clock = lambda: FIXED_NOW
    try:
        yield other
    finally:
        other.close()


@pytest.fixture
def three_cases(ctx: AppContext, tmp_path: Path) -> list[int]:
    first = dong_team(ctx, tmp_path)  # 김지은 is signed in on this PC
    import_records(
        ctx,
        tmp_path,
        [
            call("A-2", "박서연", "010-5555-0202", 주소="해운대구 좌동순환로 7"),
            call("A-3", "최현우", "010-5555-0303", 주소="해운대구 좌동순환로 9"),
        ],
    )
    ids = [first, alert(ctx, "A-2").case_id, alert(ctx, "A-3").case_id]
    assert None not in ids and len(set(ids)) == 3
    return [i for i in ids if i is not None]


def _window(ctx: AppContext, qtbot: QtBot, rows: int) -> MainWindow:
    window = open_window(ctx)
    qtbot.addWidget(window)
    window._feed_timer.setInterval(100)
    window.show()
    window.tabs.setCurrentWidget(window.cases_tab)
    qtbot.waitUntil(lambda: window.model.rowCount() == rows, timeout=10_000)
    return window


def _edit(colleague: AppContext, case_id: int, **change: object) -> None:
    sign_in(colleague, "lee")
    version = CaseDetailService(colleague).detail(case_id).version
    work = CaseworkService(colleague)
    if "risk" in change:
        work.set_risk(case_id, version, RiskLevel(change["risk"]), "이웃 재신고")
    else:
        work.change_status(case_id, version, CaseStatus(change["status"]), None)


def test_a_colleague_s_change_repaints_its_row_and_leaves_another_case_s_pane_alone(
    ctx: AppContext, three_cases: list[int], colleague: AppContext, qtbot: QtBot
) -> None:
    first, second, _third = three_cases
    window = _window(ctx, qtbot, 3)
    model, pane = window.model, window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(model.row_of(first) or 0)
    shown = pane.detail
    assert shown is not None and shown.id == first
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    pane.loaded.connect(lambda *_: resets.append(100))  # the pane reloaded: must not be

    # 이영희 makes the second case urgent: its row shows it without F5.
    _edit(colleague, second, risk=RiskLevel.URGENT.value)
    second_row = model.row_of(second)
    assert second_row is not None
    risk = model.index(second_row, COL_RISK)
    qtbot.waitUntil(lambda: risk.data() == "긴급", timeout=15_000)
    qtbot.wait(400)  # anything else the notice set off has arrived
    if BACKEND == "postgresql":
        assert resets == []  # one row read again: no list reset, the pane untouched
    else:
        assert 100 not in resets  # SQLite says only "something": the list is asked again
    assert pane.detail is shown and not pane.stale.isVisible()
    assert model.rowCount() == 3 and model.case_id(window.table.currentIndex().row()) == first

    # Her change to the case on screen: the pane says so, and is not replaced.
    _edit(colleague, first, status=CaseStatus.VERIFYING.value)
    first_row = model.row_of(first)
    assert first_row is not None
    status = model.index(first_row, COL_STATUS)
    qtbot.waitUntil(lambda: status.data() == "확인중", timeout=15_000)
    qtbot.waitUntil(pane.stale.isVisible, timeout=15_000)
    assert pane.detail is shown and pane.fields["status"].text() == "접수"


def test_a_colleague_s_import_brings_its_new_cases_into_the_list(
    ctx: AppContext, three_cases: list[int], colleague: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(ctx, qtbot, 3)
    sign_in(colleague, "lee")
    import_records(
        colleague,
        tmp_path,
        [call("B-1", "정희", "010-5555-0404", 주소="해운대구 좌동순환로 11")],
    )
    new = alert(ctx, "B-1").case_id
    assert new is not None and new not in three_cases
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=15_000)
    assert window.model.holds(new)
