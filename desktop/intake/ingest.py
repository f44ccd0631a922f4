"""Storing validated records: new alerts, revisions, already-known copies, quarantine.

Work is done in chunks, each one transaction that also advances the batch's counters,
so an import killed midway leaves the database consistent and running it again adds
only what is missing (``(channel, source_id)`` is unique).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from db.bulk import insert_rows
from db.engine import bulk_bind
from db.enums import Channel, QuarantineStatus
from db.maintenance import analyze_after_import
from db.models import (
    QUARANTINE_COLUMN,
    RAW_COLUMN,
    Alert,
    AlertRevision,
    ImportBatch,
    QuarantinedRecord,
    table,
)
from db.queries import one_of
from desktop.casework import warnings
from desktop.casework.actions import visits_arrived
from desktop.casework.deadlines import DeadlineRules, first_deadlines
from desktop.casework.risk import facts_of, propose, refresh_cases
from desktop.context import AppContext
from desktop.intake.channels import CHANNELS, field_key
from desktop.intake.records import ParsedRecord, RecordInvalidError, parse_record, storable
from desktop.linking.linker import ChunkLinker, NewAlert, reopen_recorded
from desktop.linking.weights import WeightStore
from desktop.office.territory import Router
from desktop.security.protect import FieldProtector
from desktop.upkeep.gctune import seldom_collections

ANALYZE_EVERY = 20_000  # records written between refreshes of the planner's statistics


@dataclass
class RawRow:
    """One record as read from a file, before validation."""

    row_number: int | None  # 1-based line or row in the file, for people to find it
    raw: dict[str, Any]  # the record exactly as received: original header -> cell text
    values: dict[str, Any]  # field key -> cell value, by header matching
    channel: Channel | None = None  # known per row when a file mixes channels
    problem: str | None = None  # why the reader could not read it as a record at all


@dataclass
class IngestCounts:
    read: int = 0
    new: int = 0
    revised: int = 0
    known: int = 0
    quarantined: int = 0
    still_held: int = 0  # of the known: bad records an earlier import holds already

    def add(self, other: IngestCounts) -> None:
        self.read += other.read
        self.new += other.new
        self.revised += other.revised
        self.known += other.known
        self.quarantined += other.quarantined
        self.still_held += other.still_held


@dataclass
class _Pending:
    row: RawRow
    record: ParsedRecord
    raw_blob: bytes
    digest: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Checked:
    """A chunk of rows after validation."""

    read: int
    valid: list[_Pending] = field(default_factory=list)
    bad: list[tuple[RawRow, list[str], str | None]] = field(default_factory=list)


_RAW_JSON = json.JSONEncoder(ensure_ascii=False, default=str)  # made once: see db.engine
_LONE = re.compile("[\ud800-\udfff]")


def raw_bytes(raw: dict[str, Any]) -> bytes:
    """The canonical bytes of a raw record (order kept, nothing escaped away). A lone
    surrogate, which no UTF-8 can hold, is written as its JSON escape (``\\ud83d``): the
    record reads back exactly as received."""
    text = _RAW_JSON.encode(raw)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def load_raw(protector: FieldProtector, blob: bytes, column: str = RAW_COLUMN) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(protector.decrypt(blob, column))
    return data


def _source_of(row: RawRow) -> str | None:
    """The source id of a row that could not be read as a record, when it has one."""
    value = row.values.get("source_id")
    if value is None and row.channel is not None:
        value = next(
            (v for name, v in row.raw.items() if field_key(row.channel, name) == "source_id"),
            None,
        )
    if value is None and isinstance(row.raw.get("(원문)"), str) and row.channel is not None:
        value = _source_in_text(row.raw["(원문)"], row.channel)  # a line JSON could not read
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip() if value is not None else ""
    return text or None


def _source_in_text(text: str, channel: Channel) -> str | None:
    """The source id written in a broken JSON line (``"신고번호": "APP-324", 깨짐``)."""
    spec = CHANNELS[channel].spec("source_id")
    for name in (spec.header, spec.key):
        found = re.search(rf'"{re.escape(name)}"\s*:\s*"?([^",}}]+)', text)
        if found:
            return found.group(1).strip()
    return None


class Ingestor:
    """Takes raw rows of one batch into the database."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        centre_id: int | None = None,
        chunk_size: int = 5000,  # rows a transaction: each chunk rewrites most pages of
        # the indexes (the keys are random), so larger chunks write less: 5,000 write a
        # quarter less than 2,000 did; 10,000 would save a tenth more, and hold more rows
    ) -> None:
        self.ctx = ctx
        self.protector = ctx.protector
        # The importer's centre: it holds what no territory rule places (관할 확인 필요).
        self.centre_id = centre_id
        self.router: Router | None = None
        self.chunk_size = chunk_size
        self.link_seconds = 0.0  # time spent linking (candidates, scores, decisions)
        self.stored = IngestCounts()  # the committed chunks of the last ingest, even one cut short
        self.rules = DeadlineRules.load(ctx)
        self.weights = WeightStore()

    def start_batch(
        self,
        file_name: str,
        *,
        channel: Channel | None,
        file_format: str | None,
        encoding: str | None = None,
        sha256: str | None = None,
        staff_id: int | None = None,
    ) -> int:
        with self.ctx.sessions.begin() as session:
            batch = ImportBatch(
                file_name=file_name,
                file_sha256=sha256,
                channel=channel,
                file_format=file_format,
                encoding=encoding,
                started_at=self.ctx.clock(),
                staff_id=staff_id,
            )
            session.add(batch)
            session.flush()
            return batch.id

    def finish_batch(self, batch_id: int, error: str | None = None) -> None:
        with self.ctx.sessions.begin() as session:
            session.execute(
                update(ImportBatch)
                .where(ImportBatch.id == batch_id)
                .values(finished_at=self.ctx.clock(), error=error)
            )

    def ingest(
        self,
        batch_id: int,
        rows: Iterable[RawRow],
        *,
        channel: Channel | None,
        file_name: str,
        progress: Callable[[IngestCounts], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> IngestCounts:
        """Store every row; returns the counts. Stops between chunks when ``cancelled``."""
        with seldom_collections():
            return self._ingest(batch_id, rows, channel, file_name, progress, cancelled)

    def _ingest(
        self,
        batch_id: int,
        rows: Iterable[RawRow],
        channel: Channel | None,
        file_name: str,
        progress: Callable[[IngestCounts], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> IngestCounts:
        total = self.stored = IngestCounts()
        with self.ctx.session() as session:
            self.router = Router.load(session)  # the territory rules, once a file
            self.weights = WeightStore.load(session)  # what evidence weighs here
        written = 0
        iterator: Iterator[RawRow] = iter(rows)
        with bulk_bind(self.ctx.engine) as bind:
            while chunk := list(islice(iterator, self.chunk_size)):
                # Validated before the transaction begins: on SQLite it holds the write lock
                # every other writer waits for, and validating is a fifth of a chunk's time.
                checked = self._validate(chunk, channel)
                with self.ctx.sessions(bind=bind) as session, session.begin():
                    counts = self._chunk(session, batch_id, checked, channel, file_name)
                    session.execute(
                        update(ImportBatch)
                        .where(ImportBatch.id == batch_id)
                        .values(
                            records_read=ImportBatch.records_read + counts.read,
                            records_new=ImportBatch.records_new + counts.new,
                            records_revised=ImportBatch.records_revised + counts.revised,
                            records_known=ImportBatch.records_known + counts.known,
                            records_quarantined=(
                                ImportBatch.records_quarantined + counts.quarantined
                            ),
                        )
                    )
                total.add(counts)
                written += counts.new + counts.revised
                # A long import grows the tables many times over: refresh the planner's
                # statistics as it goes, or PostgreSQL keeps planning for empty tables.
                if written >= ANALYZE_EVERY and analyze_after_import(self.ctx.engine, written):
                    written = 0
                if progress is not None:
                    progress(total)
                if cancelled is not None and cancelled():
                    break
        return total

    # -- one chunk ---------------------------------------------------------------------

    def _validate(self, rows: list[RawRow], channel: Channel | None) -> _Checked:
        """Each row as a record ready to store (its raw form sealed), or why it is not."""
        checked = _Checked(len(rows))
        valid, bad = checked.valid, checked.bad
        for row in rows:
            row_channel = row.channel or channel
            if row.problem is not None:
                bad.append((row, [row.problem], _source_of(row)))
                continue
            if row_channel is None:
                bad.append((row, ["채널을 알 수 없습니다"], _source_of(row)))
                continue
            try:
                record = parse_record(row_channel, row.values)
            except RecordInvalidError as exc:
                bad.append((row, exc.reasons, exc.source_id))
                continue
            except Exception:  # a value no reader foresaw: kept, never lost
                bad.append(
                    (
                        row,
                        ["읽을 수 없는 값이 있어 보류했습니다 (원본 기록을 확인하십시오)"],
                        _source_of(row),
                    )
                )
                continue
            data = raw_bytes(row.raw)
            valid.append(
                _Pending(
                    row,
                    record,
                    self.protector.encrypt(data.decode(), RAW_COLUMN),
                    self.protector.digest(data),
                )
            )
        return checked

    def _chunk(
        self,
        session: Session,
        batch_id: int,
        checked: _Checked,
        channel: Channel | None,
        file_name: str,
    ) -> IngestCounts:
        counts = IngestCounts(read=checked.read)
        now = self.ctx.clock()
        valid = checked.valid
        counts.quarantined = self._quarantine(
            session, batch_id, checked.bad, channel, file_name, now
        )
        # Bad records already held from an earlier import are known, not held again.
        counts.still_held = len(checked.bad) - counts.quarantined
        counts.known += counts.still_held

        # Per channel, so the lookup uses the (channel, source_id) unique index (SQLite does
        # not for a row-value IN list, and the scan grows with the table).
        by_channel: dict[Channel, list[str]] = {}
        for p in valid:
            by_channel.setdefault(p.record.channel, []).append(p.record.source_id)
        existing: dict[tuple[Channel, str], tuple[int, str, int]] = {}
        for chan, sources in by_channel.items():
            unique = sorted(set(sources))
            for start in range(0, len(unique), 500):
                for alert_id, source, digest, revision in session.execute(
                    select(Alert.id, Alert.source_id, Alert.raw_digest, Alert.revision).where(
                        Alert.channel == chan,
                        one_of(session, Alert.source_id, unique[start : start + 500]),
                    )
                ):
                    existing[(chan, source)] = (alert_id, digest, revision)

        # Every content each source id has had (the current one and earlier revisions):
        # content seen before is known and never becomes current again, so re-importing a
        # file, or an older export after a newer one, changes nothing.
        seen: dict[tuple[Channel, str], set[str]] = {k: {v[1]} for k, v in existing.items()}
        differing = {
            existing[key][0]: key
            for p in valid
            if (key := (p.record.channel, p.record.source_id)) in existing
            and p.digest != existing[key][1]
        }
        ids = sorted(differing)
        for start in range(0, len(ids), 500):
            for alert_id, digest in session.execute(
                select(AlertRevision.alert_id, AlertRevision.raw_digest).where(
                    AlertRevision.alert_id.in_(ids[start : start + 500])
                )
            ):
                seen[differing[alert_id]].add(digest)

        # New records, each with its versions in file order: the last is created (it is
        # what is linked, scored and given deadlines), the earlier ones kept as revisions.
        fresh: dict[tuple[Channel, str], list[_Pending]] = {}
        for pending in valid:
            key = (pending.record.channel, pending.record.source_id)
            versions = seen.setdefault(key, set())
            if pending.digest in versions:
                counts.known += 1
                continue
            versions.add(pending.digest)
            if key in existing:
                alert_id, _digest, revision = existing[key]
                self._revise(session, alert_id, revision, pending, batch_id, now)
                existing[key] = (alert_id, pending.digest, revision + 1)
                counts.revised += 1
            elif key in fresh:  # the later row of a source id in one file is its content
                fresh[key].append(pending)
                counts.revised += 1
            else:
                fresh[key] = [pending]
        if fresh:
            self._create(session, [chain[-1] for chain in fresh.values()], batch_id, now)
            counts.new += len(fresh)
            earlier = {key: chain[:-1] for key, chain in fresh.items() if len(chain) > 1}
            if earlier:
                self._keep_earlier(session, earlier, batch_id, now)
        return counts

    def _keep_earlier(
        self,
        session: Session,
        earlier: dict[tuple[Channel, str], list[_Pending]],
        batch_id: int,
        now: datetime,
    ) -> None:
        """The earlier versions, within this chunk, of records it created: revisions 1…k-1
        of each (seen, so never current again), the created alert revision k."""
        ids: dict[tuple[Channel, str], int] = {}
        for chan in {key[0] for key in earlier}:
            sources = sorted(source for c, source in earlier if c is chan)
            for start in range(0, len(sources), 500):
                for alert_id, source in session.execute(
                    select(Alert.id, Alert.source_id).where(
                        Alert.channel == chan,
                        one_of(session, Alert.source_id, sources[start : start + 500]),
                    )
                ):
                    ids[(chan, source)] = alert_id
        rows = []
        for key, versions in earlier.items():
            for number, pending in enumerate(versions, start=1):
                rows.append(
                    {
                        "alert_id": ids[key],
                        "revision": number,
                        "received_at": now,
                        "batch_id": batch_id,
                        "raw_cipher": pending.raw_blob,
                        "raw_digest": pending.digest,
                        "fields": pending.record.fields,
                    }
                )
            session.execute(
                update(Alert).where(Alert.id == ids[key]).values(revision=len(versions) + 1)
            )
        session.execute(insert(AlertRevision), rows)

    def _quarantine(
        self,
        session: Session,
        batch_id: int,
        bad: list[tuple[RawRow, list[str], str | None]],
        channel: Channel | None,
        file_name: str,
        now: datetime,
    ) -> int:
        if not bad:
            return 0
        digests = {}
        for row, _reasons, _source in bad:
            data = raw_bytes(row.raw)
            digests[id(row)] = (data, self.protector.digest(data))
        already = set(
            session.scalars(
                select(QuarantinedRecord.raw_digest).where(
                    QuarantinedRecord.raw_digest.in_([d for _, d in digests.values()]),
                    # Held, or already dealt with: corrected and re-submitted, or discarded
                    # by staff. The same bad record in a later import is known either way.
                    QuarantinedRecord.status.in_(
                        [
                            QuarantineStatus.OPEN,
                            QuarantineStatus.RESUBMITTED,
                            QuarantineStatus.DISCARDED,
                        ]
                    ),
                    # the same bad record held for another centre is not this one's to see
                    QuarantinedRecord.centre_id.is_(None)
                    if self.centre_id is None
                    else QuarantinedRecord.centre_id == self.centre_id,
                )
            )
        )
        values = []
        for row, reasons, source in bad:
            data, digest = digests[id(row)]
            if digest in already:
                continue  # the same bad record from an earlier import: still waiting for staff
            already.add(digest)
            values.append(
                {
                    "batch_id": batch_id,
                    "centre_id": self.centre_id,
                    "channel": row.channel or channel,
                    "source_id": storable(source)[:100] if source else None,  # its column
                    "file_name": file_name,
                    "row_number": row.row_number,
                    "raw_cipher": self.protector.encrypt(data.decode(), QUARANTINE_COLUMN),
                    "raw_digest": digest,
                    "reasons": storable(reasons),
                    "status": QuarantineStatus.OPEN,
                    "created_at": now,
                }
            )
        if values:
            insert_rows(session, table(QuarantinedRecord), values)
        return len(values)

    def _revise(
        self,
        session: Session,
        alert_id: int,
        revision: int,
        pending: _Pending,
        batch_id: int,
        now: datetime,
    ) -> None:
        old = session.execute(
            select(
                Alert.raw_cipher,
                Alert.raw_digest,
                Alert.fields,
                Alert.received_at,
                Alert.batch_id,
                Alert.case_id,
            ).where(Alert.id == alert_id)
        ).one()
        warnings.note_cases(session, [old.case_id])  # a call's result may have changed
        session.execute(
            insert(AlertRevision).values(
                alert_id=alert_id,
                revision=revision,
                received_at=old.received_at,
                batch_id=old.batch_id,
                raw_cipher=old.raw_cipher,
                raw_digest=old.raw_digest,
                fields=old.fields,
            )
        )
        record = pending.record
        session.execute(
            update(Alert)
            .where(Alert.id == alert_id)
            .values(
                revision=revision + 1,
                raw_cipher=pending.raw_blob,
                raw_digest=pending.digest,
                fields=record.fields,
                crisis_types=record.crisis_types,
                urgent=record.urgent,
                occurred_at=record.occurred_at,
                subject_name=record.subject.name,
                received_at=now,
                batch_id=batch_id,
            )
        )

    def _create(
        self, session: Session, items: list[_Pending], batch_id: int, now: datetime
    ) -> None:
        """New alerts, each linked to the household it is about (``desktop.linking``)."""
        linker = ChunkLinker(
            session,
            self.protector,
            centre_id=self.centre_id,
            now=now,
            batch_id=batch_id,
            router=self.router,
            weights=self.weights.weights,
        )
        rules = self.rules
        new_alerts = []
        for item in items:
            record = item.record
            proposal = propose([facts_of(record)])
            first_contact, counselling = first_deadlines(
                record.channel, record.occurred_at, proposal.level, now, rules, record.due_on
            )
            new_alerts.append(
                NewAlert(
                    record,
                    item.raw_blob,
                    item.digest,
                    proposal.level,
                    proposal.text,
                    first_contact,
                    counselling,
                )
            )
        linker.store(new_alerts)
        self.link_seconds += linker.decide_seconds
        # The pairs compared teach the weights; a grown database gets them estimated again.
        self.weights.record(session, linker.patterns, now)
        # Corroboration, repeats and unanswered calls need all of a case's alerts.
        touched = linker.cases_with_new_alerts()
        warnings.note_cases(session, {row["case_id"] for row in linker.alerts} | touched)
        refresh_cases(session, touched, now)
        reopen_recorded(session, touched, now, rules)
        visits_arrived(
            session,
            [
                (row["household_id"], row["occurred_at"])
                for row in linker.alerts
                if row["channel"] is Channel.CARRIER
            ],
        )
