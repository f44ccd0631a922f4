"""What the papers say: the queries behind the council packet, the case card and the city
export, answered as plain objects (``reports.model``) that the writers in ``reports/``
turn into PDF and XLSX without a database or a session.

Each public function checks the signed-in account's permission and centre, asks for a
reason, writes the file through the given writer, and adds one access-log row (출력 for
papers, 다운로드 for exports).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import (
    OPEN_STATUSES,
    AccessAction,
    CaseStatus,
    Channel,
    ResourceKind,
)
from db.models import (
    Alert,
    Case,
    CaseStatusChange,
    CommunityCentre,
    CouncilAgendaItem,
    CouncilDecision,
    CouncilMeeting,
    CounsellingRecord,
    Household,
    Person,
    Resource,
    StaffUser,
    SupportLink,
)
from db.queries import centre_named
from desktop.address import parse_address
from desktop.context import AppContext
from desktop.security import audit
from desktop.security.access import Actor, Permission, allows, check_centre, in_scope, require
from desktop.security.masking import mask_name, mask_numbers
from desktop.timeutil import KST, to_kst
from reports.model import (
    AgendaEntry,
    CaseCard,
    CityCaseRow,
    CityReport,
    CouncilPacket,
    FollowUp,
)

CHANNEL_ORDER = (Channel.APP, Channel.AI_CALL, Channel.CARRIER)
BATCH = 2000


class ReportError(Exception):
    """A paper that cannot be made as asked; the message says why."""


# -- periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Whole days in Korea time, both ends included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ReportError("기간의 끝이 시작보다 앞섭니다.")
        if (self.last - self.first).days > 366 * 3:
            raise ReportError("기간은 3년을 넘을 수 없습니다.")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), KST)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.last + timedelta(days=1), time(), KST)

    @staticmethod
    def month(text: str) -> Period:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise ReportError(f"달은 2026-11처럼 적어 주십시오: '{text}'")
        year, month = int(match[1]), int(match[2])
        following = date(year + month // 12, month % 12 + 1, 1)
        return Period(date(year, month, 1), following - timedelta(days=1))

    def months(self) -> list[str]:
        out: list[str] = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            out.append(f"{year}-{month:02d}")
            year, month = year + month // 12, month % 12 + 1
        return out

    def describe(self) -> str:
        return f"{self.first.isoformat()} ~ {self.last.isoformat()}"


def _month_of(moment: datetime) -> str:
    return to_kst(moment).strftime("%Y-%m")


# -- masking for papers --------------------------------------------------------------------


def scrub(text: str | None, names: Sequence[str | None] = ()) -> str:
    """Free text for people outside the office: phone and resident numbers and the named
    people's names masked, whatever staff typed."""
    if not text:
        return ""
    text = mask_numbers(text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len)[::-1]:
        text = text.replace(name, mask_name(name))
    return text


def _area(household: Household) -> str:
    """Where, no closer than a road: ``좌동로 일대``."""
    key = parse_address(household.address_raw)
    if key.road:
        return f"{key.road} 일대"
    if key.legal_dong:
        return f"{key.legal_dong} 일대"
    return f"{household.dong_name} 일대" if household.dong_name else "위치 미상"


def _age_band(person: Person | None, on: date) -> str:
    if person is None:
        return "연령 미상"
    if person.birth_date is not None:
        years = on.year - person.birth_date.year
        return f"{years // 10 * 10}대"
    return person.age_band or "연령 미상"


def _first_person(session: Session, household_id: int) -> Person | None:
    return session.scalars(
        select(Person).where(Person.household_id == household_id).order_by(Person.id)
    ).first()


def _names(session: Session, household_id: int) -> list[str | None]:
    return list(session.scalars(select(Person.name).where(Person.household_id == household_id)))


def masked_label(session: Session, case: Case, on: date) -> str:
    """``김○○ / 70대 / 1인가구 / 좌동로 일대``."""
    household = session.get(Household, case.household_id)
    assert household is not None
    person = _first_person(session, household.id)
    return " / ".join(
        (
            mask_name(person.name) if person and person.name else "이름 미상",
            _age_band(person, on),
            household.household_type or "가구형태 미상",
            _area(household),
        )
    )


