"""The 행복e음 hand-off sheet read back: its columns in the order a worker types them into
행복e음, the results of one case or of a day, full personal data for the worker who asks
with a reason (one access-log row a file), and nobody else."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.enums import AccessAction
from db.models import AccessLog
from desktop.context import AppContext
from desktop.reporting import ReportError, export_handoff
from desktop.security.access import AccessDeniedError
from tests.helpers.cli import run
from tests.helpers.handoff import results_office, sign_in

HEADER = [
    "사례번호",
    "성명",
    "생년월일",
    "성별",
    "연락처",
    "주소",
    "발굴경로",
    "발굴일",
    "위기유형",
    "조사결과",
    "결과일",
    "서비스 연계: 구분",
    "서비스 연계: 기관",
    "서비스 연계: 일자",
    "상담 요약 (날짜별)",
    "담당자",
    "행복e음처리번호",
]
DAY = date(2026, 11, 20)


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    return results_office(ctx, tmp_path)


def _rows(path: Path) -> tuple[list[str], list[dict[str, object]]]:
    sheet = load_workbook(path)["행복e음 입력"]
    header = [c.value for c in sheet[6]]
    rows = [
        dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=7, values_only=True)
        if row[0] is not None
    ]
    return header, rows


def _log(ctx: AppContext) -> list[AccessLog]:
    with ctx.session() as session:
        return list(session.scalars(select(AccessLog).order_by(AccessLog.id)))


def test_a_day_s_sheet_holds_each_result_in_the_order_it_is_typed_into_haengbok_eum(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "kim")
    path = tmp_path / "행복e음.xlsx"
    sheet = export_handoff(ctx, path, reason="11월 20일 결과 행복e음 입력", day=DAY)
    header, rows = _rows(path)
    assert header == HEADER
    # The day's results of 좌1동, in case order; not the open case, not 좌2동's.
    assert [r["사례번호"] for r in rows] == sorted(
        [office["support"], office["vacant"], office["regular"]]
    ) == [c.case_id for c in sheet.cases]  # fmt: skip
    support = next(r for r in rows if r["사례번호"] == office["support"])
    # The worker's own sheet: nothing masked.
    assert support["성명"] == "김민준" and support["연락처"] == "010-5555-0101"
    assert support["생년월일"] == datetime(1961, 3, 4)
    assert support["주소"] == "부산광역시 해운대구 좌동순환로 5, 101동 203호"
    # 발굴경로: each way in the order it came, the big-data list by its round.
    assert support["발굴경로"] == "빅데이터 2026-6차, AI 초기상담"
    assert support["발굴일"] == datetime(2026, 10, 31)
    crisis = str(support["위기유형"])
    assert "위기정보: 단전, 건강보험료체납" in crisis and "단전단수" in crisis
    assert support["조사결과"] == "지원연계"
    # 서비스 연계: one line a link, the same line in each of its three columns.
    assert str(support["서비스 연계: 구분"]).split("\n") == ["공공", "민간"]
    assert str(support["서비스 연계: 기관"]).split("\n") == [
        "긴급복지지원 (해운대구청)",
        "푸드뱅크 (해운대구 푸드뱅크)",
    ]
    assert str(support["서비스 연계: 일자"]).split("\n") == [
        "의뢰 2026-11-18 · 결정 2026-11-19",
        "의뢰 2026-11-20",
    ]
    # 상담 요약 by date, the oldest first.
    assert str(support["상담 요약 (날짜별)"]).split("\n") == [
        "2026-11-11 방문: 초기 방문: 혼자 지내며 끼니를 거름",
        "2026-11-18 전화: 전화: 긴급지원 서류 안내 → 다음 조치: 서류 접수 확인",
    ]
    assert support["담당자"] == "김지은" and support["행복e음처리번호"] is None
    by_id = {r["사례번호"]: r for r in rows}
    vacant, regular = by_id[office["vacant"]], by_id[office["regular"]]
    assert vacant["조사결과"] == "비해당 — 소재 파악 필요 (빈집)"
    assert vacant["발굴경로"] == "복지위기 알림" and vacant["서비스 연계: 구분"] == "없음"
    assert regular["조사결과"] == "종결 — 정기 관리" and regular["발굴경로"] == "안부 살핌 우편"
    assert regular["결과일"] == datetime(2026, 11, 20)
    # The column the worker fills in keeps what is typed as text (a leading 0 stays).
    book = load_workbook(path)["행복e음 입력"]
    assert book.cell(7, len(HEADER)).number_format == "@"
    assert "개인정보 포함" in str(book["A3"].value)


def test_each_file_asks_a_reason_and_writes_one_access_log_row(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "kim")
    before = len(_log(ctx))
    path = tmp_path / "one.xlsx"
    with pytest.raises(AccessDeniedError, match="이유"):
        export_handoff(ctx, path, reason=" ", case_id=office["vacant"])
    assert not path.exists() and len(_log(ctx)) == before
    export_handoff(ctx, path, reason="행복e음 입력", case_id=office["vacant"])
    [row] = _log(ctx)[before:]
    assert (row.action, row.subject, row.reason) == (
        AccessAction.DOWNLOAD,
        f"case:{office['vacant']}",
        "행복e음 입력",
    )
    assert row.username == "kim" and "행복e음 입력표" in (row.detail or "")
    _header, rows = _rows(path)
    assert [r["사례번호"] for r in rows] == [office["vacant"]]
    assert rows[0]["성명"] == "박영자"  # in full
    export_handoff(ctx, tmp_path / "day.xlsx", reason="하루치 입력", day=DAY)
    [day_row] = _log(ctx)[before + 1 :]
    assert day_row.subject == "handoff:2026-11-20"
    assert all(str(c) in (day_row.detail or "") for c in (office["support"], office["regular"]))


def test_a_reader_cannot_make_it_and_no_one_makes_another_centre_s(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "x.xlsx"
    sign_in(ctx, "read")
    with ctx.session() as session:
        before = session.scalar(select(func.count()).select_from(AccessLog))
    with pytest.raises(AccessDeniedError, match="사례 카드 출력"):
        export_handoff(ctx, path, reason="보려고", day=DAY)
    sign_in(ctx, "kim")
    with pytest.raises(AccessDeniedError, match="다른 행정복지센터"):
        export_handoff(ctx, path, reason="보려고", case_id=office["other"])
    with pytest.raises(ReportError, match="아직 결과"):
        export_handoff(ctx, path, reason="보려고", case_id=office["open"])
    with pytest.raises(ReportError, match=r"결과.*나온 사례가 없습니다"):
        export_handoff(ctx, path, reason="보려고", day=date(2026, 11, 19))
    assert not path.exists()
    with ctx.session() as session:
        logged = session.scalars(select(AccessLog.action).where(AccessLog.id > (before or 0))).all()
    assert AccessAction.DOWNLOAD not in logged


def test_a_worker_s_day_is_their_own_and_the_team_leader_s_the_team_s(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "park")  # 좌1동's other worker: none of these results is his
    with pytest.raises(ReportError, match="내 사례 가운데"):
        export_handoff(ctx, tmp_path / "park.xlsx", reason="입력", day=DAY)
    sign_in(ctx, "kimboss")
    sheet = export_handoff(ctx, tmp_path / "team.xlsx", reason="팀 입력 확인", day=DAY)
    assert {c.case_id for c in sheet.cases} == {
        office["support"],
        office["vacant"],
        office["regular"],
    }


def test_the_command_makes_one_case_s_or_a_day_s_sheet(
    ctx: AppContext, office: dict[str, int], tmp_path: Path, db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("ANBU_USER", "kim")
    monkeypatch.setenv("ANBU_PASSWORD", "kim-pass-1")
    path = tmp_path / "case.xlsx"
    code, out = run(
        "--db", db_url, "export", "handoff", "-o", str(path), "--reason", "입력",
        "--case", str(office["regular"]),
    )  # fmt: skip
    assert code == 0 and f"사례 {office['regular']}번, 1건" in out and path.exists()
    path = tmp_path / "day.xlsx"
    code, out = run(
        "--db", db_url, "export", "handoff", "-o", str(path), "--reason", "입력", "--day",
        "2026-11-20",
    )  # fmt: skip
    assert code == 0 and "2026-11-20 결과, 3건" in out
    assert len(_rows(path)[1]) == 3
    # Without a reason (no terminal to ask at) nothing is written.
    code, _out = run("--db", db_url, "export", "handoff", "-o", str(tmp_path / "n.xlsx"))
    assert code == 1 and not (tmp_path / "n.xlsx").exists()


def test_a_day_holds_the_results_reached_that_day_not_a_record_closed_then_reopened(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    """A quiet visit is kept as a record (closed by the machine) and reopened by the next
    alert; its result the day after is that day's, not the first day's."""
    from datetime import timedelta

    from db.enums import CaseStatus, ClosureReason
    from desktop.casework.workflow import change_status
    from tests.conftest import FIXED_NOW
    from tests.helpers.linking import alert, import_records, quiet_visit, visit

    sign_in(ctx, "kim")
    address = "해운대구 좌동순환로 77"
    import_records(ctx, tmp_path, [quiet_visit("V-7", "오말순", address)])
    import_records(ctx, tmp_path, [visit("V-8", "오말순", address, 방문일자="2026-11-19")])
    case_id = alert(ctx, "V-8").case_id
    assert case_id is not None and alert(ctx, "V-7").case_id == case_id
    ctx.clock = lambda: FIXED_NOW + timedelta(days=1)
    change_status(
        ctx, case_id, CaseStatus.NOT_APPLICABLE, expected_version=None, reason="방문 확인",
        closure_reason=ClosureReason.NO_NEED,
    )  # fmt: skip
    first = export_handoff(ctx, tmp_path / "d.xlsx", reason="입력", day=DAY)
    assert case_id not in [c.case_id for c in first.cases]
    second = export_handoff(ctx, tmp_path / "e.xlsx", reason="입력", day=date(2026, 11, 21))
    assert [c.case_id for c in second.cases] == [case_id]
    assert second.cases[0].result == "비해당 — 지원 불필요"
    # Reopened the same day, a result is no result any more.
    change_status(ctx, case_id, CaseStatus.VERIFYING, expected_version=None, reason="새 소식")
    with pytest.raises(ReportError, match="나온 사례가 없습니다"):
        export_handoff(ctx, tmp_path / "f.xlsx", reason="입력", day=date(2026, 11, 21))
