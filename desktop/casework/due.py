"""What needs doing: overdue and due-soon cases, with the reason for each.

Beyond the deadlines stored on a case (first contact, counselling, next action), three
warnings come from the alerts themselves: a carrier-visited household whose visit cycle
has been missed, three AI calls in a row that went unanswered, and a new alert about a
household whose earlier case was closed. Each case keeps its warnings beside its deadlines
(``desktop.casework.warnings``), so that both are read with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, true
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, RiskLevel, Role
from db.models import Case, VisitPlan
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
    over the first ``limit`` in order, weighing each case's deadlines and the warnings
    kept on it (a missed carrier visit, three unanswered calls, a closed household's new
    alert: ``desktop.casework.warnings``)."""
    actor = require(ctx, Permission.VIEW)
    now = ctx.clock()
    horizon = now + timedelta(days=within_days)
    scope = in_scope(actor, Case.centre_id)
    team = actor.role is not Role.WORKER
    mine = Case.assigned_to_id == actor.staff_id if actor.staff_id is not None else false()
    visible = true() if team else or_(mine, Case.assigned_to_id.is_(None))
    is_open = Case.status.in_(OPEN_STATUSES)
    dated = and_(is_open, Case.due_at <= horizon)
    late = and_(dated, Case.due_at < now)  # 기한초과: open, past its 처리기한
    visit_late = Case.visit_due_at < now
    calls = and_(is_open, Case.calls_unanswered.is_(True))
    reopened = and_(is_open, Case.reopens_case_id.is_not(None))
    overdue = or_(late, visit_late, calls)
    listed = (
        Case.merged_into_id.is_(None),
        scope,
        visible,
        or_(dated, visit_late, calls, reopened),
    )
    # The earliest of the deadline due by the horizon and the missed visit. (Written as
    # CASE, whose NULL tests fall through, not NOT (…), which a NULL date makes NULL.)
    due = case(
        (dated, case((and_(visit_late, Case.visit_due_at < Case.due_at), Case.visit_due_at),
                     else_=Case.due_at)),
        (visit_late, Case.visit_due_at),
        else_=None,
    )  # fmt: skip

    def counted(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    with ctx.session() as session:
        total, overdue_total, own, own_overdue, untaken, warned_late = (
            int(n or 0)
            for n in session.execute(
                select(
                    func.count(),
                    counted(late),
                    counted(mine),
                    counted(and_(mine, late)),
                    counted(Case.assigned_to_id.is_(None)),
                    # Late by a warning, not by its 처리기한: 기한초과 keeps its one
                    # definition, and the warnings are counted apart.
                    func.sum(case((late, 0), (or_(visit_late, calls), 1), else_=0)),
                ).where(*listed)
            ).one()
        )
        # The list in its order: the account's own cases before the others, each part by
        # risk (긴급 first) and then by how late. Asked a risk level at a time until
        # ``limit`` are found: the database then sorts a district's 긴급 cases, which the
        # risk index finds, rather than every case due.
        others = or_(Case.assigned_to_id.is_(None), Case.assigned_to_id != actor.staff_id)
        owners = [mine, others] if actor.staff_id is not None else [true()]
        rows: list[Any] = []
        for owner, level in ((owner, level) for owner in owners for level in RiskLevel):
            if len(rows) >= limit:
                break
            rows += session.execute(
                select(
                    Case.id,
                    Case.household_id,
                    Case.assigned_to_id,
                    due,
                    case((overdue, True), else_=False),
                    case((visit_late, Case.visit_due_at), else_=None),
                    case((calls, True), else_=False),
                    case((reopened, Case.reopens_case_id), else_=None),
                    case((is_open, True), else_=False),
                    Case.first_contact_due,
                    Case.counselling_due,
                    Case.next_action_at,
                )
                .where(*listed, owner, Case.risk == level)
                .order_by(case((overdue, 0), else_=1), func.coalesce(due, now), Case.id)
                .limit(limit - len(rows))
            ).all()
        cycles = _visit_cycles(session, [row[1] for row in rows if row[5] is not None])
    items: list[tuple[DueItem, bool]] = []
    for row in rows:
        case_id, household_id, assignee, due_at, is_overdue, visit, unanswered = row[:7]
        closed_case, still_open, *deadlines = row[7:]
        entry = _Found(case_id, due_at, bool(is_overdue))
        if visit is not None:
            entry.reasons.append((VISIT, visit, cycles.get(household_id, 0), True))
        if unanswered:
            entry.reasons.append((UNANSWERED_CALLS, None, 0, True))
        if closed_case is not None:
            entry.reasons.append((REOPENED, None, closed_case, False))
        if still_open:  # only the shown get their deadlines in words
            entry.reasons.extend(_deadlines(deadlines, now, horizon))
        items.append((entry.item(), assignee is not None and assignee == actor.staff_id))
    return TodoList(
        items,
        total=total,
        mine_total=own,
        overdue_total=overdue_total,
        mine_overdue=own_overdue,
        unassigned_total=untaken,
        warned_total=warned_late,
    )


def _visit_cycles(session: Session, household_ids: Sequence[int]) -> dict[int, int]:
    """The visit cycle (days) of these households' carrier visit plans."""
    cycles: dict[int, int] = {}
    for part in _parts(sorted(set(household_ids))):
        for household_id, cycle in session.execute(
            select(VisitPlan.household_id, VisitPlan.cycle_days).where(
                VisitPlan.household_id.in_(part)
            )
        ):
            cycles[household_id] = cycle
    return cycles


def _warnings(session: Session, now: datetime, scope: ColumnElement[bool]) -> dict[int, _Found]:
    """The cases a warning names, whatever their deadlines (a missed carrier visit, three
    unanswered calls, a closed household's new alert), as ``desktop.casework.warnings``
    keeps them on each case."""
    is_open = Case.status.in_(OPEN_STATUSES)
    found: dict[int, _Found] = {}
    for case_id, visit, cycle, status, unanswered, closed_case in session.execute(
        select(
            Case.id,
            Case.visit_due_at,
            VisitPlan.cycle_days,
            Case.status,
            Case.calls_unanswered,
            Case.reopens_case_id,
        )
        .outerjoin(VisitPlan, VisitPlan.household_id == Case.household_id)
        .where(
            Case.merged_into_id.is_(None),
            scope,
            or_(
                Case.visit_due_at < now,
                and_(
                    is_open,
                    or_(Case.calls_unanswered.is_(True), Case.reopens_case_id.is_not(None)),
                ),
            ),
        )
    ):
        entry = found.setdefault(case_id, _Found(case_id, None, False))
        if visit is not None and visit < now:
            entry.note((VISIT, visit, cycle or 0, True))
        if status in OPEN_STATUSES and unanswered:
            entry.note((UNANSWERED_CALLS, None, 0, True))
        if status in OPEN_STATUSES and closed_case is not None:
            entry.note((REOPENED, None, closed_case, False))
    return found


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
        warned = _warnings(session, now, scope)
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