# -- centre ------------------------------------------------------------------------------


def _centre(session: Session, actor: Actor, centre: str | None) -> CommunityCentre:
    """The centre a paper is for: the one named, or the account's own, or the only one."""
    query = select(CommunityCentre)
    if centre:
        query = query.where(centre_named(centre))
    elif actor.centre_id is not None:
        query = query.where(CommunityCentre.id == actor.centre_id)
    found = list(session.scalars(query.limit(2)))
    if len(found) != 1:
        raise ReportError(
            f"행정복지센터 '{centre}'을(를) 찾지 못했습니다." if centre
            else "어느 행정복지센터의 자료인지 --centre로 정해 주십시오."
        )  # fmt: skip
    check_centre(actor, found[0].id, f"{found[0].dong} 자료")
    return found[0]


# -- the council packet ----------------------------------------------------------------------


def _support_lines(session: Session, case_id: int) -> list[str]:
    return [
        f"{resource.name} ({resource.kind.label}, {link.status.label})"
        for link, resource in session.execute(
            select(SupportLink, Resource)
            .join(Resource, Resource.id == SupportLink.resource_id)
            .where(SupportLink.case_id == case_id)
            .order_by(SupportLink.requested_at)
        )
    ]


def _situation(session: Session, case: Case) -> str:
    """For a case flagged without a written agenda item: what the alerts say, in words."""
    types: Counter[str] = Counter()
    channels: set[str] = set()
    for alert in session.scalars(select(Alert).where(Alert.case_id == case.id)):
        types.update(alert.crisis_types)
        channels.add(alert.channel.label)
    parts = [f"위기유형: {', '.join(t for t, _ in types.most_common(4))}"] if types else []
    parts.append(f"발굴 경로: {', '.join(sorted(channels)) or '-'}")
    parts.append(f"상태 {case.status.label}, 위험도 {case.risk.label}")
    return ". ".join(parts) + "."


