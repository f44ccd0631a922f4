"""Draw the application icon and write ``packaging/anbu.ico`` (16, 32, 48 and 256 px,
32-bit BMP entries, which every Windows and NSIS reads). Run again only to change it:
``python packaging/make_icon.py``."""

from __future__ import annotations

import os
import struct
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

SIZES = (16, 32, 48, 256)
HERE = Path(__file__).resolve().parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1d4e89"))
    margin = size * 0.04
    painter.drawRoundedRect(
        QRectF(margin, margin, size - 2 * margin, size - 2 * margin), size * 0.2, size * 0.2
    )
    painter.setBrush(QColor("#f2b134"))
    dot = size * 0.22
    painter.drawEllipse(QRectF(size * 0.68, size * 0.1, dot, dot))
    painter.setPen(QColor("white"))
    font = QFont("NanumGothic")
    font.setBold(True)
    font.setPixelSize(int(size * 0.56))
    painter.setFont(font)
    painter.drawText(QRectF(0, size * 0.06, size, size), Qt.AlignmentFlag.AlignCenter, "안")
    painter.end()
    return image


def bmp_entry(image: QImage) -> bytes:
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = bytearray()
    for y in range(size - 1, -1, -1):  # bottom-up rows
        for x in range(size):
            color = image.pixelColor(x, y)
            pixels += bytes((color.blue(), color.green(), color.red(), color.alpha()))
    mask_row = ((size + 31) // 32) * 4
    mask = bytes(mask_row * size)  # all visible: alpha carries the shape
    return header + bytes(pixels) + mask


def main() -> None:
    QGuiApplication([])
    entries = [(size, bmp_entry(draw(size))) for size in SIZES]
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for _, data in entries:
        out += data
    (HERE / "anbu.ico").write_bytes(out)
    draw(256).save(str(HERE / "anbu.png"))


if __name__ == "__main__":
    main()
