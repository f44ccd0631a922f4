"""Retention: households whose cases all closed long ago lose their personal data.

What makes a person identifiable goes (names, birth dates, phone and resident numbers,
addresses and coordinates, raw records and their revisions, free text in alerts,
counselling and council papers); what the statistics need stays (statuses, dates,
channels, crisis types, 행정동), so earlier months' city figures still add up.
Nothing is done without ``apply=True``; either way the report says what is (or would
be) removed, and each anonymised case gets one access-log row (삭제).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import OPEN_STATUSES, AccessAction, QuarantineStatus
from db.models import (
    META_RETENTION_YEARS,
    RAW_COLUMN,
    Alert,
    AlertRevision,
    AppMeta,
    Case,
    CaseChange,
    CouncilAgendaItem,
    CounsellingRecord,
    Household,
    LinkDecision,
    Person,
    QuarantinedRecord,
)
from desktop.casework import warnings
from desktop.casework.history import FREE_TEXT
from desktop.context import AppContext
from desktop.security import audit
from desktop.security.access import Permission, require

DEFAULT_YEARS = 5  # 사회보장급여 관련 기록의 통상 보존기간
REMOVED = "(보존기간 경과로 삭제)"
BATCH = 500


@dataclass
class RetentionReport:
    years: int
    applied: bool
    case_ids: list[int] = field(default_factory=list)
    households: int = 0
    persons: int = 0
    alerts: int = 0
    revisions: int = 0
    counselling: int = 0
    quarantine: int = 0

    def describe(self) -> str:
        verb = "익명화했습니다" if self.applied else "익명화 대상입니다 (--apply로 실행)"
        return (
            f"보존기간 {self.years}년이 지난 종결 사례 {len(self.case_ids):,}건 {verb}: "
            f"가구 {self.households:,}, 사람 {self.persons:,}, 알림 {self.alerts:,}, "
            f"알림 변경 이력 {self.revisions:,}, 상담 기록 {self.counselling:,}, "
            f"처리된 보류 기록 {self.quarantine:,}"
        )


def retention_years(ctx: AppContext) -> int:
    with ctx.session() as session:
        meta = session.get(AppMeta, META_RETENTION_YEARS)
    return int(meta.value) if meta else DEFAULT_YEARS


def _due_households(session: Session, cutoff: object) -> list[int]:
    """Households whose every case is closed before ``cutoff`` and that have had no alert
    since; merged cases follow the case they joined."""
    live = Case.merged_into_id.is_(None)
    recent = (
        select(Case.household_id)
        .where(live)
        .where(
            Case.status.in_(OPEN_STATUSES) | Case.closed_at.is_(None) | (Case.closed_at >= cutoff)
        )
    )
    fresh = select(Alert.household_id).where(
        Alert.household_id.is_not(None), Alert.received_at >= cutoff
    )
    query = (
        select(Case.household_id)
        .where(live, Case.household_id.not_in(recent), Case.household_id.not_in(fresh))
        .join(Household, Household.id == Case.household_id)
        .where(
            Household.address_raw.is_not(None)
            | Household.geo_cell.is_not(None)
            | Household.id.in_(
                select(Person.household_id).where(
                    Person.name.is_not(None) | Person.phone_cipher.is_not(None)
                )
            )
        )
        .distinct()
    )
    return sorted(session.scalars(query))


def purge(ctx: AppContext, *, years: int | None = None, apply: bool = False) -> RetentionReport:
    require(ctx, Permission.ADMINISTER)
    years = years if years is not None else retention_years(ctx)
    cutoff = ctx.clock() - timedelta(days=round(365.25 * years))
    report = RetentionReport(years, apply)
    emptied = ctx.protector.encrypt("{}", RAW_COLUMN)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        households = _due_households(session, cutoff)
        for start in range(0, len(households), BATCH):
            chunk = households[start : start + BATCH]
            case_ids = list(session.scalars(select(Case.id).where(Case.household_id.in_(chunk))))
            alert_ids = list(
                session.scalars(
                    select(Alert.id).where(
                        Alert.household_id.in_(chunk) | Alert.case_id.in_(case_ids)
                    )
                )
            )
            report.case_ids += case_ids
            report.households += len(chunk)
            report.persons += (
                session.scalar(
                    select(func.count()).select_from(Person).where(Person.household_id.in_(chunk))
                )
                or 0
            )
            report.alerts += len(alert_ids)
            report.revisions += (
                session.scalar(
                    select(func.count())
                    .select_from(AlertRevision)
                    .where(AlertRevision.alert_id.in_(alert_ids))
                )
                or 0
            )
            report.counselling += (
                session.scalar(
                    select(func.count())
                    .select_from(CounsellingRecord)
                    .where(CounsellingRecord.case_id.in_(case_ids))
                )
                or 0
            )
            if not apply:
                continue
            session.execute(
                update(Person)
                .where(Person.household_id.in_(chunk))
                .values(
                    name=None,
                    name_key=None,
                    birth_date=None,
                    phone_cipher=None,
                    phone_index=None,
                    phone_last4_index=None,
                    rrn_cipher=None,
                    rrn_index=None,
                )
            )
            session.execute(
                update(Household)
                .where(Household.id.in_(chunk))
                .values(
                    address_raw=None,
                    address_key=None,
                    building_key=None,
                    unit_key=None,
                    latitude=None,
                    longitude=None,
                    geo_cell=None,
                )
            )
            session.execute(delete(AlertRevision).where(AlertRevision.alert_id.in_(alert_ids)))
            session.execute(
                update(Alert)
                .where(Alert.id.in_(alert_ids))
                .values(raw_cipher=emptied, subject_name=None, fields={})
            )
            warnings.note_households(session, chunk)  # the calls' results are gone
            session.execute(
                update(CounsellingRecord)
                .where(CounsellingRecord.case_id.in_(case_ids))
                .values(content=REMOVED, outcome=None, next_action=None, needs={})
            )
            session.execute(
                update(CaseChange).where(CaseChange.case_id.in_(case_ids)).values(note=None)
            )
            session.execute(
                update(CaseChange)
                .where(CaseChange.case_id.in_(case_ids), CaseChange.field.in_(FREE_TEXT))
                .values(old_value=None, new_value=REMOVED)
            )
            session.execute(
                update(CouncilAgendaItem)
                .where(CouncilAgendaItem.case_id.in_(case_ids))
                .values(situation=REMOVED, question=None)
            )
            session.execute(
                update(LinkDecision)
                .where(
                    LinkDecision.case_id.in_(case_ids) | LinkDecision.other_case_id.in_(case_ids)
                )
                .values(payload={})
            )
            for case_id in case_ids:
                audit.record(
                    session,
                    ctx,
                    AccessAction.DELETE,
                    f"case:{case_id}",
                    detail=f"보존기간 {years}년 경과: 개인정보 익명화",
                )
        old_quarantine = QuarantinedRecord.status != QuarantineStatus.OPEN
        old_quarantine &= QuarantinedRecord.created_at < cutoff
        report.quarantine = (
            session.scalar(
                select(func.count()).select_from(QuarantinedRecord).where(old_quarantine)
            )
            or 0
        )
        if apply and report.quarantine:
            session.execute(delete(QuarantinedRecord).where(old_quarantine))
            audit.record(
                session,
                ctx,
                AccessAction.DELETE,
                "quarantine",
                detail=f"처리된 보류 기록 {report.quarantine:,}건 삭제",
            )
    return report