def council_packet(
    ctx: AppContext,
    period: Period,
    *,
    meeting_on: date | None = None,
    centre: str | None = None,
) -> CouncilPacket:
    """The figures and the masked agenda for one dong's council meeting."""
    actor = require(ctx, Permission.PRINT_MASKED)
    meeting_on = meeting_on or period.last
    months = period.months()
    with ctx.session() as session:
        place = _centre(session, actor, centre)
        in_centre = Case.centre_id == place.id
        by_channel: dict[str, list[int]] = {c.label: [0] * len(months) for c in CHANNEL_ORDER}
        by_crisis: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
        for channel, occurred, crisis in session.execute(
            select(Alert.channel, Alert.occurred_at, Alert.crisis_types)
            .join(Case, Case.id == Alert.case_id)
            .where(in_centre, Alert.occurred_at >= period.start, Alert.occurred_at < period.end)
        ):
            index = months.index(_month_of(occurred))
            by_channel[channel.label][index] += 1
            for kind in crisis or []:
                by_crisis[kind][index] += 1
        live = in_centre & Case.merged_into_id.is_(None)
        opened_in = live & (Case.opened_at >= period.start) & (Case.opened_at < period.end)
        statuses = dict(
            session.execute(
                select(Case.status, func.count()).where(live, Case.opened_at < period.end)
                .group_by(Case.status)
            ).all()
        )  # fmt: skip
        support = dict(
            session.execute(
                select(Resource.kind, func.count())
                .select_from(SupportLink)
                .join(Resource, Resource.id == SupportLink.resource_id)
                .join(Case, Case.id == SupportLink.case_id)
                .where(live, SupportLink.requested_at >= period.start,
                       SupportLink.requested_at < period.end)
                .group_by(Resource.kind)
            ).all()
        )  # fmt: skip
        now = ctx.clock()
        overdue = session.scalar(
            select(func.count()).select_from(Case)
            .where(live, Case.status.in_(OPEN_STATUSES), Case.due_at < now)
        ) or 0  # fmt: skip
        new_cases = session.scalar(select(func.count()).select_from(Case).where(opened_in)) or 0

        meeting = session.scalars(
            select(CouncilMeeting).where(
                CouncilMeeting.centre_id == place.id, CouncilMeeting.held_on == meeting_on
            )
        ).first()
        agenda: list[AgendaEntry] = []
        if meeting is not None:
            items = session.execute(
                select(CouncilAgendaItem, Case)
                .join(Case, Case.id == CouncilAgendaItem.case_id)
                .where(CouncilAgendaItem.meeting_id == meeting.id)
                .order_by(CouncilAgendaItem.id)
            ).all()
            for item, case in items:
                names = _names(session, case.household_id)
                agenda.append(
                    AgendaEntry(
                        masked_label(session, case, meeting_on),
                        scrub(item.situation, names),
                        [scrub(s, names) for s in _support_lines(session, case.id)],
                        scrub(item.question, names) or "지원 방안 논의",
                        case.risk.label,
                    )
                )
        for case in session.scalars(
            select(Case).where(live, Case.flagged_for_council.is_(True)).order_by(Case.id)
        ):
            names = _names(session, case.household_id)
            agenda.append(
                AgendaEntry(
                    masked_label(session, case, meeting_on),
                    scrub(_situation(session, case), names),
                    [scrub(s, names) for s in _support_lines(session, case.id)],
                    "지원 방안과 이웃 살핌 방법 논의",
                    case.risk.label,
                )
            )
        previous = session.scalars(
            select(CouncilMeeting)
            .where(CouncilMeeting.centre_id == place.id, CouncilMeeting.held_on < meeting_on)
            .order_by(CouncilMeeting.held_on.desc())
        ).first()
        follow_ups: list[FollowUp] = []
        if previous is not None:
            for decision, _item, case in session.execute(
                select(CouncilDecision, CouncilAgendaItem, Case)
                .join(CouncilAgendaItem, CouncilAgendaItem.id == CouncilDecision.agenda_item_id)
                .join(Case, Case.id == CouncilAgendaItem.case_id)
                .where(CouncilAgendaItem.meeting_id == previous.id)
                .order_by(CouncilDecision.id)
            ):
                names = _names(session, case.household_id)
                follow_ups.append(
                    FollowUp(
                        previous.held_on,
                        masked_label(session, case, meeting_on),
                        scrub(decision.decision, names),
                        scrub(decision.follow_up, names),
                        decision.follow_up_due,
                        decision.done_at is not None,
                    )
                )
    crisis_rows = sorted(by_crisis.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    return CouncilPacket(
        dong=place.dong,
        centre_name=place.name,
        meeting_on=meeting_on,
        period=period.describe(),
        prepared_by=actor.display_name,
        prepared_at=to_kst(ctx.clock()),
        months=months,
        alerts_by_channel=list(by_channel.items()),
        alerts_by_crisis=crisis_rows,
        cases_by_status=[(s.label, int(statuses.get(s, 0))) for s in CaseStatus],
        support_public=int(support.get(ResourceKind.PUBLIC, 0)),
        support_private=int(support.get(ResourceKind.PRIVATE, 0)),
        overdue=overdue,
        new_cases=new_cases,
        agenda=agenda,
        follow_ups=follow_ups,
    )


# -- the case card ----------------------------------------------------------------------------


def case_card(ctx: AppContext, case_id: int) -> CaseCard:
    """One case in full, for the case file (a permission and a reason; logged by the
    caller's ``write_case_card``)."""
    from desktop.casework.detail import person_line

    actor = require(ctx, Permission.PRINT_CASE)
    with ctx.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ReportError(f"사례 {case_id}번을 찾을 수 없습니다.")
        check_centre(actor, case.centre_id, f"사례 {case_id}번")
        household = session.get(Household, case.household_id)
        assert household is not None
        centre = session.get(CommunityCentre, case.centre_id) if case.centre_id else None
        staff = session.get(StaffUser, case.assigned_to_id) if case.assigned_to_id else None
        timeline = [
            (to_kst(a.occurred_at), a.channel.label, a.source_id,
             ", ".join(a.crisis_types) or "-",
             str(a.fields.get("description") or a.fields.get("summary")
                 or a.fields.get("notes") or ""))
            for a in session.scalars(
                select(Alert).where(Alert.case_id == case.id).order_by(Alert.occurred_at)
            )
        ]  # fmt: skip
        counselling = [
            (to_kst(r.held_at), r.method.label, r.content, r.next_action or "")
            for r in session.scalars(
                select(CounsellingRecord)
                .where(CounsellingRecord.case_id == case.id)
                .order_by(CounsellingRecord.held_at)
            )
        ]
        history = [
            (to_kst(c.changed_at), c.from_status.label if c.from_status else "-",
             c.to_status.label, c.reason or "")
            for c in session.scalars(
                select(CaseStatusChange).where(CaseStatusChange.case_id == case.id)
                .order_by(CaseStatusChange.changed_at, CaseStatusChange.id)
            )
        ]  # fmt: skip
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
            support=_support_lines(session, case.id),
            history=history,
            printed_by=actor.display_name,
            printed_at=to_kst(ctx.clock()),
        )
    return card


