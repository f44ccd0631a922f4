"""안부 살핌 우편: the households staff choose for the postal carriers' visits, and each
cycle's list for the post office.

Staff put a household in the programme from its case: its 대상구분, the visit cycle (1–4
weeks), the post office and what to bring. A household already under public care (a
public service linked and not stopped) is not taken: the programme is for those no
public service looks in on, and the form says so. Each cycle ``export_visits`` writes the
post office the households due, with their 대상자번호, name, address and unit, what to bring
and the signs to look for: never anything about the crisis itself. A household whose
visits stop coming back is a warning on Today (``desktop.casework.due``), from its plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import AccessAction, Channel, ResourceKind, SupportStatus
from db.models import Alert, Case, Household, Person, Resource, SupportLink, VisitPlan
from desktop.casework.workflow import CaseworkError
from desktop.context import AppContext
from desktop.intake.channels import DELIVERED_ITEMS, TARGET_GROUPS
from desktop.outreach import refs
from desktop.security import audit
from desktop.security.access import Actor, Permission, in_scope, load_in_scope, require
from desktop.timeutil import KST, to_kst

CYCLES = (7, 14, 21, 28)  # 1–4 weeks
# What the carrier looks for at the door: the words the carriers' own file reports back.
SIGNS = ("우편물적체", "인기척없음", "건강악화의심", "위생불량", "단전단수징후")
PUBLIC_CARE_RULE = (
    "이미 공공 돌봄을 받는 가구(공공 서비스가 연계·제공 중인 가구)는 안부 살핌 우편 대상에서 "
    "제외됩니다."
)
_IN_CARE = (SupportStatus.REFERRED, SupportStatus.DECIDED, SupportStatus.PROVIDED)


@dataclass(frozen=True)
class Programme:
    """A household's place in the programme, as the case pane shows it."""

    case_id: int
    household_id: int
    active: bool
    target_group: str | None
    cycle_days: int
    post_office: str | None
    items: tuple[str, ...]
    last_visit_at: datetime | None
    next_due_at: datetime | None


@dataclass(frozen=True)
class VisitRow:
    """One line of the post office's list."""

    household_ref: str
    name: str
    address: str
    unit: str
    target_group: str
    cycle_weeks: int
    due_on: date
    items: tuple[str, ...]
    signs: tuple[str, ...]
    last_visit_on: date | None


@dataclass(frozen=True)
class VisitList:
    office: str | None
    until: date
    rows: list[VisitRow]


def _case_and_household(session: Session, actor: Actor, case_id: int) -> Case:
    case = load_in_scope(session, actor, Case, case_id, f"사례 {case_id}번")
    if case is None:
        raise CaseworkError(f"사례 {case_id}번을 찾을 수 없습니다.")
    return case


def public_care(session: Session, household_id: int) -> list[str]:
    """The public services that look in on the household now (linked, not stopped)."""
    return list(
        session.scalars(
            select(Resource.name)
            .join(SupportLink, SupportLink.resource_id == Resource.id)
            .join(Case, Case.id == SupportLink.case_id)
            .where(
                Case.household_id == household_id,
                Resource.kind == ResourceKind.PUBLIC,
                SupportLink.status.in_(_IN_CARE),
            )
            .distinct()
            .order_by(Resource.name)
        )
    )


def public_care_of_case(ctx: AppContext, case_id: int) -> list[str]:
    """What the enrolment form warns about before staff choose (empty: may join)."""
    actor = require(ctx, Permission.VIEW)
    with ctx.session() as session:
        case = _case_and_household(session, actor, case_id)
        return public_care(session, case.household_id)


