from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.enums import CaseStatus, Channel, ClosureReason, RiskLevel
from db.models import Case, VisitPlan
from desktop.casework.deadlines import (
    DeadlineRules,
    add_working_days,
    first_deadlines,
    is_working_day,
)
from desktop.casework.due import due_items, overdue_reasons
from desktop.casework.workflow import change_status
from desktop.context import AppContext, open_database
from desktop.timeutil import KST
from tests.conftest import FIXED_NOW, as_tester
from tests.helpers.cli import run
from tests.helpers.linking import alert, call, import_records, report, visit


def kst(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, 0, tzinfo=KST)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (kst(2026, 11, 18), date(2026, 11, 19)),  # Wednesday -> Thursday
        (kst(2026, 11, 20), date(2026, 11, 23)),  # Friday -> Monday
        (kst(2026, 9, 23), date(2026, 9, 28)),  # before 추석 (24–26 Sep) -> the Monday after
        (kst(2026, 10, 2), date(2026, 10, 6)),  # 개천절 falls on Saturday: substitute Monday
        (kst(2026, 12, 24), date(2026, 12, 28)),  # 성탄절 Friday
    ],
)
def test_working_days_skip_weekends_and_korean_holidays(start: datetime, expected: date) -> None:
    assert add_working_days(start, 1).date() == expected


def test_holiday_calendar() -> None:
    assert not is_working_day(date(2026, 1, 1))
    assert not is_working_day(date(2026, 10, 5))  # substitute holiday
    assert is_working_day(date(2026, 11, 25))


def test_first_deadlines_follow_the_rules() -> None:
    rules = DeadlineRules()
    occurred = kst(2026, 11, 16)
    contact, counselling = first_deadlines(Channel.APP, occurred, RiskLevel.URGENT, occurred, rules)
    assert contact is not None and contact.date() == date(2026, 11, 17)
    assert counselling == occurred + timedelta(days=14)
    contact, counselling = first_deadlines(
        Channel.CARRIER, occurred, RiskLevel.CAUTION, occurred, rules
    )
    assert contact is not None and contact.date() == date(2026, 11, 25) and counselling is None
    assert first_deadlines(Channel.AI_CALL, occurred, RiskLevel.WATCH, occurred, rules) == (
        None,
        None,
    )


def test_rules_are_configurable_per_database(ctx: AppContext) -> None:
    assert DeadlineRules.load(ctx) == DeadlineRules()
    DeadlineRules(app_counselling_days=10).save(ctx)
    assert DeadlineRules.load(ctx).app_counselling_days == 10
    with pytest.raises(ValueError, match="범위"):
        DeadlineRules(app_counselling_days=-1).save(ctx)


def test_an_app_report_is_due_for_counselling_within_14_days(
    ctx: AppContext, tmp_path: Path
) -> None:
    old = (FIXED_NOW - timedelta(days=20)).astimezone(KST).strftime("%Y-%m-%d %H:%M")
    import_records(
        ctx, tmp_path, [report("R-1", 신고일시=old, 대상자명="최말순", 주소="해운대구 좌동로 10")]
    )
    case_id = alert(ctx, "R-1").case_id
    [item] = [i for i in due_items(ctx) if i.case_id == case_id]
    assert item.overdue and any("상담 기한" in r and "지남" in r for r in item.reasons)
    assert case_id in overdue_reasons(ctx)


def test_urgent_words_make_a_one_working_day_contact_deadline(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678", 상담요약="며칠째 못 먹었다고 함")]
    )
    with ctx.session() as session:
        case = session.get(Case, alert(ctx, "C-1").case_id)
    assert case is not None and case.risk is RiskLevel.URGENT
    assert "위험 표현: 며칠째 못 먹음" in (case.risk_reason or "")
    assert case.first_contact_due == add_working_days(FIXED_NOW, 1)


def test_three_unanswered_calls_in_a_row_warn(ctx: AppContext, tmp_path: Path) -> None:
    calls = [
        call(f"C-{n}", "김민준", "010-1234-5678", 통화결과=result, 통화일시=f"2026-11-0{n} 10:00")
        for n, result in ((1, "연결"), (2, "미응답"), (3, "거절"), (4, "미응답"))
    ]
    import_records(ctx, tmp_path, calls)
    case_id = alert(ctx, "C-1").case_id
    [item] = [i for i in due_items(ctx) if i.case_id == case_id]
    assert "AI 전화 3회 연속 미응답" in item.reasons
    with ctx.session() as session:
        case = session.get(Case, case_id)
    assert case is not None and "AI 전화 3회 연속 미응답" in (case.risk_reason or "")


def test_a_missed_carrier_visit_cycle_warns(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "이순자", "해운대구 좌동로 10 101동 1203호")])
    v = alert(ctx, "V-1")
    with ctx.sessions.begin() as session:
        session.add(
            VisitPlan(
                household_id=v.household_id,
                cycle_days=14,
                last_visit_at=FIXED_NOW - timedelta(days=20),
                next_due_at=FIXED_NOW - timedelta(days=6),
                active=True,
            )
        )
    [item] = [i for i in due_items(ctx) if i.case_id == v.case_id]
    assert item.overdue and any("집배원 방문 주기(14일) 지남" in r for r in item.reasons)


