"""Closing the loop, as a real office does it: a big-data round in, the AI's call list
out, the AI's results back with their 대상자번호 and linked exactly, the carriers' visit
list out and their visits back. Set up with the office's commands, worked as a worker."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.enums import (
    AccessAction,
    CaseStatus,
    Channel,
    ClosureReason,
    CounsellingMethod,
    LinkMethod,
    ResourceKind,
    RiskLevel,
)
from db.models import AccessLog, Alert, Case, LinkSuggestion, Person, VisitPlan
from desktop.casework import actions
from desktop.casework.today import today
from desktop.casework.workflow import change_status
from desktop.outreach.refs import is_valid
from desktop.timeutil import KST, to_kst
from tests.desktop.test_office import Office, set_up_office, write_csv

TODAY = datetime.now(KST).date()
NOTIFIED = TODAY - timedelta(days=5)
DUE = TODAY + timedelta(days=30)
ROUND = f"{NOTIFIED.year}-{(NOTIFIED.month + 1) // 2}차"


def bigdata_round() -> list[dict[str, str]]:
    common = {
        "발굴차수": ROUND,
        "통보일": NOTIFIED.strftime("%Y.%m.%d"),
        "조사기한": DUE.isoformat(),
    }
    return [
        {
            "관리번호": "BD-1",
            **common,
            "대상자명": "김순례",
            "생년월일": "19480312",
            "성별": "여",
            "연락처": "010-3000-0001",
            "주소": "부산광역시 해운대구 좌동순환로 20",
            "상세주소": "",
            "위기정보": "단전, 건강보험료체납",
            "가구유형": "1인가구",
        },
        {
            "관리번호": "BD-2",
            **common,
            "대상자명": "박영호",
            "생년월일": "620101",
            "성별": "남",
            "연락처": "",
            "주소": "부산 해운대구 좌동순환로 30",
            "상세주소": "2층 왼쪽",
            "위기정보": "통신비체납ㆍ고용위기",
            "가구유형": "",
        },
        {
            "관리번호": "BD-3",
            **common,
            "대상자명": "최정숙",
            "생년월일": "1950-05-05",
            "성별": "여",
            "연락처": "010-3000-0003",
            "주소": "부산 해운대구 좌동순환로 40",
            "상세주소": "101동 202호",
            "위기정보": "공동주택관리비체납",
            "가구유형": "",
        },
    ]


@pytest.fixture
def office(empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Office:
    return set_up_office(empty_url, tmp_path, monkeypatch)


def sheet_rows(path: Path) -> list[dict[str, Any]]:
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def downloads(office: Office, subject: str) -> list[AccessLog]:
    ctx = office.context("admin")
    try:
        with ctx.session() as session:
            return list(
                session.scalars(
                    select(AccessLog).where(
                        AccessLog.action == AccessAction.DOWNLOAD, AccessLog.subject == subject
                    )
                )
            )
    finally:
        ctx.close()


def case_of(office: Office, source_id: str) -> Case:
    ctx = office.context("admin")
    try:
        with ctx.session() as session:
            case_id = session.scalar(select(Alert.case_id).where(Alert.source_id == source_id))
            case = session.get(Case, case_id)
            assert case is not None
            session.expunge(case)
            return case
    finally:
        ctx.close()


def test_the_loop_from_the_big_data_list_to_the_calls_and_visits_that_come_back(
    office: Office, tmp_path: Path
) -> None:
    # 1. The round arrives (CP949, as 행복e음's export) and a worker imports it.
    text = office.ok(
        "kim", "import", str(write_csv(tmp_path / "round.csv", bigdata_round(), "cp949"))
    )
    assert "3" in text
    mine = office.cases("kim")
    assert len(mine) == 3  # every target belongs to the centre whose territory it is in
    first = case_of(office, "BD-1")
    assert to_kst(first.due_at) == datetime.combine(DUE, datetime.min.time(), KST).replace(hour=18)
    assert "위기정보: 단전, 건강보험료체납" in (first.risk_reason or "")
    assert first.risk.value == "crisis"  # 단전
    rounds = [json.loads(line) for line in office.ok("kim", "rounds", "--json").splitlines()]
    assert rounds == [
        {"round": ROUND, "due_on": DUE.isoformat(), "total": 3, "left": 3, "days_left": 30}
    ]

    # 2. The AI's call list: the two with a phone; the one without is counted, not dropped.
    calls_file = tmp_path / "calls.xlsx"
    said = office.ok(
        "kim", "export", "calls", "-o", str(calls_file), "--reason", "AI 초기상담 의뢰"
    )
    assert "통화 명단 2명" in said and "연락처가 없는 1가구" in said
    listed = sheet_rows(calls_file)
    assert [r["대상자명"] for r in listed] == ["김순례", "최정숙"]
    assert listed[0]["연락처"] == "010-3000-0001"
    assert listed[0]["생년월일"].date() == date(1948, 3, 12)
    assert listed[0]["통화목적"] == "빅데이터 첫 확인"
    assert "주거" in listed[0]["질문영역"] and "경제" in listed[0]["질문영역"]
    numbers = {r["대상자명"]: r["대상자번호"] for r in listed}
    assert all(is_valid(n.replace("-", "")) for n in numbers.values())
    assert len(downloads(office, "calls")) == 1  # one log row for the file

    # 3. The AI's results come back with the numbers: linked exactly, or asked about.
    results = [
        {  # the number and the person it was sent for
            "상담ID": "AI-1",
            "통화일시": f"{TODAY.isoformat()} 10:00",
            "대상자명": "김순례",
            "연락처": "01030000001",
            "통화결과": "연결",
            "도움요청": "Y",
            "대상자번호": numbers["김순례"].lower(),  # typed back in any case
        },
        {  # the number, but someone born 45 years later answered under another name
            "상담ID": "AI-2",
            "통화일시": f"{TODAY.isoformat()} 10:10",
            "대상자명": "최민준",
            "연락처": "010-3000-0003",
            "생년월일": "1995-01-01",
            "통화결과": "연결",
            "고립감": "Y",
            "대상자번호": numbers["최정숙"],
        },
    ]
    office.ok("kim", "import", str(write_csv(tmp_path / "ai.csv", results)))
    ctx = office.context("kim")
    with ctx.session() as session:
        linked = session.scalars(select(Alert).where(Alert.source_id == "AI-1")).one()
        asked = session.scalars(select(Alert).where(Alert.source_id == "AI-2")).one()
        assert linked.case_id == first.id and linked.link_method is LinkMethod.AUTO
        assert linked.link_reasons[0] == "대상자번호 일치"
        assert (
            asked.link_method is LinkMethod.REVIEW and asked.case_id != case_of(office, "BD-3").id
        )
        suggestion = session.scalars(
            select(LinkSuggestion).where(LinkSuggestion.alert_id == asked.id)
        ).first()
        assert suggestion is not None and suggestion.case_id == case_of(office, "BD-3").id
        assert suggestion.reasons[0] == "대상자번호 일치, 그러나 사람 정보가 다름"

    # The worker reaches 김순례: the round has two left.
    actions.record_counselling(
        ctx,
        first.id,
        actions.Counselling(
            datetime.now(KST), CounsellingMethod.PHONE, "전화 상담, 전기 재공급 안내", {}
        ),
        expected_version=None,
    )
    rounds = [json.loads(line) for line in office.ok("kim", "rounds", "--json").splitlines()]
    assert rounds[0]["left"] == 2

    # 4. 박영호 has no phone: the post office's carriers will look in on him.
    second = case_of(office, "BD-2")
    office.ok(
        "kim", "visits", "enrol", str(second.id), "--group", "중장년1인가구", "--weeks", "2",
        "--office", "해운대우체국", "--items", "종량제봉투,생필품",
    )  # fmt: skip
    visits_file = tmp_path / "visits.xlsx"
    office.ok(
        "kim", "export", "visits", "--office", "해운대우체국", "-o", str(visits_file),
        "--reason", "안부 살핌 우편 이번 주기 명단",
    )  # fmt: skip
    (row,) = sheet_rows(visits_file)
    assert row["대상자명"] == "박영호" and row["상세주소"] == "2층 왼쪽"
    assert row["전달물품"] == "종량제봉투, 생필품" and row["방문주기"] == "2주"
    assert "우편물적체" in row["살펴볼 점"]
    printed = " ".join(str(v) for v in row.values())
    assert "체납" not in printed and "고용위기" not in printed  # nothing about the crisis
    assert len(downloads(office, "visits")) == 1

    # 5. The carrier's visit comes back with the number: that household, the plan moves on.
    visit = {
        "방문ID": "V-10",
        "방문일자": TODAY.isoformat(),
        "우체국": "해운대우체국",
        "대상자명": "박영호",
        "주소": "해운대구 좌동순환로30",
        "관찰사항": "우편물적체",
        "위기의심": "Y",
        "대상자번호": row["대상자번호"],
    }
    office.ok("kim", "import", str(write_csv(tmp_path / "carrier.csv", [visit])))
    with ctx.session() as session:
        came = session.scalars(select(Alert).where(Alert.source_id == "V-10")).one()
        assert came.case_id == second.id and came.link_reasons[0] == "대상자번호 일치"
        plan = session.scalars(
            select(VisitPlan).where(VisitPlan.household_id == second.household_id)
        ).one()
        assert to_kst(plan.next_due_at).date() == TODAY + timedelta(days=14)
        assert came.channel is Channel.CARRIER

    # 6. Results: 김순례 is linked to support, 박영호 found not to need it (비해당, 지원 불필요).
    change_status(ctx, first.id, CaseStatus.SUPPORT, expected_version=None)
    change_status(
        ctx,
        second.id,
        CaseStatus.NOT_APPLICABLE,
        expected_version=None,
        reason="방문해 보니 가족이 돌보고 있음",
        closure_reason=ClosureReason.NO_NEED,
    )
    assert {item.case_id for item in today(ctx).handoff} == {first.id, second.id}
    rounds = [json.loads(line) for line in office.ok("kim", "rounds", "--json").splitlines()]
    assert rounds[0]["left"] == 1  # 최정숙 only: 박영호's case is closed

    # 7. The 행복e음 hand-off sheet of the day, the numbers written into it and brought back.
    sheet_file = tmp_path / "handoff.xlsx"
    office.ok("kim", "export", "handoff", "-o", str(sheet_file), "--reason", "행복e음 입력")
    handed = sheet_rows_after_title(sheet_file)
    routes = {row["사례번호"]: row["발굴경로"] for row in handed}
    assert f"빅데이터 {ROUND}" in routes[first.id] and "AI 초기상담" in routes[first.id]
    assert "안부 살핌 우편" in routes[second.id]
    assert len(downloads(office, f"handoff:{TODAY.isoformat()}")) == 1
    office.ok("kim", "case", "haengbok", str(first.id), "2026-0012345")
    office.ok("kim", "case", "haengbok", str(second.id), "2026-0012346")
    assert today(ctx).handoff == []  # nothing waits to be typed into 행복e음
    ctx.close()


def sheet_rows_after_title(path: Path) -> list[dict[str, Any]]:
    """The rows of a sheet whose header is the first row holding 사례번호."""
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if "사례번호" in row)
    header = [str(h) for h in rows[start]]
    return [dict(zip(header, row, strict=True)) for row in rows[start + 1 :] if row[0] is not None]


def test_a_household_under_public_care_is_not_taken_into_the_visits(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office.ok("kim", "import", str(write_csv(tmp_path / "round.csv", bigdata_round())))
    case = case_of(office, "BD-2")
    ctx = office.context("kim")
    resource = actions.add_resource(ctx, kind=ResourceKind.PUBLIC, name="노인맞춤돌봄서비스")
    actions.link_support(
        ctx, case.id, resource, expected_version=None, requested_at=datetime.now(KST)
    )
    ctx.close()
    code, _ = office.run(
        "kim", "visits", "enrol", str(case.id), "--group", "중장년1인가구", "--weeks", "1",
        "--office", "해운대우체국",
    )  # fmt: skip
    said = capsys.readouterr().err
    assert code != 0
    assert "이미 공공 돌봄을 받는 가구" in said and "노인맞춤돌봄서비스" in said


def test_a_number_no_household_has_is_decided_as_any_other_record(
    office: Office, tmp_path: Path
) -> None:
    office.ok("kim", "import", str(write_csv(tmp_path / "round.csv", bigdata_round())))
    call = {
        "상담ID": "AI-9",
        "통화일시": f"{TODAY.isoformat()} 11:00",
        "대상자명": "김순례",
        "연락처": "010-3000-0001",
        "통화결과": "연결",
        "도움요청": "Y",
        "대상자번호": "AD-0000-0000",
    }
    office.ok("kim", "import", str(write_csv(tmp_path / "ai.csv", [call])))
    ctx = office.context("kim")
    with ctx.session() as session:
        alert = session.scalars(select(Alert).where(Alert.source_id == "AI-9")).one()
        assert alert.case_id == case_of(office, "BD-1").id  # by name and phone, as ever
        assert "대상자번호 일치" not in alert.link_reasons
    ctx.close()


@pytest.mark.parametrize("bad", ["2026-13-01", ""])
def test_a_round_record_without_a_usable_deadline_is_held_with_the_reason(
    office: Office, tmp_path: Path, bad: str
) -> None:
    rows = bigdata_round()
    rows[0]["조사기한"] = bad
    said = office.ok("kim", "import", str(write_csv(tmp_path / "round.csv", rows)))
    assert "보류 1" in said.replace(",", "") or "보류 1건" in said
    assert len(office.cases("kim")) == 2


def _numbers_from_call_list(office: Office, tmp_path: Path) -> dict[str, str]:
    calls_file = tmp_path / "calls.xlsx"
    office.ok("kim", "export", "calls", "-o", str(calls_file), "--reason", "AI 초기상담 의뢰")
    return {r["대상자명"]: r["대상자번호"] for r in sheet_rows(calls_file)}


def test_another_member_answering_the_household_s_landline_joins_it_as_a_member(
    office: Office, tmp_path: Path
) -> None:
    rows = bigdata_round()[:1]
    rows[0]["연락처"] = "051-700-1234"  # the grandmother's landline
    office.ok("kim", "import", str(write_csv(tmp_path / "round.csv", rows)))
    numbers = _numbers_from_call_list(office, tmp_path)
    answered = {
        "상담ID": "AI-20",
        "통화일시": f"{TODAY.isoformat()} 10:00",
        "대상자명": "박지민",  # her grandchild picked up
        "연락처": "051-700-1234",
        "주소": "부산 해운대구 좌동순환로 20",
        "통화결과": "연결",
        "고립감": "Y",
        "대상자번호": numbers["김순례"],
    }
    office.ok("kim", "import", str(write_csv(tmp_path / "ai.csv", [answered])))
    ctx = office.context("kim")
    with ctx.session() as session:
        alert = session.scalars(select(Alert).where(Alert.source_id == "AI-20")).one()
        household = case_of(office, "BD-1").household_id
        assert alert.case_id == case_of(office, "BD-1").id
        assert alert.link_method is LinkMethod.AUTO and alert.link_reasons[0] == "대상자번호 일치"
        members = session.scalars(
            select(Person.name).where(Person.household_id == household).order_by(Person.id)
        ).all()
        assert members == ["김순례", "박지민"]  # a member joined; nobody was merged
    ctx.close()


def test_the_number_of_a_household_merged_into_another_finds_the_one_it_joined(
    office: Office, tmp_path: Path
) -> None:
    office.ok("kim", "import", str(write_csv(tmp_path / "round.csv", bigdata_round())))
    numbers = _numbers_from_call_list(office, tmp_path)
    keep, other = case_of(office, "BD-1").id, case_of(office, "BD-3").id
    office.ok("kim", "case", "merge", str(keep), str(other), "--reason", "같은 가구로 확인")
    call = {
        "상담ID": "AI-30",
        "통화일시": f"{TODAY.isoformat()} 10:00",
        "대상자명": "최정숙",
        "연락처": "010-3000-0003",
        "통화결과": "연결",
        "도움요청": "Y",
        "대상자번호": numbers["최정숙"],
    }
    office.ok("kim", "import", str(write_csv(tmp_path / "ai.csv", [call])))
    ctx = office.context("kim")
    with ctx.session() as session:
        alert = session.scalars(select(Alert).where(Alert.source_id == "AI-30")).one()
        assert alert.case_id == keep and alert.link_reasons[0] == "대상자번호 일치"
    ctx.close()


def test_the_call_list_retries_an_unanswered_call_on_another_day_and_leaves_urgent_cases_to_staff(
    office: Office, tmp_path: Path
) -> None:
    office.ok("kim", "import", str(write_csv(tmp_path / "round.csv", bigdata_round())))
    numbers = _numbers_from_call_list(office, tmp_path)
    yesterday = TODAY - timedelta(days=1)
    results = [
        {  # 김순례 did not answer yesterday: tried again on another day
            "상담ID": "AI-40",
            "통화일시": f"{yesterday.isoformat()} 15:00",
            "대상자명": "김순례",
            "연락처": "010-3000-0001",
            "통화결과": "미응답",
            "대상자번호": numbers["김순례"],
        },
    ]
    office.ok("kim", "import", str(write_csv(tmp_path / "ai.csv", results)))
    # 최정숙, not reached yet, is found 긴급 by her worker: called in person, not by the AI.
    ctx = office.context("kim")
    actions.set_risk(
        ctx,
        case_of(office, "BD-3").id,
        RiskLevel.URGENT,
        "이웃이 자살 암시 전함",
        expected_version=None,
    )
    ctx.close()
    calls_file = tmp_path / "again.xlsx"
    said = office.ok("kim", "export", "calls", "-o", str(calls_file), "--reason", "재통화 의뢰")
    listed = sheet_rows(calls_file)
    assert [(r["대상자명"], r["통화목적"]) for r in listed] == [("김순례", "미응답 재통화")]
    assert "긴급 1건은 담당자가 직접 연락" in said
    assert len(downloads(office, "calls")) == 2  # a log row for each file
