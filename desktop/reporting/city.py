"""The city export: alerts and cases per 행정동 × channel, and the case rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, AccessAction, CaseStatus, Channel, ResourceKind
from db.models import (
    Alert,
    Case,
    CaseStatusChange,
    CommunityCentre,
    CounsellingRecord,
    Household,
    Person,
    Resource,
    SupportLink,
)
from desktop.context import AppContext
from desktop.intake.channels import CRISIS_TYPES
from desktop.reporting.closures import CITY_CLOSURE_COLUMNS
from desktop.reporting.period import CHANNEL_ORDER, Period, paper_format
from desktop.security import audit
from desktop.security.access import Actor, Permission, in_scope, require
from desktop.security.masking import mask_name
from desktop.timeutil import to_kst
from reports.model import CityCaseRow, CityReport

BATCH = 2000


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
                    Case.id,
                    Case.household_id,
                    Case.status,
                    Case.risk,
                    Case.opened_at,
                    Case.closed_at,
                    Case.due_at,
                    Case.closure_reason,
                    Household.dong_name,
                    CommunityCentre.dong,
                    CommunityCentre.code,
                    CommunityCentre.gu,
                )
                .join(Household, Household.id == Case.household_id)
                .outerjoin(CommunityCentre, CommunityCentre.id == Case.centre_id)
                .where(Case.id.between(low, high))
                .order_by(Case.id)
            ).all()
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
                    dong=r.dong or r.dong_name or "미지정",
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
                    gu=r.gu or "",
                    closure=r.closure_reason.value if r.closure_reason and not open_now else "",
                    closure_label=r.closure_reason.label
                    if r.closure_reason and not open_now
                    else "",
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
        # Alerts by when they happened (a November alert imported on 2 December is
        # November's), under the centre that holds its case.
        alerts = {
            (gu or "", dong or "미지정", code or "", channel.label): count
            for gu, dong, code, channel, count in session.execute(
                select(
                    CommunityCentre.gu,
                    CommunityCentre.dong,
                    CommunityCentre.code,
                    Alert.channel,
                    func.count(),
                )
                .join(Case, Case.id == Alert.case_id)
                .outerjoin(CommunityCentre, CommunityCentre.id == Case.centre_id)
                .where(
                    Alert.occurred_at >= period.start,
                    Alert.occurred_at < period.end,
                    in_scope(actor, Case.centre_id),
                )
                .group_by(
                    CommunityCentre.gu, CommunityCentre.dong, CommunityCentre.code, Alert.channel
                )
            )
        }
        # 기한초과 as the client's filter and the council papers count it: open cases past
        # their 처리기한 now, whenever received.
        now = ctx.clock()
        overdue = {
            (gu or "", dong or "미지정", code or ""): count
            for gu, dong, code, count in session.execute(
                select(CommunityCentre.gu, CommunityCentre.dong, CommunityCentre.code, func.count())
                .select_from(Case)
                .outerjoin(CommunityCentre, CommunityCentre.id == Case.centre_id)
                .where(
                    Case.merged_into_id.is_(None),
                    Case.status.in_(OPEN_STATUSES),
                    Case.due_at < now,
                    in_scope(actor, Case.centre_id),
                )
                .group_by(CommunityCentre.gu, CommunityCentre.dong, CommunityCentre.code)
            )
        }
        # Every centre the export covers has its row, with or without cases.
        places = [
            (gu or "", dong, code)
            for gu, dong, code in session.execute(
                select(CommunityCentre.gu, CommunityCentre.dong, CommunityCentre.code).where(
                    in_scope(actor, CommunityCentre.id)
                )
            )
        ]
    report = CityReport(
        period=period.describe(),
        prepared_at=to_kst(ctx.clock()),
        prepared_by=actor.display_name,
        channel_order=[c.label for c in CHANNEL_ORDER],
        alerts=alerts,
        revealed=reveal,
        places=places,
        overdue=overdue,
        crisis_order=list(CRISIS_TYPES),
        closure_columns=CITY_CLOSURE_COLUMNS,
    )
    return report, _iter_city_cases(ctx, actor, period, reveal=reveal)


def export_city(
    ctx: AppContext, period: Period, path: Path, *, reason: str | None, reveal: bool = False
) -> CityReport:
    """The city workbook; logged as 다운로드."""
    from reports.city_xlsx import write_city_xlsx

    paper_format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    report, cases = city_report(ctx, period, reveal=reveal)
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "city_export", reason=reason) as (
        staging,
        detail,
    ):
        write_city_xlsx(report, cases, staging)
        detail.append(
            f"시·구 보고 {report.period} (사례 {report.cases_total:,}건"
            + (", 개인정보 포함" if reveal else "")
            + f"): {path.name}"
        )
    return report
