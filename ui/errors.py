"""Showing a problem to a person: a Korean sentence, the details behind a button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

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
