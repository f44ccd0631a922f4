"""The case card: one case in full for the case file (a permission and a reason)."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

from db.enums import AccessAction
from db.models import (
    Alert,
    Case,
    CaseStatusChange,
    CommunityCentre,
    CounsellingRecord,
    Household,
    Person,
    StaffUser,
)
from desktop.context import AppContext
from desktop.reporting.council import support_lines
from desktop.reporting.period import ReportError, paper_format
from desktop.security import audit
from desktop.security.access import Permission, must_load, require
from desktop.timeutil import to_kst
from reports.model import CaseCard


def case_card(ctx: AppContext, case_id: int) -> CaseCard:
    """One case in full, for the case file (a permission and a reason; logged by the
    caller's ``write_case_card``)."""
    from desktop.casework.detail import person_line

    actor = require(ctx, Permission.PRINT_CASE)
    with ctx.session() as session:
        case = must_load(session, actor, Case, case_id, f"사례 {case_id}번", ReportError)
        household = session.get(Household, case.household_id)
        assert household is not None
        centre = session.get(CommunityCentre, case.centre_id) if case.centre_id else None
        staff = session.get(StaffUser, case.assigned_to_id) if case.assigned_to_id else None
        timeline = [
            (
                to_kst(a.occurred_at),
                a.channel.label,
                a.source_id,
                ", ".join(a.crisis_types) or "-",
                str(
                    a.fields.get("description")
                    or a.fields.get("summary")
                    or a.fields.get("notes")
                    or ""
                ),
            )
            for a in session.scalars(
                select(Alert).where(Alert.case_id == case.id).order_by(Alert.occurred_at)
            )
        ]
        counselling = [
            (to_kst(r.held_at), r.method.label, r.content, r.next_action or "")
            for r in session.scalars(
                select(CounsellingRecord)
                .where(CounsellingRecord.case_id == case.id)
                .order_by(CounsellingRecord.held_at)
            )
        ]
        history = [
            (
                to_kst(c.changed_at),
                c.from_status.label if c.from_status else "-",
                c.to_status.label,
                c.reason or "",
            )
            for c in session.scalars(
                select(CaseStatusChange)
                .where(CaseStatusChange.case_id == case.id)
                .order_by(CaseStatusChange.changed_at, CaseStatusChange.id)
            )
        ]
        card = CaseCard(
            case_id=case.id,
            centre=centre.name if centre else "",
            status=case.status.label,
            risk=f"{case.risk.label} — {case.risk_reason or ''}",
            assigned_to=staff.display_name if staff else "미배정",
            opened_at=to_kst(case.opened_at),
            closed_at=to_kst(case.closed_at) if case.closed_at else None,
            address=household.address_raw or "(주소 없음)",
            household_type=household.household_type or "",
            persons=[
                person_line(ctx, person, reveal=True)
                for person in session.scalars(
                    select(Person).where(Person.household_id == household.id).order_by(Person.id)
                )
            ],
            timeline=timeline,
            counselling=counselling,
            support=support_lines(session, case.id),
            history=history,
            printed_by=actor.display_name,
            printed_at=to_kst(ctx.clock()),
        )
    return card


def preview_case_card(ctx: AppContext, case_id: int, *, reason: str | None) -> bytes:
    """The case card's PDF in memory, for a look before it is printed: it shows the case
    in full, so it asks the same permission and reason, and the look is logged."""
    from reports.case_card_pdf import write_case_card as write

    reason = audit.require_reason(reason)
    card = case_card(ctx, case_id)
    buffer = io.BytesIO()
    write(card, buffer)
    audit.log(ctx, AccessAction.VIEW, f"case:{case_id}", detail="사례 카드 미리보기", reason=reason)
    return buffer.getvalue()


def write_case_card(ctx: AppContext, case_id: int, path: Path, *, reason: str | None) -> None:
    """One case in full as PDF; a permission and a reason; logged as 출력."""
    from reports.case_card_pdf import write_case_card as write

    paper_format(path, (".pdf",))
    reason = audit.require_reason(reason)
    card = case_card(ctx, case_id)
    with audit.logged_file(ctx, path, AccessAction.PRINT, f"case:{case_id}", reason=reason) as (
        staging,
        detail,
    ):
        write(card, staging)
        detail.append(f"사례 카드: {path.name}")
