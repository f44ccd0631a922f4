"""The case database: every table Anbu Desk keeps.

Sensitive personal values (phone numbers, resident registration numbers, raw records as
received) are never stored in the clear: a ``*_cipher`` column holds AES-GCM ciphertext
and a ``*_index`` column a keyed HMAC that makes exact search possible without the key
that decrypts (see ``desktop.security.protect``). Names are kept readable because staff search and
match on them; they are masked in every output that leaves the office.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false, literal_column, true
from sqlalchemy.sql.functions import FunctionElement

from db.enums import (
    NO_RESULT_CLOSURES,
    RESULT_STATUSES,
    AccessAction,
    CaseStatus,
    Channel,
    ClosureReason,
    CounsellingMethod,
    DecisionKind,
    LinkMethod,
    MapLayerKind,
    QuarantineStatus,
    ResourceKind,
    RiskLevel,
    Role,
    Routing,
    SuggestionStatus,
    SupportStatus,
    TerritoryKind,
)
from db.types import UTCDateTime, enum_type, json_type

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: json_type(),
        list[str]: json_type(),
        Channel: enum_type(Channel),
        CaseStatus: enum_type(CaseStatus),
        RiskLevel: enum_type(RiskLevel),
        ClosureReason: enum_type(ClosureReason),
        LinkMethod: enum_type(LinkMethod),
        Role: enum_type(Role),
        CounsellingMethod: enum_type(CounsellingMethod),
        ResourceKind: enum_type(ResourceKind),
        SupportStatus: enum_type(SupportStatus),
        AccessAction: enum_type(AccessAction),
        QuarantineStatus: enum_type(QuarantineStatus),
        SuggestionStatus: enum_type(SuggestionStatus),
        DecisionKind: enum_type(DecisionKind),
        TerritoryKind: enum_type(TerritoryKind),
        Routing: enum_type(Routing),
        MapLayerKind: enum_type(MapLayerKind),
    }


def table(model: type[Base]) -> Table:
    """The Core table of a mapped class (for bulk statements that skip the ORM)."""
    mapped = model.__table__
    assert isinstance(mapped, Table)
    return mapped


# The keys of ``app_meta``, one place for all.
META_IDENTITY = "database_identity"  # names the database's keys in the keyring
META_KEY_CHECK = "key_check"  # proves a key set is this database's
META_DEMO = "demo_data"  # the database holds demo data
META_AUDIT_HEAD = "audit_head"  # the access log's newest link (see desktop.security.audit)
META_RULES = "deadline_rules"  # desktop.casework.deadlines
META_RETENTION_YEARS = "retention_years"  # desktop.upkeep.retention
META_DEMO_PASSWORD = "demo_password"  # desktop.security.accounts


class AppMeta(Base):
    """Facts about this database itself: its identity (which names its keys in the
    keyring), whether it holds demo data, and the key check value."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CommunityCentre(Base):
    """A 행정복지센터: the 행정동 office that cases and staff belong to."""

    __tablename__ = "community_centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # 행정기관코드
    sido: Mapped[str] = mapped_column(String(20))  # 부산광역시
    gu: Mapped[str] = mapped_column(String(20))  # 해운대구
    dong: Mapped[str] = mapped_column(String(30))  # 좌1동
    phone: Mapped[str | None] = mapped_column(String(20))
    # A centre is disabled, never deleted: its cases, staff and papers keep their owner.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    @property
    def name(self) -> str:
        return f"{self.gu} {self.dong} 행정복지센터"


class TerritoryRule(Base):
    """One rule of what a centre covers (관할): a boundary, a road (with an optional range
    of building numbers and side), or a 법정동. Boundary and road rules win over a 법정동
    rule, since a 법정동 is often split between several 행정동 (좌동 → 좌1동…좌4동)."""

    __tablename__ = "territory_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("community_centres.id"), index=True)
    kind: Mapped[TerritoryKind]
    legal_dong: Mapped[str | None] = mapped_column(String(30))  # 법정동, e.g. 좌동
    road: Mapped[str | None] = mapped_column(String(60))  # road name without spaces
    number_from: Mapped[int | None] = mapped_column(Integer)  # building numbers, inclusive
    number_to: Mapped[int | None] = mapped_column(Integer)
    parity: Mapped[str | None] = mapped_column(String(4))  # odd, even (one side of a road)
    boundary: Mapped[str | None] = mapped_column(Text)  # GeoJSON geometry, WGS84
    label: Mapped[str] = mapped_column(Text)  # the rule in words, as shown
    created_at: Mapped[datetime]


