"""Showing a problem to a person: a Korean sentence, the details behind a button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from db.errors import UserError
from desktop.korean import fix_particles
from ui.i18n import tr


def show_error(parent: QWidget | None, message: str, details: str | None = None) -> None:
    """Over a window the message is window-modal but does not block the caller (no nested
    event loop); with no window yet (at start-up) it waits for the person."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("안부데스크"))
    box.setText(message)
    box.setObjectName("error_message")
    if details:
        box.setDetailedText(details)
    if parent is None:
        box.exec()
    else:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def failure_message(doing: str | None, exc: BaseException) -> str:
    """What to say when ``doing`` (``"저장하지 못했습니다"``) failed with ``exc``: a
    ``UserError``'s own sentence; for anything else that something unexpected happened,
    never Python's text (that goes behind the details button)."""
    reason = (
        fix_particles(str(exc))
        if isinstance(exc, UserError)
        else tr(
            "예기치 못한 문제가 생겼습니다. 지원 담당자에게 이 창의 자세한 내용을 보여 주십시오."
        )
    )
    return f"{doing}: {reason}" if doing else reason


def show_failure(
    parent: QWidget | None, doing: str | None, exc: BaseException, details: str | None = None
) -> None:
    """Show that ``doing`` failed: see ``failure_message``. Unexpected errors keep their
    type, text and traceback in the details."""
    if not isinstance(exc, UserError):
        details = details or f"{type(exc).__name__}: {exc}"
    show_error(parent, failure_message(doing, exc), details or None)
