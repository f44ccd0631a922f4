"""What needs doing: overdue and due-soon cases, with the reason for each.

Beyond the deadlines stored on a case (first contact, counselling, next action), three
warnings come from the alerts themselves: a carrier-visited household whose visit cycle
has been missed, three AI calls in a row that went unanswered, and a new alert about a
household whose earlier case was closed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, CaseStatus, Channel
from db.models import Alert, Case, VisitPlan
from desktop.access import Permission, in_scope, require
from desktop.casework.risk import UNANSWERED
from desktop.context import AppContext
from desktop.timeutil import format_kst


@dataclass
class DueItem:
    case_id: int
    due_at: datetime | None
    overdue: bool
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "overdue": self.overdue,
            "reasons": self.reasons,
        }


def _deadline_reasons(
    case: Any, now: datetime, horizon: datetime
) -> list[tuple[bool, str, datetime]]:
    found = []
    for when, label in (
        (case.first_contact_due, "초기 연락 기한"),
        (case.counselling_due, "상담 기한 (신고 후 14일)"),
        (case.next_action_at, "다음 조치 예정일"),
    ):
        if when is not None and when <= horizon:
            late = when < now
            found.append((late, f"{label} {format_kst(when)}{' 지남' if late else ''}", when))
    return found


def due_items(ctx: AppContext, *, within_days: int = 7) -> list[DueItem]:
    """Open cases of the signed-in account's centre that are overdue or due within
    ``within_days``, most urgent first."""
    actor = require(ctx, Permission.VIEW)
    now = ctx.clock()
    horizon = now + timedelta(days=within_days)
    items: dict[int, DueItem] = {}

    def add(case_id: int, late: bool, reason: str, when: datetime | None) -> None:
        item = items.setdefault(case_id, DueItem(case_id, when, late))
        item.reasons.append(reason)
        item.overdue = item.overdue or late
        if when is not None and (item.due_at is None or when < item.due_at):
            item.due_at = when

    with ctx.session() as session:
        for case in session.execute(
            select(Case.id, Case.first_contact_due, Case.counselling_due, Case.next_action_at)
            .where(Case.status.in_(OPEN_STATUSES), Case.merged_into_id.is_(None))
            .where(Case.due_at <= horizon)
        ):
            for late, reason, when in _deadline_reasons(case, now, horizon):
                add(case.id, late, reason, when)
        open_case = _open_case_by_household(session)
        for household_id, cycle, next_due in session.execute(
            select(VisitPlan.household_id, VisitPlan.cycle_days, VisitPlan.next_due_at).where(
                VisitPlan.active.is_(True), VisitPlan.next_due_at < now
            )
        ):
            if household_id in open_case:
                add(open_case[household_id], True,
                    f"집배원 방문 주기({cycle}일) 지남: {format_kst(next_due, with_time=False)} 예정이었음",
                    next_due)  # fmt: skip
        for case_id in _unanswered_calls(session):
            add(case_id, True, "AI 전화 3회 연속 미응답", None)
        for case_id, closed_case in _reopened_households(session):
            add(case_id, False, f"종결된 가구에 새 알림 (이전 사례 {closed_case}번)", None)
        if not actor.all_centres and items:
            allowed = set(
                session.scalars(
                    select(Case.id).where(Case.id.in_(items), in_scope(actor, Case.centre_id))
                )
            )
            items = {case_id: item for case_id, item in items.items() if case_id in allowed}
    return sorted(
        items.values(),
        key=lambda i: (not i.overdue, i.due_at or horizon, i.case_id),
    )


def overdue_reasons(ctx: AppContext) -> dict[int, list[str]]:
    """Case id -> why it is overdue, for the case list and ``anbu cases --json``."""
    return {i.case_id: i.reasons for i in due_items(ctx, within_days=0) if i.overdue}


def _open_case_by_household(session: Session) -> dict[int, int]:
    return {
        household_id: case_id
        for household_id, case_id in session.execute(
            select(Case.household_id, func.max(Case.id))
            .where(Case.status.in_(OPEN_STATUSES), Case.merged_into_id.is_(None))
            .group_by(Case.household_id)
        )
    }


def _unanswered_calls(session: Session) -> list[int]:
    calls: dict[int, list[tuple[datetime, str | None]]] = defaultdict(list)
    for case_id, occurred, fields in session.execute(
        select(Alert.case_id, Alert.occurred_at, Alert.fields)
        .join(Case, Case.id == Alert.case_id)
        .where(Alert.channel == Channel.AI_CALL, Case.status.in_(OPEN_STATUSES))
    ):
        if case_id is not None:
            calls[case_id].append((occurred, fields.get("call_result")))
    found = []
    for case_id, results in calls.items():
        last = [r for _, r in sorted(results, key=lambda x: x[0])][-3:]
        if len(last) == 3 and all(r in UNANSWERED for r in last):
            found.append(case_id)
    return found


def _reopened_households(session: Session) -> list[tuple[int, int]]:
    closed = (
        select(Case.household_id, func.max(Case.id).label("closed_id"))
        .where(Case.status == CaseStatus.CLOSED, Case.merged_into_id.is_(None))
        .group_by(Case.household_id)
        .subquery()
    )
    return [
        (case_id, closed_id)
        for case_id, closed_id in session.execute(
            select(Case.id, closed.c.closed_id)
            .join(closed, closed.c.household_id == Case.household_id)
            .where(Case.status.in_(OPEN_STATUSES), Case.id > closed.c.closed_id)
        )
    ]
