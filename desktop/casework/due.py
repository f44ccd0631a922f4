"""What needs doing: overdue and due-soon cases, with the reason for each.

Beyond the deadlines stored on a case (first contact, counselling, next action), three
warnings come from the alerts themselves: a carrier-visited household whose visit cycle
has been missed, three AI calls in a row that went unanswered, and a new alert about a
household whose earlier case was closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, true
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, CaseStatus, Channel, ClosureReason, Role
from db.models import Alert, Case, VisitPlan
from desktop.casework.risk import UNANSWERED
from desktop.context import AppContext
from desktop.security.access import Permission, in_scope, require
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


@dataclass
class DueList:
    """The most urgent items (at most the limit asked for) and how many there are in all."""

    items: list[DueItem]
    overdue_total: int
    due_soon_total: int


# A reason kept as data until it is shown: (kind, when, number, late).
_Reason = tuple[str, datetime | None, int, bool]
DEADLINE, VISIT, UNANSWERED_CALLS, REOPENED = "deadline", "visit", "unanswered", "reopened"
DEADLINE_LABELS = ("초기 연락 기한", "상담 기한 (신고 후 14일)", "다음 조치 예정일")


def _words(reason: _Reason) -> str:
    kind, when, number, late = reason
    if kind == DEADLINE:
        assert when is not None
        return f"{DEADLINE_LABELS[number]} {format_kst(when)}{' 지남' if late else ''}"
    if kind == VISIT:
        assert when is not None
        return f"집배원 방문 주기({number}일) 지남: {format_kst(when, with_time=False)} 예정이었음"
    if kind == UNANSWERED_CALLS:
        return "AI 전화 3회 연속 미응답"
    return f"종결된 가구에 새 알림 (이전 사례 {number}번)"


@dataclass
class _Found:
    """A case found due, its reasons not yet in words: on a district's data tens of
    thousands are found, and only the few shown need them."""

    case_id: int
    due_at: datetime | None
    overdue: bool
    reasons: list[_Reason] = field(default_factory=list)
    facts: tuple[int | None, int | None] | None = None  # (risk rank, 담당자), when read

    def note(self, reason: _Reason) -> None:
        """One more reason: late if it is, due at the earliest of its dates."""
        _kind, when, _number, late = reason
        self.reasons.append(reason)
        self.overdue = self.overdue or late
        if when is not None and (self.due_at is None or when < self.due_at):
            self.due_at = when

    def item(self) -> DueItem:
        # What is late first, then what comes next, each soonest first.
        reasons = sorted(self.reasons, key=lambda r: (not r[3], r[1] is None, r[1] or _EPOCH))
        return DueItem(self.case_id, self.due_at, self.overdue, [_words(r) for r in reasons])


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def due_items(ctx: AppContext, *, within_days: int = 7) -> list[DueItem]:
    """Open cases of the signed-in account's centre that are overdue or due within
    ``within_days``, most urgent first."""
    return due_list(ctx, within_days=within_days).items


def due_list(ctx: AppContext, *, within_days: int = 7, limit: int | None = None) -> DueList:
    """Like ``due_items``, but at most ``limit`` overdue and ``limit`` due-soon items, the
    most urgent of each (only these get their reasons in words); the totals count all."""
    actor = require(ctx, Permission.VIEW)
    now = ctx.clock()
    horizon = now + timedelta(days=within_days)
    found = _find(ctx, in_scope(actor, Case.centre_id), now, horizon)
    ordered = sorted(found.values(), key=lambda i: (not i.overdue, i.due_at or horizon, i.case_id))
    overdue_total = sum(1 for entry in ordered if entry.overdue)
    first, then = ordered[:overdue_total], ordered[overdue_total:]
    shown = ordered if limit is None else first[:limit] + then[:limit]
    return DueList([entry.item() for entry in shown], overdue_total, len(ordered) - overdue_total)


@dataclass
class TodoList:
    """The morning's to-do: the first ``limit`` cases (in words), and counts of them all."""

    items: list[tuple[DueItem, bool]]  # (the case's item, whether it is the account's own)
    total: int
    mine_total: int
    overdue_total: int
    mine_overdue: int
    unassigned_total: int = 0  # nobody has taken them yet
    # late by a warning only (a missed carrier visit, unanswered calls), not by a deadline
    warned_total: int = 0


