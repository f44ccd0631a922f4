"""Showing a problem to a person: a Korean sentence, the details behind a button."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str, details: str | None = None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("안부데스크")
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.exec()
