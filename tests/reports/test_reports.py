"""Every paper read back: PDF text through pypdf, workbooks through openpyxl."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from db.enums import AccessAction, CounsellingMethod, ResourceKind, Role
from db.models import AccessLog, Case, CommunityCentre
from desktop.casework import actions
from desktop.cli import main
from desktop.context import AppContext
from desktop.intake.service import import_file
from desktop.reporting import (
    Period,
    ReportError,
    export_cases,
    export_city,
    write_case_card,
    write_council,
)
from desktop.security import accounts
from desktop.security.access import AccessDeniedError
from tests.conftest import FIXED_NOW

NASTY = "=cmd|'/C calc'!A0\n+1+1 -2 @SUM(A1) <img src=x> & <b>굵게</b> \t탭 😀 끝"
PERIOD = Period(date(2026, 9, 1), date(2026, 11, 30))
PEOPLE = {  # name -> (phone, address)
    "김민준": ("010-5555-0101", "부산광역시 해운대구 좌동로 10"),
    "이서연": ("010-5555-0202", "부산광역시 해운대구 좌동순환로 99"),
    "박지호": ("010-5555-0303", "부산광역시 해운대구 세실로 5"),
}


def _write(folder: Path, name: str, records: list[dict[str, Any]]) -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture
def dong(ctx: AppContext, tmp_path: Path) -> dict[str, Any]:
    """좌1동: three households found through the three channels, one with a citizen's
    nasty description, worked through counselling and support, on a council agenda, with
    a decision from the meeting before."""
    with ctx.sessions.begin() as session:
        centre = CommunityCentre(code="2635051000", sido="부산광역시", gu="해운대구", dong="좌1동")
        session.add(centre)
        session.flush()
        centre_id = centre.id
    (_kim_phone, kim_addr), (lee_phone, lee_addr), (park_phone, park_addr) = PEOPLE.values()
    app = [
        {
            "신고번호": "APP-1",
            "신고일시": "2026-10-02 09:00",
            "위기유형": "경제,고립",
            "대상자명": "김민준",
            "주소": kim_addr,
            "가구유형": "1인가구",
            "상황설명": NASTY,
            "신고자연락처": "010-9999-8888",
        }
    ]
    calls = [
        {
            "상담ID": "AI-1",
            "통화일시": "2026-10-05 10:00",
            "대상자명": "이서연",
            "연락처": lee_phone,
            "통화결과": "연결",
            "주소": lee_addr,
            "위기유형": "건강",
        }
    ]
    visits = [
        {
            "방문ID": "V-1",
            "방문일자": "2026-11-03",
            "대상자명": "박지호",
            "주소": park_addr,
            "관찰사항": "우편물적체",
            "연락처": park_phone,
        }
    ]
    for name, records in (("app.jsonl", app), ("calls.jsonl", calls), ("visits.jsonl", visits)):
        import_file(ctx, _write(tmp_path, name, records), centre_id=centre_id)
    with ctx.session() as session:
        cases = {c.id: c for c in session.scalars(select(Case).where(Case.centre_id == centre_id))}
    kim_case = min(cases)
    actions.record_counselling(
        ctx,
        kim_case,
        actions.Counselling(FIXED_NOW, CounsellingMethod.VISIT, "방문 상담", {"경제": "높음"}),
        expected_version=None,
    )
    food = actions.add_resource(ctx, kind=ResourceKind.PRIVATE, name="푸드뱅크")
    actions.link_support(ctx, kim_case, food, expected_version=None, requested_at=FIXED_NOW)
    earlier = actions.create_meeting(ctx, centre_id, date(2026, 10, 15), "10월 회의")
    item = actions.add_agenda_item(ctx, earlier, kim_case, situation="지난 안건", question="?")
    actions.record_decision(
        ctx, item, "반찬 지원", follow_up="통장님 주 1회 방문", follow_up_due=date(2026, 11, 1)
    )
    meeting = actions.create_meeting(ctx, centre_id, date(2026, 11, 19), "11월 회의")
    actions.add_agenda_item(
        ctx,
        meeting,
        kim_case,
        situation=f"김민준 님(010-5555-0101, 900101-1234567)은 혼자 지냄. {NASTY}",
        question="이웃 살핌 방법",
    )
    return {"centre": centre_id, "cases": sorted(cases), "kim": kim_case}


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _identifiers_absent(text: str) -> None:
    for name, (phone, _addr) in PEOPLE.items():
        assert name not in text, name
        for form in (phone, phone.replace("-", ""), phone[-9:]):
            assert form not in text, form
    assert "1234567" not in text and "9999-8888" not in text


def _log_rows(ctx: AppContext) -> int:
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(AccessLog)) or 0


def test_the_council_pdf_has_its_parts_its_figures_and_no_identifiers(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "council.pdf"
    before = _log_rows(ctx)
    packet = write_council(
        ctx, PERIOD, path, reason="11월 정기회의", meeting_on=date(2026, 11, 19), centre="좌1동"
    )
    assert _log_rows(ctx) == before + 1
    text = _pdf_text(path)
    for heading in (
        "좌1동 365 안전협의체",
        "회의 자료",
        "1. 주요 현황",
        "채널별 알림",
        "위기유형별",
        "2. 논의 안건",
        "3. 지난 회의 결정 사항과 이행",
        "4. 확인",
        "협의체 위원장",
    ):
        assert heading in text, heading
    assert packet.total_alerts == 3 and packet.new_cases == 3
    assert "김○○ / " in text and "좌동로 일대" in text
    assert "통장님 주 1회 방문" in text and "미완료" in text  # last meeting's follow-up
    assert "푸드뱅크" in text  # support so far
    assert "<img src=x>" in text and "<b>굵게</b>" in text and "=cmd|" in text  # literally
    assert "010-****-0101" in text and "900101-*******" in text  # scrubbed, not dropped
    _identifiers_absent(text)
    assert f"1 / {len(PdfReader(path).pages)}" in text  # page numbers
    assert not list(path.parent.glob("*.partial"))
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(path).pages
        for font in (page["/Resources"].get("/Font") or {}).values()  # type: ignore[union-attr]
        for font in [font.get_object()]
    }
    assert any("NanumGothic" in f for f in fonts)  # the font travels with the file


def test_the_council_workbook_holds_the_same_numbers_and_no_formula(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "council.xlsx"
    packet = write_council(
        ctx, PERIOD, path, reason="간사 편집용", meeting_on=date(2026, 11, 19), centre="좌1동"
    )
    book = load_workbook(path)
    assert book.sheetnames == ["주요 현황", "논의 안건", "지난 회의 이행"]
    summary = book["주요 현황"]
    rows = [r for r in summary.iter_rows(values_only=True)]
    total_row = next(r for r in rows if r[0] == "합계")
    assert total_row[-1] == packet.total_alerts == 3
    agenda = book["논의 안건"]
    texts = [c.value for row in agenda.iter_rows() for c in row if isinstance(c.value, str)]
    joined = "\n".join(texts)
    assert "김○○" in joined and "<img src=x>" in joined and "=cmd|'/C calc'!A0" in joined
    _identifiers_absent(joined)
    for sheet in book:
        assert sheet.freeze_panes is not None and sheet.print_title_rows
        assert int(sheet.page_setup.paperSize) == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_the_city_export_adds_up_to_its_case_list(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "city.xlsx"
    before = _log_rows(ctx)
    report = export_city(ctx, PERIOD, path, reason="11월 보고")
    assert _log_rows(ctx) == before + 1
    book = load_workbook(path)
    stats, listing = book["통계"], book["사례 목록"]
    header = [c.value for c in stats[5]]
    # One row per 행정동, the channels as columns, 구·군 and 행정기관코드 in their own.
    assert header[:5] == [
        "구·군",
        "행정동",
        "행정기관코드",
        "알림: 복지위기 알림 앱",
        "알림: AI 초기상담",
    ]
    body = [list(r) for r in stats.iter_rows(min_row=6, values_only=True) if r[1]]
    dongs = [r for r in body if not str(r[1]).endswith("소계") and r[1] != "합계"]
    subtotal = next(r for r in body if str(r[1]).endswith("소계"))
    total = next(r for r in body if r[1] == "합계")
    assert [r[1] for r in dongs] == ["좌1동"] and dongs[0][0] == "해운대구"
    assert dongs[0][2] == "2635051000"
    assert subtotal[1] == "해운대구 소계"
    for column in range(3, len(header)):
        assert total[column] == sum(r[column] for r in dongs) == subtotal[column], header[column]
        assert isinstance(total[column], int)
    cases_column = header.index("접수 사례 계")
    cases = [r for r in listing.iter_rows(min_row=6, values_only=True)]
    assert len(cases) == total[cases_column] == 3 == report.cases_total
    by_channel = Counter(r[4] for r in cases)
    for channel, count in by_channel.items():
        assert dongs[0][header.index(f"사례: {channel}")] == count
    assert {r[3] for r in cases} == {"2635051000"} and {r[1] for r in cases} == {"해운대구"}
    assert {r[4] for r in cases} == {"복지위기 알림 앱", "AI 초기상담", "안부 살핌 우편"}
    # The case list adds up to the statistics column by column.
    for stat, listed in (("확인", 10), ("상담", 11), ("공공 지원연계", 12), ("민간 지원연계", 13)):
        assert sum(r[listed] for r in cases) == total[header.index(stat)], stat
    # 기한초과: one definition (open, past its 처리기한 now, whenever received), the same
    # count as the client's 기한 초과 filter and the council papers.
    from db.queries import CaseFilter
    from desktop.caselist.service import CaseListService

    listed_overdue = len(CaseListService(ctx).ids(CaseFilter(overdue=True)))
    assert total[header.index("기한초과")] == listed_overdue
    assert sum(r[15] for r in cases) <= listed_overdue  # the period's cases among them
    assert all(isinstance(r[5], datetime) for r in cases)  # real dates, not text
    assert listing.cell(6, 6).number_format == "yyyy-mm-dd"
    assert total[header.index("공공 지원연계")] + total[header.index("민간 지원연계")] == 1
    names = {r[9] for r in cases}
    assert names == {"김○○", "이○○", "박○○"}
    # The crisis types as columns, every type kept (zeros too), adding up the same way.
    crisis = book["위기유형별"]
    kinds = [c.value for c in crisis[5]]
    assert kinds[:3] == ["구·군", "행정동", "행정기관코드"] and "단전단수" in kinds
    crisis_rows = [r for r in crisis.iter_rows(min_row=6, values_only=True) if r[1]]
    crisis_total = next(r for r in crisis_rows if r[1] == "합계")
    assert crisis_total[-1] == 3
    assert stats.page_setup.orientation == "landscape" and stats.page_setup.fitToWidth == 1
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_every_centre_covered_has_its_row_and_each_gu_its_subtotal(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    """Zero rows kept: every centre's sheet has the same shape, and the city adds them up."""
    with ctx.sessions.begin() as session:
        session.add(
            CommunityCentre(code="2635052000", sido="부산광역시", gu="해운대구", dong="좌2동")
        )
        session.add(
            CommunityCentre(code="2650051000", sido="부산광역시", gu="수영구", dong="광안1동")
        )
    path = tmp_path / "city.xlsx"
    export_city(ctx, PERIOD, path, reason="11월 보고")
    stats = load_workbook(path)["통계"]
    header = [c.value for c in stats[5]]
    rows = [r for r in stats.iter_rows(min_row=6, values_only=True) if r[1]]
    places = [(r[0], r[1]) for r in rows]
    assert places == [
        ("수영구", "광안1동"),
        ("수영구", "수영구 소계"),
        ("해운대구", "좌1동"),
        ("해운대구", "좌2동"),
        ("해운대구", "해운대구 소계"),
        (None, "합계"),
    ]
    cases = header.index("접수 사례 계")
    by_place = {r[1]: r for r in rows}
    assert by_place["광안1동"][cases] == 0 and by_place["좌2동"][cases] == 0  # kept at zero
    assert (
        by_place["합계"][cases] == by_place["수영구 소계"][cases] + by_place["해운대구 소계"][cases]
    )