def todo_list(ctx: AppContext, *, within_days: int = 7, limit: int = 200) -> TodoList:
    """The cases someone must act on by ``within_days``: a 담당자's own and those nobody
    has taken yet (a team leader and an administrator: the whole team's), the account's
    own first, each part by risk (긴급 first) and then by how late (the longest overdue
    first, then the soonest due).

    On a district's data tens of thousands are due: the database counts them and hands
    over the first ``limit`` in order; the few found by a warning (a missed visit, three
    unanswered calls, a closed household's new alert) are merged in here."""
    actor = require(ctx, Permission.VIEW)
    now = ctx.clock()
    horizon = now + timedelta(days=within_days)
    scope = in_scope(actor, Case.centre_id)
    team = actor.role is not Role.WORKER
    mine = Case.assigned_to_id == actor.staff_id if actor.staff_id is not None else false()
    visible = true() if team else or_(mine, Case.assigned_to_id.is_(None))
    dated = (*_open(scope), visible, Case.due_at <= horizon)
    late = Case.due_at < now

    def key(entry: _Found) -> tuple[int, int, bool, datetime, int]:
        rank, assignee = entry.facts or (None, None)
        own = assignee is not None and assignee == actor.staff_id
        return (0 if own else 1, 9 if rank is None else rank, not entry.overdue,
                entry.due_at or now, entry.case_id)  # fmt: skip

    with ctx.session() as session:
        warned, facts = _warnings(session, now, scope)
        counted = session.execute(
            select(
                func.count(),
                func.sum(case((late, 1), else_=0)),
                func.sum(case((mine, 1), else_=0)),
                func.sum(case((and_(mine, late), 1), else_=0)),
                func.sum(case((Case.assigned_to_id.is_(None), 1), else_=0)),
            ).where(*dated)
        ).one()
        total, overdue, own, own_overdue, untaken = (int(n or 0) for n in counted)
        warned_late = 0
        unread = sorted(set(warned) - set(facts))
        for part in _parts(unread):
            for case_id, status, rank, assignee, due in session.execute(
                select(
                    Case.id, Case.status, Case.risk_rank, Case.assigned_to_id, Case.due_at
                ).where(Case.id.in_(part), Case.merged_into_id.is_(None), scope)
            ):
                facts[case_id] = (status, rank, assignee, due)
        # The warned cases as the list counts them, beside how the deadlines alone did.
        for case_id, entry in warned.items():
            if case_id not in facts:
                continue  # merged since, or another centre's
            status, rank, assignee, due = facts[case_id]
            is_own = assignee is not None and assignee == actor.staff_id
            if not (team or is_own or assignee is None):
                continue  # a colleague's
            entry.facts = (rank, assignee)
            counted_before = status in OPEN_STATUSES and due is not None and due <= horizon
            was_late = counted_before and due is not None and due < now
            if counted_before:
                entry.overdue = entry.overdue or was_late
                if entry.due_at is None or (due is not None and due < entry.due_at):
                    entry.due_at = due
            if not counted_before:
                total += 1
                own += is_own
                untaken += assignee is None
            if entry.overdue and not was_late:
                # Late by a warning, not by its 처리기한: 기한초과 keeps its one definition
                # (open, past its 처리기한), and the warnings are counted apart.
                warned_late += 1
        warned = {i: e for i, e in warned.items() if e.facts is not None}  # visible ones
        # The first ``limit`` by the deadlines suffice: a warning only makes a case more
        # urgent, so the warned among them stay among the first ``limit`` when merged.
        entries: list[_Found] = list(warned.values())
        for case_id, rank, assignee, due in session.execute(
            select(Case.id, Case.risk_rank, Case.assigned_to_id, Case.due_at)
            .where(*dated)
            .order_by(
                case((mine, 0), else_=1),
                Case.risk_rank,
                case((late, 0), else_=1),
                Case.due_at,
                Case.id,
            )
            .limit(limit)
        ):
            if case_id not in warned:
                entries.append(
                    _Found(case_id, due, due is not None and due < now, facts=(rank, assignee))
                )
        entries.sort(key=key)
        shown = entries[:limit]
        # Only the shown get their deadlines in words.
        by_id = {e.case_id: e for e in shown}
        for case_id, *deadlines in session.execute(
            select(
                Case.id, Case.first_contact_due, Case.counselling_due, Case.next_action_at
            ).where(Case.id.in_(sorted(by_id)), Case.status.in_(OPEN_STATUSES))
        ):
            by_id[case_id].reasons.extend(_deadlines(deadlines, now, horizon))
    return TodoList(
        [(e.item(), key(e)[0] == 0) for e in shown],
        total=total,
        mine_total=own,
        overdue_total=overdue,
        mine_overdue=own_overdue,
        unassigned_total=untaken,
        warned_total=warned_late,
    )


# (status, risk rank, 담당자, due_at) of a case, as the to-do list weighs it
_Facts = tuple[CaseStatus, int | None, int | None, datetime | None]


def _warnings(
    session: Session, now: datetime, scope: ColumnElement[bool]
) -> tuple[dict[int, _Found], dict[int, _Facts]]:
    """The cases a warning names, whatever their deadlines (a missed carrier visit, three
    unanswered calls, a closed household's new alert), and the facts of those read so."""
    found: dict[int, _Found] = {}
    facts: dict[int, _Facts] = {}

    def add(case_id: int, reason: _Reason) -> None:
        found.setdefault(case_id, _Found(case_id, None, False)).note(reason)

    for case_id, cycle, next_due, known in _missed_visits(session, now, scope):
        add(case_id, (VISIT, next_due, cycle, True))
        facts[case_id] = known
    for case_id in _unanswered_calls(session, scope):
        add(case_id, (UNANSWERED_CALLS, None, 0, True))
    for case_id, closed_case in _reopened_households(session, scope):
        add(case_id, (REOPENED, None, closed_case, False))
    return found, facts


