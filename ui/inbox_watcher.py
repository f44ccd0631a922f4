"""Watching the inbox folder while the client runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.context import AppContext
from desktop.intake.inbox import InboxOutcome, pending_files, scan
from ui.errors import failure_message
from ui.i18n import tr
from ui.tasks import Task, TaskControl, run_task


class InboxWatcher(QObject):
    """Imports files dropped into ``folder`` in the background.

    A file-system watcher notices new files at once; a slow timer catches what it misses
    (network drives, files still settling when first seen). One scan runs at a time.
    """

    imported = Signal(object)
    """Emitted with the list of ``InboxOutcome`` after a scan that dealt with files."""
    failed = Signal(str, str)
    """Emitted with a message and details when a scan could not run (e.g. database down)."""

    def __init__(self, ctx: AppContext, folder: Path, *, poll_seconds: int = 10) -> None:
        super().__init__()
        self._ctx = ctx
        self.folder = folder
        self._task: Task | None = None
        self._again = False
        self._watcher = QFileSystemWatcher([str(folder)], self)
        self._watcher.directoryChanged.connect(self._soon)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(500)
        self._debounce.timeout.connect(self.scan_now)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_seconds * 1000)
        self._poll.timeout.connect(self.scan_now)
        self._poll.start()

    def _soon(self, _path: str = "") -> None:
        self._debounce.start()

    def scan_now(self) -> None:
        if self._task is not None:
            self._again = True
            return
        if not pending_files(self.folder):
            return
        ctx, folder = self._ctx, self.folder

        def work(_control: TaskControl) -> list[InboxOutcome]:
            return scan(ctx, folder)

        self._task = run_task(work, self._done, self._error, owner=self)

    def _done(self, outcomes: object) -> None:
        self._task = None
        if isinstance(outcomes, list) and outcomes:
            self.imported.emit(outcomes)
        self._after()

    def _error(self, exc: BaseException, details: str) -> None:
        self._task = None
        self.failed.emit(failure_message(tr("받은 파일을 가져오지 못했습니다"), exc), details)

    def _after(self) -> None:
        if self._again:
            self._again = False
            self._soon()
        elif pending_files(self.folder, now=float("inf")):
            # Files that were still settling: look again once they have.
            QTimer.singleShot(2500, self.scan_now)

    def stop(self) -> None:
        self._poll.stop()
        self._debounce.stop()
        self._watcher.removePaths(self._watcher.directories())
