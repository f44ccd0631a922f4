"""Importing files: what ``anbu import``, the client's import and the inbox folder call."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import case, func, or_, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from db.enums import PENDING_ROUTINGS, AccessAction, Channel, RiskLevel
from db.errors import ErrorKind, UserError, describe_database_error
from db.maintenance import analyze_after_import
from db.models import Alert, Case, CommunityCentre
from desktop.context import AppContext
from desktop.intake.ingest import IngestCounts, Ingestor
from desktop.intake.readers import FORMATS, FileUnreadableError, describe_read_error, open_file
from desktop.security import audit
from desktop.security.access import AccessDeniedError, Permission, allows, require

ANALYZE_AFTER = 5000  # records written before the planner's statistics are refreshed


class ImportStoppedError(UserError):
    """The database could not take the rest of a file (disk full, connection lost): what
    was stored before stays, and importing the same file again adds only the rest."""

    kind = ErrorKind.STOPPED


@dataclass
class ImportResult:
    path: Path
    channel: Channel | None  # None: the file had nothing in it to tell
    file_format: str
    encoding: str | None
    batch_id: int
    counts: IngestCounts
    cancelled: bool = False
    unplaced: int = 0  # cases of this file no territory rule placed (관할 확인 필요)
    unplaced_urgent: int = 0
    holder: str | None = None  # the centre holding them for now
    unknown_columns: tuple[str, ...] = ()  # matched no field: kept raw, not read
    not_records: tuple[str, ...] = ()  # totals or footnote rows left out ("12행 (합계)")

    @property
    def empty(self) -> bool:
        return self.counts.read == 0 and not self.cancelled

    def summary(self) -> str:
        """A line for the file, a line for the columns it did not read, and one for
        관할 확인 필요 when there is any."""
        c = self.counts
        kind = f"{self.channel.label}, {self.file_format}" if self.channel else self.file_format
        if self.empty:
            return (
                f"{self.path.name} ({kind}): 파일이 비어 있습니다 — 가져올 기록이 없습니다 (읽음 0)"
            )
        text = (
            f"{self.path.name} ({kind}): 읽음 {c.read:,}, "
            f"신규 {c.new:,}, 변경 {c.revised:,}, 기존 {c.known:,}, 보류 {c.quarantined:,}"
        )
        if c.still_held:
            text += f" (기존 중 {c.still_held:,}건은 이미 보류되었거나 처리된 기록)"
        if c.quarantined:
            text += (
                " — 보류 기록은 '보류 기록' 창이나 anbu quarantine에서 고쳐 다시 등록할 수 있습니다"
            )
        text += " — 중간에 취소함" if self.cancelled else ""
        if self.not_records:
            shown = ", ".join(self.not_records[:5]) + (" …" if len(self.not_records) > 5 else "")
            text += (
                f"\n기록이 아닌 행(합계·주석) {len(self.not_records):,}개, 가져오지 않음: {shown}"
            )
        if self.unknown_columns:
            text += (
                f"\n알 수 없는 열: {', '.join(self.unknown_columns)}, 가져오지 않음 "
                "(원본 기록에는 남아 있습니다)"
            )
        if self.unplaced:
            holder = f"{self.holder}에서" if self.holder else "관리자가"
            text += (
                f"\n관할 확인 필요 {self.unplaced:,}건 (긴급 {self.unplaced_urgent:,}건): "
                f"관할 규칙으로 센터를 정하지 못해 {holder} 임시로 맡습니다. 오늘 화면의 "
                "'관할 확인 필요' 목록에서 확인하거나 맞는 센터로 이관하십시오."
            )
        return text


def unplaced_cases(ctx: AppContext, batch_id: int) -> tuple[int, int]:
    """(cases, of which 긴급) that alerts of ``batch_id`` opened or joined and that no
    territory rule has placed yet (관할 확인 필요)."""
    with ctx.session() as session:
        pending = (
            select(Case.id, Case.risk)
            .where(
                Case.id.in_(select(Alert.case_id).where(Alert.batch_id == batch_id)),
                Case.merged_into_id.is_(None),
                or_(Case.routing.in_(PENDING_ROUTINGS), Case.routing.is_(None)),
            )
            .subquery()
        )
        total, urgent = session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((pending.c.risk == RiskLevel.URGENT, 1), else_=0)), 0),
            ).select_from(pending)
        ).one()
    return int(total), int(urgent)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_file(
    ctx: AppContext,
    path: Path,
    *,
    channel: Channel | None = None,
    centre_id: int | None = None,
    progress: Callable[[IngestCounts], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import one file. ``FileUnreadableError`` when the file as a whole cannot be read
    (nothing is written then); bad records inside a readable file go to quarantine;
    ``ImportStoppedError`` when the database stopped taking records partway.
    The signed-in account must be allowed to import; the import is logged (입력)."""
    actor = require(ctx, Permission.IMPORT)
    if centre_id is not None and centre_id != actor.centre_id and not actor.all_centres:
        raise AccessDeniedError("다른 행정복지센터의 이름으로 가져올 수 없습니다.")
    reading = open_file(path, channel)
    # Territory rules place each alert; what none places the importer's centre holds.
    ingestor = Ingestor(ctx, centre_id=centre_id if centre_id is not None else actor.centre_id)
    batch = ingestor.start_batch(
        path.name,
        channel=reading.channel,
        file_format=reading.file_format,
        encoding=reading.encoding,
        sha256=file_sha256(path),
        staff_id=actor.staff_id,
    )
    try:
        counts = ingestor.ingest(
            batch,
            reading.rows,
            channel=reading.channel,
            file_name=path.name,
            progress=progress,
            cancelled=cancelled,
        )
    except (OSError, UnicodeError) as exc:
        why = describe_read_error(exc)
        ingestor.finish_batch(batch, error=why)
        raise FileUnreadableError(f"{path.name}: 읽는 도중 멈췄습니다: {why}") from None
    except DBAPIError as exc:
        problem = describe_database_error(exc)
        with suppress(SQLAlchemyError):  # the batch says why it ended, if it still can
            ingestor.finish_batch(batch, error=problem or type(exc.orig).__name__)
        if problem is None:
            raise
        stored = ingestor.stored.read
        stored_text = (
            f"앞의 {stored:,}건은 저장되었습니다. 원인을 해결한 뒤 같은 파일을 다시 가져오면 "
            "나머지를 이어서 가져옵니다."
            if stored
            else "저장된 기록은 없습니다. 원인을 해결한 뒤 같은 파일을 다시 가져오십시오."
        )
        raise ImportStoppedError(
            f"{path.name}: {problem}. 가져오기를 멈췄습니다. {stored_text}"
        ) from exc
    if counts.new + counts.revised >= ANALYZE_AFTER:
        # The final state of a large file, for what comes next.
        analyze_after_import(ctx.engine, counts.new + counts.revised)
    stopped = bool(cancelled and cancelled())
    ingestor.finish_batch(batch, error="취소됨" if stopped else None)
    audit.log(
        ctx,
        AccessAction.CREATE,
        f"import:{batch}",
        detail=f"{path.name}: 새 알림 {counts.new:,}, 변경 {counts.revised:,}, 보류 {counts.quarantined:,}",
    )
    unplaced, urgent = unplaced_cases(ctx, batch)
    holder = None
    if unplaced and actor.centre_id is not None:
        with ctx.session() as session:
            centre = session.get(CommunityCentre, actor.centre_id)
            holder = centre.name if centre else None
    return ImportResult(
        path,
        reading.channel,
        reading.file_format,
        reading.encoding,
        batch,
        counts,
        stopped,
        unplaced,
        urgent,
        holder,
        tuple(reading.unknown),
        tuple(reading.not_records),
    )


