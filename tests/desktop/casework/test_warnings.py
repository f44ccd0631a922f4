"""The warnings each case keeps (a missed carrier visit, three unanswered AI calls, a new
case of a closed household) stay what its alerts, statuses and visit plans say after every
kind of write, and Today reads them from the case."""

from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, update

from db.enums import CaseStatus, ClosureReason, CounsellingMethod
from db.models import Case, VisitPlan
from desktop.casework.actions import (
    ABSENT,
    MET,
    Counselling,
    record_counselling,
    set_visit_plan,
)
from desktop.casework.due import todo_list
from desktop.casework.warnings import Warnings
from desktop.casework.workflow import change_status
from desktop.context import AppContext
from desktop.linking import decisions
from desktop.timeutil import KST
from tests.conftest import FIXED_NOW
from tests.helpers.linking import alert, call, import_records, report, visit
from tests.helpers.warnings import stale_warnings

ADDRESS = "부산광역시 해운대구 좌동로 10, 101동 1203호"
PHONE = "010-1234-5678"
UNANSWERED = "AI 전화 3회 연속 미응답"


def kept(ctx: AppContext, case_id: int | None) -> Warnings:
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.visit_due_at, case.calls_unanswered, case.reopens_case_id


def version(ctx: AppContext, case_id: int | None) -> int:
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version


def calls(*results: str, first: int = 1) -> list[dict[str, str]]:
    """AI calls to one person on consecutive days, with these results."""
    return [
        call(f"C-{n}", "김민준", PHONE, 통화결과=result, 통화일시=f"2026-11-{n:02d} 10:00")
        for n, result in enumerate(results, start=first)
    ]


def todo_reasons(ctx: AppContext, case_id: int | None) -> list[str]:
    return [
        r for item, _mine in todo_list(ctx).items if item.case_id == case_id for r in item.reasons
    ]


def on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=KST)


def test_unanswered_calls_are_kept_as_calls_are_imported_and_revised(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, calls("연결", "미응답", "거절"))
    case_id = alert(ctx, "C-1").case_id
    assert kept(ctx, case_id) == (None, False, None)
    import_records(ctx, tmp_path, calls("결번", first=4))  # the third unanswered in a row
    assert kept(ctx, case_id)[1] is True
    assert UNANSWERED in todo_reasons(ctx, case_id)
    # The channel sends the last call again, answered after all: a revision of the alert.
    import_records(ctx, tmp_path, calls("연결", first=4))
    assert alert(ctx, "C-4").revision == 2
    assert kept(ctx, case_id)[1] is False
    assert UNANSWERED not in todo_reasons(ctx, case_id)
    assert stale_warnings(ctx) == {}


def test_a_visit_plan_warning_follows_the_plan_and_the_visits(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "이순자", ADDRESS, 방문일자="2026-10-20")])
    v = alert(ctx, "V-1")
    assert kept(ctx, v.case_id)[0] is None
    set_visit_plan(ctx, v.household_id or 0, 14)
    visit_due = kept(ctx, v.case_id)[0]
    assert visit_due is not None and visit_due.astimezone(KST).date() == date(2026, 11, 3)
    assert any("집배원 방문 주기(14일) 지남" in r for r in todo_reasons(ctx, v.case_id))
    import_records(ctx, tmp_path, [visit("V-2", "이순자", ADDRESS, 방문일자="2026-11-18")])
    assert alert(ctx, "V-2").case_id == v.case_id
    visit_due = kept(ctx, v.case_id)[0]
    assert visit_due is not None and visit_due.astimezone(KST).date() == date(2026, 12, 2)
    assert not any("집배원" in r for r in todo_reasons(ctx, v.case_id))  # not yet due
    set_visit_plan(ctx, v.household_id or 0, None)  # the plan stops
    assert kept(ctx, v.case_id)[0] is None
    assert stale_warnings(ctx) == {}


def test_a_visit_plan_written_directly_is_noticed(ctx: AppContext, tmp_path: Path) -> None:
    """A change made through the ORM by any code notes the household by itself."""
    import_records(ctx, tmp_path, [visit("V-1", "이순자", ADDRESS)])
    v = alert(ctx, "V-1")
    due = FIXED_NOW - timedelta(days=6)
    with ctx.sessions.begin() as session:
        session.add(
            VisitPlan(household_id=v.household_id, cycle_days=14, next_due_at=due, active=True)
        )
    assert kept(ctx, v.case_id)[0] == due
    with ctx.sessions.begin() as session:
        plan = session.scalars(select(VisitPlan)).one()
        plan.active = False
    assert kept(ctx, v.case_id)[0] is None


