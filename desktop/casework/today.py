"""The morning view: a to-do list of the cases to act on, the new alerts since the last
working day, the cases whose centre must be settled, the results not yet entered in 행복e음
(행복e음 입력 대기), and the review queue's size."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from db.enums import (
    OPEN_STATUSES,
    PENDING_ROUTINGS,
    CaseStatus,
    Channel,
    RiskLevel,
    Role,
    SuggestionStatus,
)
from db.models import Alert, Case, LinkSuggestion
from db.queries import case_rows
from desktop.address import parse_address
from desktop.casework.deadlines import is_working_day
from desktop.casework.due import todo_list
from desktop.casework.haengbok import WaitingItem, waiting_for_number
from desktop.context import AppContext
from desktop.outreach.rounds import Round, open_rounds
from desktop.security.access import Permission, in_scope, require
from desktop.security.masking import mask_name
from desktop.timeutil import KST

UNPLACED = "관할 확인 필요"
TRANSFERRED_IN = "이관 받음"
MOVED = "이사 확인"
LATE_CAP = 1000  # alerts about older days counted up to this (see Today.late_arrivals)


@dataclass(frozen=True)
class TerritoryItem:
    """A case whose centre a person must settle or has just handed over (관할)."""

    case_id: int
    risk: RiskLevel
    kind: str  # UNPLACED, TRANSFERRED_IN, MOVED
    note: str
    opened_at: datetime


@dataclass(frozen=True)
class TodoItem:
    """One case of the to-do list: who (masked), how urgent, where, and what to do next."""

    case_id: int
    name: str  # masked: 김○○
    risk: RiskLevel
    status: CaseStatus
    assignee: str | None  # display name; None: nobody has taken the case
    street: str  # road and number (or lot), no flat
    due_at: datetime | None
    overdue: bool
    days_late: int  # calendar days past the earliest deadline (0: not late)
    reasons: list[str]  # what is late first, then what comes next
    mine: bool  # the signed-in account's own case

    @property
    def next_step(self) -> str:
        return self.reasons[0] if self.reasons else ""


@dataclass
class Today:
    todo: list[TodoItem] = field(default_factory=list)
    team: bool = False  # a team leader's (or administrator's) list: the whole team's cases
    todo_total: int = 0  # the list holds the first ``limit``; these count them all
    mine_total: int = 0
    overdue_total: int = 0
    mine_overdue: int = 0
    unassigned_total: int = 0  # nobody has taken them yet
    warned_total: int = 0  # late by a warning only (see due.TodoList)
    new_alerts: list[tuple[int, Channel, str, datetime]] = field(default_factory=list)
    new_by_channel: Counter[Channel] = field(default_factory=Counter)
    new_since: datetime | None = None  # the start of the last working day
    late_arrivals: int = 0  # received since then about something older (up to LATE_CAP)
    review_waiting: int = 0
    # 관할 확인 필요 (urgent first), 이관 받음, 이사 확인: each its own kind, in that order
    territory: list[TerritoryItem] = field(default_factory=list)
    # 행복e음 입력 대기: results not yet entered in 행복e음 (the first ``limit``, and all counted)
    handoff: list[WaitingItem] = field(default_factory=list)
    handoff_total: int = 0

    @property
    def new_count(self) -> int:
        return sum(self.new_by_channel.values())

    def territory_count(self, kind: str) -> int:
        return sum(1 for item in self.territory if item.kind == kind)


def last_working_day_start(now: datetime) -> datetime:
    """00:00 (Korea time) of the working day before ``now``'s: on a Monday, Friday's (or
    the Thursday before a holiday Friday)."""
    day: date = now.astimezone(KST).date() - timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(0, 0), KST)


def street_of(address: str | None) -> str:
    """The road and number (or the lot) of an address, without its flat."""
    key = parse_address(address)
    if key.road and key.number:
        return f"{key.road} {key.number}"
    return key.lot or ""


def today(ctx: AppContext, *, within_days: int = 7, limit: int = 200) -> Today:
    """The day's work. The to-do list holds at most ``limit`` cases, the most urgent; the
    totals count everything. New alerts are those received since the start of the last
    working day about something that happened since then; alerts received since then about
    something older (a late file) are counted apart."""
    actor = require(ctx, Permission.VIEW)
    scope = in_scope(actor, Case.centre_id)
    now = ctx.clock()
    since = last_working_day_start(now)
    todo = todo_list(ctx, within_days=within_days, limit=limit)
    result = Today(
        team=actor.role is not Role.WORKER,
        todo_total=todo.total,
        mine_total=todo.mine_total,
        overdue_total=todo.overdue_total,
        mine_overdue=todo.mine_overdue,
        unassigned_total=todo.unassigned_total,
        warned_total=todo.warned_total,
        new_since=since,
    )
    with ctx.session() as session:
        rows = {r.id: r for r in case_rows(session, [item.case_id for item, _ in todo.items])}
        today_kst = now.astimezone(KST).date()
        for item, mine in todo.items:
            row = rows.get(item.case_id)
            if row is None or not actor.sees_centre(row.centre_id):
                continue
            late = (
                max((today_kst - item.due_at.astimezone(KST).date()).days, 0)
                if item.overdue and item.due_at is not None
                else 0
            )
            result.todo.append(
                TodoItem(
                    item.case_id,
                    mask_name(row.name),
                    row.risk,
                    row.status,
                    row.assigned_name,
                    street_of(row.address),
                    item.due_at,
                    item.overdue,
                    late,
                    item.reasons,
                    mine,
                )
            )
        received = and_(Alert.received_at >= since, scope)
        fresh = Alert.occurred_at >= since
        for case_id, channel, source_id, occurred in session.execute(
            select(Alert.case_id, Alert.channel, Alert.source_id, Alert.occurred_at)
            .join(Case, Case.id == Alert.case_id)
            .where(received, fresh)
            .order_by(Alert.occurred_at.desc(), Alert.id.desc())
            .limit(limit)
        ):
            if case_id is not None:
                result.new_alerts.append((case_id, channel, source_id, occurred))
                result.new_by_channel[channel] += 1
        if len(result.new_alerts) == limit:
            # The figures count everything; only the list is capped. (Asked only then: to
            # count by channel SQLite reads every alert in channel order, not the new ones.)
            result.new_by_channel.clear()
            for channel, count in session.execute(
                select(Alert.channel, func.count())
                .join(Case, Case.id == Alert.case_id)
                .where(received, fresh)
                .group_by(Alert.channel)
            ):
                result.new_by_channel[channel] = count
        # Counted up to a point: a first import of a year's files is "more than 1,000".
        older = select(Alert.id).where(received, ~fresh)
        if not actor.all_centres:
            older = older.join(Case, Case.id == Alert.case_id)
        result.late_arrivals = (
            session.scalar(select(func.count()).select_from(older.limit(LATE_CAP).subquery())) or 0
        )
        result.review_waiting = (
            session.scalar(
                select(func.count(func.distinct(LinkSuggestion.alert_id)))
                .join(Alert, Alert.id == LinkSuggestion.alert_id)
                .join(Case, Case.id == Alert.case_id)
                .where(LinkSuggestion.status == SuggestionStatus.OPEN, scope)
            )
            or 0
        )
        result.territory = _territory(session, scope, limit)
        result.handoff, result.handoff_total = waiting_for_number(session, actor, limit=limit)
    return result


def _territory(session: Session, scope: ColumnElement[bool], limit: int) -> list[TerritoryItem]:
    open_case = and_(Case.status.in_(OPEN_STATUSES), Case.merged_into_id.is_(None), scope)
    items: list[TerritoryItem] = []
    for kind, condition in (
        (UNPLACED, or_(Case.routing.in_(PENDING_ROUTINGS), Case.routing.is_(None))),
        (TRANSFERRED_IN, Case.transfer_unseen.is_(True)),
        (MOVED, Case.proposed_centre_id.is_not(None)),
    ):
        for case_id, risk, note, proposed, opened in session.execute(
            select(Case.id, Case.risk, Case.routing_note, Case.proposed_note, Case.opened_at)
            .where(open_case, condition)
            .order_by(Case.risk_rank, Case.opened_at, Case.id)
            .limit(limit)
        ):
            text = (proposed if kind == MOVED else note) or kind
            text = text.removeprefix(f"{UNPLACED}: ")  # the list's own heading says it
            items.append(TerritoryItem(case_id, risk, kind, text, opened))
    return items


class TodayService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def today(self) -> Today:
        return today(self._ctx)

    def rounds(self) -> list[Round]:
        """The big-data rounds with people still to investigate (발굴차수, 조사기한)."""
        return open_rounds(self._ctx)