IMPORTABLE = tuple(FORMATS)


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    summary: str  # one Korean line
    read: bool  # False when the file could not be read at all, or not stored to its end
    quarantined: int = 0
    cancelled: bool = False


def importable_files(paths: list[Path]) -> list[Path]:
    """Files to import from what a person dropped or chose: folders give the channel files
    directly inside them (sorted), other files are taken as they are."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in IMPORTABLE)
        elif path.is_file():
            found.append(path)
    return found


class ImportService:
    """What the client's import needs: files in, one summary line per file out."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def can_import(self) -> bool:
        return allows(self._ctx, Permission.IMPORT)

    def import_files(
        self,
        paths: list[Path],
        *,
        progress: Callable[[str, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[FileOutcome]:
        require(self._ctx, Permission.IMPORT)
        outcomes: list[FileOutcome] = []
        for path in importable_files(paths):
            if cancelled is not None and cancelled():
                break

            def counted(counts: IngestCounts, name: str = path.name) -> None:
                if progress is not None:
                    progress(name, counts.read)

            try:
                result = import_file(self._ctx, path, progress=counted, cancelled=cancelled)
            except FileUnreadableError as exc:
                outcomes.append(FileOutcome(path, f"읽지 못함: {exc}", read=False))
                continue
            except ImportStoppedError as exc:
                outcomes.append(FileOutcome(path, f"멈춤: {exc}", read=False))
                continue
            outcomes.append(
                FileOutcome(
                    path, result.summary(), True, result.counts.quarantined, result.cancelled
                )
            )
        return outcomes