def test_a_revealed_export_keeps_a_formula_looking_name_as_text(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    hostile = '=HYPERLINK("http://x","클릭")'
    import_file(
        ctx,
        _write(
            tmp_path,
            "more.jsonl",
            [
                {
                    "상담ID": "AI-9",
                    "통화일시": "2026-11-10 10:00",
                    "대상자명": hostile,
                    "연락처": "010-5555-0909",
                    "통화결과": "연결",
                }
            ],
        ),
        centre_id=dong["centre"],
    )
    path = tmp_path / "cases.xlsx"
    with pytest.raises(AccessDeniedError, match="이유"):
        export_cases(ctx, path, reason=None, reveal=True)
    assert not path.exists()
    assert export_cases(ctx, path, reason="긴급 점검", reveal=True) == 4
    sheet = load_workbook(path)["사례 목록"]
    cells = [c for row in sheet.iter_rows(min_row=5) for c in row]
    hit = next(c for c in cells if c.value == hostile)
    assert hit.data_type == "s" and hit.quotePrefix
    assert not any(c.data_type == "f" for c in cells)


def test_the_case_card_is_for_permitted_staff_with_a_reason(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "card.pdf"
    with pytest.raises(ReportError, match=r"\.pdf"):
        write_case_card(ctx, dong["kim"], tmp_path / "card.docx", reason="사례 파일")
    before = _log_rows(ctx)
    write_case_card(ctx, dong["kim"], path, reason="사례 파일 보관")
    assert _log_rows(ctx) == before + 1
    with ctx.session() as session:
        row = session.scalars(select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert row is not None and row.action is AccessAction.PRINT and row.reason == "사례 파일 보관"
    text = _pdf_text(path)
    assert "김민준" in text and "좌동로 10" in text  # the full card, for the case file
    assert "<img src=x>" in text and "개인정보 포함" in text
    accounts.add_user(ctx, "reader1", "reader-pass-1", role=Role.READER, centre="좌1동")
    accounts.sign_in(ctx, "reader1", "reader-pass-1")
    with pytest.raises(AccessDeniedError):
        write_case_card(ctx, dong["kim"], tmp_path / "again.pdf", reason="보관")
    # A reader prepares the council papers: masked, allowed.
    write_council(ctx, PERIOD, tmp_path / "c.pdf", reason="회의 준비", centre="좌1동")


def test_a_failed_build_leaves_no_file(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reports.council_pdf

    def broken(_packet: object) -> list[object]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(reports.council_pdf, "build_story", lambda p: [*broken(p)])
    path = tmp_path / "council.pdf"
    path.write_bytes(b"earlier copy")
    before = _log_rows(ctx)
    with pytest.raises(RuntimeError):
        write_council(ctx, PERIOD, path, reason="회의", centre="좌1동")
    assert path.read_bytes() == b"earlier copy" and not list(tmp_path.glob("*.partial"))
    assert _log_rows(ctx) == before


def test_the_commands_ask_for_a_reason_and_say_what_they_wrote(
    db_url: str, ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        return main(["--db", db_url, *args], stdout=out), out.getvalue()

    pdf = tmp_path / "c.pdf"
    council = ["report", "council", "--from", "2026-09-01", "--to", "2026-11-30"]
    assert run(*council, "--centre", "좌1동", "-o", str(pdf))[0] == 1
    assert not pdf.exists()
    code, text = run(
        *council,
        "--meeting",
        "2026-11-19",
        "--centre",
        "좌1동",
        "-o",
        str(pdf),
        "--reason",
        "정기회의",
    )
    assert code == 0 and "안건 1건" in text and pdf.exists()
    code, text = run(
        "export",
        "city",
        "--month",
        "2026-11",
        "-o",
        str(tmp_path / "city.xlsx"),
        "--reason",
        "11월 보고",
    )
    assert code == 0 and "사례 3건" in text  # cases count in the month they were received
    assert (
        run(
            "export", "city", "--month", "10월", "-o", str(tmp_path / "x.xlsx"), "--reason", "보고"
        )[0]
        == 1
    )
    assert run("export", "city", "-o", str(tmp_path / "x.xlsx"), "--reason", "보고")[0] == 1
    code, text = run("export", "cases", "-o", str(tmp_path / "cases.xlsx"), "--reason", "점검")
    assert code == 0 and "3건" in text
    code, _ = run(
        "report", "case", str(dong["kim"]), "-o", str(tmp_path / "card.pdf"), "--reason", "보관"
    )
    assert code == 0
    assert run("audit", "verify")[0] == 0


def test_periods_are_whole_korean_days() -> None:
    october = Period.month("2026-10")
    assert (october.first, october.last) == (date(2026, 10, 1), date(2026, 10, 31))
    assert october.start.isoformat() == "2026-10-01T00:00:00+09:00"
    assert Period.month("2026-12").last == date(2026, 12, 31)
    assert Period(date(2026, 9, 15), date(2026, 11, 2)).months() == [
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    with pytest.raises(ReportError):
        Period(date(2026, 11, 2), date(2026, 11, 1))
    with pytest.raises(ReportError):
        Period.month("2026-13")


def test_the_case_list_workbook_has_excel_dates_in_korea_time_names_and_one_yes_no(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    """A city officer sorts by date, prints it, and reads who works each case."""
    from desktop.timeutil import to_kst

    path = tmp_path / "cases.xlsx"
    count = export_cases(ctx, path, reason="월간 점검")
    book = load_workbook(path)
    sheet = book["사례 목록"]
    header = [c.value for c in next(sheet.iter_rows(min_row=4, max_row=4))]
    rows = [dict(zip(header, (c for c in row), strict=False)) for row in sheet.iter_rows(min_row=5)]
    assert len(rows) == count > 0
    with ctx.session() as session:
        opened = {c.id: c.opened_at for c in session.scalars(select(Case))}
    for row in rows:
        cell = row["접수일시"]
        assert cell.is_date and isinstance(cell.value, datetime)
        # The wall-clock time in Korea, not UTC (a report at 08:30 KST is not the day before).
        assert cell.value == to_kst(opened[row["사례번호"].value]).replace(tzinfo=None)
        assert row["기한초과(1=예)"].value in (0, 1)  # the same 1/0 as the city's sheets
        assert row["담당자"].value and "_" not in str(row["담당자"].value)  # a name, not an id
        assert row["기한초과 사유"].alignment.wrap_text
    assert sheet.print_title_rows in ("1:4", "$1:$4")  # the header rows on every page
    assert "행정복지센터" in sheet.oddHeader.left.text or "센터" in sheet.oddHeader.left.text
    assert "사례 목록" in sheet.oddHeader.right.text


def test_a_sensitive_crisis_type_is_withheld_from_the_citizen_members_copy(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    """자살위험 is not printed for citizen members; the item says something was withheld."""
    from desktop.reporting.council import council_packet

    import_file(
        ctx,
        _write(
            tmp_path,
            "risk.jsonl",
            [
                {
                    "신고번호": "R-S1",
                    "신고일시": "2026-11-12 10:00",
                    "대상자명": "정하나",
                    "주소": "부산광역시 해운대구 좌동로 30",
                    "위기유형": "자살위험,경제",
                }
            ],
        ),
        centre_id=dong["centre"],
    )
    with ctx.session() as session:
        from db.models import Alert

        case_id = session.scalar(select(Alert.case_id).where(Alert.source_id == "R-S1"))
    assert case_id is not None
    actions.flag_for_council(ctx, case_id, expected_version=None)
    packet = council_packet(ctx, PERIOD)
    [entry] = [a for a in packet.agenda if "경제" in str(a) and "민감 정보" in str(a)]
    assert "자살위험" not in str(entry)
    assert "민감 정보 1건은 싣지 않음" in str(entry)


def test_each_agenda_item_says_its_situation_in_a_sentence_and_asks_for_something_specific(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    from db.models import Alert
    from desktop.reporting.council import council_packet

    records = [
        {
            "신고번호": source,
            "신고일시": "2026-11-12 10:00",
            "대상자명": name,
            "주소": address,
            "위기유형": kinds,
        }
        for source, name, address, kinds in (
            ("R-A1", "정하나", "부산광역시 해운대구 좌동로 31", "경제"),
            ("R-A2", "조두리", "부산광역시 해운대구 좌동로 32", "고립,주거"),
        )
    ]
    import_file(ctx, _write(tmp_path, "agenda.jsonl", records), centre_id=dong["centre"])
    for source in ("R-A1", "R-A2"):
        with ctx.session() as session:
            case_id = session.scalar(select(Alert.case_id).where(Alert.source_id == source))
        assert case_id is not None
        actions.flag_for_council(ctx, case_id, expected_version=None)
    packet = council_packet(ctx, PERIOD)
    texts = [str(a) for a in packet.agenda]
    economic = next(t for t in texts if "경제 어려움" in t)
    lonely = next(t for t in texts if "고립·주거 어려움" in t)
    assert "민간 자원" in economic and "이웃 안부 살핌" in lonely
    assert economic != lonely and "위기유형:" not in economic  # a sentence, not a field list


def test_a_one_month_paper_charts_the_trend_of_six_months(
    ctx: AppContext, dong: dict[str, Any]
) -> None:
    from desktop.reporting.council import council_packet

    packet = council_packet(ctx, Period.month("2026-11"))
    assert packet.months == ["2026-11"]  # the tables: the period
    assert packet.trend_months == [f"2026-{m:02d}" for m in range(6, 12)]  # the chart
    november = {name: counts[-1] for name, counts in packet.trend_by_channel}
    assert november == {name: counts[0] for name, counts in packet.alerts_by_channel}


def test_the_council_workbook_s_agenda_rows_are_tall_enough_for_their_text(
    ctx: AppContext, dong: dict[str, Any], tmp_path: Path
) -> None:
    with ctx.session() as session:
        case_id = session.scalars(select(Case.id).order_by(Case.id)).first()
    assert case_id is not None
    actions.flag_for_council(ctx, case_id, expected_version=None)
    path = tmp_path / "council.xlsx"
    write_council(ctx, PERIOD, path, reason="11월 정기회의")
    sheet = load_workbook(path)["논의 안건"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "번호")
    rows = [r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert rows
    for r in rows:
        longest = max(len(str(sheet.cell(r, c).value or "")) for c in range(2, 7))
        height = sheet.row_dimensions[r].height
        assert height is not None and height >= 19
        if longest > 40:
            assert height > 19  # wrapped text gets its lines
