"""The quarantine: records that failed validation, kept whole until staff act on them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from db.engine import WRITE_LOCK
from db.enums import AccessAction, Channel, QuarantineStatus
from db.errors import UserError
from db.models import QUARANTINE_COLUMN, QuarantinedRecord
from desktop.context import AppContext
from desktop.intake.channels import CHANNELS, match_headers
from desktop.intake.ingest import Ingestor, RawRow, load_raw, raw_bytes
from desktop.intake.records import RecordInvalidError, choices_of, parse_record
from desktop.security import audit
from desktop.security.access import Permission, in_scope, load_in_scope, require


class QuarantineError(UserError):
    pass


@dataclass
class QuarantineEntry:
    id: int
    channel: Channel | None
    source_id: str | None
    file_name: str
    row_number: int | None
    reasons: list[str]
    raw: dict[str, Any]
    status: QuarantineStatus
    created_at: datetime
    # For the correction form, by the record's own headers: what is wrong with each, the
    # fixed values a field allows (and whether several may be given), and those that
    # identify a person (shown masked until revealed).
    problems: dict[str, list[str]] = field(default_factory=dict)
    choices: dict[str, tuple[tuple[str, ...], bool]] = field(default_factory=dict)
    identifying: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel": self.channel.value if self.channel else None,
            "source_id": self.source_id,
            "file": self.file_name,
            "row": self.row_number,
            "reasons": self.reasons,
            "raw": self.raw,
            "status": self.status.value,
        }


def list_entries(
    ctx: AppContext, status: QuarantineStatus | None = QuarantineStatus.OPEN
) -> Iterator[QuarantineEntry]:
    """Held records of the account's centre with their raw text (full values: reading
    them is logged once)."""
    actor = require(ctx, Permission.IMPORT)
    audit.log(ctx, AccessAction.VIEW, "quarantine", detail="보류 기록 목록")
    with ctx.session() as session:
        query = (
            select(QuarantinedRecord)
            .where(in_scope(actor, QuarantinedRecord.centre_id))
            .order_by(QuarantinedRecord.id)
        )
        if status is not None:
            query = query.where(QuarantinedRecord.status == status)
        for record in session.scalars(query).yield_per(500):
            entry = QuarantineEntry(
                record.id,
                record.channel,
                record.source_id,
                record.file_name,
                record.row_number,
                list(record.reasons),
                load_raw(ctx.protector, record.raw_cipher, QUARANTINE_COLUMN),
                record.status,
                record.created_at,
            )
            if entry.channel is not None:
                _describe(entry, entry.channel)
            yield entry


# Fields that name a person beside the sensitive ones (kept in the clear for lists, but
# masked in them): a correction form masks them too until someone reveals the record.
_NAMES = frozenset({"subject_name", "reporter_name", "carrier_name"})


def _describe(entry: QuarantineEntry, channel: Channel) -> None:
    """What the correction form needs: each header's problems, allowed values, masking."""
    headers = list(entry.raw)
    match = match_headers(headers, channel)
    header_of = {key: headers[position] for position, key in match.columns.items()}
    spec = CHANNELS[channel]
    for key, header in header_of.items():
        if key in _NAMES or spec.spec(key).sensitive:
            entry.identifying.add(header)
    for key, allowed in choices_of(channel).items():
        if key in header_of:
            entry.choices[header_of[key]] = allowed
    values = {key: entry.raw[header] for key, header in header_of.items()}
    try:
        parse_record(channel, values)
    except RecordInvalidError as exc:
        for key, reason in exc.about:
            if key in header_of:
                entry.problems.setdefault(header_of[key], []).append(reason)


@dataclass
class ResubmitResult:
    accepted: bool
    reasons: list[str]


def resubmit(ctx: AppContext, entry_id: int, raw: dict[str, Any]) -> ResubmitResult:
    """Try a corrected record again. Accepted: it is imported and the entry closed.
    Refused: the entry keeps the corrected record and gets the new reasons."""
    actor = require(ctx, Permission.IMPORT)
    staff_id = actor.staff_id
    with ctx.session() as session:
        record = load_in_scope(
            session, actor, QuarantinedRecord, entry_id, f"보류 기록 {entry_id}번"
        )
        if record is None or record.status is not QuarantineStatus.OPEN:
            raise QuarantineError(f"보류 중인 기록 {entry_id}번을 찾을 수 없습니다.")
        channel = record.channel
        file_name = record.file_name
    if channel is None:
        raise QuarantineError(
            "채널을 알 수 없는 기록입니다. 올바른 채널로 파일을 다시 가져오십시오."
        )
    match = match_headers(list(raw), channel)
    names = list(raw)
    values = {key: raw[names[position]] for position, key in match.columns.items()}
    row = RawRow(None, raw, values, channel)
    # Validate first so a refused correction is not stored as a second quarantine entry.
    try:
        parse_record(channel, values)
    except RecordInvalidError as exc:
        with ctx.sessions.begin() as session:
            session.connection(execution_options=WRITE_LOCK)
            audit.record(session, ctx, AccessAction.UPDATE, f"quarantine:{entry_id}", detail="수정")
            entry = session.get(QuarantinedRecord, entry_id)
            assert entry is not None
            entry.reasons = exc.reasons
            entry.raw_cipher = ctx.protector.encrypt(
                raw_bytes(raw).decode("utf-8"), QUARANTINE_COLUMN
            )
        return ResubmitResult(False, exc.reasons)
    ingestor = Ingestor(ctx, centre_id=actor.centre_id)  # holds what no territory rule places
    batch = ingestor.start_batch(
        f"재등록: {file_name}", channel=channel, file_format="resubmit", staff_id=staff_id
    )
    ingestor.ingest(batch, [row], channel=channel, file_name=f"재등록: {file_name}")
    ingestor.finish_batch(batch)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        entry = session.get(QuarantinedRecord, entry_id)
        assert entry is not None
        entry.status = QuarantineStatus.RESUBMITTED
        entry.resolved_at = ctx.clock()
        entry.resolved_by_id = staff_id
        audit.record(session, ctx, AccessAction.CREATE, f"quarantine:{entry_id}", detail="재등록")
    return ResubmitResult(True, [])


def discard(ctx: AppContext, entry_id: int) -> None:
    actor = require(ctx, Permission.IMPORT)
    staff_id = actor.staff_id
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        entry = load_in_scope(
            session, actor, QuarantinedRecord, entry_id, f"보류 기록 {entry_id}번"
        )
        audit.record(session, ctx, AccessAction.DELETE, f"quarantine:{entry_id}", detail="폐기")
        if entry is None or entry.status is not QuarantineStatus.OPEN:
            raise QuarantineError(f"보류 중인 기록 {entry_id}번을 찾을 수 없습니다.")
        entry.status = QuarantineStatus.DISCARDED
        entry.resolved_at = ctx.clock()
        entry.resolved_by_id = staff_id


class QuarantineService:
    """The client's quarantine list: entries to correct, re-submit or discard."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def entries(self) -> list[QuarantineEntry]:
        return list(list_entries(self._ctx))

    def resubmit(self, entry_id: int, raw: dict[str, Any]) -> ResubmitResult:
        return resubmit(self._ctx, entry_id, raw)

    def reveal(self, entry_id: int) -> None:
        """The person correcting a record sees who it names: a logged action."""
        require(self._ctx, Permission.IMPORT)
        audit.log(self._ctx, AccessAction.VIEW, f"quarantine:{entry_id}", detail=audit.REVEAL)

    def discard(self, entry_id: int) -> None:
        discard(self._ctx, entry_id)
