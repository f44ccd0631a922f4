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
