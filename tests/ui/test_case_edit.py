from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import CaseStatus, RiskLevel, Role
from db.models import Case, CounsellingRecord
from desktop.context import AppContext
from desktop.security import accounts
from tests.helpers.linking import alert, call, import_records, report
from ui.app import open_window
from ui.case_detail import CaseDetailPane
from ui.case_edit import CounsellingForm, RiskForm, StatusForm
from ui.main_window import MainWindow


def _opened(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, *, reader: bool = False
) -> tuple[MainWindow, CaseDetailPane]:
    import_records(ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333")])
    if reader:
        accounts.add_user(ctx, "reader1", "reader-pass-1", role=Role.READER)
        accounts.sign_in(ctx, "reader1", "reader-pass-1")
    return _on_the_only_case(ctx, qtbot)


def _on_the_only_case(ctx: AppContext, qtbot: QtBot) -> tuple[MainWindow, CaseDetailPane]:
    """The client opened, its one case shown in the case pane."""
    window = open_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(0)
    return window, pane


def _when_form_opens(pane: CaseDetailPane, fill: Callable[[QDialog], None]) -> None:
    """The form is modal: fill it in from inside its own event loop."""

    def act() -> None:
        assert pane.form is not None
        fill(pane.form)
        pane.form.buttons.button(pane.form.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]

    QTimer.singleShot(0, act)


def _ready(qtbot: QtBot, pane: CaseDetailPane) -> None:
    """A saved change reloads the case; its buttons come back with it."""
    qtbot.waitUntil(lambda: pane.edit_buttons["status"].isEnabled(), timeout=10_000)


def _case(ctx: AppContext) -> Case:
    with ctx.session() as session:
        case = session.get(Case, alert(ctx, "C-1").case_id)
        assert case is not None
        return case


def test_the_status_form_offers_the_moves_of_the_status_read_with_no_query(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from sqlalchemy import event

    _window, pane = _opened(ctx, qtbot, tmp_path)
    assert pane.detail is not None and pane.detail.status is CaseStatus.RECEIVED
    queries: list[str] = []

    def counted(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        queries.append(statement)

    event.listen(ctx.engine, "before_cursor_execute", counted)
    offered: list[CaseStatus] = []

    def look_and_cancel() -> None:
        form = pane.form
        assert isinstance(form, StatusForm)
        offered.extend(form.target.itemData(i) for i in range(form.target.count()))
        form.reject()

    QTimer.singleShot(0, look_and_cancel)
    try:
        pane.edit_buttons["status"].click()
    finally:
        event.remove(ctx.engine, "before_cursor_execute", counted)
    assert queries == []
    assert [CaseStatus(s) for s in offered] == [
        CaseStatus.VERIFYING,
        CaseStatus.COUNSELLING,
        CaseStatus.CLOSED,
        CaseStatus.NOT_APPLICABLE,
    ]


def test_status_risk_and_counselling_are_changed_in_place(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    _window, pane = _opened(ctx, qtbot, tmp_path)
    waits_for_a_result = ("haengbok", "handoff")  # 행복e음: nothing to enter yet
    assert all(
        b.isEnabled()
        for k, b in pane.edit_buttons.items()
        if k != "undo" and k not in waits_for_a_result
    )
    assert not any(pane.edit_buttons[k].isEnabled() for k in waits_for_a_result)
    assert not pane.edit_buttons["undo"].isEnabled()  # nothing decided yet

    def to_verifying(form: QDialog) -> None:
        assert isinstance(form, StatusForm)
        form.target.setCurrentIndex(form.target.findData(CaseStatus.VERIFYING))

    _when_form_opens(pane, to_verifying)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["status"].click()
    assert _case(ctx).status is CaseStatus.VERIFYING
    _ready(qtbot, pane)
    qtbot.waitUntil(lambda: pane.fields["status"].text() == "확인중", timeout=10_000)

    def no_reason_then_reason(form: QDialog) -> None:
        assert isinstance(form, RiskForm)
        form.level.setCurrentIndex(form.level.findData(RiskLevel.CRISIS))
        form.buttons.button(form.buttons.StandardButton.Ok).click()
        assert form.isVisible() and "이유" in form.message.text()  # refused, nothing lost
        form.reason.setText("이웃이 며칠째 못 봤다고 함")

    _when_form_opens(pane, no_reason_then_reason)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["risk"].click()
    assert _case(ctx).risk is RiskLevel.CRISIS and _case(ctx).risk_manual
    _ready(qtbot, pane)

    def counselled(form: QDialog) -> None:
        assert isinstance(form, CounsellingForm)
        form.content.setPlainText("방문해 식사 상황을 확인함")
        form.needs["경제"].setCurrentIndex(3)
        form.next_action.setText("긴급지원 신청")

    _when_form_opens(pane, counselled)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["counselling"].click()
    case = _case(ctx)
    assert case.status is CaseStatus.COUNSELLING and case.next_action_at is not None
    with ctx.session() as session:
        record = session.scalars(select(CounsellingRecord)).one()
    assert record.needs == {"경제": "높음"} and record.staff_id is not None
    qtbot.waitUntil(lambda: pane.counselling.rowCount() == 1, timeout=10_000)


def test_a_cancelled_form_changes_nothing(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    _window, pane = _opened(ctx, qtbot, tmp_path)
    version = _case(ctx).version
    QTimer.singleShot(0, lambda: pane.form.reject() if pane.form else None)
    pane.edit_buttons["status"].click()
    assert _case(ctx).version == version


def test_a_reader_cannot_edit(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    _window, pane = _opened(ctx, qtbot, tmp_path, reader=True)
    assert not any(b.isEnabled() for b in pane.edit_buttons.values())
    assert not pane.reveal_button.isEnabled()


def test_an_alert_is_split_off_and_the_split_undone(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from tests.helpers.linking import visit

    address = "부산광역시 해운대구 좌동로 10, 101동 1203호"
    import_records(ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333", 주소=address)])
    import_records(ctx, tmp_path, [visit("V-1", "이순자", address)])
    _window, pane = _on_the_only_case(ctx, qtbot)
    assert pane.timeline.rowCount() == 2
    pane.split_selected()
    assert "고르십시오" in pane.status_message.text()  # nothing chosen: nothing done
    selection = pane.timeline_view.selectionModel()
    selection.select(
        pane.timeline.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.split_selected()
    qtbot.waitUntil(lambda: pane.timeline.rowCount() == 1, timeout=10_000)
    assert "분리했습니다" in pane.status_message.text()
    qtbot.waitUntil(lambda: pane.edit_buttons["undo"].isEnabled(), timeout=10_000)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["undo"].click()
    qtbot.waitUntil(lambda: pane.timeline.rowCount() == 2, timeout=10_000)
    assert pane.last_decision is None
    qtbot.waitUntil(lambda: pane.edit_buttons["split"].isEnabled(), timeout=10_000)
    assert not pane.edit_buttons["undo"].isEnabled()


def test_the_machine_s_merge_is_shown_and_undone_from_the_decisions_tab(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.linking import visit

    address = "부산광역시 해운대구 좌동로 10, 101동 1203호"
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [visit("V-1", "김민준", address)])
    import_records(ctx, tmp_path, [visit("V-2", "김민준", address, 연락처="010-1234-5678")])
    window, pane = _on_the_only_case(ctx, qtbot)  # the two cases are one
    assert pane.timeline.rowCount() == 3
    kinds = [pane.decisions.index(r, 1).data() for r in range(pane.decisions.rowCount())]
    assert kinds == ["자동연결", "자동병합"]
    assert pane.decisions.index(1, 2).data() == "자동"
    assert not pane.edit_buttons["undo"].isEnabled()  # nothing picked, nothing decided here
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    pane.tabs.setCurrentWidget(pane.decisions_view)
    pane.decisions_view.selectionModel().select(
        pane.decisions.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert pane.edit_buttons["undo"].isEnabled()
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["undo"].click()
    assert asked and "자동병합" in asked[0]
    qtbot.waitUntil(lambda: pane.timeline.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    assert pane.decisions.index(1, 4).data() == "되돌림"


def test_a_held_case_is_found_by_its_filter_and_transferred_from_the_pane(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.office import centres
    from ui.case_edit import TransferForm
    from ui.filter_bar import STATUS_CHOICES, TERRITORY_PENDING

    centres.add_centre(ctx, "2635051000", name="좌1동", gu="해운대구")
    centres.add_centre(ctx, "2635052000", name="좌2동", gu="해운대구")
    centres.cover(ctx, "2635052000", roads=["양운로"])
    accounts.add_user(ctx, "kim", "worker-pass-1", role=Role.WORKER, centre="2635051000")
    accounts.sign_in(ctx, "kim", "worker-pass-1")
    # One call no rule places (held by kim's centre), one on 좌2동's road (not kim's).
    import_records(
        ctx,
        tmp_path,
        [
            call("C-1", "이순자", "010-2222-3333"),
            call("C-2", "박말자", "010-2222-4444", 주소="해운대구 양운로 7"),
        ],
    )
    window, pane = _on_the_only_case(ctx, qtbot)
    labels = [label for label, _ in STATUS_CHOICES]
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.status_filter.setCurrentIndex(labels.index(TERRITORY_PENDING))
    assert window.model.rowCount() == 1
    assert "관할 확인 필요" in pane.fields["territory"].text()
    assert pane.edit_buttons["confirm"].isEnabled()

    def fill(form: QDialog) -> None:
        assert isinstance(form, TransferForm)
        form.centre.setCurrentIndex(
            form.centre.findText("해운대구 좌2동 행정복지센터 (2635052000)")
        )
        form.reason.setText("주소지가 좌2동")

    _when_form_opens(pane, fill)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["transfer"].click()
    assert "좌2동 행정복지센터로 이관했습니다" in pane.title.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    with ctx.session() as session:
        case = session.get(Case, alert(ctx, "C-1").case_id)
        assert case is not None and case.routing is not None and case.routing.value == "transfer"


def test_forms_name_their_case_and_offer_the_next_step_forward(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    _window, pane = _opened(ctx, qtbot, tmp_path)
    case_id = alert(ctx, "C-1").case_id
    seen: dict[str, object] = {}

    def look(form: QDialog) -> None:
        assert isinstance(form, StatusForm)
        seen["subject"] = form.subject.text()
        seen["default"] = CaseStatus(form.target.currentData())
        form.reason.setText("첫 줄\n둘째 줄")  # a reason of several lines
        seen["reason"] = form.reason.text()
        form.reject()

    QTimer.singleShot(0, lambda: look(pane.form) if pane.form else None)
    pane.edit_buttons["status"].click()
    assert str(seen["subject"]).startswith(f"사례 {case_id}번 · 이○○")
    assert "지금 접수" in str(seen["subject"])
    assert seen["default"] is CaseStatus.VERIFYING  # forward, never a move back
    assert seen["reason"] == "첫 줄\n둘째 줄"


def test_a_first_visit_that_met_nobody_is_one_choice_with_a_retry(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from db.enums import CounsellingMethod
    from desktop.casework.actions import ABSENT

    _window, pane = _opened(ctx, qtbot, tmp_path)

    def absent(form: QDialog) -> None:
        assert isinstance(form, CounsellingForm)
        form.method.setCurrentIndex(form.method.findData(CounsellingMethod.VISIT))
        form.outcome.setCurrentIndex(form.outcome.findData(ABSENT))
        assert form.next_action.text() == "다시 방문"  # offered, with a date two days on
        assert form.problem() is None  # nothing more to write

    _when_form_opens(pane, absent)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["counselling"].click()
    case = _case(ctx)
    assert case.status is CaseStatus.RECEIVED  # nobody met: not 상담중
    assert case.due_at is not None and case.next_action_at is not None
    assert case.due_at <= case.next_action_at  # a deadline still standing comes first
    with ctx.session() as session:
        record = session.scalars(select(CounsellingRecord)).one()
    assert record.outcome == ABSENT and record.next_action == "다시 방문"


def test_the_pane_reads_history_forwards_with_who_and_marks_a_passed_deadline(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import timedelta

    from desktop.timeutil import KST
    from tests.conftest import FIXED_NOW

    old = (FIXED_NOW - timedelta(days=20)).astimezone(KST).strftime("%Y-%m-%d %H:%M")
    import_records(
        ctx, tmp_path, [report("R-1", 신고일시=old, 대상자명="이순자", 주소="해운대구 좌동로 10")]
    )
    _window, pane = _on_the_only_case(ctx, qtbot)
    assert pane.detail is not None and pane.detail.overdue
    assert "기한 지남" in pane.fields["due"].text()
    assert "b00020" in pane.fields["due"].styleSheet()  # red, as in the list

    def to_verifying(form: QDialog) -> None:
        assert isinstance(form, StatusForm)

    _when_form_opens(pane, to_verifying)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["status"].click()
    qtbot.waitUntil(lambda: pane.history.rowCount() == 2, timeout=10_000)
    first, second = pane.history.rows
    assert first[2] == "접수" and first[3] == "자동"  # opened by the import, listed first
    assert second[2] == "확인중" and second[3] == "시험관리자"
    assert len(first[0]) == len("2026-11-20 10:00")  # the whole date and time


def test_reveal_asks_why_logs_it_and_masks_again(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from db.models import AccessLog
    from ui.case_edit import ReasonForm

    _window, pane = _opened(ctx, qtbot, tmp_path)
    assert "이○○" in pane.fields["persons"].text()

    def why(form: QDialog) -> None:
        assert isinstance(form, ReasonForm)
        form.buttons.button(form.buttons.StandardButton.Ok).click()
        assert form.isVisible() and "이유" in form.message.text()  # a reason is needed
        form.reason.setText("방문 전 연락처 확인")

    _when_form_opens(pane, why)
    pane.reveal_button.click()
    qtbot.waitUntil(lambda: "이순자" in pane.fields["persons"].text(), timeout=10_000)
    with ctx.session() as session:
        row = session.scalars(select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert row is not None and row.reason == "방문 전 연락처 확인"
    assert pane.reveal_button.text() == "다시 가리기"
    pane.reveal_button.click()
    assert "이순자" not in pane.fields["persons"].text() and "이○○" in pane.fields["persons"].text()
    assert pane.reveal_button.text() == "개인정보 보기"
