"""Whether the warnings kept on each case are what its alerts, statuses and visit plans
say now (``desktop.casework.warnings``)."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Case
from desktop.casework import warnings
from desktop.context import AppContext


def stale_warnings(ctx: AppContext) -> dict[int, tuple[warnings.Warnings, warnings.Warnings]]:
    """Case id -> (kept, worked out afresh), for every case whose kept warnings differ."""
    with ctx.session() as session:
        wanted = warnings.wanted(session, None)
        kept = {
            case_id: (visit, bool(calls), reopens)
            for case_id, visit, calls, reopens in session.execute(
                select(Case.id, Case.visit_due_at, Case.calls_unanswered, Case.reopens_case_id)
            )
        }
    return {i: (kept[i], w) for i, w in wanted.items() if kept[i] != w}
