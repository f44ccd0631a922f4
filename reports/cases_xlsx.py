"""The case list as a workbook (``anbu export cases``): what the list shows, masked unless
the export was made to reveal."""

from __future__ import annotations

from collections.abc import Iterable
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
    ("assigned_to", "담당자"),
    ("opened_at", "접수일시"),
    ("due_at", "처리기한"),
    ("overdue", "기한초과"),
    ("overdue_reasons", "기한초과 사유"),
    ("channels", "채널"),
)
REVEALED = (("full_name", "이름"), ("address", "주소"), ("phones", "전화번호"))
HEADER_ROW = 4


def write_cases_xlsx(
    cases: Iterable[dict[str, Any]], path: Path, *, title_line: str, revealed: bool
) -> int:
    """Returns the number of cases written."""
    columns = COLUMNS + (REVEALED if revealed else ())
    book = xlsx.new_workbook()
    sheet = book.create_sheet("사례 목록")
    xlsx.prepare_sheet(
        sheet,
        [10, 10, 8, 10, 14, 10, 12, 17, 17, 8, 40, 14, 12, 36, 16],
        header_row_number=HEADER_ROW,
        landscape=True,
    )
    used = xlsx.title_rows(sheet, "사례 목록", [title_line])
    sheet.append([])
    sheet.append(xlsx.header_row(sheet, [label for _, label in columns]))
    used += 2
    written = 0
    for case in cases:
        row = []
        for key, _ in columns:
            value = case.get(key)
            if key == "id":
                row.append(xlsx.number_cell(sheet, int(value or 0)))
            elif isinstance(value, bool):
                row.append(xlsx.text_cell(sheet, "Y" if value else "N"))
            elif isinstance(value, list):
                row.append(xlsx.text_cell(sheet, "; ".join(str(v) for v in value)))
            else:
                row.append(xlsx.text_cell(sheet, "" if value is None else value))
        sheet.append(row)
        written += 1
        used += 1
    xlsx.finish_sheet(sheet, len(columns), HEADER_ROW, used)
    xlsx.save_workbook(book, path)
    return written
