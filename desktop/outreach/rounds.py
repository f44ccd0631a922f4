"""The big-data rounds (발굴차수): each list the national system sent, its 조사기한, and how
many of its people are still to be investigated — what Today shows at the top of the
morning while a round is open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import aliased

from db.enums import OPEN_STATUSES, Channel
from db.models import Alert, Case, CounsellingRecord
from desktop.context import AppContext
from desktop.security.access import Permission, in_scope, require
from desktop.timeutil import to_kst

LOOK_BACK = timedelta(days=200)  # rounds come every two months; a late one stays in view


@dataclass(frozen=True)
class Round:
    name: str  # 2026-6차
    due_on: date | None  # 조사기한
    total: int  # people the round named (of the account's centre)
    left: int  # still to investigate: open case, nothing recorded since the list named them
    days_left: int | None  # to the deadline (negative: past it)

    @property
    def text(self) -> str:
        when = ""
        if self.days_left is not None and self.due_on is not None:
            if self.days_left > 0:
                when = f", 조사기한 {self.due_on:%m-%d} ({self.days_left}일 남음)"
            elif self.days_left == 0:
                when = f", 조사기한 {self.due_on:%m-%d} (오늘까지)"
            else:
                when = f", 조사기한 {self.due_on:%m-%d} ({-self.days_left}일 지남)"
        return f"빅데이터 {self.name}: {self.total:,}명 중 {self.left:,}명 남음{when}"

    def as_json(self) -> dict[str, object]:
        return {
            "round": self.name,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "total": self.total,
            "left": self.left,
            "days_left": self.days_left,
        }


def open_rounds(ctx: AppContext) -> list[Round]:
    """The rounds with someone still to investigate, the nearest deadline first."""
    actor = require(ctx, Permission.VIEW)
    now = ctx.clock()
    today = to_kst(now).date()
    flagged = aliased(Alert)
    done = exists().where(
        CounsellingRecord.case_id == flagged.case_id,
        CounsellingRecord.held_at >= flagged.occurred_at,
    )
    round_name = flagged.fields["round"].as_string().label("round_name")
    due_text = flagged.fields["due_at"].as_string().label("due_text")
    waiting = Case.status.in_(OPEN_STATUSES) & Case.merged_into_id.is_(None) & ~done
    # Counted by the database, a line for each round and deadline: a district's round names
    # thousands of people, and their rows were most of the time Today's rounds took.
    query = (
        select(round_name, due_text, func.count(), func.sum(case((waiting, 1), else_=0)))
        .join(Case, Case.id == flagged.case_id)
        .where(
            flagged.channel == Channel.BIGDATA,
            flagged.received_at >= now - LOOK_BACK,
            in_scope(actor, Case.centre_id),
        )
        .group_by(round_name, due_text)
    )
    totals: dict[str, list[int]] = {}
    dues: dict[str, date | None] = {}
    with ctx.session() as session:
        for name_found, due, named, left in session.execute(query):
            key = name_found or "(차수 없음)"
            counts = totals.setdefault(key, [0, 0])
            counts[0] += named
            counts[1] += int(left or 0)
            current = dues.get(key)
            if due:
                day = date.fromisoformat(due)
                dues[key] = day if current is None else min(current, day)
            else:
                dues.setdefault(key, None)
    rounds = [
        Round(name, due, total, left, (due - today).days if due is not None else None)
        for name, (total, left) in totals.items()
        if left
        for due in [dues[name]]
    ]
    return sorted(rounds, key=lambda r: (r.due_on or date.max, r.name))
