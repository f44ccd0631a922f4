"""The lists Anbu Desk sends the channels: the post office's visits (안부 살핌 우편) and the
AI's calls (AI 초기상담). The header is the first row, so that the receiving system reads
the sheet as it reads any table, and the 대상자번호 column comes back in the files they
return; printed, each page names the sheet, the office and the day it was made.
docs/lists-out.md documents every column."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reports import xlsx

VISIT_COLUMNS = (
    ("household_ref", "대상자번호", 15),
    ("name", "대상자명", 10),
    ("address", "주소", 38),
    ("unit", "상세주소", 14),
    ("target_group", "대상구분", 13),
    ("cycle", "방문주기", 8),
    ("due_on", "방문예정일", 12),
    ("items", "전달물품", 16),
    ("signs", "살펴볼 점", 34),
    ("last_visit_on", "지난 방문일", 12),
)

CALL_COLUMNS = (
    ("household_ref", "대상자번호", 15),
    ("name", "대상자명", 10),
    ("phone", "연락처", 15),
    ("birth_date", "생년월일", 12),
    ("areas", "질문영역", 22),
    ("purpose", "통화목적", 16),
    ("call_from", "통화가능일", 12),
)


def _write(
    rows: Sequence[dict[str, Any]],
    path: Path,
    *,
    sheet_name: str,
    columns: Sequence[tuple[str, str, float]],
    left: str,
    right: str,
) -> int:
    book = xlsx.new_workbook()
    sheet = book.create_sheet(sheet_name)
    xlsx.prepare_sheet(
        sheet, [width for _, _, width in columns], header_row_number=1, landscape=True
    )
    xlsx.page_header(sheet, left, right)
    sheet.append(xlsx.header_row(sheet, [label for _, label, _ in columns]))
    days = xlsx.DayCells(sheet)
    for row in rows:
        cells: list[Any] = []
        for key, _, _ in columns:
            value = row.get(key)
            if isinstance(value, date):
                cells.append(days.cell(value))
            else:
                cells.append(xlsx.text_cell(sheet, "" if value is None else value))
        sheet.append(cells)
    xlsx.finish_sheet(sheet, len(columns), 1, len(rows) + 1)
    xlsx.save_workbook(book, path)
    return len(rows)


def write_visit_list(
    rows: Sequence[dict[str, Any]], path: Path, *, office: str, made: str, until: str
) -> int:
    return _write(
        rows,
        path,
        sheet_name="방문 명단",
        columns=VISIT_COLUMNS,
        left=f"안부 살핌 우편 방문 명단 · {office} · {until}까지",
        right=f"작성 {made} · 개인정보: 방문 외 사용 금지",
    )


def write_call_list(rows: Sequence[dict[str, Any]], path: Path, *, made: str) -> int:
    return _write(
        rows,
        path,
        sheet_name="통화 명단",
        columns=CALL_COLUMNS,
        left="AI 초기상담 통화 명단",
        right=f"작성 {made} · 개인정보: 상담 외 사용 금지",
    )
