"""The 행복e음 hand-off sheet: the cases that reached a result (지원연계 and the 모니터링
after it, 종결, 비해당), one row a case in the order a worker types it into 행복e음 — 발굴경로,
위기유형, 조사결과, 서비스 연계, 상담 요약 by date — for one case or for a day's results.

It is the worker's own sheet, with the person's name, birth date, phone and address in full
(never masked): it needs the case-card permission (a reader cannot make it) and a reason,
stays within the account's centre, and each file adds one 다운로드 row to the access log.
A 담당자's day sheet holds their own results (the cases they have, or whose result they
recorded that day); a 팀장's or 관리자's the team's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.enums import (
    NO_RESULT_CLOSURES,
    RESULT_STATUSES,
    AccessAction,
    Channel,
    Role,
)
from db.models import (
    PHONE_COLUMN,
    Alert,
    Case,
    CaseStatusChange,
    CommunityCentre,
    CounsellingRecord,
    Household,
    Person,
    Resource,
    StaffUser,
    SupportLink,
)
from desktop.casework.haengbok import has_result
from desktop.context import AppContext
from desktop.reporting.period import ReportError, paper_format
from desktop.security import audit
from desktop.security.access import Actor, Permission, in_scope, must_load, require
from desktop.security.masking import format_phone
from desktop.timeutil import KST, to_kst
from reports.model import HandoffCase, HandoffSheet

# 발굴경로 as 행복e음 names the ways a person was found.
ROUTES: dict[Channel, str] = {
    Channel.APP: "복지위기 알림",
    Channel.AI_CALL: "AI 초기상담",
    Channel.CARRIER: "안부 살핌 우편",
    Channel.BIGDATA: "빅데이터",
}


def _day(moment: datetime | None) -> date | None:
    return to_kst(moment).date() if moment is not None else None


def _route_and_crisis(session: Session, case_id: int) -> tuple[str, date | None, str]:
    """발굴경로 (each way in the order it first came; a big-data list by its round), the
    first alert's day, and 위기유형 (with the big-data list's 위기정보)."""
    routes: list[str] = []
    kinds: list[str] = []
    signals: list[str] = []
    first: datetime | None = None
    for channel, fields, crisis, occurred in session.execute(
        select(Alert.channel, Alert.fields, Alert.crisis_types, Alert.occurred_at)
        .where(Alert.case_id == case_id)
        .order_by(Alert.occurred_at, Alert.id)
    ):
        first = first or occurred
        route = ROUTES.get(channel, channel.label)
        if channel is Channel.BIGDATA and (fields or {}).get("round"):
            route = f"{route} {fields['round']}"
        if route not in routes:
            routes.append(route)
        kinds += [k for k in crisis or [] if k not in kinds]
        info = (fields or {}).get("crisis_info") if channel is Channel.BIGDATA else None
        for item in info if isinstance(info, list) else [info] if info else []:
            if str(item) not in signals:
                signals.append(str(item))
    crisis_text = ", ".join(kinds) or "-"
    if signals:
        crisis_text += f" (위기정보: {', '.join(signals)})"
    return ", ".join(routes) or "-", _day(first), crisis_text


def _support(session: Session, case_id: int) -> tuple[list[str], list[str], list[str]]:
    kinds, places, dates = [], [], []
    for link, resource in session.execute(
        select(SupportLink, Resource)
        .join(Resource, Resource.id == SupportLink.resource_id)
        .where(SupportLink.case_id == case_id)
        .order_by(SupportLink.requested_at, SupportLink.id)
    ):
        kinds.append(resource.kind.label)
        places.append(
            resource.name + (f" ({resource.organisation})" if resource.organisation else "")
        )
        steps = [
            ("의뢰", link.requested_at),
            ("결정", link.decided_at),
            ("제공", link.provided_at),
            ("중단" if link.ended_at and not link.provided_at else "종료", link.ended_at),
        ]
        dates.append(" · ".join(f"{word} {_day(at)}" for word, at in steps if at is not None))
    return kinds, places, dates


def _counselling(session: Session, case_id: int) -> list[str]:
    lines = []
    for record in session.scalars(
        select(CounsellingRecord)
        .where(CounsellingRecord.case_id == case_id)
        .order_by(CounsellingRecord.held_at, CounsellingRecord.id)
    ):
        line = f"{_day(record.held_at)} {record.method.label}: {' '.join(record.content.split())}"
        if record.outcome and record.outcome not in line:
            line += f" ({record.outcome})"
        if record.next_action:
            line += f" → 다음 조치: {record.next_action}"
        lines.append(line)
    return lines


def _result_day(session: Session, case: Case) -> date | None:
    if case.closed_at is not None:
        return _day(case.closed_at)
    return _day(
        session.scalar(
            select(CaseStatusChange.changed_at)
            .where(CaseStatusChange.case_id == case.id, CaseStatusChange.to_status == case.status)
            .order_by(CaseStatusChange.id.desc())
            .limit(1)
        )
    )


def _row(ctx: AppContext, session: Session, case: Case) -> HandoffCase:
    household = session.get(Household, case.household_id)
    assert household is not None
    person = session.scalars(
        select(Person).where(Person.household_id == household.id).order_by(Person.id).limit(1)
    ).first()
    phone = ""
    if person is not None and person.phone_cipher:
        phone = format_phone(ctx.protector.decrypt(person.phone_cipher, PHONE_COLUMN))
    route, found_on, crisis = _route_and_crisis(session, case.id)
    kinds, places, dates = _support(session, case.id)
    worker = session.get(StaffUser, case.assigned_to_id) if case.assigned_to_id else None
    result = case.status.label
    if case.closure_reason is not None:
        result += f" — {case.closure_reason.label}"
    return HandoffCase(
        case_id=case.id,
        name=(person.name if person else None) or "(이름 없음)",
        birth_date=person.birth_date if person else None,
        sex=(person.sex if person else None) or "",
        phone=phone,
        address=household.address_raw or "(주소 없음)",
        route=route,
        found_on=found_on or to_kst(case.opened_at).date(),
        crisis=crisis,
        result=result,
        result_on=_result_day(session, case),
        support_kind=kinds,
        support_place=places,
        support_dates=dates,
        counselling=_counselling(session, case.id),
        worker=worker.display_name if worker else "미배정",
        number=case.haengbok_eum_no or "",
    )


def _day_cases(session: Session, actor: Actor, day: date) -> list[Case]:
    """The cases whose result was recorded on ``day`` (Korea time) and stands: their last
    status change (the newest row, as the history is read) moved them to the result they
    have, that day. A 담당자's own only: the cases they have, or whose result they recorded."""
    start = datetime.combine(day, time(), KST)
    last = (
        select(func.max(CaseStatusChange.id))
        .where(CaseStatusChange.case_id == Case.id)
        .correlate(Case)
        .scalar_subquery()
    )
    query = (
        select(Case)
        .join(CaseStatusChange, CaseStatusChange.id == last)
        .where(
            Case.status.in_(RESULT_STATUSES),
            or_(Case.closure_reason.is_(None), Case.closure_reason.not_in(NO_RESULT_CLOSURES)),
            Case.merged_into_id.is_(None),
            in_scope(actor, Case.centre_id),
            CaseStatusChange.to_status == Case.status,
            CaseStatusChange.changed_at >= start,
            CaseStatusChange.changed_at < start + timedelta(days=1),
        )
    )
    if actor.role is Role.WORKER:
        query = query.where(
            or_(
                Case.assigned_to_id == actor.staff_id,
                CaseStatusChange.changed_by_id == actor.staff_id,
            )
        )
    return list(session.scalars(query.order_by(Case.id)))


