"""The morning view: what is overdue, due this week, newly arrived, waiting for review."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.enums import Channel, SuggestionStatus
from db.models import Alert, Case, LinkSuggestion
from desktop.access import Permission, in_scope, require
from desktop.casework.due import DueItem, due_list
from desktop.context import AppContext

NEW_WITHIN = timedelta(days=1)


@dataclass
class Today:
    overdue: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)
    new_alerts: list[tuple[int, Channel, str, datetime]] = field(default_factory=list)
    new_by_channel: Counter[Channel] = field(default_factory=Counter)
    review_waiting: int = 0
    overdue_total: int = 0  # the lists above hold the most urgent; these count them all
    due_soon_total: int = 0

    @property
    def new_count(self) -> int:
        return sum(self.new_by_channel.values())


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
    return result


class TodayService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def today(self) -> Today:
        return today(self._ctx)
