"""The council agenda before it is printed: each item as the citizen members will read it,
its situation and ask editable, and a mark for an item whose sensitive details the council
needs on paper."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.reporting.agenda import AgendaDraft
from desktop.reporting.service import ReportService
from ui.case_edit import ReasonEdit
from ui.errors import failure_message
from ui.i18n import tr
from ui.tasks import run_task


class AgendaDialog(QDialog):
    def __init__(
        self,
        service: ReportService,
        meeting_on: date,
        centre: str,
        drafts: list[AgendaDraft],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("협의체 안건 — {0} 회의").format(meeting_on.isoformat()))
        self.resize(760, 640)
        self._service, self._meeting_on, self._centre = service, meeting_on, centre
        self.drafts = drafts
        self.rows: list[tuple[ReasonEdit, QLineEdit, QCheckBox]] = []
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(
            QLabel(
                tr(
                    "시민 위원이 읽는 글입니다: 이름·연락처·자세한 주소는 쓰지 마십시오. "
                    "민감 정보(자살위험, 건강)는 표시한 안건에만 실립니다."
                )
            )
        )
        if not drafts:
            column.addWidget(QLabel(tr("이 회의의 안건과 협의체 안건으로 올린 사례가 없습니다.")))
        for number, draft in enumerate(drafts, start=1):
            box = QGroupBox(f"{number}. {draft.label}")
            form = QFormLayout(box)
            situation = ReasonEdit()
            situation.setText(draft.situation)
            ask = QLineEdit(draft.question)
            share = QCheckBox(tr("민감 정보를 싣기 (이 안건에 꼭 필요할 때만)"))
            share.setChecked(draft.share_sensitive)
            share.setEnabled(draft.sensitive)
            if not draft.sensitive:
                share.setToolTip(tr("이 안건에는 민감 정보가 없습니다"))
            form.addRow(tr("상황"), situation)
            form.addRow(tr("협의체에 요청"), ask)
            form.addRow("", share)
            column.addWidget(box)
            self.rows.append((situation, ask, share))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("안건 저장"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("취소"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, stretch=1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def edited(self) -> list[AgendaDraft]:
        out = []
        for draft, (situation, ask, share) in zip(self.drafts, self.rows, strict=True):
            draft.situation = situation.text()
            draft.question = ask.text()
            draft.share_sensitive = share.isChecked() and share.isEnabled()
            out.append(draft)
        return out

    def save(self) -> None:
        drafts, service = self.edited(), self._service
        meeting_on, centre = self._meeting_on, self._centre
        self.buttons.setEnabled(False)

        def failed(exc: BaseException, _details: str) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(failure_message(tr("안건을 저장하지 못했습니다"), exc))

        run_task(
            lambda _c: service.save_agenda(meeting_on, centre, drafts),
            lambda _id: self.accept(),
            failed,
            owner=self,
        )
