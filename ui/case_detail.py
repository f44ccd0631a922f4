"""The case pane: one case in full beside the list (masked; raw records on request)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.casework.conflicts import CaseConflict
from desktop.casework.detail import CaseDetail, CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.casework.workflow import CaseConflictError, CaseworkError
from desktop.linking.decisions import ReviewService
from desktop.security.access import Permission
from desktop.timeutil import format_kst
from ui.case_edit import (
    AssignForm,
    CounsellingForm,
    HaengbokForm,
    ReasonForm,
    RiskForm,
    StatusForm,
    SupportForm,
    TransferForm,
    VisitsForm,
)
from ui.conflict_dialog import ConflictDialog
from ui.errors import show_failure
from ui.i18n import tr
from ui.rows_model import TupleRowsModel
from ui.tasks import Task, run_task


class CaseDetailPane(QWidget):
    loaded = Signal(int)
    """Emitted with the case id once its details are shown."""

    changed = Signal(int)
    """Emitted with the case id after a change was saved (the list refreshes)."""

    handoff_requested = Signal(int)
    """Emitted with the case id when the worker asks for its 행복e음 입력표 (the window
    opens the reports form on it: the reason is asked there)."""

    def __init__(
        self,
        service: CaseDetailService,
        casework: CaseworkService | None = None,
        review: ReviewService | None = None,
    ) -> None:
        super().__init__()
        self._service = service
        self._casework = casework
        self._review = review
        self.last_decision: int | None = None
        self.form: QDialog | None = None  # the open change form (tests fill it in)
        self._task: Task | None = None
        self.detail: CaseDetail | None = None
        self.title = QLabel(tr("사례를 고르십시오"))
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("status", tr("상태")),
            ("risk", tr("위험도")),
            ("assigned", tr("담당자")),
            ("due", tr("처리기한")),
            ("address", tr("주소")),
            ("territory", tr("관할")),
            ("haengbok", tr("행복e음")),
            ("persons", tr("가구원")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.timeline = TupleRowsModel(
            (tr("일시"), tr("채널"), tr("원본번호"), tr("연결"), tr("내용"))
        )
        self.counselling = TupleRowsModel((tr("일시"), tr("방법"), tr("내용"), tr("다음 조치")))
        self.support = TupleRowsModel((tr("자원"), tr("구분"), tr("상태"), tr("의뢰일")))
        self.history = TupleRowsModel(
            (tr("일시"), tr("이전"), tr("변경"), tr("바꾼 사람"), tr("사유"))
        )
        self.decisions = TupleRowsModel(
            (tr("일시"), tr("결정"), tr("결정한 사람"), tr("사유"), tr("상태"))
        )
        self.tabs = QTabWidget()
        self.timeline_view = self._table(self.timeline, stretch=4)
        self.timeline_view.doubleClicked.connect(self._show_raw)
        self.timeline_view.activated.connect(self._show_raw)  # Enter on a row
        self.timeline_view.setToolTip(
            tr("Enter 또는 두 번 누르면 받은 그대로의 원본 기록을 봅니다")
        )
        self.tabs.addTab(self.timeline_view, tr("알림 타임라인"))
        self.counselling_view = self._table(self.counselling, stretch=2)
        self.tabs.addTab(self.counselling_view, tr("상담"))
        self.support_view = self._table(self.support, stretch=0)
        self.tabs.addTab(self.support_view, tr("지원 연계"))
        self.history_view = self._table(self.history, stretch=4)
        self.tabs.addTab(self.history_view, tr("상태 이력"))
        self.decisions_view = self._table(self.decisions, stretch=3)
        self.decisions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.decisions_view.setToolTip(
            tr("연결·병합·분리 결정: 하나를 골라 '결정 되돌리기'(Ctrl+Shift+Z)로 되돌립니다")
        )
        self.decisions_view.selectionModel().selectionChanged.connect(self._enable_undo)
        self.tabs.addTab(self.decisions_view, tr("연결 결정"))
        self.revealed = False  # the shown case's names and numbers are in full
        self.reveal_button = QPushButton(tr("개인정보 보기"))
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.reveal_button.setToolTip(
            tr("가려진 이름·연락처를 펼쳐 봅니다 (Ctrl+Shift+R). 접속기록에 남습니다.")
        )
        self.reveal_button.setEnabled(False)
        self.reveal_button.clicked.connect(self.reveal)
        form.addRow("", self.reveal_button)
        self.edit_buttons: dict[str, QPushButton] = {}
        edits = QGridLayout()  # two rows: the list beside the pane keeps its width
        edits.setHorizontalSpacing(4)
        for key, label, keys, handler in (
            ("status", tr("상태 변경…"), "Ctrl+Shift+S", self.edit_status),
            ("risk", tr("위험도…"), "Ctrl+Shift+K", self.edit_risk),
            ("assign", tr("담당자…"), "Ctrl+Shift+A", self.edit_assignee),
            ("counselling", tr("상담 기록…"), "Ctrl+Shift+C", self.add_counselling),
            ("support", tr("지원 연계…"), "Ctrl+Shift+L", self.add_support),
            ("council", tr("협의체 안건"), "Ctrl+Shift+M", self.toggle_council),
            ("merge", tr("사례 병합…"), "Ctrl+Shift+G", self.merge_other),
            ("split", tr("선택한 알림 분리"), "Ctrl+Shift+X", self.split_selected),
            ("undo", tr("결정 되돌리기"), "Ctrl+Shift+Z", self.undo_decision),
            ("confirm", tr("관할 확인"), "Ctrl+Shift+H", self.confirm_centre),
            ("transfer", tr("이관…"), "Ctrl+Shift+T", self.transfer),
            ("visits", tr("안부 살핌 우편…"), "Ctrl+Shift+V", self.edit_visits),
            ("haengbok", tr("처리번호…"), "Ctrl+Shift+N", self.edit_haengbok),
            ("handoff", tr("행복e음 입력표…"), "Ctrl+Shift+E", self.request_handoff),
        ):
            button = QPushButton(label)
            button.setObjectName(f"edit_{key}")
            button.setShortcut(QKeySequence(keys))
            button.setToolTip(f"{label} ({keys})")
            button.setEnabled(False)
            button.clicked.connect(handler)
            edits.addWidget(button, len(self.edit_buttons) // 5, len(self.edit_buttons) % 5)
            self.edit_buttons[key] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(edits)
        layout.addWidget(self.tabs, stretch=1)
        self.status_message = QLabel("")
        self.status_message.setObjectName("status_message")
        layout.addWidget(self.status_message)
        # Another PC changed the case shown: said, never replaced under the worker's hands.
        self.stale = QWidget()
        stale_row = QHBoxLayout(self.stale)
        stale_row.setContentsMargins(0, 0, 0, 0)
        self.stale_label = QLabel(tr("다른 직원이 이 사례를 바꾸었습니다."))
        self.stale_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.reload_button = QPushButton(tr("다시 불러오기"))
        self.reload_button.clicked.connect(self.reload_current)
        stale_row.addWidget(self.stale_label, stretch=1)
        stale_row.addWidget(self.reload_button)
        self.stale.setVisible(False)
        layout.insertWidget(1, self.stale)
        self._saved_at = 0.0  # monotonic time of this pane's last save
        self.conflict_dialog: ConflictDialog | None = None  # open after a save met a newer one

    @staticmethod
    def _table(model: TupleRowsModel, *, stretch: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(False)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    def show_case(self, case_id: int) -> None:
        """Load a case off the UI thread and show it (a newer request replaces an older)."""
        service = self._service
        task = run_task(
            lambda _c: service.detail(case_id),
            lambda detail: self._show(task, detail),
            lambda exc, details: show_failure(self, tr("사례를 불러오지 못했습니다"), exc, details),
            owner=self,
        )
        self._task = task

    def _show(self, task: Task, detail: Any) -> None:
        if task is not self._task or not isinstance(detail, CaseDetail):
            return
        self._display(detail)

    def _display(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.title.setText(
            tr("사례 {0}번 · 첫 알림 {1}").format(
                detail.id, format_kst(detail.opened_at, with_time=False)
            )
        )
        status = tr(detail.status.label)
        if detail.closure_reason is not None:
            status += f" — {tr(detail.closure_reason.label)}"
        self.fields["status"].setText(status)
        # 행복e음: the 처리번호 once recorded; a result without one waits to be entered.
        if detail.haengbok_eum_no:
            self.fields["haengbok"].setText(tr("처리번호 {0}").format(detail.haengbok_eum_no))
        elif detail.has_result:
            self.fields["haengbok"].setText(
                tr("입력 대기 — 행복e음에 입력한 뒤 처리번호를 적습니다")
            )
        else:
            self.fields["haengbok"].setText(tr("결과 전"))
        self.fields["haengbok"].setStyleSheet(
            "color: #8a5a00; font-weight: bold"
            if detail.has_result and not detail.haengbok_eum_no
            else ""
        )
        self.fields["risk"].setText(f"{tr(detail.risk.label)} — {detail.risk_reason}")
        self.fields["assigned"].setText(tr(detail.assigned_to))
        due = format_kst(detail.due_at) or "-"
        nxt = format_kst(detail.next_action_at)
        if detail.overdue:
            due = tr("{0} — 기한 지남").format(due)
        self.fields["due"].setText(f"{due}" + (tr(" (다음 조치 {0})").format(nxt) if nxt else ""))
        # Red as in the list: a passed deadline must not read as an ordinary date.
        self.fields["due"].setStyleSheet(
            "color: #b00020; font-weight: bold" if detail.overdue else ""
        )
        self.fields["address"].setText(
            " · ".join(p for p in (detail.address, detail.dong, detail.household_type) if p)
        )
        self.fields["persons"].setText("\n".join(detail.persons) or tr("(가구원 정보 없음)"))
        self.revealed = False  # another case, or the same reloaded: masked again
        self.stale.setVisible(False)
        self.reveal_button.setText(tr("개인정보 보기"))
        territory = detail.territory.removeprefix("관할: ")
        if detail.move_question:
            territory += "\n" + detail.move_question
        self.fields["territory"].setText(territory)
        self.fields["territory"].setStyleSheet(
            "color: #b00020" if detail.territory_pending or detail.move_question else ""
        )
        self.reveal_button.setEnabled(self._service.can(Permission.REVEAL))
        editable = self._casework is not None and self._casework.can_edit()
        linking = self._review is not None and self._review.can_review()
        for key, button in self.edit_buttons.items():
            if key in ("merge", "split"):
                button.setEnabled(linking)
            elif key == "undo":
                continue  # see _enable_undo
            elif key == "confirm":  # only when a person must still say whose case it is
                button.setEnabled(
                    editable and (detail.territory_pending or bool(detail.move_question))
                )
            elif key == "haengbok":  # a result, or a number to correct
                button.setEnabled(editable and (detail.has_result or bool(detail.haengbok_eum_no)))
            elif key == "handoff":  # full personal data: the case card's permission
                button.setEnabled(detail.has_result and self._service.can(Permission.PRINT_CASE))
            else:
                button.setEnabled(editable)
        self.timeline.set_rows(
            [
                (
                    format_kst(t.occurred_at),
                    tr(t.channel.label),
                    t.source_id,
                    tr(t.link.label) if t.link else "",
                    t.summary,
                )
                for t in detail.timeline
            ]
        )
        self.counselling.set_rows(
            [
                (format_kst(c.held_at), tr(c.method.label), c.content, c.next_action)
                for c in detail.counselling
            ]
        )
        self.support.set_rows(
            [
                (
                    s.resource,
                    tr(s.kind.label),
                    tr(s.status.label),
                    format_kst(s.requested_at, with_time=False),
                )
                for s in detail.support
            ]
        )
        self.history.set_rows(
            [
                (
                    format_kst(h.changed_at),
                    tr(h.from_status.label) if h.from_status else "-",
                    tr(h.to_status.label),
                    tr(h.by),
                    h.reason,
                )
                for h in detail.history
            ]
        )
        self.decisions.set_rows(
            [
                (
                    format_kst(d.decided_at),
                    tr(d.kind.label),
                    tr(d.by),
                    d.reason,
                    tr("되돌림") if d.undone else "",
                )
                for d in detail.decisions
            ]
        )
        self._enable_undo()
        # Dates and names whole: every column but the one that stretches fits its text.
        for view in (
            self.timeline_view,
            self.counselling_view,
            self.support_view,
            self.history_view,
            self.decisions_view,
        ):
            view.resizeColumnsToContents()
        self.loaded.emit(detail.id)

    # -- changes ----------------------------------------------------------------------------

    def _save(
        self,
        work: Callable[[CaseworkService, CaseDetail], object],
        done: str,
        mine: str,
        saved: Callable[[CaseDetail, object], None] | None = None,
    ) -> None:
        """Run one change off the UI thread; then show the case again and announce it
        (or ``saved``). A save that meets a newer version shows what changed and offers
        to apply ``mine`` (the change in words) again on top."""
        detail, casework = self.detail, self._casework
        if detail is None or casework is None:
            return
        for button in self.edit_buttons.values():
            button.setEnabled(False)

        def succeeded(result: object) -> None:
            self._saved_at = time.monotonic()
            if saved is not None:
                saved(detail, result)
                return
            self.status_message.setText(done)
            self.changed.emit(detail.id)
            self.show_case(detail.id)

        def failed(exc: BaseException, details: str) -> None:
            if isinstance(exc, CaseConflictError):
                self._resolve(detail, work, done, mine, saved)
                return
            self.show_case(detail.id)  # the newest version, whatever happened
            show_failure(
                self,
                None if isinstance(exc, CaseworkError) else tr("저장하지 못했습니다"),
                exc,
                details,
            )

        run_task(lambda _c: work(casework, detail), succeeded, failed, owner=self)

    def _resolve(
        self,
        seen: CaseDetail,
        work: Callable[[CaseworkService, CaseDetail], object],
        done: str,
        mine: str,
        saved: Callable[[CaseDetail, object], None] | None,
    ) -> None:
        """Someone else saved first: the pane shows the case as it is now, and a dialog
        what they changed since ``seen``, both versions, and the worker's own change."""
        casework, service = self._casework, self._service
        assert casework is not None

        def look(_control: object) -> tuple[CaseConflict, CaseDetail]:
            return casework.changes_since(seen.id, seen.version), service.detail(seen.id)

        def shown(result: Any) -> None:
            conflict, now = result
            self._task = None  # an older load must not replace this one
            self._display(now)
            dialog = ConflictDialog(conflict, seen, now, mine, self)
            self.conflict_dialog = dialog
            self.changed.emit(seen.id)  # the list shows the other person's change too

            def answered(code: int) -> None:
                self.conflict_dialog = None
                if code == QDialog.DialogCode.Accepted:
                    self._save(work, done, mine, saved)  # on the version shown now
                else:
                    self.status_message.setText(tr("내 변경을 버렸습니다"))

            dialog.finished.connect(answered)
            dialog.open()

        def failed(exc: BaseException, details: str) -> None:
            self.show_case(seen.id)
            show_failure(self, tr("사례를 불러오지 못했습니다"), exc, details)

        run_task(look, shown, failed, owner=self)

    def check_stale(self) -> None:
        """Whether the case shown was changed elsewhere since it was read (after a change
        notice): the pane says so and offers to reload; it never reloads by itself."""
        detail = self.detail
        if detail is None or time.monotonic() - self._saved_at < 3.0:
            return  # nothing shown, or this pane's own save is arriving
        service, shown = self._service, detail

        def compared(version: object) -> None:
            if self.detail is shown and version != shown.version:
                self.stale.setVisible(True)

        run_task(lambda _c: service.version(shown.id), compared, lambda *_: None, owner=self)

    def reload_current(self) -> None:
        if self.detail is not None:
            self.show_case(self.detail.id)

    def _subject(self) -> str:
        """The case a form acts on, in one line: number, who (masked), status, risk."""
        detail = self.detail
        if detail is None:
            return ""
        who = detail.persons[0] if detail.persons else tr("(가구원 정보 없음)")
        return tr("사례 {0}번 · {1} · 지금 {2} · {3}").format(
            detail.id, who, tr(detail.status.label), tr(detail.risk.label)
        )

    def edit_status(self) -> None:
        if self.detail is None or self._casework is None:
            return
        choices = self.detail.next_statuses()
        reasons = {c for c in choices if self.detail.needs_reason(c)}
        form = StatusForm(
            choices, reasons, self, current=self.detail.status, subject=self._subject()
        )
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        target, reason, closure = form.chosen(), form.reason.text().strip(), form.closure_reason()
        mine = tr("상태 → {0}").format(tr(target.label))
        if closure is not None:
            mine += tr(" ({0})").format(tr(closure.label))
        if reason:
            mine += tr(" — 사유: {0}").format(reason)
        self._save(
            lambda cw, d: cw.change_status(d.id, d.version, target, reason or None, closure),
            tr("상태를 바꿨습니다: {0}").format(tr(target.label)),
            mine,
        )

    def edit_risk(self) -> None:
        if self.detail is None:
            return
        form = RiskForm(self.detail.risk, self, subject=self._subject())
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        level, reason = form.chosen(), form.reason.text().strip()
        self._save(
            lambda cw, d: cw.set_risk(d.id, d.version, level, reason),
            tr("위험도를 바꿨습니다: {0}").format(tr(level.label)),
            tr("위험도 → {0} — 이유: {1}").format(tr(level.label), reason),
        )

    def edit_assignee(self) -> None:
        if self.detail is None or self._casework is None:
            return
        form = AssignForm(self._casework.staff(), self, subject=self._subject())
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        staff_id = form.chosen()
        who = form.staff.currentText()
        self._save(
            lambda cw, d: cw.assign(d.id, staff_id),
            tr("담당자를 바꿨습니다"),
            tr("담당자 → {0}").format(who),
        )

    def add_counselling(self) -> None:
        if self.detail is None or self._casework is None:
            return
        form = CounsellingForm(self._casework.now(), self, subject=self._subject())
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        record = form.record()
        self._save(
            lambda cw, d: cw.record_counselling(d.id, d.version, record),
            tr("상담 기록을 저장했습니다"),
            tr("상담 기록 추가 ({0} · {1}): {2}").format(
                tr(record.method.label), tr(record.outcome or ""), record.content
            ),
        )

    def add_support(self) -> None:
        if self.detail is None or self._casework is None:
            return
        form = SupportForm(self._casework.resources(), self, subject=self._subject())
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        resource, note = form.chosen(), form.note.text().strip()
        self._save(
            lambda cw, d: cw.link_support(d.id, d.version, resource, note, cw.now()),
            tr("지원 연계를 기록했습니다"),
            tr("지원 연계 추가: {0}").format(form.resource.currentText()),
        )

    def edit_visits(self) -> None:
        """안부 살핌 우편: put the household in the carriers' visits, change or end its plan."""
        if self.detail is None or self._casework is None:
            return
        casework, case_id = self._casework, self.detail.id
        form = VisitsForm(
            casework.programme(case_id),
            casework.public_care(case_id),
            casework.post_offices(),
            self,
            subject=self._subject(),
        )
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        if form.leaving:
            self._save(
                lambda cw, d: cw.leave_visits(d.id),
                tr("안부 살핌 우편 대상에서 뺐습니다"),
                tr("안부 살핌 우편 중지"),
            )
            return
        group, cycle, office, items = form.chosen()
        self._save(
            lambda cw, d: cw.enrol(d.id, group, cycle, office, items),
            tr("안부 살핌 우편 대상으로 정했습니다"),
            tr("안부 살핌 우편 {0}, {1}주마다, {2}").format(group, cycle // 7, office),
        )

    def toggle_council(self) -> None:
        if self.detail is None:
            return
        flagged = not self.detail.flagged_for_council
        self._save(
            lambda cw, d: cw.flag_for_council(d.id, d.version, flagged),
            tr("협의체 안건에 올렸습니다") if flagged else tr("협의체 안건에서 내렸습니다"),
            tr("협의체 안건에 올림") if flagged else tr("협의체 안건에서 내림"),
        )

    def confirm_centre(self) -> None:
        """관할 확인: the case is this centre's (held for now, or asked about a move)."""
        if self.detail is None:
            return
        self._save(
            lambda cw, d: cw.confirm_centre(d.id, d.version),
            tr("관할을 확인했습니다"),
            tr("관할 확인"),
        )

    def edit_haengbok(self) -> None:
        """행복e음 처리번호: what 행복e음 gave the result, written back on the case."""
        detail = self.detail
        if detail is None or self._casework is None:
            return
        result = tr(detail.status.label) + (
            f" — {tr(detail.closure_reason.label)}" if detail.closure_reason else ""
        )
        form = HaengbokForm(detail.haengbok_eum_no, result, self, subject=self._subject())
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        number = form.chosen()
        self._save(
            lambda cw, d: cw.record_haengbok(d.id, d.version, number),
            tr("행복e음 처리번호를 기록했습니다: {0}").format(number)
            if number
            else tr("행복e음 처리번호를 지웠습니다"),
            tr("행복e음 처리번호 → {0}").format(number) if number else tr("행복e음 처리번호 지움"),
        )

    def request_handoff(self) -> None:
        if self.detail is not None:
            self.handoff_requested.emit(self.detail.id)

    def transfer(self) -> None:
        if self.detail is None or self._casework is None:
            return
        form = TransferForm(self.detail.id, self._casework.centres(), self, subject=self._subject())
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        centre, reason = form.chosen(), form.reason.text().strip()

        def moved(detail: CaseDetail, name: object) -> None:
            # The case is the other centre's now: this pane no longer shows it.
            self.detail = None
            self.title.setText(tr("사례 {0}번을 {1}로 이관했습니다").format(detail.id, name))
            self.status_message.setText(tr("다른 센터로 이관했습니다"))
            self.changed.emit(detail.id)

        self._save(
            lambda cw, d: cw.transfer(d.id, d.version, centre, reason),
            tr("다른 센터로 이관했습니다"),
            tr("이관 → {0} — 이유: {1}").format(form.centre.currentText(), reason),
            moved,
        )

    # -- one household or two: merge, split, undo -------------------------------------------

    def _decide(
        self,
        work: Callable[[ReviewService], int],
        done: str,
        *,
        reload_to: int,
        remember: bool = True,
    ) -> None:
        review = self._review
        if review is None:
            return

        def saved(decision: object) -> None:
            self.last_decision = decision if remember and isinstance(decision, int) else None
            note = tr(" (결정 {0}번, 되돌리기 Ctrl+Shift+Z)").format(decision)
            self.status_message.setText(done + note)
            self.changed.emit(reload_to)
            self.show_case(reload_to)

        def failed(exc: BaseException, details: str) -> None:
            show_failure(self, None, exc, details)

        run_task(lambda _c: work(review), saved, failed, owner=self)

    def merge_other(self) -> None:
        if self.detail is None:
            return
        keep = self.detail.id
        other, ok = QInputDialog.getInt(
            self, tr("사례 병합"), tr("사례 {0}번에 합칠 사례 번호 (같은 가구):").format(keep), 1, 1
        )
        if not ok or other == keep:
            return
        self._decide(
            lambda r: r.merge(keep, other),
            tr("사례 {0}번을 합쳤습니다").format(other),
            reload_to=keep,
        )

    def split_selected(self) -> None:
        if self.detail is None:
            return
        rows = sorted({i.row() for i in self.timeline_view.selectionModel().selectedRows()})
        if not rows:
            self.status_message.setText(tr("분리할 알림을 타임라인에서 고르십시오."))
            return
        if len(rows) == len(self.detail.timeline):
            self.status_message.setText(
                tr("모든 알림을 분리할 수는 없습니다: 사례에 하나는 남아야 합니다.")
            )
            return
        case_id = self.detail.id
        alerts = [self.detail.timeline[r].alert_id for r in rows]
        done = tr("알림 {0}건을 새 사례로 분리했습니다").format(len(alerts))
        self._decide(lambda r: r.split(case_id, alerts)[0], done, reload_to=case_id)

    def _chosen_decision(self) -> int | None:
        """The decision picked in the 연결 결정 tab, if it can be undone."""
        if self.detail is None:
            return None
        rows = self.decisions_view.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.detail.decisions[rows[0].row()]
        return line.id if line.undoable else None

    def _enable_undo(self, *_args: object) -> None:
        linking = self._review is not None and self._review.can_review()
        wanted = self._chosen_decision() is not None or self.last_decision is not None
        self.edit_buttons["undo"].setEnabled(self.detail is not None and linking and wanted)

    def undo_decision(self) -> None:
        """Undo the decision picked in the 연결 결정 tab (asked first: it may be old, or the
        machine's), else the one just made here."""
        if self.detail is None:
            return
        case_id = self.detail.id
        chosen = self._chosen_decision()
        if chosen is not None:
            line = next(d for d in self.detail.decisions if d.id == chosen)
            answer = QMessageBox.question(
                self,
                tr("결정 되돌리기"),
                tr("결정 {0}번({1}, {2})을 되돌릴까요?\n{3}").format(
                    line.id, tr(line.kind.label), format_kst(line.decided_at), line.reason
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            decision = chosen
        elif self.last_decision is not None:
            decision = self.last_decision
        else:
            return
        if decision == self.last_decision:
            self.last_decision = None
        self._decide(
            lambda r: r.undo(decision), tr("되돌렸습니다"), reload_to=case_id, remember=False
        )

    def reveal(self) -> None:
        """Full names and numbers of the shown case, for a reason the person gives
        (permission checked and logged with it by the service); pressed again, 다시 가리기
        masks them."""
        if self.detail is None:
            return
        if self.revealed:
            self._mask_again()
            return
        form = ReasonForm(
            tr("개인정보 보기"),
            tr("가려진 이름과 연락처를 펼치는 이유를 적어 주십시오 (접속기록에 남습니다)."),
            self,
            subject=self._subject(),
        )
        self.form = form
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        reason = form.reason.text().strip()
        case_id = self.detail.id
        self.reveal_button.setEnabled(False)

        def shown(lines: Any) -> None:
            self.reveal_button.setEnabled(True)
            if self.detail is not None and self.detail.id == case_id:
                self.fields["persons"].setText("\n".join(lines) or tr("(가구원 정보 없음)"))
                self.revealed = True
                self.reveal_button.setText(tr("다시 가리기"))

        def failed(exc: BaseException, details: str) -> None:
            self.reveal_button.setEnabled(True)
            show_failure(self, tr("개인정보를 펼칠 수 없습니다"), exc, details)

        run_task(lambda _c: self._service.reveal(case_id, reason), shown, failed, owner=self)

    def _mask_again(self) -> None:
        self.revealed = False
        self.reveal_button.setText(tr("개인정보 보기"))
        if self.detail is not None:
            self.fields["persons"].setText(
                "\n".join(self.detail.persons) or tr("(가구원 정보 없음)")
            )

    def _show_raw(self, index: QModelIndex) -> None:
        if self.detail is None or not index.isValid():
            return
        entry = self.detail.timeline[index.row()]
        try:
            raw = self._service.raw(entry.alert_id)
        except Exception as exc:  # a message for a person, the details behind a button
            show_failure(self, tr("원본 기록을 열 수 없습니다"), exc)
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("원본 기록 — {0} {1}").format(entry.channel, entry.source_id))
        text = QPlainTextEdit("\n".join(f"{key}: {value}" for key, value in raw.items()))
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(tr("채널이 보낸 그대로의 기록입니다.")))
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(560, 480)
        self.raw_dialog = dialog  # kept for tests and for the dialog's lifetime
        dialog.open()
