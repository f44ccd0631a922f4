"""The monthly (or any period's) figures for the city, in a fixed layout that
``docs/city-export.md`` documents, so the city can add up every dong's sheet.

Sheet ``통계``: rows 1–3 title and period, row 5 the header, one row per 행정동 × 발굴 채널
from row 6, and a ``합계`` row last. Sheet ``위기유형별``: 행정동 × 위기유형. Sheet
``사례 목록``: one row per case, names masked unless the export was made to reveal them.
The statistics are the case list counted: each column of ``통계`` adds up to the case list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reports import xlsx
from reports.model import CITY_COLUMNS, CityCaseRow, CityReport

STATS_HEADER = ["행정동", "행정기관코드", "발굴 채널", *[label for _, label in CITY_COLUMNS]]
CASE_HEADER = [
    "사례번호",
    "행정동",
    "행정기관코드",
    "발굴 채널",
    "접수일",
    "상태",
    "위험도",
    "위기유형",
    "대상자",
    "확인(1/0)",
    "상담(1/0)",
    "공공 지원연계",
    "민간 지원연계",
    "종결일",
    "기한초과(1/0)",
]
HEADER_ROW = 5


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
        [10, 12, 13, 14, 12, 10, 8, 24, 10, 6, 6, 8, 8, 12, 8],
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
                xlsx.text(listing, case.dong),
                xlsx.text(listing, case.code),
                xlsx.text(listing, case.channel),
                opened.cell(case.opened_on),
                xlsx.text(listing, case.status),
                xlsx.text(listing, case.risk),
                xlsx.text(listing, ", ".join(case.crisis_types)),
                xlsx.text(listing, case.name),
                # 1/0 rather than Y/N: a column the city can add up like the statistics.
                int(case.verified),
                int(case.counselled),
                case.support_public,
                case.support_private,
                closed.cell(case.closed_on),
                int(case.overdue),
            ]
        )
        used += 1
    xlsx.finish_sheet(listing, len(CASE_HEADER), HEADER_ROW, used)

    xlsx.prepare_sheet(
        stats, [14, 13, 16] + [12] * len(CITY_COLUMNS), header_row_number=HEADER_ROW, landscape=True
    )
    used = xlsx.title_rows(stats, "위기가구 발굴·지원 현황 (시·구 보고)", intro)
    stats.append([])
    stats.append(xlsx.header_row(stats, STATS_HEADER))
    used += 2
    for row in report.rows:
        stats.append(
            [
                xlsx.text_cell(stats, row.dong),
                xlsx.text_cell(stats, row.code),
                xlsx.text_cell(stats, row.channel),
            ]
            + [xlsx.number_cell(stats, v) for v in row.values()]
        )
        used += 1
    stats.append(
        [
            xlsx.text_cell(stats, "합계", font=xlsx.HEADER_FONT),
            xlsx.text_cell(stats, ""),
            xlsx.text_cell(stats, ""),
        ]
        + [
            xlsx.number_cell(stats, v, font=xlsx.HEADER_FONT, fill=xlsx.TOTAL_FILL)
            for v in report.totals()
        ]
    )
    used += 1
    xlsx.finish_sheet(stats, len(STATS_HEADER), HEADER_ROW, used)

    xlsx.prepare_sheet(crisis, [14, 13, 18, 12], header_row_number=HEADER_ROW)
    used = xlsx.title_rows(crisis, "위기유형별 사례 (한 사례가 여러 유형에 들 수 있음)", intro)
    crisis.append([])
    crisis.append(xlsx.header_row(crisis, ["행정동", "행정기관코드", "위기유형", "사례 수"]))
    used += 2
    for dong, code, kind, count in report.by_crisis:
        crisis.append(
            [
                xlsx.text_cell(crisis, dong),
                xlsx.text_cell(crisis, code),
                xlsx.text_cell(crisis, kind),
                xlsx.number_cell(crisis, count),
            ]
        )
        used += 1
    xlsx.finish_sheet(crisis, 4, HEADER_ROW, used)
    xlsx.save_workbook(book, path)
