"""The case pane: one case in full beside the list (masked; raw records on request)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.access import Permission
from desktop.casework.detail import CaseDetail, CaseDetailService
from desktop.timeutil import format_kst
from ui.errors import show_error
from ui.rows_model import TupleRowsModel
from ui.tasks import Task, run_task


class CaseDetailPane(QWidget):
    loaded = Signal(int)
    """Emitted with the case id once its details are shown."""

    def __init__(self, service: CaseDetailService) -> None:
        super().__init__()
        self._service = service
        self._task: Task | None = None
        self.detail: CaseDetail | None = None
        self.title = QLabel("사례를 고르십시오")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("status", "상태"),
            ("risk", "위험도"),
            ("assigned", "담당자"),
            ("due", "처리기한"),
            ("address", "주소"),
            ("persons", "가구원"),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.timeline = TupleRowsModel(("일시", "채널", "원본번호", "연결", "내용"))
        self.counselling = TupleRowsModel(("일시", "방법", "내용", "다음 조치"))
        self.support = TupleRowsModel(("자원", "구분", "상태", "의뢰일"))
        self.history = TupleRowsModel(("일시", "이전", "변경", "사유"))
        self.tabs = QTabWidget()
        self.timeline_view = self._table(self.timeline, stretch=4)
        self.timeline_view.doubleClicked.connect(self._show_raw)
        self.timeline_view.activated.connect(self._show_raw)  # Enter on a row
        self.timeline_view.setToolTip("Enter 또는 두 번 누르면 받은 그대로의 원본 기록을 봅니다")
        self.tabs.addTab(self.timeline_view, "알림 타임라인")
        self.tabs.addTab(self._table(self.counselling, stretch=2), "상담")
        self.tabs.addTab(self._table(self.support, stretch=0), "지원 연계")
        self.tabs.addTab(self._table(self.history, stretch=3), "상태 이력")
        self.reveal_button = QPushButton("개인정보 보기")
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.reveal_button.setToolTip(
            "가려진 이름·연락처를 펼쳐 봅니다 (Ctrl+Shift+R). 접속기록에 남습니다."
        )
        self.reveal_button.setEnabled(False)
        self.reveal_button.clicked.connect(self.reveal)
        form.addRow("", self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.tabs, stretch=1)

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
            lambda exc, details: show_error(self, f"사례를 불러오지 못했습니다: {exc}", details),
            owner=self,
        )
        self._task = task

    def _show(self, task: Task, detail: Any) -> None:
        if task is not self._task or not isinstance(detail, CaseDetail):
            return
        self.detail = detail
        self.title.setText(
            f"사례 {detail.id}번 · 접수 {format_kst(detail.opened_at, with_time=False)}"
        )
        self.fields["status"].setText(detail.status)
        self.fields["risk"].setText(f"{detail.risk} — {detail.risk_reason}")
        self.fields["assigned"].setText(detail.assigned_to)
        due = format_kst(detail.due_at) or "-"
        nxt = format_kst(detail.next_action_at)
        self.fields["due"].setText(f"{due}" + (f" (다음 조치 {nxt})" if nxt else ""))
        self.fields["address"].setText(
            " · ".join(p for p in (detail.address, detail.dong, detail.household_type) if p)
        )
        self.fields["persons"].setText("\n".join(detail.persons) or "(가구원 정보 없음)")
        self.reveal_button.setEnabled(self._service.can(Permission.REVEAL))
        self.timeline.set_rows(
            [(format_kst(t.occurred_at), t.channel, t.source_id, t.link, t.summary)
             for t in detail.timeline]
        )  # fmt: skip
        self.counselling.set_rows(
            [
                (format_kst(at), method, content, nxt)
                for at, method, content, nxt in detail.counselling
            ]
        )
        self.support.set_rows(
            [(name, kind, status, format_kst(at, with_time=False))
             for name, kind, status, at in detail.support]
        )  # fmt: skip
        self.history.set_rows(
            [(format_kst(at), old, new, why) for at, old, new, why in detail.history]
        )
        for view in (self.timeline_view,):
            view.resizeColumnsToContents()
        self.loaded.emit(detail.id)

    def reveal(self) -> None:
        """Full names and numbers of the shown case (permission checked and logged by the
        service)."""
        if self.detail is None:
            return
        case_id = self.detail.id
        self.reveal_button.setEnabled(False)

        def shown(lines: Any) -> None:
            if self.detail is not None and self.detail.id == case_id:
                self.fields["persons"].setText("\n".join(lines) or "(가구원 정보 없음)")

        def failed(exc: BaseException, details: str) -> None:
            self.reveal_button.setEnabled(True)
            show_error(self, f"개인정보를 펼칠 수 없습니다: {exc}", details)

        run_task(lambda _c: self._service.reveal(case_id), shown, failed, owner=self)

    def _show_raw(self, index: QModelIndex) -> None:
        if self.detail is None or not index.isValid():
            return
        entry = self.detail.timeline[index.row()]
        try:
            raw = self._service.raw(entry.alert_id)
        except Exception as exc:  # a message for a person, the details behind a button
            show_error(self, f"원본 기록을 열 수 없습니다: {exc}")
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"원본 기록 — {entry.channel} {entry.source_id}")
        text = QPlainTextEdit("\n".join(f"{key}: {value}" for key, value in raw.items()))
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel("채널이 보낸 그대로의 기록입니다."))
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(560, 480)
        self.raw_dialog = dialog  # kept for tests and for the dialog's lifetime
        dialog.open()