# -- the city export ---------------------------------------------------------------------------


def _first_channels(session: Session, low: int, high: int) -> dict[int, Channel]:
    """The channel through which each case with an id in ``low..high`` was found (its
    earliest alert)."""
    first: dict[int, tuple[datetime, int, Channel]] = {}
    for case_id, occurred, alert_id, channel in session.execute(
        select(Alert.case_id, Alert.occurred_at, Alert.id, Alert.channel).where(
            Alert.case_id.between(low, high)
        )
    ):
        if case_id is None:
            continue
        seen = first.get(case_id)
        if seen is None or (occurred, alert_id) < seen[:2]:
            first[case_id] = (occurred, alert_id, channel)
    return {case_id: value[2] for case_id, value in first.items()}


def _iter_city_cases(
    ctx: AppContext, actor: Actor, period: Period, *, reveal: bool
) -> Iterator[CityCaseRow]:
    now = ctx.clock()
    with ctx.session() as session:
        ids = list(
            session.scalars(
                select(Case.id)
                .where(
                    Case.merged_into_id.is_(None),
                    Case.opened_at >= period.start,
                    Case.opened_at < period.end,
                    in_scope(actor, Case.centre_id),
                )
                .order_by(Case.id)
            )
        )
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            low, high = chunk[0], chunk[-1]  # ids are sorted: a range the indexes can walk
            channels = _first_channels(session, low, high)
            crisis: dict[int, set[str]] = defaultdict(set)
            for case_id, kinds in session.execute(
                select(Alert.case_id, Alert.crisis_types).where(Alert.case_id.between(low, high))
            ):
                if case_id is not None:
                    crisis[case_id].update(kinds or [])
            counselled = set(
                session.scalars(
                    select(CounsellingRecord.case_id).where(
                        CounsellingRecord.case_id.between(low, high)
                    )
                )
            )
            support: dict[tuple[int, ResourceKind], int] = Counter()
            for case_id, kind in session.execute(
                select(SupportLink.case_id, Resource.kind)
                .join(Resource, Resource.id == SupportLink.resource_id)
                .where(SupportLink.case_id.between(low, high))
            ):
                support[(case_id, kind)] += 1
            verified = set(
                session.scalars(
                    select(CaseStatusChange.case_id).where(
                        CaseStatusChange.case_id.between(low, high),
                        CaseStatusChange.to_status != CaseStatus.RECEIVED,
                    )
                )
            )
            names: dict[int, str | None] = {}
            rows = session.execute(
                select(
                    Case.id, Case.household_id, Case.status, Case.risk, Case.opened_at,
                    Case.closed_at, Case.due_at, Household.dong_name, CommunityCentre.dong,
                    CommunityCentre.code,
                )
                .join(Household, Household.id == Case.household_id)
                .outerjoin(CommunityCentre, CommunityCentre.id == Case.centre_id)
                .where(Case.id.between(low, high))
                .order_by(Case.id)
            ).all()  # fmt: skip
            wanted = set(chunk)
            rows = [r for r in rows if r.id in wanted]
            for household_id, name in session.execute(
                select(Person.household_id, Person.name)
                .where(Person.household_id.in_({r.household_id for r in rows}))
                .order_by(Person.id)
            ):
                names.setdefault(household_id, name)
            for r in rows:
                name = names.get(r.household_id)
                open_now = r.status in OPEN_STATUSES
                yield CityCaseRow(
                    case_id=r.id,
                    dong=r[8] or r.dong_name or "미지정",
                    channel=channels[r.id].label if r.id in channels else "-",
                    opened_on=to_kst(r.opened_at).date(),
                    status=r.status.label,
                    risk=r.risk.label,
                    crisis_types=sorted(crisis.get(r.id, ())),
                    name=(name or "") if reveal else mask_name(name),
                    verified=r.status is not CaseStatus.RECEIVED or r.id in verified,
                    counselled=r.id in counselled,
                    support_public=support.get((r.id, ResourceKind.PUBLIC), 0),
                    support_private=support.get((r.id, ResourceKind.PRIVATE), 0),
                    closed=not open_now,
                    overdue=open_now and r.due_at is not None and r.due_at < now,
                    closed_on=to_kst(r.closed_at).date() if r.closed_at else None,
                    code=r.code or "",
                )
            session.expunge_all()


