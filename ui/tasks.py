"""The one way to run work off the UI thread.

``run_task`` runs a plain function on the global ``QThreadPool`` and brings its result
or error back to the GUI thread. The function never touches widgets; it may report
progress and check for cancellation through the ``TaskControl`` it is given.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from db.errors import as_told


class TaskControl(QObject):
    """Handed to the worker function: progress out, cancellation in."""

    progressed = Signal(int, int, str)  # done, total, what is being done

    def __init__(self) -> None:
        super().__init__()
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.progressed.emit(done, total, label)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object, str)  # the exception, its formatted traceback (for details)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], control: TaskControl) -> None:
        super().__init__()
        self.fn = fn
        self.control = control
        self.signals = _Signals()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.control)
        except Exception as exc:  # a full disk or a lost server is said in Korean
            self.signals.failed.emit(as_told(exc), traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)


class Task(QObject):
    """A running task. Its slots live on the GUI thread, so the callbacks run there."""

    finished = Signal()

    def __init__(
        self,
        control: TaskControl,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        on_progress: Callable[[int, int, str], None] | None,
    ) -> None:
        super().__init__()
        self.control = control
        self._on_success = on_success
        self._on_error = on_error
        self._on_progress = on_progress

    def cancel(self) -> None:
        self.control.cancel()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        _running.discard(self)
        self._on_success(result)
        self._finish()

    @Slot(object, str)
    def _failed(self, exc: BaseException, details: str) -> None:
        _running.discard(self)
        self._on_error(exc, details)
        self._finish()

    def _finish(self) -> None:
        # A callback may have closed the owner (and with it this task): say nothing then.
        if shiboken6.isValid(self):
            self.finished.emit()

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, label)


_running: set[Task] = set()


def run_task(
    fn: Callable[[TaskControl], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
    owner: QObject | None = None,
) -> Task:
    """Run ``fn(control)`` on the thread pool; the callbacks run on the GUI thread.

    ``owner`` is the widget the callbacks update: if it is gone by the time the work
    finishes (the window was closed), the task goes with it and no callback runs.
    """
    control = TaskControl()
    runnable = _Runnable(fn, control)
    task = Task(control, on_success, on_error, on_progress)
    if owner is not None:
        task.setParent(owner)
        task.destroyed.connect(lambda *_: _running.discard(task))
    _running.add(task)
    runnable.signals.succeeded.connect(task._succeeded)
    runnable.signals.failed.connect(task._failed)
    control.progressed.connect(task._progressed)
    QThreadPool.globalInstance().start(runnable)
    return task


def finish_tasks(timeout_ms: int = 30_000) -> bool:
    """Ask every running task to stop and wait for the pool to empty.

    Called before the database closes (on quit, and after each GUI test), so no
    query is left running on a connection nobody owns any more. True when all ended.
    """
    for task in list(_running):
        if shiboken6.isValid(task):
            task.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
