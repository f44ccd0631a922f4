"""The dong 365 safety council's packet: the figures and the masked agenda."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, AccessAction, CaseStatus, ClosureReason, ResourceKind
from db.models import (
    Alert,
    Case,
    CommunityCentre,
    CouncilAgendaItem,
    CouncilDecision,
    CouncilMeeting,
    Resource,
    SupportLink,
)
from db.queries import centre_named
from desktop.context import AppContext
from desktop.korean import joined, quoted
from desktop.reporting.closures import closure_lines
from desktop.reporting.council_map import council_map
from desktop.reporting.masked import household_names, masked_label, scrub
from desktop.reporting.period import CHANNEL_ORDER, Period, ReportError, month_of, paper_format
from desktop.security import audit
from desktop.security.access import Actor, Permission, check_centre, require
from desktop.timeutil import to_kst
from reports.model import AgendaEntry, CouncilPacket, FollowUp


def paper_centre(session: Session, actor: Actor, centre: str | None) -> CommunityCentre:
    """The centre a paper is for: the one named, or the account's own, or the only one."""
    query = select(CommunityCentre)
    if centre:
        query = query.where(centre_named(centre))
    elif actor.centre_id is not None:
        query = query.where(CommunityCentre.id == actor.centre_id)
    found = list(session.scalars(query.limit(2)))
    if len(found) != 1:
        raise ReportError(
            f"행정복지센터 {joined(quoted(centre), '을')} 찾지 못했습니다."
            if centre
            else "어느 행정복지센터의 자료인지 --centre로 정해 주십시오."
        )
    check_centre(actor, found[0].id, f"{found[0].dong} 자료")
    return found[0]


def support_lines(session: Session, case_id: int) -> list[str]:
    return [
        f"{resource.name} ({resource.kind.label}, {link.status.label})"
        for link, resource in session.execute(
            select(SupportLink, Resource)
            .join(Resource, Resource.id == SupportLink.resource_id)
            .where(SupportLink.case_id == case_id)
            .order_by(SupportLink.requested_at)
        )
    ]


# Crisis types a citizen member's copy never names (개인정보 보호법 제23조: 건강에 관한 정보),
# and the words of a written item it withholds unless the worker marks the item.
SENSITIVE_TYPES = frozenset({"자살위험"})
SENSITIVE_WORDS = re.compile(
    r"(자살\S*|자해\S*|극단적\s*선택\S*|우울\S*|정신\s*질환\S*|정신과\S*|치매\S*|알코올\s*중독\S*)"
)
WITHHELD = "(민감 정보 — 담당자가 회의에서 설명)"


def withhold(text: str) -> str:
    """``text`` with its sensitive words replaced by a note that something was withheld."""
    return SENSITIVE_WORDS.sub(WITHHELD, text)


# What the council can do about each kind of need: the ask of an item the worker has not
# written, in the words of the council's work (민간 자원 연계, 이웃 살핌).
_ASKS = (
    ("경제", "푸드뱅크·후원 물품 등 민간 자원 연계"),
    ("고립", "이웃 안부 살핌 봉사자 연결"),
    ("주거", "주거 환경 개선·긴급 주거 지원 연계"),
    ("건강", "방문 건강관리·병원 동행 연계"),
    ("돌봄", "돌봄 서비스·반찬 배달 연계"),
    ("고용", "일자리 상담 연계"),
    ("단전단수", "공과금 지원·한전 연계"),
    ("체납", "체납 공과금 지원 방안"),
)


def suggested_situation(session: Session, case: Case) -> str:
    """For a case flagged without a written agenda item: one plain sentence on what the
    alerts say (the worker rewrites it on the agenda when needed)."""
    types: Counter[str] = Counter()
    channels: set[str] = set()
    alerts = 0
    for alert in session.scalars(select(Alert).where(Alert.case_id == case.id)):
        types.update(alert.crisis_types)
        channels.add(alert.channel.label)
        alerts += 1
    # Citizen members read this page: a sensitive type (자살위험) is not printed; the page
    # says that something was withheld and who tells it, not what it was.
    shown = [t for t, _ in types.most_common() if t not in SENSITIVE_TYPES][:3]
    withheld = sum(1 for t in types if t in SENSITIVE_TYPES)
    need = f"{'·'.join(shown)} 어려움이 있는 가구로" if shown else "위기가 의심되는 가구로"
    if channels:
        heard = f"{', '.join(sorted(channels))}에서 {alerts}번 알려졌고"
        sentence = f"{need} {heard} 지금 {case.status.label} 단계입니다."
    else:
        sentence = f"{need.removesuffix('로')}이며 지금 {case.status.label} 단계입니다."
    if withheld:
        sentence += f" 민감 정보 {withheld}건은 싣지 않음 (필요하면 담당자가 회의에서 설명)."
    return sentence