def handoff_sheet(
    ctx: AppContext, *, case_id: int | None = None, day: date | None = None
) -> HandoffSheet:
    """One case's hand-off (it must have reached a result), or a day's results (Korea
    time; today's when neither is given). Full personal data: the case-card permission."""
    actor = require(ctx, Permission.PRINT_CASE)
    if case_id is not None and day is not None:
        raise ReportError("사례 하나(--case)나 하루(--day) 가운데 하나만 고르십시오.")
    with ctx.session() as session:
        if case_id is not None:
            case = must_load(session, actor, Case, case_id, f"사례 {case_id}번", ReportError)
            if case.merged_into_id is not None:
                raise ReportError(
                    f"사례 {case_id}번은 사례 {case.merged_into_id}번에 병합되었습니다. "
                    "그 사례로 만드십시오."
                )
            if not has_result(case.status, case.closure_reason):
                raise ReportError(
                    f"사례 {case_id}번은 아직 결과(지원연계·비해당·종결)가 없어 행복e음에 "
                    f"넘길 것이 없습니다 (지금 {case.status.label})."
                )
            cases: Sequence[Case] = [case]
            title = f"사례 {case_id}번"
        else:
            day = day or to_kst(ctx.clock()).date()
            cases = _day_cases(session, actor, day)
            if not cases:
                whose = "내 사례 가운데 " if actor.role is Role.WORKER else ""
                raise ReportError(
                    f"{whose}{day.isoformat()}에 결과(지원연계·비해당·종결)가 나온 사례가 없습니다."
                )
            title = f"{day.isoformat()} 결과"
        centre = session.get(CommunityCentre, actor.centre_id) if actor.centre_id else None
        return HandoffSheet(
            title=title,
            centre=centre.name if centre else "안부데스크",
            prepared_by=actor.display_name,
            prepared_at=to_kst(ctx.clock()),
            cases=[_row(ctx, session, c) for c in cases],
        )


def export_handoff(
    ctx: AppContext,
    path: Path,
    *,
    reason: str | None,
    case_id: int | None = None,
    day: date | None = None,
) -> HandoffSheet:
    """The hand-off sheet as a workbook; a reason, and one 다운로드 row in the access log
    naming the cases it holds."""
    from reports.handoff_xlsx import write_handoff_xlsx

    paper_format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    sheet = handoff_sheet(ctx, case_id=case_id, day=day)
    subject = f"case:{case_id}" if case_id is not None else f"handoff:{sheet.title.split()[0]}"
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, subject, reason=reason) as (
        staging,
        detail,
    ):
        write_handoff_xlsx(sheet, staging)
        numbers = ", ".join(str(c.case_id) for c in sheet.cases)
        detail.append(
            f"행복e음 입력표 {sheet.title} ({len(sheet.cases):,}건: 사례 {numbers}, "
            f"{audit.REVEAL}): {path.name}"
        )
    return sheet
