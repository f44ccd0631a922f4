"""What every workbook of Anbu Desk shares: openpyxl's write-only mode (rows stream to disk;
lxml makes it fast), cells whose type is set by us and never guessed from their text,
Korean headers, frozen header rows, autofilter, and A4 print setup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "맑은 고딕"
HEADER_FONT = Font(name=FONT_NAME, bold=True, size=10)
BODY_FONT = Font(name=FONT_NAME, size=10)
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E4ECF7")
TOTAL_FILL = PatternFill("solid", fgColor="F5F7FA")
HEADER_BORDER = Border(bottom=Side(style="medium", color="1D4E89"))
WRAP = Alignment(wrap_text=True, vertical="top")
INTEGER = "#,##0"
DAY = "yyyy-mm-dd"
MOMENT = "yyyy-mm-dd hh:mm"


def moment_cell(sheet: WriteOnlyWorksheet, moment: datetime | None) -> WriteOnlyCell | None:
    """A date and time as Excel's own (a number a city officer can sort and subtract),
    in the wall-clock time it is given (the caller gives Korea time)."""
    if moment is None:
        return None
    cell = WriteOnlyCell(sheet, value=moment.replace(tzinfo=None))
    cell.number_format = MOMENT
    cell.font = BODY_FONT
    return cell


def wrapped_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    """Text that wraps within its column (a reason, a list of channels)."""
    cell = text_cell(sheet, "" if value is None else value)
    cell.alignment = WRAP
    return cell


# XML 1.0 has no place for most control characters; openpyxl refuses them.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# A text a spreadsheet might read as a formula or command when typed or re-saved as CSV.
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def text(sheet: WriteOnlyWorksheet, value: object) -> str | WriteOnlyCell:
    """Body text, fast: a plain string when openpyxl would type it as a string anyway, a
    guarded cell (``text_cell``) when it would not (a leading ``=``, an error code like
    ``#N/A``) or when a spreadsheet might read it as a command."""
    content = _ILLEGAL.sub("", "" if value is None else str(value))
    if content.startswith(_RISKY_START) or content in ERROR_CODES:
        return text_cell(sheet, content, font=None)
    return content


def text_cell(
    sheet: WriteOnlyWorksheet, value: object, *, font: Font | None = BODY_FONT
) -> WriteOnlyCell:
    """A text cell, whatever the text: its type is set to string after the value, so
    ``=HYPERLINK(…)`` stays text; one that starts like a formula also gets Excel's quote
    prefix, so it stays text when someone edits the cell."""
    content = _ILLEGAL.sub("", "" if value is None else str(value))
    cell = WriteOnlyCell(sheet, value=content)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    if content.startswith(_RISKY_START) or content in ERROR_CODES:
        cell.quotePrefix = True
    return cell


def number_cell(
    sheet: WriteOnlyWorksheet,
    value: int | float,
    *,
    font: Font = BODY_FONT,
    fill: PatternFill | None = None,
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "n"
    cell.number_format = INTEGER
    cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


class DayCells:
    """Date cells for a long column: the date format is looked up once and its style shared,
    where openpyxl would look it up again for every cell."""

    _EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        template = WriteOnlyCell(sheet, value=0)
        template.number_format = DAY
        self._style = template._style

    def cell(self, day: date | None) -> WriteOnlyCell | None:
        if day is None:
            return None
        cell = WriteOnlyCell(self._sheet, value=(day - self._EPOCH).days)
        cell._style = copy(self._style)
        return cell


def fitted_height(texts_and_widths: Iterable[tuple[str, float]], *, line: float = 15.0) -> float:
    """A row height (points) that shows every wrapped text whole: the most lines any cell
    needs at its column's width (a Korean syllable takes about two character widths)."""
    most = 1
    for text, width in texts_and_widths:
        per_line = max(1.0, width / 2.0)  # Hangul at the body font: ~2 units a syllable
        lines = sum(max(1, -(-len(part) // int(per_line))) for part in str(text).split("\n"))
        most = max(most, lines)
    return most * line + 4


def header_row(sheet: WriteOnlyWorksheet, names: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for name in names:
        cell = text_cell(sheet, name, font=HEADER_FONT)
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cells.append(cell)
    return cells


def prepare_sheet(
    sheet: WriteOnlyWorksheet,
    widths: Sequence[float],
    *,
    header_row_number: int,
    landscape: bool = False,
) -> None:
    """Column widths, frozen header, A4 fit to width, header rows repeated on each page.
    Called before the first row (write-only sheets fix their columns up front)."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row_number + 1}"
    sheet.print_title_rows = f"1:{header_row_number}"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.center.font = FONT_NAME


def page_header(sheet: WriteOnlyWorksheet, left: str, right: str) -> None:
    """What each printed page says at its top: whose sheet (the centre) and when made."""
    sheet.oddHeader.left.text = left.replace("&", "&&")
    sheet.oddHeader.left.font = FONT_NAME
    sheet.oddHeader.right.text = right.replace("&", "&&")
    sheet.oddHeader.right.font = FONT_NAME


def finish_sheet(
    sheet: WriteOnlyWorksheet, columns: int, header_row_number: int, last_row: int
) -> None:
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{header_row_number}:{last}{max(last_row, header_row_number)}"
    sheet.print_area = f"A1:{last}{max(last_row, header_row_number)}"


def title_rows(sheet: WriteOnlyWorksheet, title: str, lines: Iterable[str]) -> int:
    """A title and a few lines above the table; returns how many rows they took."""
    sheet.append([text_cell(sheet, title, font=TITLE_FONT)])
    count = 1
    for line in lines:
        sheet.append([text_cell(sheet, line)])
        count += 1
    return count


def save_workbook(book: Workbook, path: Path) -> None:
    """Written to ``path`` as it is given: the caller stages the file and renames it when
    complete (``desktop.paths.atomic_write``)."""
    book.save(str(path))


def new_workbook() -> Workbook:
    return Workbook(write_only=True)
