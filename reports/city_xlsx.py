"""The monthly (or any period's) figures for the city, in a fixed layout that
``docs/city-export.md`` documents, so the city can add up every dong's sheet.

Sheet ``통계``: rows 1–3 title and period, row 5 the header, one row per 행정동 (the channels
as columns) from row 6, a 소계 after each 구·군 and the city's 합계 last. Sheet ``위기유형별``:
the same rows, the crisis types as columns. Sheet ``사례 목록``: one row per case, names
masked unless the export was made to reveal them. The statistics are the case list counted:
each column of ``통계`` adds up to the case list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reports import xlsx
from reports.model import CityCaseRow, CityReport, CityRow, city_header

PLACE_HEADER = ["구·군", "행정동", "행정기관코드"]
CASE_HEADER = [
    "사례번호",
    "구·군",
    "행정동",
    "행정기관코드",
    "발굴 채널",
    "접수일",
    "상태",
    "위험도",
    "위기유형",
    "대상자",
    "확인(1=예)",
    "상담(1=예)",
    "공공 지원연계",
    "민간 지원연계",
    "종결일",
    "기한초과(1=예)",
    "종결 사유",
]
HEADER_ROW = 5
NOTES = (
    "알림은 일어난 때(신고·통화·방문 일시)로 셉니다: 11월의 알림을 12월 2일에 가져와도 11월 것입니다.",
    "사례는 센터가 접수한 날(한국 시간)로, 처음 알린 채널 아래에 한 번만 셉니다.",
    "기한초과: 만든 때 진행 중이고 처리기한(초기 연락·상담·다음 조치 중 가장 이른 날)이 지난 "
    "사례 수로, 접수 시기와 관계없이 셉니다 (협의체 자료·사례 목록과 같은 정의, "
    "docs/city-export.md). 예/아니요는 1/0으로 적어 더할 수 있습니다.",
    "지원 불필요·정기 관리·소재 파악 필요: 종결(또는 비해당)된 사례를 그 사유로 셉니다. "
    "소재 파악 필요는 연락두절·빈집·정보 불일치를 더한 수입니다.",
)


def _row_cells(
    sheet: WriteOnlyWorksheet, row: CityRow, kind: str, numbers: list[int]
) -> list[WriteOnlyCell]:
    bold = xlsx.HEADER_FONT if kind else xlsx.BODY_FONT
    fill = xlsx.TOTAL_FILL if kind else None
    place = [row.gu if kind != "total" else "", row.dong, row.code]
    cells = [xlsx.text_cell(sheet, value, font=bold) for value in place]
    if fill is not None:
        for cell in cells:
            cell.fill = fill
    return cells + [xlsx.number_cell(sheet, v, font=bold, fill=fill) for v in numbers]


def write_city_xlsx(report: CityReport, cases: Iterable[CityCaseRow], path: Path) -> None:
    """One pass over ``cases``: each goes to the case list and into ``report``'s counts;
    the statistics sheets, first in the workbook, are filled once the list is done."""
    book = xlsx.new_workbook()
    intro = [
        f"기간 {report.period}",
        f"작성 {report.prepared_by} {report.prepared_at.strftime('%Y-%m-%d %H:%M')} · "
        + (
            "개인정보 포함 (권한자 내려받기)"
            if report.revealed
            else "대상자 이름은 가려져 있습니다"
        ),
    ]
    stats = book.create_sheet("통계")
    crisis = book.create_sheet("위기유형별")
    listing = book.create_sheet("사례 목록")

    xlsx.prepare_sheet(
        listing,
        [10, 10, 12, 13, 14, 12, 10, 8, 24, 10, 7, 7, 8, 8, 12, 8, 20],
        header_row_number=HEADER_ROW,
        landscape=True,
    )
    used = xlsx.title_rows(listing, "사례 목록", intro)
    listing.append([])
    listing.append(xlsx.header_row(listing, CASE_HEADER))
    used += 2
    opened = xlsx.DayCells(listing)
    closed = xlsx.DayCells(listing)
    for case in cases:
        report.add(case)
        listing.append(
            [
                case.case_id,
                xlsx.text(listing, case.gu),
                xlsx.text(listing, case.dong),
                xlsx.text(listing, case.code),
                xlsx.text(listing, case.channel),
                opened.cell(case.opened_on),
                xlsx.text(listing, case.status),
                xlsx.text(listing, case.risk),
                xlsx.wrapped_cell(listing, ", ".join(case.crisis_types)),
                xlsx.text(listing, case.name),
                # 1/0 rather than 예/아니요: a column the city can add up like the statistics.
                int(case.verified),
                int(case.counselled),
                case.support_public,
                case.support_private,
                closed.cell(case.closed_on),
                int(case.overdue),
                xlsx.text(listing, case.closure_label),
            ]
        )
        used += 1
    xlsx.finish_sheet(listing, len(CASE_HEADER), HEADER_ROW, used)

    channels = report.channel_order
    numbers = city_header(channels, report.closure_columns)
    grouped = report.grouped()
    # Fits an A4 landscape page's width: narrow number columns, headers wrapped.
    xlsx.prepare_sheet(
        stats, [9, 10, 12] + [7.5] * len(numbers), header_row_number=HEADER_ROW, landscape=True
    )
    used = xlsx.title_rows(stats, "위기가구 발굴·지원 현황 (시·구 보고)", [*intro, *NOTES[:1]])
    stats.append(xlsx.header_row(stats, PLACE_HEADER + numbers))
    used += 1
    for row, kind in grouped:
        stats.append(_row_cells(stats, row, kind, row.values(channels, report.closure_columns)))
        used += 1
    for note in NOTES[1:]:
        stats.append([xlsx.text_cell(stats, note)])
        used += 1
    xlsx.finish_sheet(stats, len(PLACE_HEADER) + len(numbers), HEADER_ROW, used)

    kinds = report.crisis_types
    xlsx.prepare_sheet(
        crisis, [9, 10, 12] + [7] * (len(kinds) + 1), header_row_number=HEADER_ROW, landscape=True
    )
    used = xlsx.title_rows(crisis, "위기유형별 사례 (한 사례가 여러 유형에 들 수 있음)", intro)
    crisis.append([])
    crisis.append(xlsx.header_row(crisis, [*PLACE_HEADER, *kinds, "사례 수"]))
    used += 2
    for row, kind in grouped:
        counts = [row.crisis[k] for k in kinds]
        crisis.append(_row_cells(crisis, row, kind, [*counts, row.cases]))
        used += 1
    xlsx.finish_sheet(crisis, len(PLACE_HEADER) + len(kinds) + 1, HEADER_ROW, used)
    xlsx.save_workbook(book, path)
