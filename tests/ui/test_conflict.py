"""A save that meets a colleague's newer version (issue 25): the worker is shown what the
colleague changed and both versions, and applies their own change again on top or lets it
go. The colleague works on another PC (a context of its own on the same database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import AccessAction, CaseStatus, RiskLevel
from db.models import AccessLog, Case, CaseStatusChange
from desktop.casework.service import CaseworkService
from desktop.context import AppContext, open_database
from tests.conftest import FIXED_NOW
from tests.helpers.office import dong_team, sign_in
from ui.app import open_window
from ui.case_detail import CaseDetailPane
from ui.case_edit import StatusForm
from ui.conflict_dialog import ConflictDialog


@pytest.fixture
def colleague(db_url: str) -> Iterator[AppContext]:
    """이영희's PC: another connection to the same database, signed in as her."""
    other = open_database(db_url)
    other.clock = lambda: FIXED_NOW
    try:
        yield other
    finally:
        other.close()


def _pane(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> tuple[int, CaseDetailPane]:
    case_id = dong_team(ctx, tmp_path)  # 김지은 is signed in on this PC
    window = open_window(ctx)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.cases_tab)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(0)
    return case_id, pane


def _colleague_moves_it_on(colleague: AppContext, case_id: int) -> None:
    sign_in(colleague, "lee")
    work = CaseworkService(colleague)
    with colleague.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        version = case.version
    version = work.set_risk(case_id, version, RiskLevel.URGENT, "이웃 재신고")
    work.change_status(case_id, version, CaseStatus.VERIFYING, None)


def _save_counselling_status(pane: CaseDetailPane) -> None:
    """김지은 fills in the status form she opened before the colleague saved."""

    def fill() -> None:
        form = pane.form
        assert isinstance(form, StatusForm)
        form.target.setCurrentIndex(form.target.findData(CaseStatus.COUNSELLING))
        form.buttons.button(form.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    pane.edit_buttons["status"].click()


def _dialog(qtbot: QtBot, pane: CaseDetailPane) -> ConflictDialog:
    qtbot.waitUntil(lambda: pane.conflict_dialog is not None, timeout=10_000)
    dialog = pane.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_conflict_shows_the_colleague_s_changes_and_both_versions_and_applies_mine(
    ctx: AppContext, colleague: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    case_id, pane = _pane(ctx, qtbot, tmp_path)
    _colleague_moves_it_on(colleague, case_id)
    _save_counselling_status(pane)
    dialog = _dialog(qtbot, pane)
    changes = [dialog.changes.rows[r][1:5] for r in range(dialog.changes.rowCount())]
    assert ("이영희", "위험도", "주의", "긴급") in changes
    assert ("이영희", "상태", "접수", "확인중") in changes
    versions = {row[0]: row[1:] for row in dialog.versions.rows}
    assert versions["≠ 상태"] == ("접수", "확인중")  # as she saw it, as it is now
    assert versions["≠ 위험도"] == ("주의", "긴급")
    assert versions["담당자"] == ("미배정", "미배정")
    assert dialog.mine.text() == "내 변경: 상태 → 상담중"
    assert pane.fields["status"].text() == "확인중"  # the pane shows the case as it is now
    dialog.grab().save(str(tmp_path / "conflict.png"))

    with qtbot.waitSignal(pane.changed, timeout=10_000):
        dialog.apply_button.click()  # hers again, on top of the colleague's
    qtbot.waitUntil(lambda: pane.fields["status"].text() == "상담중", timeout=10_000)
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is CaseStatus.COUNSELLING
        assert case.risk is RiskLevel.URGENT  # the colleague's change stands
        moves = session.execute(
            select(CaseStatusChange.to_status, CaseStatusChange.changed_by_id)
            .where(CaseStatusChange.case_id == case_id)
            .order_by(CaseStatusChange.id)
        ).all()
        writers = session.scalars(
            select(AccessLog.username).where(
                AccessLog.subject == f"case:{case_id}", AccessLog.action == AccessAction.UPDATE
            )
        ).all()
    assert [m.to_status for m in moves][-2:] == [CaseStatus.VERIFYING, CaseStatus.COUNSELLING]
    assert {"kim", "lee"} <= set(writers)  # the access log holds both saves


def test_letting_my_change_go_keeps_the_colleague_s(
    ctx: AppContext, colleague: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    case_id, pane = _pane(ctx, qtbot, tmp_path)
    _colleague_moves_it_on(colleague, case_id)
    _save_counselling_status(pane)
    dialog = _dialog(qtbot, pane)
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: pane.conflict_dialog is None, timeout=10_000)
    assert pane.status_message.text() == "내 변경을 버렸습니다"
    assert pane.fields["status"].text() == "확인중"
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is CaseStatus.VERIFYING
