"""The case list as a workbook (``anbu export cases``): what the list shows, masked unless
the export was made to reveal."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from reports import xlsx

COLUMNS = (
    ("id", "사례번호"),
    ("status_label", "상태"),
    ("risk_label", "위험도"),
    ("name", "대상자"),
    ("centre", "행정복지센터"),
    ("dong", "행정동"),
    ("assigned_name", "담당자"),
    ("opened_at", "접수일시"),
    ("due_at", "처리기한"),
    ("next_action_at", "다음 조치일"),
    ("overdue", "기한초과(1=예)"),
    ("overdue_reasons", "기한초과 사유"),
    ("channels", "채널"),
)
REVEALED = (("full_name", "이름"), ("address", "주소"), ("phones", "전화번호"))
MOMENTS = frozenset({"opened_at", "due_at", "next_action_at"})
WRAPPED = frozenset({"overdue_reasons", "channels", "address", "phones"})
WIDTHS = {
    "id": 9, "status_label": 9, "risk_label": 8, "name": 9, "centre": 13, "dong": 10,
    "assigned_name": 10, "opened_at": 16, "due_at": 16, "next_action_at": 12,
    "overdue": 8, "overdue_reasons": 40, "channels": 16, "full_name": 10,
    "address": 36, "phones": 16,
}  # fmt: skip
HEADER_ROW = 4


def write_cases_xlsx(
    cases: Iterable[dict[str, Any]],
    path: Path,
    *,
    title_line: str,
    revealed: bool,
    page_left: str = "",
    page_right: str = "",
) -> int:
    """Returns the number of cases written. Dates and times are Excel's own, in Korea
    time (the caller's rows carry them so); yes/no is 1/0 as in every sheet; each
    printed page repeats the header rows and names the centre and the day it was made."""
    columns = COLUMNS + (REVEALED if revealed else ())
    book = xlsx.new_workbook()
    sheet = book.create_sheet("사례 목록")
    xlsx.prepare_sheet(
        sheet, [WIDTHS[key] for key, _ in columns], header_row_number=HEADER_ROW, landscape=True
    )
    xlsx.page_header(sheet, page_left, page_right)
    used = xlsx.title_rows(sheet, "사례 목록", [title_line])
    sheet.append([])
    sheet.append(xlsx.header_row(sheet, [label for _, label in columns]))
    used += 2
    written = 0
    for case in cases:
        row: list[Any] = []
        for key, _ in columns:
            value = case.get(key)
            if key == "id":
                row.append(xlsx.number_cell(sheet, int(value or 0)))
            elif key in MOMENTS:
                row.append(xlsx.moment_cell(sheet, value if isinstance(value, datetime) else None))
            elif isinstance(value, bool):
                # 1/0, as in every sheet: a column that adds up (the header says 1=예).
                row.append(xlsx.number_cell(sheet, int(value)))
            elif isinstance(value, list):
                joined = "; ".join(str(v) for v in value)
                row.append(xlsx.wrapped_cell(sheet, joined))
            elif key in WRAPPED:
                row.append(xlsx.wrapped_cell(sheet, value))
            else:
                row.append(xlsx.text_cell(sheet, "" if value is None else value))
        sheet.append(row)
        written += 1
        used += 1
    xlsx.finish_sheet(sheet, len(columns), HEADER_ROW, used)
    xlsx.save_workbook(book, path)
    return written