def enrol(
    ctx: AppContext,
    case_id: int,
    *,
    target_group: str,
    cycle_days: int,
    post_office: str,
    items: Sequence[str] = ("종량제봉투",),
) -> Programme:
    """Put the case's household in the programme (or change its plan)."""
    if target_group not in TARGET_GROUPS:
        raise CaseworkError(f"대상구분은 {', '.join(TARGET_GROUPS)} 중 하나여야 합니다.")
    if cycle_days not in CYCLES:
        raise CaseworkError("방문 주기는 1주, 2주, 3주, 4주 중 하나여야 합니다.")
    office = post_office.strip()
    if not office:
        raise CaseworkError("방문할 우체국을 적어 주십시오.")
    if len(office) > 40:
        raise CaseworkError("우체국 이름이 너무 깁니다 (최대 40자).")
    unknown = [i for i in items if i not in DELIVERED_ITEMS]
    if unknown:
        raise CaseworkError(f"전달물품은 {', '.join(DELIVERED_ITEMS)} 중에서 고르십시오.")
    actor = require(ctx, Permission.EDIT)
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        case = _case_and_household(session, actor, case_id)
        care = public_care(session, case.household_id)
        if care:
            raise CaseworkError(
                f"{PUBLIC_CARE_RULE} 이 가구는 {', '.join(care)}을(를) 받고 있습니다."
            )
        plan = session.scalars(
            select(VisitPlan).where(VisitPlan.household_id == case.household_id)
        ).first()
        if plan is None:
            last = session.scalar(
                select(func.max(Alert.occurred_at)).where(
                    Alert.household_id == case.household_id, Alert.channel == Channel.CARRIER
                )
            )
            plan = VisitPlan(household_id=case.household_id, last_visit_at=last)
            session.add(plan)
        joining = not plan.active or plan.enrolled_at is None
        plan.cycle_days = cycle_days
        plan.target_group = target_group
        plan.post_office = office
        plan.items = list(dict.fromkeys(items))
        plan.active = True
        if joining:
            plan.enrolled_at = now
        # The first visit is on the next list; later ones a cycle after the last.
        plan.next_due_at = (
            plan.last_visit_at + timedelta(days=cycle_days) if plan.last_visit_at else now
        )
        refs.issue(session, [case.household_id])
        audit.record(
            session,
            ctx,
            AccessAction.UPDATE,
            f"case:{case_id}",
            detail=f"안부 살핌 우편 {target_group} {cycle_days // 7}주 {office}",
        )
        session.flush()
        return _programme(case_id, plan)


def leave(ctx: AppContext, case_id: int) -> None:
    """Take the case's household out of the programme (its plan is kept, inactive)."""
    actor = require(ctx, Permission.EDIT)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        case = _case_and_household(session, actor, case_id)
        plan = session.scalars(
            select(VisitPlan).where(VisitPlan.household_id == case.household_id)
        ).first()
        if plan is None or not plan.active:
            raise CaseworkError(f"사례 {case_id}번의 가구는 안부 살핌 우편 대상이 아닙니다.")
        plan.active = False
        audit.record(
            session, ctx, AccessAction.UPDATE, f"case:{case_id}", detail="안부 살핌 우편 중지"
        )


def programme(ctx: AppContext, case_id: int) -> Programme | None:
    actor = require(ctx, Permission.VIEW)
    with ctx.session() as session:
        case = _case_and_household(session, actor, case_id)
        plan = session.scalars(
            select(VisitPlan).where(VisitPlan.household_id == case.household_id)
        ).first()
        return _programme(case_id, plan) if plan is not None else None


def _programme(case_id: int, plan: VisitPlan) -> Programme:
    return Programme(
        case_id,
        plan.household_id,
        bool(plan.active),
        plan.target_group,
        plan.cycle_days,
        plan.post_office,
        tuple(plan.items or ()),
        plan.last_visit_at,
        plan.next_due_at,
    )


def post_offices(ctx: AppContext) -> list[str]:
    """The post offices of the account's households in the programme (for a choice)."""
    actor = require(ctx, Permission.VIEW)
    with ctx.session() as session:
        return [
            office
            for office in session.scalars(
                select(VisitPlan.post_office)
                .join(Household, Household.id == VisitPlan.household_id)
                .where(
                    VisitPlan.active.is_(True),
                    VisitPlan.post_office.is_not(None),
                    in_scope(actor, Household.centre_id),
                )
                .distinct()
                .order_by(VisitPlan.post_office)
            )
            if office
        ]


def issue_numbers(ctx: AppContext, household_ids: Sequence[int]) -> dict[int, str]:
    """The households' 대상자번호, issued where missing (kept, whatever becomes of a file)."""
    if not household_ids:
        return {}
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        return refs.issue(session, household_ids)


def _unit_text(unit: str | None) -> str:
    """A stored unit key as a carrier reads it: 101-1203 → 101동 1203호."""
    if not unit:
        return ""
    if unit == "RT":
        return "옥탑"
    if unit.startswith("B") and unit[1:].isdigit():
        return f"지하 {unit[1:]}층"
    if unit.startswith("F") and unit[1:2].isdigit():
        return f"{unit[1:]}층".replace("좌", " 왼쪽").replace("우", " 오른쪽")
    block, _, flat = unit.partition("-")
    if flat:
        return f"{block}동 {flat}호" if block else f"{flat}호"
    return unit


