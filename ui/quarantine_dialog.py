"""The quarantine: records that failed validation, each with its reasons; a record is
corrected field by field in a form and re-submitted, or discarded."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.intake.quarantine import QuarantineEntry, QuarantineService
from desktop.security.masking import mask_name
from ui.errors import show_failure
from ui.i18n import tr
from ui.rows_model import TupleRowsModel
from ui.tasks import run_task


class QuarantineDialog(QDialog):
    def __init__(self, service: QuarantineService, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("보류된 기록"))
        self.resize(980, 560)
        self._service = service
        self.entries: list[QuarantineEntry] = []
        self.model = TupleRowsModel((tr("번호"), tr("파일"), tr("행"), tr("원본번호"), tr("사유")))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.revealed: set[int] = set()  # entries whose identifying fields are shown
        self.reveal_button = QPushButton(tr("개인정보 보기 (접속기록에 남음)"))
        self.reveal_button.setEnabled(False)
        self.reveal_button.clicked.connect(self.reveal)
        self.reasons = QLabel("")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("color: #b00020")
        self.form_widget = QWidget()
        self.form = QFormLayout(self.form_widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_widget)
        self.resubmit_button = QPushButton(tr("고쳐서 다시 등록 (Ctrl+S)"))
        self.resubmit_button.setShortcut("Ctrl+S")
        self.discard_button = QPushButton(tr("폐기"))
        for button in (self.resubmit_button, self.discard_button):
            button.setEnabled(False)
        self.resubmit_button.clicked.connect(self.resubmit)
        self.discard_button.clicked.connect(self.discard)
        self.status = QLabel("")  # what the last action did
        self.status.setObjectName("status")
        self.count = QLabel("")  # how many are held
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.reasons)
        right_layout.addWidget(self.reveal_button)
        right_layout.addWidget(scroll, stretch=1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resubmit_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, stretch=1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, stretch=1)
        bottom.addWidget(self.count)
        layout.addLayout(bottom)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.reload()

    def reload(self) -> None:
        run_task(
            lambda _c: self._service.entries(),
            self._loaded,
            lambda exc, d: show_failure(self, tr("보류 기록을 불러오지 못했습니다"), exc, d),
            owner=self,
        )

    def _loaded(self, entries: list[QuarantineEntry]) -> None:
        self.entries = entries
        self.model.set_rows(
            [
                (
                    e.id,
                    e.file_name,
                    e.row_number or "-",
                    e.source_id or tr("(번호 없음)"),
                    "; ".join(e.reasons),
                )
                for e in entries
            ]
        )
        self.count.setText(tr("보류 {0}건").format(len(entries)))
        if entries:
            self.table.selectRow(0)
        else:
            self._show(None)

    def current(self) -> QuarantineEntry | None:
        row = self.table.currentIndex().row()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show_current(self) -> None:
        self._show(self.current())

    def _show(self, entry: QuarantineEntry | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        for button in (self.resubmit_button, self.discard_button):
            button.setEnabled(entry is not None)
        if entry is None:
            self.reasons.setText("")
            self.reveal_button.setEnabled(False)
            return
        # Every problem at once, and each marked at its field.
        self.reasons.setText("\n".join(entry.reasons))
        shown = entry.id in self.revealed
        self.reveal_button.setEnabled(bool(entry.identifying) and not shown)
        for key, value in entry.raw.items():
            text = "" if value is None else str(value)
            widget: QLineEdit | QComboBox
            if key in entry.identifying and not shown:
                widget = QLineEdit(_masked(key, text))
                widget.setReadOnly(True)
                widget.setToolTip(tr("가려진 값입니다. '개인정보 보기'로 펼쳐야 고칠 수 있습니다."))
            elif key in entry.choices:
                allowed, several = entry.choices[key]
                widget = QComboBox()
                widget.setEditable(True)  # a value outside the list stays visible to fix
                widget.addItems(list(allowed))
                widget.setCurrentText(text)
                hint = tr("허용 값: {0}").format(", ".join(allowed))
                if several:
                    hint += tr(" (여러 개는 쉼표로)")
                widget.setToolTip(hint)
            else:
                widget = QLineEdit(text)
            problems = entry.problems.get(key, [])
            label = key
            if problems:
                label = f"⚠ {key}"
                widget.setStyleSheet("border: 2px solid #b00020;")
                widget.setToolTip("\n".join(problems))
            widget.setObjectName(f"field:{key}")
            self.fields[key] = widget
            self.form.addRow(label, widget)

    def reveal(self) -> None:
        entry = self.current()
        if entry is None:
            return
        self._service.reveal(entry.id)  # logged
        self.revealed.add(entry.id)
        self._show(entry)

    def corrected(self) -> dict[str, Any]:
        entry = self.current()
        values: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if entry is not None and key in entry.identifying and entry.id not in self.revealed:
                values[key] = entry.raw.get(key)  # masked on screen: the value as received
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentText()
            else:
                values[key] = widget.text()
        return values

    def resubmit(self) -> None:
        entry = self.current()
        if entry is None:
            return
        raw = self.corrected()

        def done(result: Any) -> None:
            if result.accepted:
                self.status.setText(tr("{0}번 기록을 다시 등록했습니다.").format(entry.id))
                self.reload()
            else:
                self.reasons.setText("\n".join(result.reasons))
                self.status.setText(tr("아직 올바르지 않습니다. 고친 값은 저장해 두었습니다."))

        run_task(
            lambda _c: self._service.resubmit(entry.id, raw),
            done,
            lambda exc, d: show_failure(self, None, exc, d),
            owner=self,
        )

    def discard(self) -> None:
        entry = self.current()
        if entry is None:
            return

        def done(_result: Any) -> None:
            self.status.setText(tr("{0}번 기록을 폐기했습니다.").format(entry.id))
            self.reload()

        run_task(
            lambda _c: self._service.discard(entry.id),
            done,
            lambda exc, d: show_failure(self, None, exc, d),
            owner=self,
        )


def _masked(header: str, text: str) -> str:
    """A held record's identifying value as the lists show it: a name's first letter, or
    nothing but its length for a number."""
    if not text.strip():
        return ""
    if "명" in header:  # 대상자명, 신고자명, 집배원명
        return mask_name(text)
    return "●" * min(len(text), 8) + tr(" (가려짐)")
