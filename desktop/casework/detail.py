"""One case in full, for the client's case pane: plain objects, masked by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from db.enums import (
    OPEN_STATUSES,
    AccessAction,
    CaseStatus,
    Channel,
    ClosureReason,
    CounsellingMethod,
    DecisionKind,
    LinkMethod,
    ResourceKind,
    RiskLevel,
    Routing,
    SupportStatus,
)
from db.models import (
    PHONE_COLUMN,
    RAW_COLUMN,
    RRN_COLUMN,
    Alert,
    Case,
    CaseStatusChange,
    CommunityCentre,
    CounsellingRecord,
    Household,
    LinkDecision,
    Person,
    Resource,
    StaffUser,
    SupportLink,
)
from desktop.casework.haengbok import has_result
from desktop.casework.workflow import ALLOWED, CaseworkError, needs_reason
from desktop.context import AppContext
from desktop.intake.ingest import load_raw
from desktop.security import audit
from desktop.security.access import (
    Permission,
    allows,
    check_centre,
    load_in_scope,
    must_load,
    require,
)
from desktop.security.masking import format_phone, mask_name, mask_phone, mask_rrn

_MACHINE = frozenset({DecisionKind.AUTO_LINK, DecisionKind.AUTO_MERGE})  # decided by no one


@dataclass
class TimelineEntry:
    alert_id: int
    occurred_at: datetime
    channel: Channel
    source_id: str
    link: LinkMethod | None  # how it joined the case
    summary: str


@dataclass
class CounsellingLine:
    held_at: datetime
    method: CounsellingMethod
    content: str
    next_action: str


@dataclass
class SupportLine:
    resource: str  # the resource's name
    kind: ResourceKind
    status: SupportStatus
    requested_at: datetime


@dataclass
class StatusLine:
    changed_at: datetime
    from_status: CaseStatus | None  # None: the case's first status
    to_status: CaseStatus
    reason: str
    by: str = ""  # the staff member, or 자동 when the program opened or moved the case


@dataclass
class DecisionLine:
    """A decision about which alerts belong to the case: the machine's or a person's."""

    id: int
    decided_at: datetime
    kind: DecisionKind
    by: str  # the staff member, or 자동 for the machine
    reason: str
    undone: bool
    undoable: bool  # not undone, and not itself an undo


@dataclass
class CaseDetail:
    id: int
    version: int
    status: CaseStatus
    risk: RiskLevel
    risk_reason: str
    assigned_to: str
    opened_at: datetime
    due_at: datetime | None
    next_action_at: datetime | None
    address: str
    dong: str
    household_type: str
    flagged_for_council: bool = False
    overdue: bool = False  # open, and its deadline has passed (the list marks it red too)
    # 관할: "관할: 도로 좌동순환로 (좌1동)"; whether a person must still say whose it is
    territory: str = ""
    territory_pending: bool = False
    transferred_in: bool = False  # 이관 받음, not yet opened at the receiving centre
    move_question: str = ""  # a later alert placed the household in another centre
    closure_reason: ClosureReason | None = None  # why it ended (종결 / 비해당)
    haengbok_eum_no: str | None = None  # 행복e음 처리번호, once recorded
    has_result: bool = False  # stands at a result a worker enters in 행복e음
    persons: list[str] = field(default_factory=list)  # masked one-line descriptions
    timeline: list[TimelineEntry] = field(default_factory=list)
    counselling: list[CounsellingLine] = field(default_factory=list)
    support: list[SupportLine] = field(default_factory=list)
    history: list[StatusLine] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)

    def next_statuses(self) -> list[CaseStatus]:
        """The statuses the case may move to from the one it had when it was read (the
        change itself is checked again against the stored version)."""
        return sorted(ALLOWED[self.status], key=list(CaseStatus).index)

    def needs_reason(self, target: CaseStatus) -> bool:
        return needs_reason(self.status, target)


def alert_summary(alert: Alert) -> str:
    """What an alert says, in one line (crisis types, the call or visit result, notes)."""
    f = alert.fields
    parts = [", ".join(alert.crisis_types)] if alert.crisis_types else []
    for key in ("call_result", "observations"):
        value = f.get(key)
        if value:
            parts.append(", ".join(value) if isinstance(value, list) else str(value))
    text = f.get("description") or f.get("summary") or f.get("notes")
    if text:
        line = " ".join(str(text).split())
        parts.append(line[:80] + ("…" if len(line) > 80 else ""))
    return " / ".join(parts) or "-"


def _case_in_scope(ctx: AppContext, session: Any, case_id: int, permission: Permission) -> Case:
    actor = require(ctx, permission)
    return must_load(session, actor, Case, case_id, f"사례 {case_id}번", CaseworkError)


def person_line(ctx: AppContext, person: Person, *, reveal: bool) -> str:
    phone = rrn = ""
    if person.phone_cipher:
        phone = ctx.protector.decrypt(person.phone_cipher, PHONE_COLUMN)
        phone = format_phone(phone) if reveal else mask_phone(phone)
    if person.rrn_cipher:
        rrn = ctx.protector.decrypt(person.rrn_cipher, RRN_COLUMN)
        rrn = rrn if reveal else mask_rrn(rrn)
    name = (person.name if reveal else mask_name(person.name)) or "(이름 없음)"
    born = f"{person.birth_date.year}년생" if person.birth_date else person.age_band or ""
    return " · ".join(p for p in (name, person.sex, born, phone or "연락처 없음", rrn) if p)


def reveal_persons(ctx: AppContext, case_id: int, reason: str | None = None) -> list[str]:
    """The household's people in full (a permission, and a logged action with the
    reason given)."""
    with ctx.session() as session:
        case = _case_in_scope(ctx, session, case_id, Permission.REVEAL)
        lines = [
            person_line(ctx, person, reveal=True)
            for person in session.scalars(
                select(Person).where(Person.household_id == case.household_id).order_by(Person.id)
            )
        ]
    audit.log(ctx, AccessAction.VIEW, f"case:{case_id}", detail=audit.REVEAL, reason=reason)
    return lines


def case_detail(ctx: AppContext, case_id: int) -> CaseDetail:
    """One case, masked; the view is logged. Opened by someone of the centre it was
    transferred to, it leaves that centre's 이관 받음 list."""
    from desktop.casework.transfer import mark_seen

    detail = _case_detail(ctx, case_id)
    audit.log(ctx, AccessAction.VIEW, f"case:{case_id}")
    if detail.transferred_in:
        mark_seen(ctx, case_id)
    return detail