def suggested_ask(session: Session, case: Case) -> str:
    """The specific ask of a flagged case's item: what the council could do for its needs
    that no support linked yet answers."""
    types: Counter[str] = Counter()
    for kinds in session.scalars(select(Alert.crisis_types).where(Alert.case_id == case.id)):
        types.update(kinds or [])
    linked = bool(
        session.scalar(
            select(func.count()).select_from(SupportLink).where(SupportLink.case_id == case.id)
        )
    )
    asks = [ask for kind, ask in _ASKS if types[kind]][:2]
    if not asks:
        return "이웃 살핌과 지원 방안 논의"
    return " / ".join(asks) + (" (이미 연계된 지원 외에)" if linked else "") + " 여부"


TREND_MONTHS = 6


def meeting_on_day(session: Session, centre_id: int, day: date) -> CouncilMeeting | None:
    """The centre's council meeting held on ``day``, if one is on the calendar."""
    return session.scalars(
        select(CouncilMeeting).where(
            CouncilMeeting.centre_id == centre_id, CouncilMeeting.held_on == day
        )
    ).first()


def agenda_items(session: Session, meeting_id: int) -> list[tuple[CouncilAgendaItem, Case]]:
    """A meeting's written items with their cases, in the order they were put on."""
    return [
        (item, case)
        for item, case in session.execute(
            select(CouncilAgendaItem, Case)
            .join(Case, Case.id == CouncilAgendaItem.case_id)
            .where(CouncilAgendaItem.meeting_id == meeting_id)
            .order_by(CouncilAgendaItem.id)
        )
    ]