def test_closing_and_reopening_a_case_move_its_warnings(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, calls("미응답", "미응답", "미응답"))
    first = alert(ctx, "C-1").case_id
    assert kept(ctx, first)[1] is True
    change_status(
        ctx,
        first or 0,
        CaseStatus.CLOSED,
        expected_version=version(ctx, first),
        reason="연락 안 됨",
        closure_reason=ClosureReason.UNREACHABLE,
    )
    assert kept(ctx, first) == (None, False, None)  # a closed case warns of nothing
    # The household comes back: its new case says so, until the old one is reopened.
    import_records(ctx, tmp_path, calls("연결", first=10))
    second = alert(ctx, "C-10").case_id
    assert second != first and kept(ctx, second) == (None, False, first)
    assert f"종결된 가구에 새 알림 (이전 사례 {first}번)" in todo_reasons(ctx, second)
    change_status(
        ctx,
        first or 0,
        CaseStatus.VERIFYING,
        expected_version=version(ctx, first),
        reason="다시 확인",
    )
    assert kept(ctx, second) == (None, False, None)
    assert kept(ctx, first)[1] is True  # its own last three calls still went unanswered
    assert stale_warnings(ctx) == {}


def test_the_visit_warning_passes_to_the_household_s_newest_carrying_case(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "이순자", ADDRESS, 방문일자="2026-10-01")])
    v = alert(ctx, "V-1")
    set_visit_plan(ctx, v.household_id or 0, 14)
    change_status(
        ctx,
        v.case_id or 0,
        CaseStatus.CLOSED,
        expected_version=version(ctx, v.case_id),
        reason="해소",
        closure_reason=ClosureReason.RESOLVED,
    )
    assert kept(ctx, v.case_id)[0] is None  # closed (not 기록만): it carries no visit
    import_records(ctx, tmp_path, [visit("V-2", "이순자", ADDRESS, 방문일자="2026-10-05")])
    newer = alert(ctx, "V-2").case_id
    assert newer != v.case_id
    visit_due = kept(ctx, newer)[0]
    assert visit_due is not None and visit_due.astimezone(KST).date() == date(2026, 10, 19)
    assert any("집배원 방문 주기(14일) 지남" in r for r in todo_reasons(ctx, newer))
    assert stale_warnings(ctx) == {}


def test_counselling_keeps_the_warnings(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, calls("미응답", "미응답", "미응답"))
    case_id = alert(ctx, "C-1").case_id
    for outcome, content in ((ABSENT, ""), (MET, "통화 연결, 방문 약속")):
        record_counselling(
            ctx,
            case_id or 0,
            Counselling(
                held_at=FIXED_NOW,
                method=CounsellingMethod.PHONE,
                content=content,
                needs={},
                outcome=outcome,
                next_action_at=FIXED_NOW + timedelta(days=3),
            ),
            expected_version=version(ctx, case_id),
        )
        assert kept(ctx, case_id)[1] is True
        assert UNANSWERED in todo_reasons(ctx, case_id)
    assert stale_warnings(ctx) == {}


def test_a_merge_and_its_undo_keep_the_warnings_right(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, calls("미응답", "미응답", "미응답"))
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS, 방문일자="2026-10-20")])
    called, visited = alert(ctx, "C-1").case_id, alert(ctx, "V-1").case_id
    assert called != visited
    set_visit_plan(ctx, alert(ctx, "V-1").household_id or 0, 14)
    before = {called: kept(ctx, called), visited: kept(ctx, visited)}
    assert before[called][1] is True and before[visited][0] is not None
    decision = decisions.merge(ctx, called or 0, visited or 0, reason="같은 분 확인")
    # The visited case is folded in: it carries nothing; the calls stay the kept case's.
    assert kept(ctx, visited) == (None, False, None)
    assert kept(ctx, called)[1] is True
    assert stale_warnings(ctx) == {}
    decisions.undo(ctx, decision)
    assert {called: kept(ctx, called), visited: kept(ctx, visited)} == before
    assert stale_warnings(ctx) == {}