def _where_written(session: Session, household_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Each household's address as a channel last wrote it: (주소, 상세주소)."""
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(household_ids), 500):
        part = household_ids[start : start + 500]
        for household_id, fields in session.execute(
            select(Alert.household_id, Alert.fields)
            .where(Alert.household_id.in_(part))
            .order_by(Alert.household_id, Alert.occurred_at.desc(), Alert.id.desc())
        ):
            if household_id in found or not (fields or {}).get("address"):
                continue
            found[household_id] = (fields["address"], fields.get("address_detail") or "")
    return found


def first_names(session: Session, household_ids: Sequence[int]) -> dict[int, str]:
    """Each household's first member's name (whom its case is about)."""
    names: dict[int, str] = {}
    for start in range(0, len(household_ids), 500):
        part = household_ids[start : start + 500]
        for household_id, name in session.execute(
            select(Person.household_id, Person.name)
            .where(Person.household_id.in_(part), Person.name.is_not(None))
            .order_by(Person.household_id, Person.id)
        ):
            if name:
                names.setdefault(household_id, name)
    return names


def due_visits(
    ctx: AppContext, *, office: str | None = None, until: date | None = None
) -> VisitList:
    """The households of the account's centre whose visit falls by ``until`` (default: the
    coming week, today and six days on), of one post office or all."""
    actor = require(ctx, Permission.REVEAL)
    today = to_kst(ctx.clock()).date()
    until = until or today + timedelta(days=6)
    end = datetime.combine(until + timedelta(days=1), time(), KST)
    with ctx.session() as session:
        query = (
            select(VisitPlan, Household.address_raw, Household.unit_key)
            .join(Household, Household.id == VisitPlan.household_id)
            .where(
                VisitPlan.active.is_(True),
                VisitPlan.next_due_at < end,
                Household.merged_into_id.is_(None),
                in_scope(actor, Household.centre_id),
            )
            .order_by(VisitPlan.next_due_at, VisitPlan.household_id)
        )
        if office:
            query = query.where(VisitPlan.post_office == office.strip())
        plans = session.execute(query).all()
        ids = [plan.household_id for plan, _, _ in plans]
        written = _where_written(session, ids)
        names = first_names(session, ids)
    numbers = issue_numbers(ctx, ids)
    rows = []
    for plan, address_raw, unit_key in plans:
        address, unit = written.get(plan.household_id, (address_raw or "", ""))
        rows.append(
            VisitRow(
                refs.shown(numbers[plan.household_id]),
                names.get(plan.household_id, ""),
                address,
                unit or _unit_text(unit_key),
                plan.target_group or "기타",
                max(1, plan.cycle_days // 7),
                max(to_kst(plan.next_due_at).date(), today) if plan.next_due_at else today,
                tuple(plan.items or ("종량제봉투",)),
                SIGNS,
                to_kst(plan.last_visit_at).date() if plan.last_visit_at else None,
            )
        )
    return VisitList(office, until, rows)


def export_visits(
    ctx: AppContext,
    path: Path,
    *,
    office: str | None,
    reason: str | None,
    until: date | None = None,
) -> VisitList:
    """The post office's list as a workbook: full names and addresses leave the office,
    so a reason is asked and one access-log row written (다운로드)."""
    from desktop.reporting.period import paper_format
    from reports.outreach_xlsx import write_visit_list

    paper_format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    listed = due_visits(ctx, office=office, until=until)
    made = to_kst(ctx.clock())
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "visits", reason=reason) as (
        staging,
        detail,
    ):
        write_visit_list(
            [_visit_cells(r) for r in listed.rows],
            staging,
            office=office or "전체 우체국",
            made=made.strftime("%Y-%m-%d %H:%M"),
            until=listed.until.isoformat(),
        )
        detail.append(
            f"안부 살핌 우편 방문 명단 {len(listed.rows):,}가구 ({office or '전체 우체국'}, "
            f"{listed.until.isoformat()}까지): {path.name}"
        )
    return listed


def _visit_cells(row: VisitRow) -> dict[str, Any]:
    return {
        "household_ref": row.household_ref,
        "name": row.name,
        "address": row.address,
        "unit": row.unit,
        "target_group": row.target_group,
        "cycle": f"{row.cycle_weeks}주",
        "due_on": row.due_on,
        "items": ", ".join(row.items),
        "signs": ", ".join(row.signs),
        "last_visit_on": row.last_visit_on,
    }