def city_report(
    ctx: AppContext, period: Period, *, reveal: bool = False
) -> tuple[CityReport, Iterator[CityCaseRow]]:
    """The report (alerts per 행정동 × channel counted up front; the case counts fill in as
    the case rows stream past its ``add``) and the case rows, in one pass, so memory
    stays flat on 100,000 cases."""
    actor = require(ctx, Permission.CITY_EXPORT)
    if reveal:
        require(ctx, Permission.REVEAL)
    with ctx.session() as session:
        alerts = {
            (dong or "미지정", code or "", channel.label): count
            for dong, code, channel, count in session.execute(
                select(CommunityCentre.dong, CommunityCentre.code, Alert.channel, func.count())
                .join(Case, Case.id == Alert.case_id)
                .outerjoin(CommunityCentre, CommunityCentre.id == Case.centre_id)
                .where(
                    Alert.occurred_at >= period.start,
                    Alert.occurred_at < period.end,
                    in_scope(actor, Case.centre_id),
                )
                .group_by(CommunityCentre.dong, CommunityCentre.code, Alert.channel)
            )
        }
    report = CityReport(
        period=period.describe(),
        prepared_at=to_kst(ctx.clock()),
        prepared_by=actor.display_name,
        channel_order=[c.label for c in CHANNEL_ORDER],
        alerts=alerts,
        revealed=reveal,
    )
    return report, _iter_city_cases(ctx, actor, period, reveal=reveal)


# -- writing and logging ----------------------------------------------------------------------


def _format(path: Path, allowed: Sequence[str]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ReportError(f"파일 형식은 {', '.join(allowed)} 중 하나여야 합니다: {path.name}")
    return suffix


def write_council(
    ctx: AppContext,
    period: Period,
    path: Path,
    *,
    reason: str | None,
    meeting_on: date | None = None,
    centre: str | None = None,
) -> CouncilPacket:
    """The council packet as PDF or XLSX (by the file's suffix); logged as 출력."""
    from reports.council_pdf import write_council_pdf
    from reports.council_xlsx import write_council_xlsx

    suffix = _format(path, (".pdf", ".xlsx"))
    reason = audit.require_reason(reason)
    packet = council_packet(ctx, period, meeting_on=meeting_on, centre=centre)
    with audit.logged_file(
        ctx, path, AccessAction.PRINT, f"council:{packet.dong}", reason=reason
    ) as (staging, detail):
        (write_council_pdf if suffix == ".pdf" else write_council_xlsx)(packet, staging)
        detail.append(
            f"협의체 자료 {packet.meeting_on.isoformat()} ({len(packet.agenda)}건 안건): {path.name}"
        )
    return packet


def write_case_card(ctx: AppContext, case_id: int, path: Path, *, reason: str | None) -> None:
    """One case in full as PDF; a permission and a reason; logged as 출력."""
    from reports.case_card_pdf import write_case_card as write

    _format(path, (".pdf",))
    reason = audit.require_reason(reason)
    card = case_card(ctx, case_id)
    with audit.logged_file(ctx, path, AccessAction.PRINT, f"case:{case_id}", reason=reason) as (
        staging,
        detail,
    ):
        write(card, staging)
        detail.append(f"사례 카드: {path.name}")


def export_city(
    ctx: AppContext, period: Period, path: Path, *, reason: str | None, reveal: bool = False
) -> CityReport:
    """The city workbook; logged as 다운로드."""
    from reports.city_xlsx import write_city_xlsx

    _format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    report, cases = city_report(ctx, period, reveal=reveal)
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "city_export", reason=reason) as (
        staging,
        detail,
    ):
        write_city_xlsx(report, cases, staging)
        detail.append(
            f"시·구 보고 {report.period} (사례 {report.totals()[1]:,}건"
            + (", 개인정보 포함" if reveal else "") + f"): {path.name}"
        )  # fmt: skip
    return report


