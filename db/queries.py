"""Queries the case list, the CLI and reports share.

The case list works in two steps, as large tables should: ``case_ids`` returns the ids a
filter and sort select (done in SQL), ``case_rows`` fetches the rows of a few ids.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from db.enums import OPEN_STATUSES, PENDING_ROUTINGS, CaseStatus, Channel, RiskLevel, Routing
from db.models import Alert, Case, CommunityCentre, Household, Person, StaffUser


@dataclass(frozen=True)
class CaseFilter:
    """What the case list shows; every field narrows, ``None`` means no narrowing."""

    statuses: frozenset[CaseStatus] | None = None
    risks: frozenset[RiskLevel] | None = None
    channel: Channel | None = None
    assigned_to_id: int | None = None
    unassigned: bool = False
    centre_id: int | None = None
    dong: str | None = None
    overdue: bool = False
    due_within_days: int | None = None
    opened_from: datetime | None = None
    opened_to: datetime | None = None
    text: str | None = None  # name, phone digits, address fragment, case number; "#123" is exact
    territory_pending: bool = False  # 관할 확인 필요 only
    # The cases a person picked on the map (or the map's count of cases without a place):
    # only these, and still only those the other fields and the scope allow.
    case_ids: frozenset[int] | None = None
    # Keyed digests of the phone number (or its last four digits) in ``text``: set by the
    # services, which hold the key; phone numbers are stored only sealed.
    phone_index: str | None = None
    phone_last4_index: str | None = None
    # Set by the services from the signed-in account, never by a person: the one centre
    # whose cases may be seen ("" for cases with no centre); None when all may be.
    scope_centre: int | str | None = None


class SortKey:
    ID = "id"
    STATUS = "status"
    RISK = "risk"
    NAME = "name"
    DONG = "dong"
    ASSIGNED = "assigned"
    OPENED = "opened_at"
    DUE = "due_at"
    LAST_ALERT = "last_alert_at"


def _first_person_name() -> ColumnElement[str | None]:
    return (
        select(Person.name)
        .where(Person.household_id == Case.household_id)
        .order_by(Person.id)
        .limit(1)
        .scalar_subquery()
    )


def _sort_expression(key: str) -> ColumnElement[object]:
    match key:
        case SortKey.STATUS:
            return Case.status_rank  # type: ignore[return-value]
        case SortKey.RISK:
            return Case.risk_rank  # type: ignore[return-value]
        case SortKey.NAME:
            return _first_person_name()  # type: ignore[return-value]
        case SortKey.DONG:
            return Household.dong_name  # type: ignore[return-value]
        case SortKey.ASSIGNED:
            return StaffUser.display_name  # type: ignore[return-value]
        case SortKey.OPENED:
            return Case.opened_at  # type: ignore[return-value]
        case SortKey.DUE:
            return Case.due_at  # type: ignore[return-value]
        case SortKey.LAST_ALERT:
            return Case.last_alert_at  # type: ignore[return-value]
        case _:
            return Case.id  # type: ignore[return-value]


def _filtered(
    session: Session, query: Select[*tuple[Any, ...]], f: CaseFilter, now: datetime
) -> Select[*tuple[Any, ...]]:
    conditions: list[ColumnElement[bool]] = []
    if f.case_ids is not None:
        conditions.append(id_in(session, Case.id, f.case_ids))
    if f.statuses is not None:
        conditions.append(Case.status.in_(f.statuses))
    if f.risks is not None:
        conditions.append(Case.risk.in_(f.risks))
    if f.channel is not None:
        conditions.append(Case.alerts.any(Alert.channel == f.channel))
    if f.assigned_to_id is not None:
        conditions.append(Case.assigned_to_id == f.assigned_to_id)
    if f.unassigned:
        conditions.append(Case.assigned_to_id.is_(None))
    if f.centre_id is not None:
        conditions.append(Case.centre_id == f.centre_id)
    if f.scope_centre == "":
        conditions.append(Case.centre_id.is_(None))
    elif f.scope_centre is not None:
        conditions.append(Case.centre_id == f.scope_centre)
    if f.dong:
        conditions.append(Household.dong_name == f.dong)
    if f.territory_pending:
        conditions.append(or_(Case.routing.in_(PENDING_ROUTINGS), Case.routing.is_(None)))
    if f.overdue:
        conditions.append(and_(Case.status.in_(OPEN_STATUSES), Case.due_at < now))
    if f.due_within_days is not None:
        conditions.append(
            and_(
                Case.status.in_(OPEN_STATUSES),
                Case.due_at <= now + timedelta(days=f.due_within_days),
            )
        )
    if f.opened_from is not None:
        conditions.append(Case.opened_at >= f.opened_from)
    if f.opened_to is not None:
        conditions.append(Case.opened_at < f.opened_to)
    if f.text and _exact_case(f.text):
        conditions.append(Case.id == int(f.text.strip()[1:]))  # "#123": exactly case 123
    elif f.text:
        text = f.text.strip()
        like = f"%{text}%"
        options: list[ColumnElement[bool]] = [
            Household.address_raw.like(like),
            Case.household.has(Household.persons.any(Person.name_key.like(like.replace(" ", "")))),
        ]
        if text.isdigit():
            options.append(Case.id == int(text))
        for column, value in (
            (Person.phone_index, f.phone_index),
            (Person.phone_last4_index, f.phone_last4_index),
        ):
            if value is not None:
                options.append(
                    Case.household_id.in_(select(Person.household_id).where(column == value))
                )
        conditions.append(or_(*options))
    return query.where(*conditions) if conditions else query


def case_ids(
    session: Session,
    f: CaseFilter,
    *,
    now: datetime,
    sort: str = SortKey.ID,
    descending: bool = False,
) -> list[int]:
    """Ids of the cases ``f`` selects, in display order (ties broken by id)."""
    expression = _sort_expression(sort)
    query = select(Case.id)
    # The household is joined only when the filter or the sort needs it: on 100,000 cases
    # the join is most of the query's time.
    if sort == SortKey.DONG or f.dong or (f.text and not _exact_case(f.text)):
        query = query.join(Household, Household.id == Case.household_id)
    if sort == SortKey.ASSIGNED:
        query = query.outerjoin(StaffUser, StaffUser.id == Case.assigned_to_id)
    query = _filtered(session, query, f, now)
    ordered = expression.desc() if descending else expression.asc()
    tie = Case.id.desc() if descending else Case.id.asc()
    if sort in (SortKey.DUE, SortKey.NAME, SortKey.DONG, SortKey.ASSIGNED, SortKey.LAST_ALERT):
        ordered = ordered.nulls_last()
    ids = _integers(session, query.order_by(ordered, tie))
    if (f.statuses is None or CaseStatus.CLOSED in f.statuses) and not _exact_case(f.text or ""):
        # A case merged into another is part of that one: one household, one line. The few
        # merged cases are left out here: asked in the query, the condition made the
        # database read every case's row instead of the sort index alone (three times the
        # time of a click on a column). Merged cases are closed: lists of open ones have none.
        merged = set(_integers(session, select(Case.id).where(Case.merged_into_id.is_not(None))))
        if merged:
            ids = [i for i in ids if i not in merged]
    return ids


def one_of(session: Session, column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """``column IN values``, written for the database at hand. On PostgreSQL it is
    ``= ANY(array)``: one parameter however many values. An IN list of 2,000 values made
    SQLAlchemy render and psycopg parse 2,000 placeholders for every query, which cost
    more than running it. Columns of integers or text."""
    condition: ColumnElement[bool]
    if session.get_bind().dialect.name == "postgresql":
        condition = column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    else:
        condition = column.in_(values)
    return condition


def id_in(session: Session, column: Any, ids: frozenset[int] | set[int]) -> ColumnElement[bool]:
    """``column IN ids`` as one parameter however many ids (a selection on the map may hold
    tens of thousands, past SQLite's limit of bound variables): an array on PostgreSQL,
    a JSON array read by ``json_each`` on SQLite."""
    values = sorted(ids)
    if session.get_bind().dialect.name == "postgresql":
        return one_of(session, column, values)
    listed: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(bindparam(None, json.dumps(values), type_=String()))
    )
    condition: ColumnElement[bool] = column.in_(listed.scalar_subquery())
    return condition


def case_points(
    session: Session, f: CaseFilter, *, now: datetime
) -> list[tuple[int, str, float | None, float | None]]:
    """``(case id, risk, latitude, longitude)`` of every case ``f`` selects, by case id:
    where the map draws them (the place of the case's household; None when unknown). The
    same filter, and so the same scope, as the case list's."""
    places = (
        select(Case.id, Case.risk, Household.latitude, Household.longitude)
        .join(Household, Household.id == Case.household_id)
        .where(Case.merged_into_id.is_(None))
    )
    query = _filtered(session, places, f, now)
    return [
        (int(case_id), str(risk), latitude, longitude)
        for case_id, risk, latitude, longitude in driver_rows(session, query.order_by(Case.id))
    ]


def _integers(session: Session, query: Select[Any]) -> list[int]:
    """A column of integers (there may be 100,000 of them)."""
    return [row[0] for row in driver_rows(session, query)]


def driver_rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows as the driver gives them, in one fetch, without SQLAlchemy's result
    processing: for many rows of integers, text and floats, where SQLAlchemy's rows (or
    psycopg's row-by-row fetch) cost more than the query itself. Dates and times come back
    as the driver has them (text on SQLite)."""
    result = session.connection().execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _exact_case(text: str) -> bool:
    text = text.strip()
    return text.startswith("#") and text[1:].isdigit()


@dataclass
class CaseRow:
    """One line of the case list."""

    id: int
    status: CaseStatus
    risk: RiskLevel
    risk_reason: str | None
    name: str | None
    dong: str | None
    address: str | None
    assigned_to: str | None  # username
    assigned_name: str | None  # display name
    opened_at: datetime
    due_at: datetime | None
    next_action_at: datetime | None
    last_alert_at: datetime | None
    centre: str | None
    alerts: list[tuple[Channel, str]] = field(default_factory=list)
    centre_id: int | None = None
    centre_code: str | None = None  # 행정기관코드
    routing: Routing | None = None  # how the case came to its centre (관할)
    routing_note: str | None = None

    @property
    def territory_pending(self) -> bool:
        """관할 확인 필요: no rule placed the case; its centre holds it for now."""
        return self.routing is None or self.routing.needs_confirmation

    def overdue(self, now: datetime) -> bool:
        return self.status in OPEN_STATUSES and self.due_at is not None and self.due_at < now

    @property
    def channels(self) -> list[Channel]:
        seen: list[Channel] = []
        for channel, _ in self.alerts:
            if channel not in seen:
                seen.append(channel)
        return seen


def case_rows(session: Session, ids: Sequence[int]) -> list[CaseRow]:
    """Rows for ``ids``, in the order given (missing ids are left out)."""
    if not ids:
        return []
    staff = aliased(StaffUser)
    result = session.execute(
        select(
            Case.id,
            Case.status,
            Case.risk,
            Case.risk_reason,
            Case.household_id,
            Household.dong_name,
            Household.address_raw,
            staff.username,
            staff.display_name,
            Case.opened_at,
            Case.due_at,
            Case.next_action_at,
            Case.last_alert_at,
            CommunityCentre.dong,
            Case.centre_id,
            CommunityCentre.code,
            Case.routing,
            Case.routing_note,
        )
        .join(Household, Household.id == Case.household_id)
        .outerjoin(staff, staff.id == Case.assigned_to_id)
        .outerjoin(CommunityCentre, CommunityCentre.id == Case.centre_id)
        .where(one_of(session, Case.id, ids))
    ).all()
    names: dict[int, str | None] = {}
    for household_id, name in session.execute(
        select(Person.household_id, Person.name)
        .where(one_of(session, Person.household_id, sorted({row[4] for row in result})))
        .order_by(Person.household_id, Person.id)
    ):
        names.setdefault(household_id, name)  # the first person is the one the case is about
    alerts: dict[int, list[tuple[Channel, str]]] = defaultdict(list)
    for case_id, channel, source_id in session.execute(
        select(Alert.case_id, Alert.channel, Alert.source_id)
        .where(one_of(session, Alert.case_id, ids))
        .order_by(Alert.case_id, Alert.occurred_at, Alert.id)
    ):
        if case_id is not None:
            alerts[case_id].append((channel, source_id))
    by_id = {
        row[0]: CaseRow(
            id=row[0],
            status=row[1],
            risk=row[2],
            risk_reason=row[3],
            name=names.get(row[4]),
            dong=row[5],
            address=row[6],
            assigned_to=row[7],
            assigned_name=row[8],
            opened_at=row[9],
            due_at=row[10],
            next_action_at=row[11],
            last_alert_at=row[12],
            centre=row[13],
            alerts=alerts.get(row[0], []),
            centre_id=row[14],
            centre_code=row[15],
            routing=row[16],
            routing_note=row[17],
        )
        for row in result
    }
    return [by_id[i] for i in ids if i in by_id]


def count_cases(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Case)) or 0


def the_centre(session: Session, text: str) -> CommunityCentre | None:
    """The one community centre ``text`` names (code, 동 or number); None when it names
    none, or more than one (a 동 name two 구 share)."""
    found = list(
        session.scalars(select(CommunityCentre).where(centre_named(text.strip())).limit(2))
    )
    return found[0] if len(found) == 1 else None


def centre_named(text: str) -> ColumnElement[bool]:
    """The community centre a person names: by its code (행정기관코드), its 동, or its
    number (only a number that fits an id: a 10-digit code would overflow it)."""
    condition = or_(CommunityCentre.code == text, CommunityCentre.dong == text)
    if text.isdigit() and len(text) < 9:
        condition = or_(condition, CommunityCentre.id == int(text))
    return condition
