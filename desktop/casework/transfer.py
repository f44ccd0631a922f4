"""Whose case it is (관할): a case handed to another centre (이관), a provisional owner
confirmed, a move asked about.

A transfer keeps everything the case has (history, deadlines, counselling) and records
who moved it, when, from where to where and why, in the status history and the access
log; the receiving centre sees it in Today as 이관 받음 until one of its staff opens it.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from db.enums import Routing
from db.models import Case, CaseStatusChange, CommunityCentre, Household
from db.queries import the_centre
from desktop.casework.workflow import CaseworkError, editing
from desktop.context import AppContext
from desktop.korean import joined, quoted
from desktop.security.access import Permission, actor_of, load_in_scope, require


def _target(session: Session, code: str) -> CommunityCentre:
    centre = the_centre(session, code)
    if centre is None:
        raise CaseworkError(
            f"행정복지센터 {joined(quoted(code), '을')} 찾지 못했습니다 (행정기관코드나 동 이름)."
        )
    if not centre.active:
        raise CaseworkError(f"{centre.name}는 사용이 중지되어 사례를 받을 수 없습니다.")
    return centre


def transfer_case(
    ctx: AppContext,
    case_id: int,
    to: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> str:
    """Hand a case (and its household) to the centre ``to`` names (code or 동); returns the
    receiving centre's name. A worker of the case's centre, or an administrator."""
    actor = require(ctx, Permission.EDIT)
    reason = (reason or "").strip()
    if not reason:
        raise CaseworkError("이관하려면 이유를 적어야 합니다 (--reason).")
    with ctx.session() as session:
        case = load_in_scope(session, actor, Case, case_id, f"사례 {case_id}번")
        if case is None:
            raise CaseworkError(f"사례 {case_id}번을 찾을 수 없습니다.")
        target = _target(session, to)
        target_id, target_name, target_dong = target.id, target.name, target.dong
        source = session.get(CommunityCentre, case.centre_id) if case and case.centre_id else None
        source_name = source.dong if source else "소속 없음"
    if case is not None and case.centre_id == target_id:
        raise CaseworkError(f"사례 {case_id}번은 이미 {target_name} 사례입니다.")
    detail = f"이관: {source_name} → {target_dong} ({reason})"
    with editing(ctx, case_id, expected_version, detail=detail) as (session, case):
        now = ctx.clock()
        case.centre_id = target_id
        case.routing = Routing.TRANSFER
        case.routing_note = f"이관 ({source_name} → {target_dong})"
        case.transferred_at = now
        case.transfer_unseen = True
        case.proposed_centre_id = None
        case.proposed_note = None
        case.assigned_to_id = None  # the receiving centre assigns its own worker
        session.add(
            CaseStatusChange(
                case_id=case.id,
                from_status=case.status,
                to_status=case.status,
                changed_at=now,
                changed_by_id=actor_of(ctx).staff_id,
                reason=f"{source_name} → {target_dong} 이관: {reason}",
            )
        )
        session.execute(
            update(Household)
            .where(Household.id == case.household_id)
            .values(centre_id=target_id, routing=Routing.TRANSFER, dong_name=target_dong)
        )
    return target_name


def confirm_centre(ctx: AppContext, case_id: int, *, expected_version: int | None = None) -> str:
    """The signed-in worker's centre is the case's, as it holds it now: 관할 확인 필요 is
    settled, or a question whether the household moved is answered "no". Returns the
    centre's name."""
    actor = require(ctx, Permission.EDIT)
    with editing(ctx, case_id, expected_version, detail="관할 확인") as (session, case):
        if case.centre_id is None:
            raise CaseworkError(
                f"사례 {case_id}번을 맡은 센터가 없습니다. 받을 센터로 이관하십시오 "
                "(anbu case transfer)."
            )
        if actor.centre_id is not None and actor.centre_id != case.centre_id:
            raise CaseworkError(f"사례 {case_id}번은 다른 센터의 사례입니다.")
        if not (case.routing is None or case.routing.needs_confirmation or case.proposed_centre_id):
            raise CaseworkError(
                f"사례 {case_id}번은 관할을 확인할 필요가 없습니다 ({case.routing_note})."
            )
        centre = session.get(CommunityCentre, case.centre_id)
        assert centre is not None
        if case.routing is None or case.routing.needs_confirmation:
            case.routing = Routing.CONFIRMED
            case.routing_note = f"직원 확인 ({centre.dong}, {actor.display_name})"
        case.proposed_centre_id = None
        case.proposed_note = None
        session.execute(
            update(Household)
            .where(Household.id == case.household_id)
            .values(centre_id=case.centre_id, routing=Routing.CONFIRMED, dong_name=centre.dong)
        )
        return centre.name


def mark_seen(ctx: AppContext, case_id: int) -> None:
    """Someone of the receiving centre opened a transferred case: it leaves 이관 받음.
    (Not a change of the case: its version stays, so an open form is not disturbed.)"""
    actor = actor_of(ctx)
    if actor.centre_id is None:
        return
    with ctx.sessions.begin() as session:
        session.execute(
            update(Case)
            .where(
                Case.id == case_id,
                Case.transfer_unseen.is_(True),
                Case.centre_id == actor.centre_id,
            )
            .values(transfer_unseen=False)
            .execution_options(synchronize_session=False)
        )
