"""The print preview: a paper's pages as they will print, before any file is made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reports.render import PageImage
from ui.i18n import tr


class PreviewDialog(QDialog):
    """Pages one under another; 만들기 goes on to make the file, 닫기 (Esc) goes back to
    the form to change the period or the meeting date."""

    def __init__(self, title: str, pages: list[PageImage], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("미리보기 — {0}").format(title))
        self.resize(900, 1000)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages: list[QLabel] = []
        for number, page in enumerate(pages, start=1):
            image = QImage(
                page.pixels, page.width, page.height, page.stride, QImage.Format.Format_ARGB32
            ).copy()  # its own pixels: the buffer is not kept
            picture = QLabel()
            picture.setPixmap(QPixmap.fromImage(image))
            picture.setStyleSheet("border: 1px solid #999; background: white;")
            picture.setToolTip(tr("{0} / {1}쪽").format(number, len(pages)))
            column.addWidget(picture)
            self.pages.append(picture)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.count = QLabel(tr("모두 {0}쪽").format(len(pages)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("이대로 만들기"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("닫고 고치기"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, stretch=1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
