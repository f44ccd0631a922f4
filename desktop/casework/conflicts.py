"""What a second writer is shown when their save meets a newer version of the case: who
changed which field, from what to what, and when, since the version they saw (from the
rows ``history.EditRecord`` wrote), so that they can apply their own change again on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import AccessAction, CounsellingMethod
from db.models import Case, CaseChange, CommunityCentre, Resource, StaffUser
from desktop.casework.history import COUNSELLING, ENUMS, FREE_TEXT, LABELS, SUPPORT
from desktop.casework.workflow import CaseworkError
from desktop.context import AppContext
from desktop.security import audit
from desktop.security.access import Permission, must_load, require
from desktop.security.masking import mask_numbers
from desktop.timeutil import format_kst


@dataclass(frozen=True)
class ChangeLine:
    """One field another person changed: when, who, which, from what to what."""

    changed_at: datetime
    by: str  # the staff member's name
    field: str  # the field's word (상태, 위험도 …)
    old: str
    new: str
    note: str = ""  # the words that came with it (a reason, what a counselling says)


@dataclass(frozen=True)
class CaseConflict:
    """What happened to a case since the version a person saw."""

    case_id: int
    seen_version: int
    version: int  # the case's version now: a change applied again is checked against it
    changes: list[ChangeLine] = field(default_factory=list)
    by_program: bool = False  # the program changed it too (a new alert: deadlines, risk)


def _shown(session: Session, name: str, value: str | None) -> str:
    """A stored value in words."""
    if value is None or value == "":
        return {"assigned_to_id": "미배정", "centre_id": "소속 없음"}.get(name, "-")
    if name in ENUMS:
        return str(getattr(ENUMS[name](value), "label", value))
    if name == "assigned_to_id":
        staff = session.get(StaffUser, int(value))
        return staff.display_name if staff else f"직원 {value}"
    if name == "centre_id":
        centre = session.get(CommunityCentre, int(value))
        return centre.dong if centre else f"센터 {value}"
    if name in ("due_at", "next_action_at"):
        return format_kst(datetime.fromisoformat(value))
    if name == "flagged_for_council":
        return "올림" if value == "1" else "내림"
    if name == COUNSELLING:
        method, _, outcome = value.partition("|")
        words = CounsellingMethod(method).label
        return f"{words} · {outcome}" if outcome else words
    if name == SUPPORT:
        resource = session.get(Resource, int(value))
        return resource.name if resource else f"자원 {value}"
    return mask_numbers(value) if name in FREE_TEXT else value


def changes_since(ctx: AppContext, case_id: int, seen_version: int) -> CaseConflict:
    """The changes made to a case after the version ``seen_version`` (the one a person's
    form was filled in against), oldest first, in words; free text with its phone and
    resident numbers masked. The look is logged as a view of the case."""
    actor = require(ctx, Permission.VIEW)
    with ctx.session() as session:
        case = must_load(session, actor, Case, case_id, f"사례 {case_id}번", CaseworkError)
        rows = list(
            session.execute(
                select(CaseChange, StaffUser.display_name)
                .outerjoin(StaffUser, StaffUser.id == CaseChange.changed_by_id)
                .where(CaseChange.case_id == case_id, CaseChange.version_before >= seen_version)
                .order_by(CaseChange.version, CaseChange.id)
            )
        )
        lines = [
            ChangeLine(
                change.changed_at,
                name or "-",
                LABELS.get(change.field, change.field),
                ""
                if change.field in (COUNSELLING, SUPPORT)
                else _shown(session, change.field, change.old_value),
                _shown(session, change.field, change.new_value),
                mask_numbers(change.note or ""),
            )
            for change, name in rows
        ]
        # The versions people's edits account for, from the one seen to the one now; a
        # step none accounts for is the program's (an import, a risk re-evaluation).
        steps = sorted({(c.version_before, c.version) for c, _ in rows})
        cursor, by_program = seen_version, False
        for before, after in steps:
            if before != cursor:
                by_program = True
            cursor = max(cursor, after)
        by_program = by_program or cursor != case.version
        version = case.version
    audit.log(ctx, AccessAction.VIEW, f"case:{case_id}", detail="다른 직원의 변경 확인")
    return CaseConflict(case_id, seen_version, version, lines, by_program)
