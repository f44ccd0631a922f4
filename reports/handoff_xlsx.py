"""The 행복e음 hand-off sheet: one row a case that reached a result, its columns in the
order a worker types them into 행복e음, and a last column (행복e음처리번호) for the number
행복e음 gives, which ``anbu import-handoff`` reads back. ``docs/haengbok-handoff.md``
documents the layout.

Full personal data: the worker's own sheet, never masked (the services ask for the
permission and a reason, and log the file)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reports import xlsx
from reports.model import HANDOFF_CASE_HEADER, HANDOFF_NUMBER_HEADER, HandoffCase, HandoffSheet

SHEET = "행복e음 입력"
HEADER_ROW = 6
COLUMNS: tuple[tuple[str, float], ...] = (  # header, width
    (HANDOFF_CASE_HEADER, 8),
    ("성명", 9),
    ("생년월일", 11),
    ("성별", 5),
    ("연락처", 14),
    ("주소", 30),
    ("발굴경로", 16),
    ("발굴일", 11),
    ("위기유형", 22),
    ("조사결과", 22),
    ("결과일", 11),
    ("서비스 연계: 구분", 9),
    ("서비스 연계: 기관", 26),
    ("서비스 연계: 일자", 26),
    ("상담 요약 (날짜별)", 60),
    ("담당자", 9),
    (HANDOFF_NUMBER_HEADER, 17),
)
INPUT_FILL = PatternFill("solid", fgColor="FFF4C2")  # the column the worker fills in
CELL_LIMIT = 32_000  # Excel holds 32,767 characters a cell
CUT = "\n… (이하 생략: 사례 카드에 전부 있습니다)"


def _whole(lines: list[str]) -> str:
    text = "\n".join(lines)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - len(CUT)] + CUT


def _row(sheet: WriteOnlyWorksheet, case: HandoffCase, days: xlsx.DayCells) -> list[object]:
    number = xlsx.text_cell(sheet, case.number)
    number.number_format = "@"  # what the worker types stays text: a leading 0 is kept
    number.fill = INPUT_FILL
    wrapped = [
        xlsx.wrapped_cell(sheet, value)
        for value in (
            case.address,
            case.route,
            case.crisis,
            case.result,
            _whole(case.support_kind) or "없음",
            _whole(case.support_place),
            _whole(case.support_dates),
            _whole(case.counselling) or "상담 기록 없음",
        )
    ]
    address, route, crisis, result, kind, place, dates, counselling = wrapped
    return [
        case.case_id,
        xlsx.text_cell(sheet, case.name),
        days.cell(case.birth_date),
        xlsx.text_cell(sheet, case.sex),
        xlsx.text_cell(sheet, case.phone),
        address,
        route,
        days.cell(case.found_on),
        crisis,
        result,
        days.cell(case.result_on),
        kind,
        place,
        dates,
        counselling,
        xlsx.text_cell(sheet, case.worker),
        number,
    ]


def write_handoff_xlsx(handoff: HandoffSheet, path: Path) -> None:
    book = xlsx.new_workbook()
    sheet = book.create_sheet(SHEET)
    widths = [width for _, width in COLUMNS]
    xlsx.prepare_sheet(sheet, widths, header_row_number=HEADER_ROW, landscape=True)
    made = handoff.prepared_at.strftime("%Y-%m-%d %H:%M")
    xlsx.page_header(sheet, handoff.centre, f"행복e음 입력표 · {made} · 개인정보 포함")
    used = xlsx.title_rows(
        sheet,
        f"행복e음 입력표 — {handoff.title} ({len(handoff.cases):,}건)",
        [
            f"{handoff.centre} · 작성 {handoff.prepared_by} {made} (시각은 한국 시간)",
            "개인정보 포함: 담당자가 행복e음에 입력하는 데만 쓰고, 입력을 마치면 파기합니다.",
            f"입력 순서대로 왼쪽부터 적혀 있습니다. 행복e음이 준 처리번호를 마지막 열"
            f"({HANDOFF_NUMBER_HEADER})에 적고 이 파일을 다시 가져오면(anbu import-handoff, "
            "또는 파일 → 행복e음 처리번호 가져오기) 사례마다 기록됩니다.",
        ],
    )
    sheet.append([])
    sheet.append(xlsx.header_row(sheet, [name for name, _ in COLUMNS]))
    used += 2
    days = xlsx.DayCells(sheet)
    for case in handoff.cases:
        texts = [
            case.address,
            case.route,
            case.crisis,
            case.result,
            "\n".join(case.support_place),
            "\n".join(case.support_dates),
            "\n".join(case.counselling),
        ]
        at = [5, 6, 8, 9, 12, 13, 14]  # the wrapped columns' widths, in that order
        sheet.row_dimensions[used + 1].height = min(
            409, xlsx.fitted_height(zip(texts, [widths[i] for i in at], strict=True))
        )  # Excel's tallest row: a longer text scrolls within its cell
        sheet.append(_row(sheet, case, days))
        used += 1
    xlsx.finish_sheet(sheet, len(COLUMNS), HEADER_ROW, used)
    xlsx.save_workbook(book, path)
