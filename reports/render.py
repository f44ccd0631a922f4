"""A PDF's pages as pixels, for the client's print preview (pdfium, the renderer of
Chromium: no Qt here, so the pages can be drawn off the client's UI thread)."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int  # bytes per row
    pixels: bytes  # BGRA, row after row (Qt's Format_ARGB32 on little-endian machines)


def page_images(pdf: bytes, *, dpi: float = 96.0) -> list[PageImage]:
    """Every page of ``pdf`` drawn at ``dpi``, on white."""
    document = pdfium.PdfDocument(pdf)
    pages: list[PageImage] = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72.0, force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA)
            pages.append(
                PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            )
            bitmap.close()
            page.close()
    finally:
        document.close()
    return pages


def save_pages_png(pdf: bytes, prefix: str, *, pages: int, dpi: float = 60.0) -> list[str]:
    """The first ``pages`` pages as ``{prefix}-1.png`` … (for the docs' sample images;
    Pillow comes with ReportLab)."""
    document = pdfium.PdfDocument(pdf)
    written: list[str] = []
    try:
        for index in range(min(pages, len(document))):
            page = document[index]
            image = page.render(scale=dpi / 72.0).to_pil()
            target = f"{prefix}-{index + 1}.png"
            image.save(target)
            written.append(target)
            page.close()
    finally:
        document.close()
    return written