def territory_line(routing: Routing | None, note: str | None) -> str:
    """The case's 관할 in words, as the pane and ``anbu cases`` show it."""
    if routing is None:
        return "관할 확인 필요"
    if routing.needs_confirmation:
        return note or "관할 확인 필요"
    return note or routing.label


def _case_detail(ctx: AppContext, case_id: int) -> CaseDetail:
    with ctx.session() as session:
        case = _case_in_scope(ctx, session, case_id, Permission.VIEW)
        household = session.get(Household, case.household_id)
        assert household is not None
        staff = session.get(StaffUser, case.assigned_to_id) if case.assigned_to_id else None
        detail = CaseDetail(
            id=case.id,
            version=case.version,
            status=case.status,
            risk=case.risk,
            risk_reason=case.risk_reason or "",
            assigned_to=staff.display_name if staff else "미배정",
            opened_at=case.opened_at,
            due_at=case.due_at,
            next_action_at=case.next_action_at,
            address=household.address_raw or "(주소 없음: 위치만 신고됨)",
            dong=household.dong_name or "",
            household_type=household.household_type or "",
            flagged_for_council=case.flagged_for_council,
            overdue=case.status in OPEN_STATUSES
            and case.due_at is not None
            and case.due_at < ctx.clock(),
            territory="관할: " + territory_line(case.routing, case.routing_note),
            territory_pending=case.routing is None or case.routing.needs_confirmation,
            transferred_in=case.transfer_unseen,
            closure_reason=case.closure_reason,
            haengbok_eum_no=case.haengbok_eum_no,
            has_result=has_result(case.status, case.closure_reason),
        )
        if case.proposed_centre_id is not None:
            proposed = session.get(CommunityCentre, case.proposed_centre_id)
            detail.move_question = (
                f"새 알림이 {proposed.dong if proposed else '다른 센터'} 관할로 보입니다 "
                f"({case.proposed_note or ''}). 이사했다면 이관하고, 아니면 관할을 확인하십시오."
            )
        for person in session.scalars(
            select(Person).where(Person.household_id == household.id).order_by(Person.id)
        ):
            detail.persons.append(person_line(ctx, person, reveal=False))
        for alert in session.scalars(
            select(Alert).where(Alert.case_id == case.id).order_by(Alert.occurred_at, Alert.id)
        ):
            detail.timeline.append(
                TimelineEntry(
                    alert.id,
                    alert.occurred_at,
                    alert.channel,
                    alert.source_id,
                    alert.link_method,
                    alert_summary(alert),
                )
            )
        for record in session.scalars(
            select(CounsellingRecord)
            .where(CounsellingRecord.case_id == case.id)
            .order_by(CounsellingRecord.held_at)
        ):
            detail.counselling.append(
                CounsellingLine(
                    record.held_at, record.method, record.content, record.next_action or ""
                )
            )
        for link, resource in session.execute(
            select(SupportLink, Resource)
            .join(Resource, Resource.id == SupportLink.resource_id)
            .where(SupportLink.case_id == case.id)
            .order_by(SupportLink.requested_at)
        ):
            detail.support.append(
                SupportLine(resource.name, resource.kind, link.status, link.requested_at)
            )
        for change, staff_name in session.execute(
            select(CaseStatusChange, StaffUser.display_name)
            .outerjoin(StaffUser, StaffUser.id == CaseStatusChange.changed_by_id)
            .where(CaseStatusChange.case_id == case.id)
            .order_by(CaseStatusChange.changed_at, CaseStatusChange.id)
        ):
            detail.history.append(
                StatusLine(
                    change.changed_at,
                    change.from_status,
                    change.to_status,
                    change.reason or "",
                    staff_name or "자동",
                )
            )
        for decision, staff_name in session.execute(
            select(LinkDecision, StaffUser.display_name)
            .outerjoin(StaffUser, StaffUser.id == LinkDecision.staff_id)
            .where(or_(LinkDecision.case_id == case.id, LinkDecision.other_case_id == case.id))
            .order_by(LinkDecision.decided_at, LinkDecision.id)
        ):
            detail.decisions.append(
                DecisionLine(
                    decision.id,
                    decision.decided_at,
                    decision.kind,
                    "자동" if decision.kind in _MACHINE else staff_name or "-",
                    decision.reason or "",
                    decision.undone_at is not None,
                    decision.undone_at is None and decision.kind is not DecisionKind.UNDO,
                )
            )
    return detail