def export_cases(ctx: AppContext, path: Path, *, reason: str | None, reveal: bool = False) -> int:
    """The case list the account may see, as a workbook; logged as 다운로드."""
    from desktop.caselist import iter_cases
    from reports.cases_xlsx import write_cases_xlsx

    _format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    labels = {s.value: s.label for s in CaseStatus}
    from db.enums import RiskLevel

    risks = {r.value: r.label for r in RiskLevel}
    channel_labels = {c.value: c.label for c in Channel}

    def rows() -> Iterator[dict[str, Any]]:
        for item in iter_cases(ctx, reveal=reveal, reason=reason, logged=False):
            item["status_label"] = labels[item["status"]]
            item["risk_label"] = risks[item["risk"]]
            item["channels"] = sorted({channel_labels[a["channel"]] for a in item["alerts"]})
            yield item

    actor = require(ctx, Permission.REVEAL if reveal else Permission.VIEW)
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "cases", reason=reason) as (
        staging,
        detail,
    ):
        count = write_cases_xlsx(
            rows(), staging,
            title_line=f"작성 {actor.display_name} {to_kst(ctx.clock()).strftime('%Y-%m-%d %H:%M')}"
            + (" · 개인정보 포함" if reveal else " · 이름은 가려져 있습니다"),
            revealed=reveal,
        )  # fmt: skip
        detail.append(
            f"사례 목록 {count:,}건" + (f" ({audit.REVEAL})" if reveal else "") + f": {path.name}"
        )
    return count


@dataclass(frozen=True)
class CentreChoice:
    id: int
    code: str
    label: str


class ReportService:
    """What the client's Reports menu needs: the centres to choose from and the same
    functions ``anbu report`` and ``anbu export`` call."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def can(self, permission: Permission) -> bool:
        return allows(self._ctx, permission)

    def centres(self) -> list[CentreChoice]:
        actor = require(self._ctx, Permission.PRINT_MASKED)
        with self._ctx.session() as session:
            return [
                CentreChoice(c.id, c.code, c.name)
                for c in session.scalars(
                    select(CommunityCentre)
                    .where(in_scope(actor, CommunityCentre.id))
                    .order_by(CommunityCentre.gu, CommunityCentre.dong)
                )
            ]

    def today(self) -> date:
        return to_kst(self._ctx.clock()).date()

    def council(
        self, period: Period, path: Path, *, reason: str, meeting_on: date | None, centre: str
    ) -> str:
        packet = write_council(self._ctx, period, path, reason=reason, meeting_on=meeting_on,
                               centre=centre)  # fmt: skip
        return f"{packet.dong} 협의체 자료: 알림 {packet.total_alerts:,}건, 안건 {len(packet.agenda)}건"

    def city(self, period: Period, path: Path, *, reason: str, reveal: bool) -> str:
        report = export_city(self._ctx, period, path, reason=reason, reveal=reveal)
        return f"시·구 보고 {report.period}: 사례 {report.totals()[1]:,}건"

    def cases(self, path: Path, *, reason: str, reveal: bool) -> str:
        return f"사례 목록 {export_cases(self._ctx, path, reason=reason, reveal=reveal):,}건"

    def case_card(self, case_id: int, path: Path, *, reason: str) -> str:
        write_case_card(self._ctx, case_id, path, reason=reason)
        return f"사례 {case_id}번 카드"