class MapLayer(Base):
    """A base layer of the offline map (the roads or the buildings of the office's area),
    loaded once by an administrator from a GeoJSON file and kept here so that every PC of
    the office draws it. Only geometry and a road's name are kept (WGS84), clipped to the
    centres' boundaries when it was loaded."""

    __tablename__ = "map_layers"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MapLayerKind] = mapped_column(unique=True)  # one layer of each kind
    label: Mapped[str] = mapped_column(Text)  # the file it came from, as shown
    features: Mapped[str] = mapped_column(Text)  # GeoJSON FeatureCollection, compact
    feature_count: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[datetime]
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[Role]
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("community_centres.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    # Raised when the account is disabled or its password changes: a session signed in
    # before carries the older number and ends at its next action.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime]

    centre: Mapped[CommunityCentre | None] = relationship()


class after_first_bar(FunctionElement[str]):
    """SQL: a text after its first ``|`` (``desktop.linking.scoring.gu_less`` in SQL), for
    SQLite and PostgreSQL, which name the search for a character differently."""

    type = String()
    inherit_cache = True
    name = "after_first_bar"


@compiles(after_first_bar)
def _after_first_bar(element: after_first_bar, compiler: Any, **kw: Any) -> str:
    text_ = compiler.process(next(iter(element.clauses)), **kw)
    return f"substr({text_}, instr({text_}, '|') + 1)"


@compiles(after_first_bar, "postgresql")
def _after_first_bar_pg(element: after_first_bar, compiler: Any, **kw: Any) -> str:
    text_ = compiler.process(next(iter(element.clauses)), **kw)
    return f"substr({text_}, strpos({text_}, '|') + 1)"


class Household(Base):
    """A dwelling and the people in it: what a case is about."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("community_centres.id"), index=True)
    address_raw: Mapped[str | None] = mapped_column(Text)  # as first received
    address_key: Mapped[str | None] = mapped_column(String(200), index=True)  # normalised
    building_key: Mapped[str | None] = mapped_column(String(200), index=True)  # road + number
    # The building key without its 구 (``road|number``), computed by the database: what an
    # address written without its 구 is looked up by, through its own index (a suffix LIKE
    # on building_key read the whole table on PostgreSQL).
    road_key: Mapped[str | None] = mapped_column(
        String(200), Computed(after_first_bar(literal_column("building_key"))), index=True
    )
    unit_key: Mapped[str | None] = mapped_column(String(40))  # 동-호, 지하/층
    dong_name: Mapped[str | None] = mapped_column(String(30), index=True)  # 행정동
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_cell: Mapped[str | None] = mapped_column(String(24))  # ~100 m grid cell (indexed below)
    household_type: Mapped[str | None] = mapped_column(String(20))  # 1인가구, 조손 …
    # How centre_id was chosen: a territory rule, staff, a transfer; or held provisionally.
    routing: Mapped[Routing | None]
    created_at: Mapped[datetime]
    # Set when staff found this to be the same household as another (merge): kept, not deleted.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    # 대상자번호: issued the first time a list sent out names the household (desktop.outreach
    # .refs); opaque, never reused. The AI's and the carriers' files bring it back.
    household_ref: Mapped[str | None] = mapped_column(String(12))

    persons: Mapped[list[Person]] = relationship(back_populates="household")


# Households by grid cell, and among them those known by their place alone (no address):
# what an alert with an address looks for around it (desktop.linking.candidates).
Index("ix_households_cell_building", Household.geo_cell, Household.building_key)
Index("ux_households_ref", Household.household_ref, unique=True)


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    name: Mapped[str | None] = mapped_column(String(40))
    name_key: Mapped[str | None] = mapped_column(String(40), index=True)  # spaces removed
    sex: Mapped[str | None] = mapped_column(String(4))  # 남, 여
    birth_date: Mapped[date | None] = mapped_column(Date)
    age_band: Mapped[str | None] = mapped_column(String(10))  # 70대 …
    phone_cipher: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_index: Mapped[str | None] = mapped_column(String(64), index=True)
    # mobile or landline (desktop.linking.scoring.phone_kind): a family shares a
    # landline, not a mobile. None where unknown (recorded before 0011).
    phone_kind: Mapped[str | None] = mapped_column(String(10))
    phone_last4_index: Mapped[str | None] = mapped_column(String(64), index=True)
    rrn_cipher: Mapped[bytes | None] = mapped_column(LargeBinary)  # 주민등록번호
    rrn_index: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]

    household: Mapped[Household] = relationship(back_populates="persons")


# A household's members in order, with the name: the first one is whom the case is about,
# and the case list sorts by that name (the index answers it without reading the table).
Index("ix_persons_household_first", Person.household_id, Person.id, Person.name)


def rank_of(column: str, values: type[enum.Enum]) -> str:
    """SQL giving each of an enum's values its position (the order lists sort by)."""
    whens = " ".join(f"WHEN '{member.value}' THEN {i}" for i, member in enumerate(values))
    return f"CASE {column} {whens} END"


class ImportBatch(Base):
    """One file taken in (or one run of the demo generator)."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    channel: Mapped[Channel | None]
    file_format: Mapped[str | None] = mapped_column(String(10))  # csv, xlsx, json, jsonl
    encoding: Mapped[str | None] = mapped_column(String(20))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    records_read: Mapped[int] = mapped_column(Integer, default=0)
    records_new: Mapped[int] = mapped_column(Integer, default=0)
    records_revised: Mapped[int] = mapped_column(Integer, default=0)
    records_known: Mapped[int] = mapped_column(Integer, default=0)
    records_quarantined: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class Case(Base):
    """One household's file at the centre, from first alert to closure."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("community_centres.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(index=True)
    risk: Mapped[RiskLevel] = mapped_column(index=True)
    risk_reason: Mapped[str | None] = mapped_column(Text)
    # Set by staff: automation may still raise the level (safety first), never lower it.
    risk_manual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    first_contact_due: Mapped[datetime | None]
    counselling_due: Mapped[datetime | None]
    due_at: Mapped[datetime | None]  # the earliest open deadline
    next_action_at: Mapped[datetime | None]
    closure_reason: Mapped[ClosureReason | None]
    # 행복e음 처리번호: the number 행복e음 gave the result when the worker entered it
    haengbok_eum_no: Mapped[str | None] = mapped_column(String(40))
    flagged_for_council: Mapped[bool] = mapped_column(Boolean, default=False)
    last_alert_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # 관할: which rule chose centre_id, in a word and in words ("도로 좌동순환로 (좌1동)").
    # PENDING and AMBIGUOUS mean 관할 확인 필요: held by the importer's centre for now.
    routing: Mapped[Routing | None]
    routing_note: Mapped[str | None] = mapped_column(Text)
    # 이관 받음: transferred in, not yet opened by anyone of the receiving centre.
    transferred_at: Mapped[datetime | None]
    transfer_unseen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A later alert placed the household in another centre (a move?): staff are asked.
    # (No foreign key: SQLite could add one only by copying the table with its computed
    # sort keys; the services write only ids of existing centres, which are never deleted.)
    proposed_centre_id: Mapped[int | None] = mapped_column(Integer)
    proposed_note: Mapped[str | None] = mapped_column(Text)
    # The warnings Today weighs beside the deadlines, kept by desktop.casework.warnings
    # from the alerts, statuses and visit plans they come from (so that a district's Today
    # reads them instead of working them out): the household's carrier visit plan's next
    # visit, on the case that carries it (late once passed); the last three AI calls all
    # unanswered; the household's latest closed case, on an open case opened after it.
    visit_due_at: Mapped[datetime | None]
    calls_unanswered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reopens_case_id: Mapped[int | None] = mapped_column(Integer)  # (no foreign key: as above)
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # Sort keys of the case list, computed by the database from status and risk (never
    # written by the application): most urgent risk first, statuses in workflow order.
    status_rank: Mapped[int | None] = mapped_column(Computed(rank_of("status", CaseStatus)))
    risk_rank: Mapped[int | None] = mapped_column(Computed(rank_of("risk", RiskLevel)))

    __mapper_args__ = {"version_id_col": version}

    household: Mapped[Household] = relationship()
    centre: Mapped[CommunityCentre | None] = relationship()
    assigned_to: Mapped[StaffUser | None] = relationship()
    alerts: Mapped[list[Alert]] = relationship(back_populates="case", order_by="Alert.occurred_at")


Index("ix_cases_status_due", Case.status, Case.due_at)
# The case list's sorts: each key with the id that breaks its ties, so that on PostgreSQL
# and SQLite alike 100,000 cases come back in order from the index, with no sort.
Index("ix_cases_status_rank", Case.status_rank, Case.id)
Index("ix_cases_risk_rank", Case.risk_rank, Case.id)
Index("ix_cases_opened", Case.opened_at, Case.id)
Index("ix_cases_due", Case.due_at, Case.id)
Index("ix_cases_last_alert", Case.last_alert_at, Case.id)
# A household's open case (linking asks this for every candidate household).
Index("ix_cases_household_status", Case.household_id, Case.status)
# Today's 이관 받음 and 이사 확인: a few cases of a district. Partial, and led by the column
# the query tests, so that SQLite looks them up instead of sorting every open case.
Index(
    "ix_cases_transfer_unseen",
    Case.transfer_unseen,
    sqlite_where=Case.transfer_unseen.is_(True),
    postgresql_where=Case.transfer_unseen.is_(True),
)
Index(
    "ix_cases_proposed_centre",
    Case.proposed_centre_id,
    sqlite_where=Case.proposed_centre_id.is_not(None),
    postgresql_where=Case.proposed_centre_id.is_not(None),
)
# The cases merged into another (the case list leaves them out). Partial: a plain index
# on a column that is NULL for nearly every row looked selective to SQLite without
# statistics (before a database's first ANALYZE), and it chose it for
# "merged_into_id IS NULL" over the household's index.
Index(
    "ix_cases_merged",
    Case.merged_into_id,
    sqlite_where=Case.merged_into_id.is_not(None),
    postgresql_where=Case.merged_into_id.is_not(None),
)


def _listed(values: Sequence[enum.Enum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


# 행복e음 입력 대기: a case that reached a result (지원연계, 모니터링, 종결, 비해당) whose
# 처리번호 is not recorded yet, but for the closures with nothing to enter (기록만, 중복).
# Written with its values (not bound parameters): SQLite uses a partial index only for a
# query that states the index's condition as written, so the query uses this text too.
HANDOFF_WAITING_SQL = (
    f"haengbok_eum_no IS NULL AND status IN ({_listed(RESULT_STATUSES)}) "
    f"AND (closure_reason IS NULL OR closure_reason NOT IN ({_listed(NO_RESULT_CLOSURES)}))"
)
# Which case has a 처리번호 (one number, one case). Partial, for the numbers alone: a plain
# index would hold every case still without one, and SQLite took it for "IS NULL" over the
# waiting cases' own index below.
Index(
    "ix_cases_haengbok_eum_no",
    Case.haengbok_eum_no,
    sqlite_where=Case.haengbok_eum_no.is_not(None),
    postgresql_where=Case.haengbok_eum_no.is_not(None),
)
# The waiting cases by centre and number: Today reads its few without touching the rest.
Index(
    "ix_cases_handoff_waiting",
    Case.centre_id,
    Case.id,
    sqlite_where=text(HANDOFF_WAITING_SQL),
    postgresql_where=text(HANDOFF_WAITING_SQL),
)


class Alert(Base):
    """One record from one channel, as received, with its normalised reading."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("channel", "source_id", name="uq_alerts_channel_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[Channel]
    source_id: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(index=True)  # 신고일시/통화일시/방문일자
    received_at: Mapped[datetime] = mapped_column(index=True)  # when Anbu Desk took it in
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    raw_cipher: Mapped[bytes] = mapped_column(LargeBinary)  # the record exactly as received
    raw_digest: Mapped[str] = mapped_column(String(64))  # keyed digest to spot changed copies
    fields: Mapped[dict[str, Any]]  # normalised, non-identifying fields
    crisis_types: Mapped[list[str]]
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    subject_name: Mapped[str | None] = mapped_column(String(40))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    link_method: Mapped[LinkMethod | None]
    link_score: Mapped[float | None] = mapped_column(Float)
    link_reasons: Mapped[list[str]] = mapped_column(json_type(), default=list)

    case: Mapped[Case | None] = relationship(back_populates="alerts")


# An alert's case and date beside its id, for the review queue, which joins each waiting
# suggestion to its alert and case and orders them by date: read from this small index
# instead of the wide alerts table (PostgreSQL read the whole table for it).
Index("ix_alerts_id_case_occurred", Alert.id, Alert.case_id, Alert.occurred_at)
# Today's big-data rounds: one channel's alerts of the last months (all of a district's
# alerts came in within them, so the index of when alone reads every one).
Index("ix_alerts_channel_received", Alert.channel, Alert.received_at)


class AlertRevision(Base):
    """An earlier version of an alert that its channel later re-sent changed."""

    __tablename__ = "alert_revisions"
    __table_args__ = (UniqueConstraint("alert_id", "revision", name="uq_alert_revisions_rev"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime]
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    raw_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    raw_digest: Mapped[str] = mapped_column(String(64))
    fields: Mapped[dict[str, Any]]


class CaseStatusChange(Base):
    __tablename__ = "case_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_status: Mapped[CaseStatus | None]
    to_status: Mapped[CaseStatus]
    changed_at: Mapped[datetime]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reason: Mapped[str | None] = mapped_column(Text)


class CaseChange(Base):
    """What one edit of a case changed, field by field: who, when, the old value and the
    new, and the case's version after it. A second writer who gets a conflict is shown the
    changes made since the version they saw (``desktop.casework.history``). Values are the
    stored ones as text (an enum's value, an id, an ISO time); ``note`` the words that came
    with them (a status change's reason, what a counselling record says)."""

    __tablename__ = "case_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    version_before: Mapped[int] = mapped_column(Integer)  # the version the edit started from
    version: Mapped[int] = mapped_column(Integer)  # the case's version after the edit
    changed_at: Mapped[datetime]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


# A case's changes after a version (what a conflict shows).
Index("ix_case_changes_case_version", CaseChange.case_id, CaseChange.version_before)


class CounsellingRecord(Base):
    """초기상담 / 심층상담: one conversation with the household."""

    __tablename__ = "counselling_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    held_at: Mapped[datetime]
    method: Mapped[CounsellingMethod]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    content: Mapped[str] = mapped_column(Text)
    needs: Mapped[dict[str, Any]]  # area (경제, 건강 …) -> assessed need
    outcome: Mapped[str | None] = mapped_column(Text)
    next_action: Mapped[str | None] = mapped_column(Text)
    next_action_at: Mapped[datetime | None]


class Resource(Base):
    """A public service or a private (민관) resource a case can be linked to."""

    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ResourceKind]
    name: Mapped[str] = mapped_column(String(100))  # 긴급복지지원, OO푸드뱅크 …
    organisation: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(40))  # 생계, 의료, 주거, 돌봄 …
    contact: Mapped[str | None] = mapped_column(String(100))
    capacity: Mapped[int | None] = mapped_column(Integer)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("community_centres.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SupportLink(Base):
    __tablename__ = "support_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), index=True)
    status: Mapped[SupportStatus]
    requested_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    provided_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    amount: Mapped[int | None] = mapped_column(Numeric(14, 0))  # KRW
    note: Mapped[str | None] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))

    resource: Mapped[Resource] = relationship()


class VisitPlan(Base):
    """A household in the 안부 살핌 우편 programme: how often the postal carrier visits
    (1–4 weeks), from which post office, in which 대상구분, bringing what."""

    __tablename__ = "visit_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), unique=True)
    cycle_days: Mapped[int] = mapped_column(Integer)
    last_visit_at: Mapped[datetime | None]
    next_due_at: Mapped[datetime | None] = mapped_column(index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    target_group: Mapped[str | None] = mapped_column(String(20))  # 대상구분
    post_office: Mapped[str | None] = mapped_column(String(40))  # 우체국
    items: Mapped[list[str] | None] = mapped_column(json_type())  # 종량제봉투, 생필품
    enrolled_at: Mapped[datetime | None]


class CouncilMeeting(Base):
    """A meeting of the dong 365 safety council (동 365 안전협의체)."""

    __tablename__ = "council_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("community_centres.id"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)


class CouncilAgendaItem(Base):
    __tablename__ = "council_agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("council_meetings.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    situation: Mapped[str] = mapped_column(Text)  # written for citizen members: no identifiers
    question: Mapped[str | None] = mapped_column(Text)  # what the council is asked to decide
    # The council needs this item's sensitive details (자살위험, health) on paper: the worker
    # says so; otherwise the papers withhold them and say that they did.
    share_sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CouncilDecision(Base):
    __tablename__ = "council_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("council_agenda_items.id"), index=True)
    decision: Mapped[str] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None]


class AccessLog(Base):
    """Append-only record of who handled whose data (개인정보 접속기록).

    ``entry_hash`` chains each row to the one before it so that an edited or removed
    row is detectable.
    """

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    username: Mapped[str] = mapped_column(String(40))
    terminal_host: Mapped[str | None] = mapped_column(String(100))
    terminal_ip: Mapped[str | None] = mapped_column(String(45))
    action: Mapped[AccessAction]
    subject: Mapped[str | None] = mapped_column(String(200))  # e.g. "case:12", "person:40"
    detail: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class LinkSuggestion(Base):
    """A possible link for staff to decide (the review queue): one candidate of one alert."""

    __tablename__ = "link_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    rank: Mapped[int] = mapped_column(Integer)  # 1 = the best candidate
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]]
    status: Mapped[SuggestionStatus] = mapped_column(index=True)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class LinkDecision(Base):
    """Who moved which alerts between cases, when and why, with what undoing it needs."""

    __tablename__ = "link_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DecisionKind] = mapped_column(index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    other_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    alert_ids: Mapped[list[str]]  # as text, JSON-portable
    payload: Mapped[dict[str, Any]]  # the state before, for undo
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    decided_at: Mapped[datetime]
    reason: Mapped[str | None] = mapped_column(Text)
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("link_decisions.id"))


