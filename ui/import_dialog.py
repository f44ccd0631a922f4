"""Importing channel files from the client: chosen in the menu or dropped on the window,
imported off the UI thread with progress and cancel, and summed up file by file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.intake.service import FileOutcome, ImportService
from ui.errors import show_failure
from ui.i18n import N_, tr
from ui.tasks import Task, TaskControl, run_task

FILE_FILTER = N_("채널 파일 (*.csv *.txt *.tsv *.xlsx *.xls *.json *.jsonl)")


class ImportDialog(QDialog):
    """Shows one import from start to summary. ``finished_import`` carries the outcomes."""

    finished_import = Signal(list)
    show_quarantine = Signal()

    def __init__(self, service: ImportService, paths: list[Path], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("알림 파일 가져오기"))
        self.resize(640, 360)
        self._service = service
        self._task: Task | None = None
        self.outcomes: list[FileOutcome] = []
        self.label = QLabel(tr("{0}개 항목을 가져옵니다").format(len(paths)))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # files are streamed: the total is not known up front
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setObjectName("summary")
        self.quarantine_button = QPushButton(tr("보류 기록 보기"))
        self.quarantine_button.setVisible(False)
        self.quarantine_button.clicked.connect(self._open_quarantine)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("취소"))
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary, stretch=1)
        layout.addWidget(self.quarantine_button)
        layout.addWidget(self.buttons)
        self._start(paths)

    def _start(self, paths: list[Path]) -> None:
        service = self._service

        def work(control: TaskControl) -> list[FileOutcome]:
            return service.import_files(
                paths,
                progress=lambda name, read: control.progress(read, 0, name),
                cancelled=lambda: control.cancelled,
            )

        self._task = run_task(
            work, self._done, self._failed, on_progress=self._progressed, owner=self
        )

    def _progressed(self, done: int, _total: int, name: str) -> None:
        self.label.setText(tr("{0}: {1}건 처리").format(name, f"{done:,}"))

    def cancel(self) -> None:
        """Cancel while running (what was imported stays, consistent); close after."""
        if self._task is not None:
            self._task.cancel()
            self.label.setText(tr("취소하는 중… (지금까지 가져온 기록은 그대로 둡니다)"))
            return
        self.reject()

    def _done(self, outcomes: list[FileOutcome]) -> None:
        self._task = None
        self.outcomes = outcomes
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        unread = [o for o in outcomes if not o.read]
        held = sum(o.quarantined for o in outcomes)
        self.label.setText(
            tr("{0}개 파일을 가져왔습니다").format(len(outcomes) - len(unread))
            + (tr(" · 가져오지 못한 파일 {0}개").format(len(unread)) if unread else "")
            + (tr(" · 보류 {0}건").format(f"{held:,}") if held else "")
        )
        self.summary.setPlainText(
            "\n".join(o.summary for o in outcomes) or tr("가져올 파일이 없습니다.")
        )
        self.quarantine_button.setVisible(held > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("닫기"))
        self.finished_import.emit(outcomes)

    def _failed(self, exc: BaseException, details: str) -> None:
        self._task = None
        self.progress.setRange(0, 1)
        self.label.setText(tr("가져오지 못했습니다"))
        self.summary.setPlainText(
            tr(
                "예기치 못한 문제로 가져오기를 멈췄습니다. 그때까지 가져온 기록은 저장되어 있고, "
                "같은 파일을 다시 가져오면 나머지를 이어서 가져옵니다."
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("닫기"))
        show_failure(self, tr("가져오지 못했습니다"), exc, details)

    def _open_quarantine(self) -> None:
        self.show_quarantine.emit()
        self.accept()
