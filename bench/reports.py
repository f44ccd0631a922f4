"""Reports: the council packet for a month with 1,000 cases in one dong, and the city
export of 100,000 cases beside xlsxwriter's constant-memory mode writing the same cells.

Figures:
  report.council_cases       cases of the dong in that month
  report.council_s           the packet as PDF (query, build, write)      target < 2 s
  report.council_xlsx_s      the packet as a workbook
  export.cases               cases in the city export
  export.city_s              the city workbook (queries, openpyxl write-only + lxml)
  export.xlsxwriter_s        the same queries and the same cells through xlsxwriter
  export.ratio               city_s / xlsxwriter_s                          target <= 1.3
  export.peak_rss_mb         peak memory of the process
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from bench.measure import peak_rss_mb, timed
from bench.registry import Figure
from db.models import CommunityCentre
from desktop.casework import actions
from desktop.context import AppContext, open_database
from desktop.demo import populate
from desktop.demo.synth import Synth
from desktop.intake.ingest import Ingestor, RawRow
from desktop.reporting import Period, city_report, export_city, write_council
from desktop.security.access import Actor
from reports.city_xlsx import CASE_HEADER, PLACE_HEADER
from reports.model import CityCaseRow, CityReport, city_header

COUNCIL_CASES = int(os.environ.get("ANBU_BENCH_COUNCIL_CASES", "1000"))
CITY_HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_CITY_HOUSEHOLDS", "100000"))
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
MONTH = Period.month("2026-11")
EVERYTHING = Period(date(2024, 1, 1), date(2026, 12, 31))


def _council_dong(ctx: AppContext) -> int:
    """One dong receiving ``COUNCIL_CASES`` households' alerts this month, 30 of them on
    the agenda and 30 decisions from last month's meeting."""
    with ctx.sessions.begin() as session:
        centre = CommunityCentre(
            code="2635051000", sido="부산광역시", gu="해운대구", dong="벤치1동"
        )
        session.add(centre)
        session.flush()
        centre_id = centre.id
    synth = Synth(11, anchor=date(2026, 11, 19))
    ingestor = Ingestor(ctx, centre_id=centre_id)
    batch = ingestor.start_batch("bench", channel=None, file_format="bench")
    rows = (
        RawRow(None, dict(r.raw), r.values, r.channel)
        for r in synth.records(synth.households(COUNCIL_CASES))
    )
    ingestor.ingest(batch, rows, channel=None, file_name="bench")
    ingestor.finish_batch(batch)
    from sqlalchemy import select

    from db.models import Case

    with ctx.session() as session:
        case_ids = list(session.scalars(select(Case.id).where(Case.centre_id == centre_id)))
    previous = actions.create_meeting(ctx, centre_id, date(2026, 10, 15), "10월 회의")
    meeting = actions.create_meeting(ctx, centre_id, date(2026, 11, 19), "11월 회의")
    for number, case_id in enumerate(case_ids[:30]):
        earlier = actions.add_agenda_item(
            ctx, previous, case_id, situation="지난 안건", question="?"
        )
        actions.record_decision(
            ctx, earlier, "반찬 지원", follow_up="주 1회 방문", follow_up_due=date(2026, 11, 1)
        )
        actions.add_agenda_item(
            ctx,
            meeting,
            case_ids[30 + number],
            situation="혼자 지내며 최근 몇 주 우편물이 쌓임. 이웃이 걱정함. " * 3,
            question="이웃 살핌 방법과 민간 자원 연계",
        )
    return len(case_ids)