def test_a_new_alert_on_a_closed_household_draws_attention(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    first = alert(ctx, "C-1").case_id or 0
    with ctx.session() as session:
        version = session.get(Case, first).version  # type: ignore[union-attr]
    change_status(
        ctx,
        first,
        CaseStatus.CLOSED,
        expected_version=version,
        reason="해소",
        closure_reason=ClosureReason.RESOLVED,
    )
    import_records(ctx, tmp_path, [call("C-2", "김민준", "010-1234-5678")])
    second = alert(ctx, "C-2").case_id
    [item] = [i for i in due_items(ctx) if i.case_id == second]
    assert f"종결된 가구에 새 알림 (이전 사례 {first}번)" in item.reasons


def test_cli_due_and_cases_carry_the_reasons(db_url: str, tmp_path: Path) -> None:
    old = (FIXED_NOW - timedelta(days=20)).astimezone(KST).strftime("%Y-%m-%d %H:%M")
    with open_database(db_url) as ctx:
        ctx.actor = as_tester(ctx)
        import_records(ctx, tmp_path, [report("R-1", 신고일시=old, 주소="해운대구 좌동로 10")])
    code, text = run("--db", db_url, "due", "--json")
    [item] = [json.loads(line) for line in text.splitlines()]
    assert code == 0 and item["overdue"] and item["reasons"]
    _, text = run("--db", db_url, "cases", "--json")
    [case] = [json.loads(line) for line in text.splitlines()]
    assert case["overdue"] and case["overdue_reasons"] and "next_action_at" in case
    assert case["risk_reason"]
    with open_database(db_url) as ctx, ctx.session() as session:
        ctx.actor = as_tester(ctx)
        assert session.scalar(select(Case.id)) == item["case_id"]


def test_a_new_visit_moves_the_plan_on_and_clears_the_warning(
    ctx: AppContext, tmp_path: Path
) -> None:
    from desktop.casework.actions import set_visit_plan
    from desktop.casework.workflow import CaseworkError

    import_records(
        ctx,
        tmp_path,
        [visit("V-1", "이순자", "해운대구 좌동로 10 101동 1203호", 방문일자="2026-10-20")],
    )
    v = alert(ctx, "V-1")
    set_visit_plan(ctx, v.household_id or 0, 14)  # due 2026-11-03, now is 11-20: missed
    assert any(
        "집배원 방문 주기(14일)" in r
        for i in due_items(ctx)
        if i.case_id == v.case_id
        for r in i.reasons
    )
    import_records(
        ctx,
        tmp_path,
        [visit("V-2", "이순자", "해운대구 좌동로 10 101동 1203호", 방문일자="2026-11-18")],
    )
    with ctx.session() as session:
        plan = session.scalars(select(VisitPlan)).one()
    assert plan.next_due_at is not None
    assert plan.next_due_at.astimezone(KST).date() == date(2026, 12, 2)
    assert not any("집배원 방문 주기" in r for i in due_items(ctx) for r in i.reasons)
    with pytest.raises(CaseworkError, match="7–28일"):
        set_visit_plan(ctx, v.household_id or 0, 60)


def test_the_morning_lists_are_capped_but_the_totals_count_everything(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A district has tens of thousands of due cases: Today shows the most urgent few and
    counts the rest."""
    from desktop.casework.due import due_list
    from desktop.casework.today import today

    def days_ago(n: int) -> str:
        return (FIXED_NOW - timedelta(days=n)).astimezone(KST).strftime("%Y-%m-%d %H:%M")

    names = ("최말순", "박영자", "정순례", "한복녀")
    import_records(
        ctx,
        tmp_path,
        [
            report(f"R-{n}", 신고일시=days_ago(15 + n), 대상자명=name, 주소=f"해운대구 좌동로 {n}")
            for n, name in enumerate(names, start=1)
        ],
    )
    everything = due_items(ctx)
    late = [i for i in everything if i.overdue]
    assert len(late) == len(names)
    capped = due_list(ctx, limit=2)
    assert capped.overdue_total == len(names)
    assert capped.due_soon_total == len(everything) - len(names)
    # The two shown are the two most overdue, with their reasons in words.
    assert [i.case_id for i in capped.items if i.overdue] == [i.case_id for i in late[:2]]
    assert all(i.reasons for i in capped.items)
    morning = today(ctx, limit=2)
    assert len(morning.todo) == 2 and morning.overdue_total == len(names)
    assert morning.todo_total == len(everything)
    # 기한초과, one definition: Today counts what the case list's 기한 초과 filter lists.
    from db.queries import CaseFilter
    from desktop.caselist.service import CaseListService

    assert morning.overdue_total == len(CaseListService(ctx).ids(CaseFilter(overdue=True)))


def test_only_the_last_three_calls_count_as_unanswered(ctx: AppContext, tmp_path: Path) -> None:
    # Answered last: no warning, however many unanswered calls came before.
    calls = [
        call(f"C-{n}", "김민준", "010-1234-5678", 통화결과=result, 통화일시=f"2026-11-0{n} 10:00")
        for n, result in ((1, "미응답"), (2, "미응답"), (3, "결번"), (4, "미응답"), (5, "연결"))
    ]
    import_records(ctx, tmp_path, calls)
    case_id = alert(ctx, "C-1").case_id
    assert not any(
        "AI 전화 3회 연속 미응답" in i.reasons for i in due_items(ctx) if i.case_id == case_id
    )