def test_a_split_and_its_undo_keep_the_warnings_right(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, calls("연결", "미응답", "미응답", "미응답"))
    case_id = alert(ctx, "C-1").case_id
    assert kept(ctx, case_id)[1] is True
    decision, other = decisions.split(ctx, case_id or 0, [alert(ctx, "C-4").id], reason="동명이인")
    assert kept(ctx, case_id)[1] is False  # its last three: 연결, 미응답, 미응답
    assert kept(ctx, other)[1] is False
    assert stale_warnings(ctx) == {}
    decisions.undo(ctx, decision)
    assert alert(ctx, "C-4").case_id == case_id and kept(ctx, case_id)[1] is True
    assert stale_warnings(ctx) == {}


def test_accepting_a_suggestion_and_undoing_it_keep_the_warnings_right(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [
            report(
                "R-1",
                대상자명="최말순",
                주소=ADDRESS,
                상세주소="101동 1203호",
                위도="35.1631",
                경도="129.1636",
            )
        ],
    )
    known = alert(ctx, "R-1").case_id
    change_status(
        ctx,
        known or 0,
        CaseStatus.CLOSED,
        expected_version=version(ctx, known),
        reason="해소",
        closure_reason=ClosureReason.RESOLVED,
    )
    # a report naming only the known flat: asked about (a pin alone is not)
    import_records(ctx, tmp_path, [report("R-2", 주소=ADDRESS, 상세주소="101동 1203호")])
    provisional = alert(ctx, "R-2").case_id
    assert kept(ctx, provisional) == (None, False, None)  # its own household, so far
    [item] = decisions.review_queue(ctx)
    decision = decisions.accept(ctx, item.candidates[0].suggestion_id, reason="통장 확인")
    # The closed household had no open case: the one opened for the report says it came back.
    joined = alert(ctx, "R-2").case_id
    assert joined not in (known, provisional)
    assert kept(ctx, joined) == (None, False, known)
    assert kept(ctx, provisional) == (None, False, None)
    assert stale_warnings(ctx) == {}
    decisions.undo(ctx, decision)
    assert alert(ctx, "R-2").case_id == provisional
    assert kept(ctx, provisional) == (None, False, None)
    assert stale_warnings(ctx) == {}


def test_the_migration_works_out_the_warnings_of_an_existing_database(
    ctx: AppContext, tmp_path: Path
) -> None:
    """0018 fills the new columns as the program keeps them (its SQL is written out)."""
    import_records(ctx, tmp_path, calls("미응답", "미응답", "미응답"))
    first = alert(ctx, "C-1").case_id
    change_status(
        ctx,
        first or 0,
        CaseStatus.CLOSED,
        expected_version=version(ctx, first),
        reason="해소",
        closure_reason=ClosureReason.RESOLVED,
    )
    import_records(ctx, tmp_path, calls("미응답", "미응답", "미응답", first=10))
    import_records(ctx, tmp_path, [visit("V-1", "이순자", "해운대구 좌동로 20")])
    set_visit_plan(ctx, alert(ctx, "V-1").household_id or 0, 14)
    with ctx.session() as session:
        before = {
            case_id: (visit_due, calls_, reopens)
            for case_id, visit_due, calls_, reopens in session.execute(
                select(Case.id, Case.visit_due_at, Case.calls_unanswered, Case.reopens_case_id)
            )
        }
    assert any(w[0] for w in before.values()) and any(w[1] for w in before.values())
    assert any(w[2] for w in before.values())
    with ctx.sessions.begin() as session:  # as a database from before 0018 has them
        session.execute(
            update(Case).values(visit_due_at=None, calls_unanswered=False, reopens_case_id=None)
        )
    path = Path(__file__).parents[3] / "db/migrations/versions/0018_case_warnings_kept.py"
    spec = importlib.util.spec_from_file_location("migration_0018", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with (
        ctx.engine.begin() as connection,
        Operations.context(MigrationContext.configure(connection)),
    ):
        migration._backfill()
    assert stale_warnings(ctx) == {}
    with ctx.session() as session:
        after = {
            case_id: (visit_due, calls_, reopens)
            for case_id, visit_due, calls_, reopens in session.execute(
                select(Case.id, Case.visit_due_at, Case.calls_unanswered, Case.reopens_case_id)
            )
        }
    assert after == before