def _xlsxwriter(report: CityReport, cases: Iterable[CityCaseRow], path: Path) -> None:
    """The same sheets and cells as ``reports.city_xlsx``, through xlsxwriter."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    header = book.add_format({"bold": True, "bg_color": "#E4ECF7", "border": 1})
    number = book.add_format({"num_format": "#,##0"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    stats = book.add_worksheet("통계")
    crisis = book.add_worksheet("위기유형별")
    listing = book.add_worksheet("사례 목록")
    listing.write_string(0, 0, "사례 목록")
    for col, name in enumerate(CASE_HEADER):
        listing.write_string(4, col, name, header)
    row = 5
    for case in cases:
        report.add(case)
        listing.write_number(row, 0, case.case_id)
        listing.write_string(row, 1, case.gu)
        listing.write_string(row, 2, case.dong)
        listing.write_string(row, 3, case.code)
        listing.write_string(row, 4, case.channel)
        listing.write_datetime(row, 5, datetime.combine(case.opened_on, datetime.min.time()), day)
        listing.write_string(row, 6, case.status)
        listing.write_string(row, 7, case.risk)
        listing.write_string(row, 8, ", ".join(case.crisis_types))
        listing.write_string(row, 9, case.name)
        listing.write_number(row, 10, int(case.verified))
        listing.write_number(row, 11, int(case.counselled))
        listing.write_number(row, 12, case.support_public)
        listing.write_number(row, 13, case.support_private)
        if case.closed_on:
            listing.write_datetime(
                row, 14, datetime.combine(case.closed_on, datetime.min.time()), day
            )
        listing.write_number(row, 15, int(case.overdue))
        row += 1
    listing.freeze_panes(5, 0)
    listing.autofilter(4, 0, row, len(CASE_HEADER) - 1)
    stats.write_string(0, 0, "위기가구 발굴·지원 현황 (시·구 보고)")
    stats.write_string(1, 0, f"기간 {report.period}")
    stats.write_string(2, 0, f"작성 {report.prepared_by}")
    channels = report.channel_order
    stats_header = PLACE_HEADER + city_header(channels)
    for col, name in enumerate(stats_header):
        stats.write_string(4, col, name, header)
    grouped = report.grouped()
    row = 5
    for entry, _kind in grouped:
        stats.write_string(row, 0, entry.gu)
        stats.write_string(row, 1, entry.dong)
        stats.write_string(row, 2, entry.code)
        for col, value in enumerate(entry.values(channels), start=3):
            stats.write_number(row, col, value, number)
        row += 1
    stats.freeze_panes(5, 0)
    stats.autofilter(4, 0, row, len(stats_header) - 1)
    kinds = report.crisis_types
    for col, name in enumerate([*PLACE_HEADER, *kinds, "사례 수"]):
        crisis.write_string(4, col, name, header)
    for index, (entry, _kind) in enumerate(grouped, start=5):
        crisis.write_string(index, 0, entry.gu)
        crisis.write_string(index, 1, entry.dong)
        crisis.write_string(index, 2, entry.code)
        for col, value in enumerate([*(entry.crisis[k] for k in kinds), entry.cases], start=3):
            crisis.write_number(index, col, value, number)
    book.close()


def run(url: str) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="anbu-bench-reports-") as folder:
        out = Path(folder)
        ctx = open_database(url)
        ctx.actor = Actor.system("bench")
        ctx.clock = lambda: NOW
        try:
            populate(ctx, households=CITY_HOUSEHOLDS, seed=5, anchor=date(2026, 11, 20))
            with timed() as ours:
                report = export_city(ctx, EVERYTHING, out / "city.xlsx", reason="bench")
            with timed() as theirs:
                again, cases = city_report(ctx, EVERYTHING)
                _xlsxwriter(again, cases, out / "city-xlsxwriter.xlsx")
            figures += [
                ("export.cases", float(report.cases_total), "cases"),
                ("export.city_s", ours.seconds, "s"),
                ("export.xlsxwriter_s", theirs.seconds, "s"),
                ("export.ratio", ours.seconds / theirs.seconds, "ratio"),
                ("export.peak_rss_mb", peak_rss_mb(), "MiB"),
            ]
            council_cases = _council_dong(ctx)
            with timed() as council:
                write_council(
                    ctx,
                    MONTH,
                    out / "council.pdf",
                    reason="bench",
                    meeting_on=date(2026, 11, 19),
                    centre="벤치1동",
                )
            with timed() as council_xlsx:
                write_council(
                    ctx,
                    MONTH,
                    out / "council.xlsx",
                    reason="bench",
                    meeting_on=date(2026, 11, 19),
                    centre="벤치1동",
                )
            figures += [
                ("report.council_cases", float(council_cases), "cases"),
                ("report.council_s", council.seconds, "s"),
                ("report.council_xlsx_s", council_xlsx.seconds, "s"),
            ]
        finally:
            ctx.close()
    return figures
