"""비해당 in the words staff use (지원 불필요, 정기 관리, 소재 파악 필요: 연락두절, 빈집, 정보
불일치), each counted in the council's papers and the city's figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text

from db.enums import CaseStatus, ClosureReason
from desktop.casework.workflow import change_status
from desktop.context import AppContext
from desktop.reporting import Period, council_packet, export_city, write_council
from tests.conftest import as_tester
from tests.helpers.handoff import results_office, sign_in
from tests.helpers.linking import alert, call, import_records

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
CLOSURE_HEADERS = [
    "지원 불필요",
    "정기 관리",
    "소재 파악 필요",
    "소재 파악 필요 (연락두절)",
    "소재 파악 필요 (빈집)",
    "소재 파악 필요 (정보 불일치)",
]


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    """좌1동: 비해당 — 빈집, 종결 — 정기 관리, 비해당 — 정보 불일치, and one 비해당 closed
    before reasons were asked (its reason empty); 좌2동: 비해당 — 지원 불필요."""
    ids = results_office(ctx, tmp_path)
    sign_in(ctx, "kim")
    change_status(
        ctx, ids["open"], CaseStatus.NOT_APPLICABLE, expected_version=None,
        reason="주소지에 다른 사람이 삶", closure_reason=ClosureReason.INFO_MISMATCH,
    )  # fmt: skip
    import_records(
        ctx, tmp_path, [call("A-9", "한옥순", "010-5555-0999", 주소="해운대구 좌동순환로 9")]
    )
    earlier = alert(ctx, "A-9").case_id
    ctx.actor = as_tester(ctx)
    with ctx.sessions.begin() as session:  # an earlier version's 비해당, with no reason
        session.execute(
            text(
                "UPDATE cases SET status = 'not_applicable', closed_at = opened_at, "
                "due_at = NULL WHERE id = :id"
            ),
            {"id": earlier},
        )
    return ids


def test_the_council_counts_each_reason_the_period_s_cases_ended_for(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "kim")
    packet = council_packet(ctx, NOVEMBER, centre="좌1동")
    lines = {(x.label, x.part): (x.not_applicable, x.closed) for x in packet.closures}
    assert lines[("지원 불필요", False)] == (0, 0)  # 좌2동's is not 좌1동's
    assert lines[("정기 관리", False)] == (0, 1)
    assert lines[("소재 파악 필요", False)] == (2, 0)
    assert lines[("연락두절", True)] == (0, 0)
    assert lines[("빈집", True)] == (1, 0)
    assert lines[("정보 불일치", True)] == (1, 0)
    # The parts follow their family; the 합계 counts each case once.
    labels = [x.label for x in packet.closures]
    assert labels[:6] == [
        "지원 불필요",
        "정기 관리",
        "소재 파악 필요",
        "연락두절",
        "빈집",
        "정보 불일치",
    ]
    total = packet.closures[-1]
    assert total.label == "합계" and (total.not_applicable, total.closed) == (3, 1)
    assert lines[("사유 미기재", False)] == (1, 0)  # the earlier version's 비해당
    # Printed in the papers, PDF and workbook alike.
    pdf = tmp_path / "council.pdf"
    write_council(ctx, NOVEMBER, pdf, reason="11월 회의", centre="좌1동")
    words = "\n".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    assert "종결·비해당 사유" in words and "소재 파악 필요" in words and "정보 불일치" in words
    book = tmp_path / "council.xlsx"
    write_council(ctx, NOVEMBER, book, reason="11월 회의", centre="좌1동")
    cells = [
        [c for c in row if c is not None]
        for row in load_workbook(book)["주요 현황"].iter_rows(values_only=True)
    ]
    assert ["    빈집", 1, 0, 1] in cells and ["정기 관리", 0, 1, 1] in cells


def test_the_city_sheet_counts_each_reason_and_adds_up_to_its_case_list(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "kimboss")
    ctx.actor = as_tester(ctx)  # the city's figures of both centres
    path = tmp_path / "city.xlsx"
    export_city(ctx, NOVEMBER, path, reason="11월 보고")
    book = load_workbook(path)
    stats, listing = book["통계"], book["사례 목록"]
    header = [c.value for c in stats[5]]
    assert header[-6:] == CLOSURE_HEADERS  # after 기한초과, in the words staff use
    rows = {r[1]: r for r in stats.iter_rows(min_row=6, values_only=True) if r[1]}
    column = {name: header.index(name) for name in CLOSURE_HEADERS}
    first, second, total = rows["좌1동"], rows["좌2동"], rows["합계"]
    assert [first[column[h]] for h in CLOSURE_HEADERS] == [0, 1, 2, 0, 1, 1]
    assert [second[column[h]] for h in CLOSURE_HEADERS] == [1, 0, 0, 0, 0, 0]
    assert [total[column[h]] for h in CLOSURE_HEADERS] == [1, 1, 2, 0, 1, 1]
    # The case list says each closed case's reason; they add up to the figures.
    cases = list(listing.iter_rows(min_row=6, values_only=True))
    reasons = [r[-1] for r in cases if r[-1]]
    assert [c.value for c in listing[5]][-1] == "종결 사유"
    for name in CLOSURE_HEADERS:
        counted = sum(
            1 for r in reasons if r == name or (name == "소재 파악 필요" and r.startswith(name))
        )
        assert counted == total[column[name]], name
