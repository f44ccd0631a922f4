"""The case list as rows: the search a worker types, and every case of a selection as
JSON-ready dicts (``anbu cases``, the case-list export)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import AccessAction
from db.models import PHONE_COLUMN, Case, Person
from db.queries import CaseFilter, CaseRow, SortKey, case_ids, case_rows
from desktop.casework.detail import territory_line
from desktop.context import AppContext
from desktop.intake.fields import parse_phone
from desktop.security import audit
from desktop.security.access import Actor, Permission, require, scoped
from desktop.security.masking import mask_name

BATCH = 2000
_PHONE_TYPED = re.compile(r"^[0-9+][0-9 ()./+-]*$")


def with_phone_search(ctx: AppContext, f: CaseFilter) -> CaseFilter:
    """``f`` able to find a phone number typed into the search: the whole number in any
    way people write it, or its last four digits. Phones are stored only sealed, so the
    search compares keyed digests."""
    text = (f.text or "").strip()
    if not _PHONE_TYPED.match(text):
        return f
    digits = re.sub(r"\D", "", text)
    if len(digits) == 4:
        return replace(f, phone_last4_index=ctx.protector.index(digits, "phone4"))
    if len(digits) >= 9:
        try:
            phone = parse_phone(text)
        except ValueError:  # not a phone number after all: searched as text
            return f
        if phone:
            return replace(f, phone_index=ctx.protector.index(phone, "phone"))
    return f


def listed(ctx: AppContext, actor: Actor, f: CaseFilter) -> CaseFilter:
    return with_phone_search(ctx, scoped(actor, f))


def case_json(
    row: CaseRow,
    now: datetime,
    overdue_reasons: list[str] | None = None,
    revealed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The machine-readable form of one case: masked, unless ``revealed`` carries the full
    values (``iter_cases(reveal=True)``)."""
    item = {
        "id": row.id,
        "status": row.status.value,
        "risk": row.risk.value,
        "risk_reason": row.risk_reason,
        "name": mask_name(row.name),
        "assigned_to": row.assigned_to,
        "assigned_name": row.assigned_name,
        "centre": row.centre_code,
        "routing": territory_line(row.routing, row.routing_note),
        "dong": row.dong,
        "opened_at": row.opened_at.isoformat(),
        "due_at": row.due_at.isoformat() if row.due_at else None,
        "next_action_at": row.next_action_at.isoformat() if row.next_action_at else None,
        "overdue": row.overdue(now) or bool(overdue_reasons),
        "overdue_reasons": overdue_reasons or [],
        "alerts": [{"channel": c.value, "source_id": s} for c, s in row.alerts],
    }
    if revealed is not None:
        item.update(revealed)
    return item


def _phones(ctx: AppContext, session: Session, case_ids: list[int]) -> dict[int, list[str]]:
    phones: dict[int, list[str]] = {}
    for case_id, cipher in session.execute(
        select(Case.id, Person.phone_cipher)
        .join(Person, Person.household_id == Case.household_id)
        .where(Case.id.in_(case_ids), Person.phone_cipher.is_not(None))
        .order_by(Person.id)
    ):
        if cipher is not None:
            phones.setdefault(case_id, []).append(ctx.protector.decrypt(cipher, PHONE_COLUMN))
    return phones


def iter_cases(
    ctx: AppContext,
    f: CaseFilter | None = None,
    *,
    sort: str = SortKey.ID,
    reveal: bool = False,
    reason: str | None = None,
    logged: bool = True,
) -> Iterator[dict[str, Any]]:
    """Every selected case the signed-in account may see, as a JSON-ready dict, fetched in
    batches (memory stays flat). Masked unless ``reveal`` (a permission, a reason, and one
    access-log row either way)."""
    from desktop.casework.due import overdue_reasons

    actor = require(ctx, Permission.REVEAL if reveal else Permission.VIEW)
    if reveal:
        reason = audit.require_reason(reason)
    f = listed(ctx, actor, f or CaseFilter())
    now = ctx.clock()
    reasons = overdue_reasons(ctx)
    with ctx.session() as session:
        ids = case_ids(session, f, now=now, sort=sort)
        if logged:  # otherwise the caller (an export) logs what it does with them
            audit.log(
                ctx,
                AccessAction.DOWNLOAD if reveal else AccessAction.VIEW,
                "cases",
                detail=f"사례 목록 {len(ids):,}건" + (f" ({audit.REVEAL})" if reveal else ""),
                reason=reason,
            )
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            phones = _phones(ctx, session, chunk) if reveal else {}
            for row in case_rows(session, chunk):
                revealed = (
                    {
                        "full_name": row.name,
                        "address": row.address,
                        "phones": phones.get(row.id, []),
                    }
                    if reveal
                    else None
                )
                yield case_json(row, now, reasons.get(row.id), revealed)
            session.expunge_all()
