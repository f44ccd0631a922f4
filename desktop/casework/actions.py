"""What staff do on a case: assign it, set its risk, record counselling, link support,
and bring it to the dong 365 safety council. Every write is checked against the version
the person saw (``editing``), so nothing is silently overwritten."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from db.engine import WRITE_LOCK
from db.enums import (
    AccessAction,
    CaseStatus,
    Channel,
    CounsellingMethod,
    ResourceKind,
    RiskLevel,
    SupportStatus,
)
from db.models import (
    Alert,
    Case,
    CaseStatusChange,
    CouncilAgendaItem,
    CouncilDecision,
    CouncilMeeting,
    CounsellingRecord,
    Household,
    Resource,
    StaffUser,
    SupportLink,
    VisitPlan,
)
from desktop.casework.history import EditRecord
from desktop.casework.workflow import CaseworkError, editing
from desktop.context import AppContext
from desktop.security import audit
from desktop.security.access import (
    Permission,
    actor_of,
    check_centre,
    in_scope,
    load_in_scope,
    require,
)
from desktop.security.masking import mask_numbers

NEED_AREAS = ("경제", "건강", "주거", "고용", "돌봄", "고립", "가족관계")
# How a contact went, as the form offers it (counselling_records.outcome, free text from
# other sources). 부재 and 미접촉, the commonest on a first visit, are attempts: the
# deadlines stay, the case does not move, and a retry is dated.
MET = "상담함"
ABSENT = "부재 (방문했으나 만나지 못함)"
NO_CONTACT = "미접촉 (연락이 닿지 않음)"
REFUSED = "상담 거부"
OUTCOMES = (MET, ABSENT, NO_CONTACT, REFUSED)
ATTEMPTS = frozenset({ABSENT, NO_CONTACT})
SUPPORT_NEXT: dict[SupportStatus, frozenset[SupportStatus]] = {
    SupportStatus.REFERRED: frozenset({SupportStatus.DECIDED, SupportStatus.STOPPED}),
    SupportStatus.DECIDED: frozenset({SupportStatus.PROVIDED, SupportStatus.STOPPED}),
    SupportStatus.PROVIDED: frozenset({SupportStatus.STOPPED}),
    SupportStatus.STOPPED: frozenset(),
}


def _advance(
    ctx: AppContext, session: Any, case: Case, to: CaseStatus, staff_id: int | None, reason: str
) -> None:
    """The status move that recording the work itself implies, kept in the history."""
    session.add(
        CaseStatusChange(
            case_id=case.id,
            from_status=case.status,
            to_status=to,
            changed_at=ctx.clock(),
            changed_by_id=staff_id,
            reason=reason,
        )
    )
    case.status = to


# -- assignment and risk -----------------------------------------------------------------


def assign(ctx: AppContext, case_ids: Sequence[int], staff_id: int | None) -> int:
    """Assign cases (one or many) to a staff member, or unassign with ``None``."""
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        if staff_id is not None:
            staff = session.get(StaffUser, staff_id)
            if staff is None or not staff.active:
                raise CaseworkError(f"직원 {staff_id}번을 찾을 수 없습니다.")
        cases = list(session.scalars(select(Case).where(Case.id.in_(case_ids))))
        if len(cases) != len(set(case_ids)):
            raise CaseworkError("찾을 수 없는 사례가 있습니다. 아무것도 바꾸지 않았습니다.")
        now = ctx.clock()
        for case in cases:
            check_centre(actor, case.centre_id, f"사례 {case.id}번")
            changes = EditRecord(session, case)
            case.assigned_to_id = staff_id
            case.updated_at = now
            changes.finish(actor.staff_id, now)
            audit.record(session, ctx, AccessAction.UPDATE, f"case:{case.id}", detail="담당 배정")
        return len(cases)


def set_risk(
    ctx: AppContext,
    case_id: int,
    level: RiskLevel,
    reason: str,
    *,
    expected_version: int | None,
) -> int:
    """Staff set the risk level, with a reason; automation will not lower it afterwards."""
    if not reason.strip():
        raise CaseworkError("위험도를 바꾸는 이유를 적어 주십시오.")
    with editing(ctx, case_id, expected_version) as (session, case):
        case.risk = level
        case.risk_reason = f"담당자 지정: {reason.strip()}"
        case.risk_manual = True
        session.flush()
        return case.version


# -- counselling --------------------------------------------------------------------------


@dataclass(frozen=True)
class Counselling:
    held_at: datetime
    method: CounsellingMethod
    content: str
    needs: dict[str, str]  # area -> assessment (높음, 중간, 낮음 …)
    outcome: str | None = None
    next_action: str | None = None
    next_action_at: datetime | None = None


def record_counselling(
    ctx: AppContext,
    case_id: int,
    counselling: Counselling,
    *,
    expected_version: int | None,
) -> int:
    """Record a conversation. It meets the first-contact and counselling deadlines, sets
    the next action, and moves a case still at 접수/확인중 to 상담중. An attempt that
    reached no one (부재, 미접촉) is recorded with its retry date and meets no deadline."""
    unknown = set(counselling.needs) - set(NEED_AREAS)
    if unknown:
        raise CaseworkError(
            f"욕구 영역은 {', '.join(NEED_AREAS)} 중에서 고르십시오 (알 수 없음: {', '.join(unknown)})."
        )
    attempt = counselling.outcome in ATTEMPTS
    if attempt:
        if counselling.next_action_at is None:
            raise CaseworkError("만나지 못했으면 다시 찾아갈(연락할) 날짜를 정해 주십시오.")
        if not counselling.content.strip():
            counselling = replace(counselling, content=counselling.outcome or "")
    if not counselling.content.strip():
        raise CaseworkError("상담 내용을 적어 주십시오.")
    with editing(ctx, case_id, expected_version) as (session, case):
        staff_id = actor_of(ctx).staff_id  # the author is the signed-in account
        if case.status in (CaseStatus.CLOSED, CaseStatus.NOT_APPLICABLE):
            raise CaseworkError("종결된 사례입니다. 먼저 사례를 다시 열어 주십시오.")
        record = CounsellingRecord(
            case_id=case.id,
            held_at=counselling.held_at,
            method=counselling.method,
            staff_id=staff_id,
            content=counselling.content,
            needs=dict(counselling.needs),
            outcome=counselling.outcome,
            next_action=counselling.next_action,
            next_action_at=counselling.next_action_at,
        )
        session.add(record)
        case.next_action_at = counselling.next_action_at
        if attempt:
            # The deadlines still stand; the case is due at the first of them or the retry.
            dates = [case.first_contact_due, case.counselling_due, case.next_action_at]
            case.due_at = min(d for d in dates if d is not None)
            session.flush()
            return record.id
        case.first_contact_due = None
        case.counselling_due = None
        case.due_at = counselling.next_action_at
        if case.status in (CaseStatus.RECEIVED, CaseStatus.VERIFYING):
            _advance(
                ctx,
                session,
                case,
                CaseStatus.COUNSELLING,
                staff_id,
                f"{counselling.method.label} 상담 기록",
            )
        session.flush()
        return record.id


# -- support and resources -------------------------------------------------------------------


def add_resource(
    ctx: AppContext,
    *,
    kind: ResourceKind,
    name: str,
    organisation: str | None = None,
    category: str | None = None,
    contact: str | None = None,
    capacity: int | None = None,
    centre_id: int | None = None,
) -> int:
    """A public service or a private (민관) resource in the registry staff maintain."""
    if not name.strip():
        raise CaseworkError("자원 이름을 적어 주십시오.")
    require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        resource = Resource(
            kind=kind,
            name=name.strip(),
            organisation=organisation,
            category=category,
            contact=contact,
            capacity=capacity,
            centre_id=centre_id,
            active=True,
        )
        session.add(resource)
        session.flush()
        return resource.id


def link_support(
    ctx: AppContext,
    case_id: int,
    resource_id: int,
    *,
    expected_version: int | None,
    requested_at: datetime,
    amount: int | None = None,
    note: str | None = None,
) -> int:
    """Refer the case to a resource (의뢰); a case at 상담중 moves on to 지원연계."""
    with editing(ctx, case_id, expected_version) as (session, case):
        staff_id = actor_of(ctx).staff_id
        resource = session.get(Resource, resource_id)
        if resource is None or not resource.active:
            raise CaseworkError(f"자원 {resource_id}번을 찾을 수 없습니다.")
        link = SupportLink(
            case_id=case.id,
            resource_id=resource.id,
            status=SupportStatus.REFERRED,
            requested_at=requested_at,
            amount=amount,
            note=note,
            staff_id=staff_id,
        )
        session.add(link)
        if case.status is CaseStatus.COUNSELLING:
            _advance(ctx, session, case, CaseStatus.SUPPORT, staff_id, f"{resource.name} 의뢰")
        session.flush()
        return link.id


def update_support(
    ctx: AppContext, link_id: int, status: SupportStatus, *, at: datetime, note: str | None = None
) -> None:
    """Move a support link on: 의뢰 → 결정 → 제공, or 중단 at any point before."""
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        link = session.get(SupportLink, link_id)
        if link is None:
            raise CaseworkError(f"지원 연계 {link_id}번을 찾을 수 없습니다.")
        case = session.get(Case, link.case_id)
        check_centre(actor, case.centre_id if case else None, f"사례 {link.case_id}번")
        if status not in SUPPORT_NEXT[link.status]:
            raise CaseworkError(
                f"지원 상태를 '{link.status.label}'에서 '{status.label}'(으)로 바꿀 수 없습니다."
            )
        link.status = status
        if status is SupportStatus.DECIDED:
            link.decided_at = at
        elif status is SupportStatus.PROVIDED:
            link.provided_at = at
        else:
            link.ended_at = at
        if note:
            link.note = note
        audit.record(
            session, ctx, AccessAction.UPDATE, f"case:{link.case_id}", detail=f"지원 {status.label}"
        )


# -- carrier visit plans ------------------------------------------------------------------------


def set_visit_plan(ctx: AppContext, household_id: int, cycle_days: int | None) -> None:
    """How often the postal carrier should visit (1–4 weeks); ``None`` stops the plan."""
    if cycle_days is not None and not 7 <= cycle_days <= 28:
        raise CaseworkError("방문 주기는 7–28일(1–4주) 사이여야 합니다.")
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        if load_in_scope(session, actor, Household, household_id, f"가구 {household_id}번") is None:
            raise CaseworkError(f"가구 {household_id}번을 찾을 수 없습니다.")
        audit.record(
            session,
            ctx,
            AccessAction.UPDATE,
            f"household:{household_id}",
            detail=f"집배원 방문 주기 {cycle_days}일" if cycle_days else "집배원 방문 중지",
        )
        plan = session.scalars(
            select(VisitPlan).where(VisitPlan.household_id == household_id)
        ).first()
        if cycle_days is None:
            if plan is not None:
                plan.active = False
            return
        if plan is None:
            last = session.scalar(
                select(func.max(Alert.occurred_at)).where(
                    Alert.household_id == household_id, Alert.channel == Channel.CARRIER
                )
            )
            plan = VisitPlan(household_id=household_id, cycle_days=cycle_days, last_visit_at=last)
            session.add(plan)
        plan.cycle_days = cycle_days
        plan.active = True
        start = plan.last_visit_at or ctx.clock()
        plan.next_due_at = start + timedelta(days=cycle_days)


def visits_arrived(session: Any, visits: Sequence[tuple[int, datetime]]) -> None:
    """Carrier visits were imported: each household's plan moves on from its latest visit."""
    latest: dict[int, datetime] = {}
    for household_id, at in visits:
        if household_id not in latest or at > latest[household_id]:
            latest[household_id] = at
    if not latest:
        return
    for plan in session.scalars(select(VisitPlan).where(VisitPlan.household_id.in_(latest))):
        at = latest[plan.household_id]
        if plan.last_visit_at is None or at > plan.last_visit_at:
            plan.last_visit_at = at
            plan.next_due_at = at + timedelta(days=plan.cycle_days)


