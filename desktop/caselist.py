"""The case list as services: what the client's table and ``anbu cases`` show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from db.queries import CaseFilter, CaseRow, SortKey, case_ids, case_rows
from desktop.context import AppContext
from desktop.masking import mask_name

BATCH = 2000


def case_json(
    row: CaseRow, now: datetime, overdue_reasons: list[str] | None = None
) -> dict[str, Any]:
    """The machine-readable form of one case (masked: no full names)."""
    return {
        "id": row.id,
        "status": row.status.value,
        "risk": row.risk.value,
        "risk_reason": row.risk_reason,
        "name": mask_name(row.name),
        "assigned_to": row.assigned_to,
        "centre": row.centre,
        "dong": row.dong,
        "opened_at": row.opened_at.isoformat(),
        "due_at": row.due_at.isoformat() if row.due_at else None,
        "next_action_at": row.next_action_at.isoformat() if row.next_action_at else None,
        "overdue": row.overdue(now) or bool(overdue_reasons),
        "overdue_reasons": overdue_reasons or [],
        "alerts": [{"channel": c.value, "source_id": s} for c, s in row.alerts],
    }


def iter_cases(
    ctx: AppContext, f: CaseFilter | None = None, *, sort: str = SortKey.ID
) -> Iterator[dict[str, Any]]:
    """Every selected case as a JSON-ready dict, fetched in batches (memory stays flat)."""
    from desktop.casework.due import overdue_reasons

    now = ctx.clock()
    reasons = overdue_reasons(ctx)
    with ctx.session() as session:
        ids = case_ids(session, f or CaseFilter(), now=now, sort=sort)
        for start in range(0, len(ids), BATCH):
            for row in case_rows(session, ids[start : start + BATCH]):
                yield case_json(row, now, reasons.get(row.id))
            session.expunge_all()


class CaseListService:
    """What the case list needs from the database, for the client (no ORM in views)."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def now(self) -> datetime:
        return self._ctx.clock()

    def ids(self, f: CaseFilter, sort: str = SortKey.ID, descending: bool = False) -> list[int]:
        with self._ctx.session() as session:
            return case_ids(session, f, now=self._ctx.clock(), sort=sort, descending=descending)

    def rows(self, ids: list[int]) -> list[CaseRow]:
        with self._ctx.session() as session:
            return case_rows(session, ids)