def _months_back(day: date, months: int) -> date:
    """The first day of the month ``months`` before ``day``'s."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def suggest_agenda(ctx: AppContext, case_id: int) -> tuple[str, str]:
    """The situation in a sentence and the ask a worker starts an agenda item from (the
    same ones a flagged case without an item is printed with), names scrubbed."""
    require(ctx, Permission.PRINT_MASKED)
    with ctx.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ReportError(f"사례 {case_id}번을 찾을 수 없습니다.")
        names = household_names(session, case.household_id)
        return scrub(suggested_situation(session, case), names), scrub(
            suggested_ask(session, case), names
        )


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
        place = paper_centre(session, actor, centre)
        in_centre = Case.centre_id == place.id
        by_channel: dict[str, list[int]] = {c.label: [0] * len(months) for c in CHANNEL_ORDER}
        by_crisis: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
        for channel, occurred, crisis in session.execute(
            select(Alert.channel, Alert.occurred_at, Alert.crisis_types)
            .join(Case, Case.id == Alert.case_id)
            .where(in_centre, Alert.occurred_at >= period.start, Alert.occurred_at < period.end)
        ):
            index = months.index(month_of(occurred))
            # A channel the papers have no column for yet still counts, after the others.
            by_channel.setdefault(channel.label, [0] * len(months))[index] += 1
            for kind in crisis or []:
                by_crisis[kind][index] += 1
        # The trend: the six months ending with the period's last (a one-month paper's
        # chart would otherwise stand on a lone label).
        trend = Period(_months_back(period.last, TREND_MONTHS - 1), period.last)
        trend_months = trend.months()
        trend_by_channel: dict[str, list[int]] = {
            c.label: [0] * len(trend_months) for c in CHANNEL_ORDER
        }
        for channel, occurred in session.execute(
            select(Alert.channel, Alert.occurred_at)
            .join(Case, Case.id == Alert.case_id)
            .where(in_centre, Alert.occurred_at >= trend.start, Alert.occurred_at < trend.end)
        ):
            counts = trend_by_channel.setdefault(channel.label, [0] * len(trend_months))
            counts[trend_months.index(month_of(occurred))] += 1
        live = in_centre & Case.merged_into_id.is_(None)
        opened_in = live & (Case.opened_at >= period.start) & (Case.opened_at < period.end)
        statuses = dict(
            session.execute(
                select(Case.status, func.count())
                .where(live, Case.opened_at < period.end)
                .group_by(Case.status)
            ).all()
        )
        support = dict(
            session.execute(
                select(Resource.kind, func.count())
                .select_from(SupportLink)
                .join(Resource, Resource.id == SupportLink.resource_id)
                .join(Case, Case.id == SupportLink.case_id)
                .where(
                    live,
                    SupportLink.requested_at >= period.start,
                    SupportLink.requested_at < period.end,
                )
                .group_by(Resource.kind)
            ).all()
        )
        now = ctx.clock()
        cases_map = council_map(session, actor, place, now)
        overdue = (
            session.scalar(
                select(func.count())
                .select_from(Case)
                .where(live, Case.status.in_(OPEN_STATUSES), Case.due_at < now)
            )
            or 0
        )
        new_cases = session.scalar(select(func.count()).select_from(Case).where(opened_in)) or 0
        # Why the cases closed in the period ended (종결일 in the period).
        closed_in = (
            live
            & Case.status.in_((CaseStatus.CLOSED, CaseStatus.NOT_APPLICABLE))
            & (Case.closed_at >= period.start)
            & (Case.closed_at < period.end)
            & or_(Case.closure_reason.is_(None), Case.closure_reason != ClosureReason.RECORDED)
        )
        closures = closure_lines(
            {
                (status, reason): count
                for status, reason, count in session.execute(
                    select(Case.status, Case.closure_reason, func.count())
                    .where(closed_in)
                    .group_by(Case.status, Case.closure_reason)
                )
            }
        )

        meeting = meeting_on_day(session, place.id, meeting_on)
        agenda: list[AgendaEntry] = []
        if meeting is not None:
            for item, case in agenda_items(session, meeting.id):
                names = household_names(session, case.household_id)
                # Unless the worker marked the item, its sensitive words are withheld.
                shown = (lambda t: t) if item.share_sensitive else withhold
                agenda.append(
                    AgendaEntry(
                        masked_label(session, case, meeting_on),
                        shown(scrub(item.situation, names)),
                        [scrub(s, names) for s in support_lines(session, case.id)],
                        shown(scrub(item.question, names)) or "지원 방안 논의",
                        case.risk.label,
                    )
                )
        for case in session.scalars(
            select(Case).where(live, Case.flagged_for_council.is_(True)).order_by(Case.id)
        ):
            names = household_names(session, case.household_id)
            agenda.append(
                AgendaEntry(
                    masked_label(session, case, meeting_on),
                    scrub(suggested_situation(session, case), names),
                    [scrub(s, names) for s in support_lines(session, case.id)],
                    suggested_ask(session, case),
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
                names = household_names(session, case.household_id)
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
        trend_months=trend_months,
        trend_by_channel=list(trend_by_channel.items()),
        alerts_by_crisis=crisis_rows,
        cases_by_status=[(s.label, int(statuses.get(s, 0))) for s in CaseStatus],
        support_public=int(support.get(ResourceKind.PUBLIC, 0)),
        support_private=int(support.get(ResourceKind.PRIVATE, 0)),
        overdue=overdue,
        new_cases=new_cases,
        agenda=agenda,
        follow_ups=follow_ups,
        map=cases_map,
        closures=closures,
    )


def preview_council(
    ctx: AppContext,
    period: Period,
    *,
    meeting_on: date | None = None,
    centre: str | None = None,
) -> bytes:
    """The council packet's PDF in memory, for a look before it is made: no file, and the
    look is logged as a view (the pages are masked as the printed ones are)."""
    from reports.council_pdf import write_council_pdf

    packet = council_packet(ctx, period, meeting_on=meeting_on, centre=centre)
    buffer = io.BytesIO()
    write_council_pdf(packet, buffer)
    audit.log(ctx, AccessAction.VIEW, f"council:{packet.dong}", detail="협의체 자료 미리보기")
    return buffer.getvalue()


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

    suffix = paper_format(path, (".pdf", ".xlsx"))
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