# -- the dong 365 safety council ---------------------------------------------------------------


def create_meeting(ctx: AppContext, centre_id: int | None, held_on: date, title: str) -> int:
    """A meeting of a centre's council: only its own staff (or an administrator) hold it."""
    actor = require(ctx, Permission.EDIT)
    check_centre(actor, centre_id, "그 센터의 협의체")
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        meeting = CouncilMeeting(centre_id=centre_id, held_on=held_on, title=title)
        session.add(meeting)
        session.flush()
        return meeting.id


def flag_for_council(
    ctx: AppContext, case_id: int, *, expected_version: int | None, flagged: bool = True
) -> None:
    with editing(ctx, case_id, expected_version) as (_session, case):
        case.flagged_for_council = flagged


def add_agenda_item(
    ctx: AppContext, meeting_id: int, case_id: int, *, situation: str, question: str | None
) -> int:
    """Put a case on a meeting's agenda. ``situation`` is read by citizen members: it must
    not name or locate the person (the council papers mask the rest)."""
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        meeting = load_in_scope(session, actor, CouncilMeeting, meeting_id, f"회의 {meeting_id}번")
        if meeting is None:
            raise CaseworkError(f"회의 {meeting_id}번을 찾을 수 없습니다.")
        case = load_in_scope(session, actor, Case, case_id, f"사례 {case_id}번")
        if case is None:
            raise CaseworkError(f"사례 {case_id}번을 찾을 수 없습니다.")
        if meeting.centre_id != case.centre_id:
            raise CaseworkError(f"사례 {case_id}번은 이 회의를 여는 센터의 사례가 아닙니다.")
        audit.record(session, ctx, AccessAction.UPDATE, f"case:{case_id}", detail="협의체 안건")
        item = CouncilAgendaItem(
            meeting_id=meeting_id, case_id=case_id, situation=situation, question=question
        )
        session.add(item)
        case.flagged_for_council = False
        session.flush()
        return item.id


