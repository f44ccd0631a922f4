"""What every PDF of Anbu Desk shares: the embedded Hangul font, the styles, escaping of
untrusted text, page furniture (header, footer, "n / N" page numbers), and writing the
file so that a half-written PDF never carries the target's name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "NanumGothic"
FONT_BOLD = "NanumGothic-Bold"
MARGIN = 18 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4ecf7")
ACCENT = colors.HexColor("#1d4e89")

_registered = False
# Characters ReportLab's parser or the PDF text layer cannot take: C0 controls but tab and
# newline, and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def register_fonts() -> None:
    """Register the shipped NanumGothic (SIL OFL, see fonts/OFL.txt); ReportLab embeds the
    glyphs used, so the PDF reads the same on a PC without the font."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "NanumGothic.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "NanumGothicBold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _registered = True


def text(value: object) -> str:
    """Untrusted text made safe for Paragraph markup: ``<``, ``&`` and ``<img>`` print as
    written, line breaks stay line breaks, characters the PDF cannot hold go."""
    cleaned = _UNPRINTABLE.sub("", "" if value is None else str(value))
    return escape(cleaned).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


class Styles:
    def __init__(self) -> None:
        register_fonts()
        # Korean is written with spaces between words: lines break there (가구형태 stays
        # whole), and only a word longer than its column is split (splitLongWords).
        base = {"fontName": FONT, "textColor": INK, "splitLongWords": 1}
        self.body = ParagraphStyle("body", fontSize=9.5, leading=14, **base)
        self.small = ParagraphStyle("small", fontSize=8, leading=11, **base)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=12, **base)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=FONT_BOLD)
        self.title = ParagraphStyle(
            "title", fontSize=24, leading=32, alignment=TA_CENTER, **{**base, "fontName": FONT_BOLD}
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontSize=13, leading=20, alignment=TA_CENTER, **{**base, "textColor": MUTED}
        )
        self.h1 = ParagraphStyle(
            "h1",
            fontSize=14,
            leading=20,
            spaceBefore=6,
            spaceAfter=8,
            **{**base, "fontName": FONT_BOLD, "textColor": ACCENT},
        )
        self.h2 = ParagraphStyle(
            "h2",
            fontSize=11,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            **{**base, "fontName": FONT_BOLD},
        )


def para(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    numeric: Sequence[int] = (),
    zebra: bool = True,
) -> Table:
    """A table whose header row repeats on every page it runs onto."""
    # A number sits under its header: both to the right.
    head_right = ParagraphStyle("head_num", parent=styles.cell_head, alignment=2)
    data: list[list[Any]] = [
        [para(h, head_right if i in numeric else styles.cell_head) for i, h in enumerate(header)]
    ]
    for row in rows:
        data.append(
            [
                para(f"{v:,}" if isinstance(v, int) else v, styles.cell)
                if i not in numeric
                else Paragraph(
                    text(f"{v:,}" if isinstance(v, int) else v),
                    ParagraphStyle("num", parent=styles.cell, alignment=2),
                )
                for i, v in enumerate(row)
            ]
        )
    result = Table(data, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        for index in range(2, len(data), 2):
            commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f5f7fa")))
    result.setStyle(TableStyle(commands))
    return result


def _numbered_canvas(header: str, note: str, footer: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Draws the furniture once every page is known, so each can say "n / N"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = A4
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 12 * mm, width - MARGIN, height - 12 * mm)
            self.line(MARGIN, 12 * mm, width - MARGIN, 12 * mm)
            self.setFillColor(MUTED)
            self.setFont(FONT, 8)
            self.drawString(MARGIN, height - 10 * mm, header)
            self.drawRightString(width - MARGIN, height - 10 * mm, note)
            self.drawString(MARGIN, 8 * mm, footer)
            self.drawRightString(width - MARGIN, 8 * mm, f"{self._pageNumber} / {total}")
            self.restoreState()

    return NumberedCanvas


def write_pdf(
    path: Path | BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    header: str,
    note: str,
    footer: str,
) -> None:
    """Build ``story`` into ``path`` as it is given (the caller stages the file and renames
    it when complete: ``desktop.paths.atomic_write``). ``note`` is the header's right-hand
    side (e.g. how personal data is treated)."""
    register_fonts()
    document = SimpleDocTemplate(
        str(path) if isinstance(path, Path) else path,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="안부데스크",
        creator="안부데스크",
    )
    document.build(story, canvasmaker=_numbered_canvas(header, note, footer))