class QuarantinedRecord(Base):
    """A record that failed validation, kept whole with the reasons until staff act."""

    __tablename__ = "quarantined_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    # The centre of the worker who imported it: only its staff see and fix the record.
    # (No foreign key, as for cases.proposed_centre_id; centres are never deleted.)
    centre_id: Mapped[int | None] = mapped_column(Integer, index=True)
    channel: Mapped[Channel | None]
    source_id: Mapped[str | None] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(Text)
    row_number: Mapped[int | None] = mapped_column(Integer)
    raw_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    raw_digest: Mapped[str] = mapped_column(String(64), index=True)
    reasons: Mapped[list[str]]
    status: Mapped[QuarantineStatus] = mapped_column(index=True)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


# -- the encrypted columns -----------------------------------------------------------------
# Each sealed column and the name its values are sealed under. The name is the encryption's
# associated data (a value sealed for one column does not open as another's), so it is
# stored in every ciphertext's meaning: never rename one. Key rotation re-seals them all,
# and a database's keys are checked against a sample of them.
PHONE_COLUMN = "persons.phone"
RRN_COLUMN = "persons.rrn"
RAW_COLUMN = "alerts.raw"
QUARANTINE_COLUMN = "quarantined_records.raw"
SEALED_COLUMNS: tuple[tuple[Any, str, str], ...] = (  # (model, attribute, sealed as)
    (Person, "phone_cipher", PHONE_COLUMN),
    (Person, "rrn_cipher", RRN_COLUMN),
    (Alert, "raw_cipher", RAW_COLUMN),
    (AlertRevision, "raw_cipher", RAW_COLUMN),
    (QuarantinedRecord, "raw_cipher", QUARANTINE_COLUMN),
)