def record_decision(
    ctx: AppContext,
    agenda_item_id: int,
    decision: str,
    *,
    follow_up: str | None = None,
    follow_up_due: date | None = None,
) -> int:
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        what = f"안건 {agenda_item_id}번"
        if load_in_scope(session, actor, CouncilAgendaItem, agenda_item_id, what) is None:
            raise CaseworkError(f"안건 {agenda_item_id}번을 찾을 수 없습니다.")
        audit.record(
            session, ctx, AccessAction.CREATE, f"agenda:{agenda_item_id}", detail="협의체 결정"
        )
        record = CouncilDecision(
            agenda_item_id=agenda_item_id,
            decision=decision,
            follow_up=follow_up,
            follow_up_due=follow_up_due,
        )
        session.add(record)
        session.flush()
        return record.id


def complete_follow_up(ctx: AppContext, decision_id: int) -> None:
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        record = load_in_scope(
            session, actor, CouncilDecision, decision_id, f"결정 {decision_id}번"
        )
        if record is None:
            raise CaseworkError(f"결정 {decision_id}번을 찾을 수 없습니다.")
        record.done_at = ctx.clock()


def open_follow_ups(ctx: AppContext, centre_id: int | None = None) -> list[dict[str, Any]]:
    """Council decisions whose follow-up is not done yet, of the centres the account works
    for: for the next meeting's papers. Numbers in the text are masked for those who may not
    see personal data in full."""
    actor = require(ctx, Permission.VIEW)
    with ctx.session() as session:
        query = (
            select(CouncilDecision, CouncilAgendaItem, CouncilMeeting)
            .join(CouncilAgendaItem, CouncilAgendaItem.id == CouncilDecision.agenda_item_id)
            .join(CouncilMeeting, CouncilMeeting.id == CouncilAgendaItem.meeting_id)
            .where(
                CouncilDecision.done_at.is_(None),
                CouncilDecision.follow_up.is_not(None),
                in_scope(actor, CouncilMeeting.centre_id),
            )
            .order_by(CouncilMeeting.held_on, CouncilDecision.id)
        )
        shown = (lambda text: text) if actor.can(Permission.REVEAL) else mask_numbers
        if centre_id is not None:
            query = query.where(CouncilMeeting.centre_id == centre_id)
        return [
            {
                "decision_id": d.id,
                "case_id": a.case_id,
                "meeting": m.title,
                "follow_up": shown(d.follow_up or ""),
                "due": d.follow_up_due,
            }
            for d, a, m in session.execute(query)
        ]