def _deadlines(
    deadlines: Sequence[datetime | None], now: datetime, horizon: datetime
) -> list[_Reason]:
    """A case's deadlines (first contact, counselling, next action) due by ``horizon``."""
    return [
        (DEADLINE, when, number, when < now)
        for number, when in enumerate(deadlines)
        if when is not None and when <= horizon
    ]


def _parts(ids: list[int], size: int = 2000) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _find(
    ctx: AppContext, scope: ColumnElement[bool], now: datetime, horizon: datetime
) -> dict[int, _Found]:
    """Every open case in ``scope`` due by ``horizon`` or warned about, with its reasons."""
    found: dict[int, _Found] = {}
    with ctx.session() as session:
        # Core rows: on a district's data this is tens of thousands of cases.
        for case_id, *deadlines in session.connection().execute(
            select(
                Case.id, Case.first_contact_due, Case.counselling_due, Case.next_action_at
            ).where(*_open(scope), Case.due_at <= horizon)
        ):
            for reason in _deadlines(deadlines, now, horizon):
                found.setdefault(case_id, _Found(case_id, None, False)).note(reason)
        warned, _facts = _warnings(session, now, scope)
    for case_id, entry in warned.items():
        target = found.setdefault(case_id, _Found(case_id, None, False))
        for reason in entry.reasons:
            target.note(reason)
    return found


def overdue_reasons(ctx: AppContext) -> dict[int, list[str]]:
    """Case id -> why it is overdue, for the case list and ``anbu cases --json``."""
    return {i.case_id: i.reasons for i in due_items(ctx, within_days=0) if i.overdue}


def _open(scope: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
    return Case.status.in_(OPEN_STATUSES), Case.merged_into_id.is_(None), scope


def _missed_visits(
    session: Session, now: datetime, scope: ColumnElement[bool]
) -> list[tuple[int, int, datetime | None, _Facts]]:
    """(case, cycle, planned visit, the case's facts) for carrier visit plans whose visit
    is late; the household's newest open case carries the warning, or its record (기록만)
    when all its visits so far found nothing: a visit that stops coming back is a warning
    sign itself."""
    carries = or_(Case.status.in_(OPEN_STATUSES), Case.closure_reason == ClosureReason.RECORDED)
    late = (
        select(
            func.max(Case.id).label("case_id"),
            VisitPlan.cycle_days.label("cycle"),
            VisitPlan.next_due_at.label("next_due"),
        )
        .join(Case, Case.household_id == VisitPlan.household_id)
        .where(
            VisitPlan.active.is_(True),
            VisitPlan.next_due_at < now,
            carries,
            Case.merged_into_id.is_(None),
            scope,
        )
        .group_by(VisitPlan.id, VisitPlan.cycle_days, VisitPlan.next_due_at)
        .subquery()
    )
    return [
        (case_id, cycle, next_due, (status, rank, assignee, due))
        for case_id, cycle, next_due, status, rank, assignee, due in session.execute(
            select(
                late.c.case_id,
                late.c.cycle,
                late.c.next_due,
                Case.status,
                Case.risk_rank,
                Case.assigned_to_id,
                Case.due_at,
            ).join(Case, Case.id == late.c.case_id)
        )
    ]


def _unanswered_calls(session: Session, scope: ColumnElement[bool]) -> list[int]:
    """Open cases whose last three AI calls all went unanswered (worked out in SQL: a
    district has tens of thousands of calls)."""
    ranked = (
        select(
            Alert.case_id,
            Alert.fields["call_result"].as_string().label("result"),
            func.row_number()
            .over(partition_by=Alert.case_id, order_by=(Alert.occurred_at.desc(), Alert.id.desc()))
            .label("position"),
        )
        .join(Case, Case.id == Alert.case_id)
        .where(Alert.channel == Channel.AI_CALL, Case.status.in_(OPEN_STATUSES), scope)
        .subquery()
    )
    unanswered = case((ranked.c.result.in_(sorted(UNANSWERED)), 1), else_=0)
    return list(
        session.scalars(
            select(ranked.c.case_id)
            .where(ranked.c.position <= 3)
            .group_by(ranked.c.case_id)
            .having(func.count() == 3, func.sum(unanswered) == 3)
        )
    )


def _reopened_households(session: Session, scope: ColumnElement[bool]) -> list[tuple[int, int]]:
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
            .where(Case.status.in_(OPEN_STATUSES), Case.id > closed.c.closed_id, scope)
        )
    ]
