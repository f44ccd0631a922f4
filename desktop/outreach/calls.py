"""The AI call list (AI 초기상담): whom the AI should call next, about what.

Three kinds of household, one row each (the first that applies):

1. 빅데이터 첫 확인 — a big-data target of an open case that nobody has reached yet (no
   counselling recorded and no AI call since the list named them);
2. 미응답 재통화 — an open case whose latest AI call went unanswered (미응답) on an earlier
   day: called again on another day (a refusal or a dead number is not retried);
3. 모니터링 안부 — a case in 모니터링 whose next check-in falls by the list's day.

긴급 cases are left to the worker, who calls them in person, and a household with no
phone number cannot be on the list: both are counted and named in the result, never
dropped without a word. Each row carries the 대상자번호 the AI's result file brings back,
the person's name, phone and birth date, and the question areas (건강, 경제, 주거, 고용,
가족) that the case's crisis types call for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from db.enums import OPEN_STATUSES, AccessAction, CaseStatus, Channel, RiskLevel
from db.models import PHONE_COLUMN, Alert, Case, CounsellingRecord, Person
from desktop.context import AppContext
from desktop.outreach import refs
from desktop.outreach.visits import issue_numbers
from desktop.security import audit
from desktop.security.access import Permission, in_scope, require
from desktop.timeutil import KST, to_kst

FIRST_CHECK = "빅데이터 첫 확인"
RETRY = "미응답 재통화"
CHECK_IN = "모니터링 안부"

# The AI's question areas, from the crisis types every channel's alert is read into.
AREAS = ("건강", "경제", "주거", "고용", "가족")
AREA_OF_CRISIS = {
    "건강": "건강",
    "자살위험": "건강",
    "경제": "경제",
    "체납": "경제",
    "단전단수": "주거",
    "주거": "주거",
    "고용": "고용",
    "돌봄": "가족",
    "고립": "가족",
}


@dataclass(frozen=True)
class CallRow:
    case_id: int
    household_ref: str
    name: str
    phone: str
    birth_date: date | None
    areas: tuple[str, ...]
    purpose: str
    call_from: date


@dataclass
class CallList:
    on: date
    rows: list[CallRow] = field(default_factory=list)
    urgent_left_out: int = 0  # 긴급: the worker calls in person
    without_phone: int = 0  # no number to call: a visit instead

    @property
    def summary(self) -> str:
        parts = [f"통화 명단 {len(self.rows):,}명"]
        by = {
            p: sum(1 for r in self.rows if r.purpose == p) for p in (FIRST_CHECK, RETRY, CHECK_IN)
        }
        parts.append(", ".join(f"{p} {n:,}" for p, n in by.items() if n) or "대상 없음")
        left = []
        if self.urgent_left_out:
            left.append(f"긴급 {self.urgent_left_out:,}건은 담당자가 직접 연락하도록 뺐습니다")
        if self.without_phone:
            left.append(f"연락처가 없는 {self.without_phone:,}가구는 뺐습니다 (방문으로 확인)")
        return " · ".join([parts[0] + f" ({parts[1]})", *left])


def _areas(crisis: Sequence[Sequence[str]]) -> tuple[str, ...]:
    found = {AREA_OF_CRISIS[c] for kinds in crisis for c in kinds if c in AREA_OF_CRISIS}
    return tuple(a for a in AREAS if a in found) or ("건강", "경제")


def _candidates(session: Session, scope: Any, on: date, end: datetime) -> dict[int, str]:
    """Open case -> why it is to be called (the first kind that applies)."""
    live = (Case.status.in_(OPEN_STATUSES), Case.merged_into_id.is_(None), scope)
    found: dict[int, str] = {}
    # 1. big-data targets nobody has reached since the list named them
    later_call = aliased(Alert)
    target = aliased(Alert)
    reached = exists().where(
        later_call.case_id == target.case_id,
        later_call.channel == Channel.AI_CALL,
        later_call.occurred_at >= target.occurred_at,
    )
    counselled = exists().where(CounsellingRecord.case_id == target.case_id)
    for case_id in session.scalars(
        select(target.case_id)
        .join(Case, Case.id == target.case_id)
        .where(target.channel == Channel.BIGDATA, ~reached, ~counselled, *live)
        .distinct()
    ):
        if case_id is not None:
            found.setdefault(case_id, FIRST_CHECK)
    # 2. the latest AI call went unanswered, on an earlier day
    start_of_day = datetime.combine(on, time(), KST)
    latest = (
        select(Alert.case_id, func.max(Alert.occurred_at).label("at"))
        .where(Alert.channel == Channel.AI_CALL)
        .group_by(Alert.case_id)
        .subquery()
    )
    for case_id, result in session.execute(
        select(Alert.case_id, Alert.fields["call_result"].as_string())
        .join(latest, (latest.c.case_id == Alert.case_id) & (latest.c.at == Alert.occurred_at))
        .join(Case, Case.id == Alert.case_id)
        .where(Alert.channel == Channel.AI_CALL, Alert.occurred_at < start_of_day, *live)
    ):
        if result == "미응답":
            found.setdefault(case_id, RETRY)
    # 3. 모니터링 due for a check-in
    for case_id in session.scalars(
        select(Case.id).where(
            Case.status == CaseStatus.MONITORING,
            Case.next_action_at < end,
            *live,
        )
    ):
        found.setdefault(case_id, CHECK_IN)
    return found


def call_list(ctx: AppContext, *, on: date | None = None) -> CallList:
    """Whom the AI should call from ``on`` (default: the next day, as the AI's provider
    takes the list the day before)."""
    actor = require(ctx, Permission.REVEAL)
    today = to_kst(ctx.clock()).date()
    on = on or today + timedelta(days=1)
    end = datetime.combine(on + timedelta(days=1), time(), KST)
    result = CallList(on)
    with ctx.session() as session:
        wanted = _candidates(session, in_scope(actor, Case.centre_id), on, end)
        if not wanted:
            return result
        ids = sorted(wanted)
        cases: dict[int, tuple[int, RiskLevel]] = {}
        crisis: dict[int, list[list[str]]] = {}
        whom: dict[int, int] = {}  # case -> the person the latest alert with a phone is about
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for case_id, household_id, risk in session.execute(
                select(Case.id, Case.household_id, Case.risk).where(Case.id.in_(part))
            ):
                cases[case_id] = (household_id, risk)
            for alert_case, kinds, person_id in session.execute(
                select(Alert.case_id, Alert.crisis_types, Alert.person_id)
                .where(Alert.case_id.in_(part))
                .order_by(Alert.case_id, Alert.occurred_at)
            ):
                if alert_case is None:
                    continue
                crisis.setdefault(alert_case, []).append(list(kinds or []))
                if person_id is not None:
                    whom[alert_case] = person_id
        households = sorted({h for h, _ in cases.values()})
        people: dict[int, list[tuple[int, str | None, date | None, bytes | None]]] = {}
        for start in range(0, len(households), 500):
            for person_id, household_id, name, born, phone in session.execute(
                select(
                    Person.id, Person.household_id, Person.name, Person.birth_date,
                    Person.phone_cipher,
                )
                .where(Person.household_id.in_(households[start : start + 500]))
                .order_by(Person.household_id, Person.id)
            ):  # fmt: skip
                people.setdefault(household_id, []).append((person_id, name, born, phone))
    chosen: dict[int, tuple[str, date | None, bytes]] = {}
    for case_id in ids:
        household_id, risk = cases[case_id]
        if risk is RiskLevel.URGENT:
            result.urgent_left_out += 1
            continue
        members = people.get(household_id, [])
        with_phone = [(pid, name, born, c) for pid, name, born, c in members if c is not None]
        if not with_phone:
            result.without_phone += 1
            continue
        preferred = [m for m in with_phone if m[0] == whom.get(case_id)]
        _, name, born, cipher = (preferred or with_phone)[0]
        chosen[case_id] = (name or "", born, cipher)
    numbers = issue_numbers(ctx, sorted({cases[c][0] for c in chosen}))
    order = {FIRST_CHECK: 0, RETRY: 1, CHECK_IN: 2}
    for case_id in sorted(chosen, key=lambda c: (order[wanted[c]], c)):
        name, born, cipher = chosen[case_id]
        household_id = cases[case_id][0]
        result.rows.append(
            CallRow(
                case_id,
                refs.shown(numbers[household_id]),
                name,
                _phone_text(ctx.protector.decrypt(cipher, PHONE_COLUMN)),
                born,
                _areas(crisis.get(case_id, [])),
                wanted[case_id],
                on,
            )
        )
    return result


def _phone_text(digits: str) -> str:
    from desktop.intake.fields import format_phone

    return format_phone(digits)


def export_calls(
    ctx: AppContext, path: Path, *, reason: str | None, on: date | None = None
) -> CallList:
    """The AI call list as a workbook: names, phones and birth dates leave the office, so
    a reason is asked and one access-log row written (다운로드)."""
    from desktop.reporting.period import paper_format
    from reports.outreach_xlsx import write_call_list

    paper_format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    listed = call_list(ctx, on=on)
    made = to_kst(ctx.clock()).strftime("%Y-%m-%d %H:%M")
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "calls", reason=reason) as (
        staging,
        detail,
    ):
        write_call_list(
            [
                {
                    "household_ref": r.household_ref,
                    "name": r.name,
                    "phone": r.phone,
                    "birth_date": r.birth_date,
                    "areas": ", ".join(r.areas),
                    "purpose": r.purpose,
                    "call_from": r.call_from,
                }
                for r in listed.rows
            ],
            staging,
            made=made,
        )
        detail.append(f"AI 통화 명단 {len(listed.rows):,}명: {path.name}")
    return listed