def alert_raw(ctx: AppContext, alert_id: int) -> dict[str, Any]:
    """The record exactly as its channel sent it (decrypted for the person viewing it)."""
    actor = require(ctx, Permission.REVEAL)
    with ctx.session() as session:
        alert = session.get(Alert, alert_id)
        if alert is None:
            raise CaseworkError(f"알림 {alert_id}번을 찾을 수 없습니다.")
        case = session.get(Case, alert.case_id) if alert.case_id is not None else None
        check_centre(actor, case.centre_id if case else None, f"알림 {alert_id}번")
        raw = load_raw(ctx.protector, alert.raw_cipher, RAW_COLUMN)
    audit.log(ctx, AccessAction.VIEW, f"alert:{alert_id}", detail=audit.REVEAL)
    return raw


class CaseDetailService:
    """What the case pane needs (no ORM in views)."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def detail(self, case_id: int) -> CaseDetail:
        return case_detail(self._ctx, case_id)

    def version(self, case_id: int) -> int | None:
        """The case's version now (None: gone from this account's sight), to tell whether
        someone else changed it since the pane read it; not a view, so not logged."""
        actor = require(self._ctx, Permission.VIEW)
        with self._ctx.session() as session:
            case = load_in_scope(session, actor, Case, case_id, f"사례 {case_id}번")
            return case.version if case is not None else None

    def raw(self, alert_id: int) -> dict[str, Any]:
        return alert_raw(self._ctx, alert_id)

    def reveal(self, case_id: int, reason: str | None = None) -> list[str]:
        return reveal_persons(self._ctx, case_id, reason)

    def can(self, permission: Permission) -> bool:
        return allows(self._ctx, permission)
