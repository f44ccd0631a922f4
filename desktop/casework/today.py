"""The morning view: what is overdue, due this week, newly arrived, waiting for review."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, PENDING_ROUTINGS, Channel, RiskLevel, SuggestionStatus
from db.models import Alert, Case, LinkSuggestion
from desktop.casework.due import DueItem, due_list
from desktop.context import AppContext
from desktop.security.access import Permission, in_scope, require

NEW_WITHIN = timedelta(days=1)

UNPLACED = "관할 확인 필요"
TRANSFERRED_IN = "이관 받음"
MOVED = "이사 확인"


@dataclass(frozen=True)
class TerritoryItem:
    """A case whose centre a person must settle or has just handed over (관할)."""

    case_id: int
    risk: RiskLevel
    kind: str  # UNPLACED, TRANSFERRED_IN, MOVED
    note: str
    opened_at: datetime


@dataclass
class Today:
    overdue: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)
    new_alerts: list[tuple[int, Channel, str, datetime]] = field(default_factory=list)
    new_by_channel: Counter[Channel] = field(default_factory=Counter)
    review_waiting: int = 0
    # 관할 확인 필요 (urgent first), 이관 받음, 이사 확인: each its own kind, in that order
    territory: list[TerritoryItem] = field(default_factory=list)
    overdue_total: int = 0  # the lists above hold the most urgent; these count them all
    due_soon_total: int = 0

    @property
    def new_count(self) -> int:
        return sum(self.new_by_channel.values())

    def territory_count(self, kind: str) -> int:
        return sum(1 for item in self.territory if item.kind == kind)


def today(ctx: AppContext, *, within_days: int = 7, limit: int = 500) -> Today:
    """The day's work. New alerts are those received in the last 24 hours. Each list holds
    at most ``limit`` rows, the most urgent; the totals count everything."""
    actor = require(ctx, Permission.VIEW)
    scope = in_scope(actor, Case.centre_id)
    now = ctx.clock()
    result = Today()
    due = due_list(ctx, within_days=within_days, limit=limit)
    for item in due.items:
        (result.overdue if item.overdue else result.due_soon).append(item)
    result.overdue_total, result.due_soon_total = due.overdue_total, due.due_soon_total
    with ctx.session() as session:
        for case_id, channel, source_id, occurred in session.execute(
            select(Alert.case_id, Alert.channel, Alert.source_id, Alert.occurred_at)
            .join(Case, Case.id == Alert.case_id)
            .where(Alert.received_at >= now - NEW_WITHIN, scope)
            .order_by(Alert.received_at.desc(), Alert.id.desc())
            .limit(limit)
        ):
            if case_id is not None:
                result.new_alerts.append((case_id, channel, source_id, occurred))
        # The figures count everything; only the list is capped.
        for channel, count in session.execute(
            select(Alert.channel, func.count())
            .join(Case, Case.id == Alert.case_id)
            .where(Alert.received_at >= now - NEW_WITHIN, scope)
            .group_by(Alert.channel)
        ):
            result.new_by_channel[channel] = count
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
