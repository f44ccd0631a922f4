"""Encrypted, consistent copies of the SQLite database, and restoring one.

``backup`` takes SQLite's online backup (a consistent copy while the program runs) into a
private temporary folder and seals it chunk by chunk with AES-GCM under a key derived
from the database's own keys (so a backup opens only where those keys are: restore them
first with ``anbu keys import`` on a new PC). The file is written beside the target and
renamed into place when complete; no half file ever carries the target's name.

``restore`` checks everything before it touches the live database: the file's format,
every chunk's tag and the end marker, SQLite's integrity check, and the schema version.
Only then is the current database moved aside (kept as ``*.before-restore-…``) and the
restored one put in its place.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from db import migrate
from db.engine import make_engine, sqlite_url
from db.enums import AccessAction
from db.errors import UserError
from desktop.context import AppContext, open_database
from desktop.paths import work_dir
from desktop.security import audit, secrets
from desktop.security.access import Actor, Permission, require
from desktop.security.protect import FieldProtector
from desktop.timeutil import KST

MAGIC = b"ANBUBK01"
CHUNK = 1 << 20
_LENGTH = struct.Struct(">I")
_AAD = struct.Struct(">QB")  # chunk number, last-chunk flag
BACKUP_PURPOSE = b"anbu-desk backup"


class BackupError(UserError):
    pass


@dataclass(frozen=True)
class RestoreResult:
    restored_to: Path
    previous_kept_as: Path | None
    created_at: str


def _sqlite_path(url: URL) -> Path:
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError(
            "이 명령은 SQLite 데이터베이스만 백업·복원합니다. PostgreSQL은 서버 관리자가 "
            "pg_dump로 백업하십시오."
        )
    return Path(url.database)


def sqlite_file_exists(url: URL) -> bool:
    return (
        url.get_backend_name() == "sqlite"
        and bool(url.database)
        and Path(str(url.database)).is_file()
    )


def backup(ctx: AppContext, url: URL, target: Path) -> int:
    """Write an encrypted backup of the open database to ``target``; returns bytes."""
    require(ctx, Permission.ADMINISTER)
    source_path = _sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"데이터베이스 파일이 없습니다: {source_path}")
    target = target.resolve()
    if target == source_path.resolve():
        raise BackupError("백업 파일을 데이터베이스 자신과 같은 경로에 쓸 수 없습니다.")
    target.parent.mkdir(parents=True, exist_ok=True)
    key = ctx.protector.derived_key(BACKUP_PURPOSE)
    header = json.dumps(
        {"identity": ctx.identity, "created_at": ctx.clock().isoformat(), "format": 1}
    ).encode()
    with audit.logged_file(ctx, target, AccessAction.DOWNLOAD, "database", reason=None) as (
        partial,
        detail,
    ):
        detail.append(f"백업 {target.name}")
        # The plain copy lives in a private folder of the data folder (0700; the file
        # 0600), and a run killed midway leaves it there only until the next start.
        with tempfile.TemporaryDirectory(
            prefix=f"anbu-backup-{os.getpid()}-", dir=work_dir()
        ) as folder:
            plain = Path(folder) / "copy.db"
            source = sqlite3.connect(str(source_path))
            try:
                destination = sqlite3.connect(str(plain))
                try:
                    source.backup(destination)
                    destination.execute("PRAGMA journal_mode=DELETE")
                finally:
                    destination.close()
            finally:
                source.close()
            with plain.open("rb") as reader, partial.open("wb") as writer:
                _seal(reader, writer, key, header)
                writer.flush()
                os.fsync(writer.fileno())
    return target.stat().st_size


def _seal(reader: object, writer: object, key: bytes, header: bytes) -> None:
    aead = AESGCM(key)
    write = writer.write  # type: ignore[attr-defined]
    read = reader.read  # type: ignore[attr-defined]
    write(MAGIC + _LENGTH.pack(len(header)) + header)
    number = 0
    chunk = read(CHUNK)
    while True:
        following = read(CHUNK)
        last = not following
        nonce = os.urandom(12)
        sealed = aead.encrypt(nonce, chunk, header + _AAD.pack(number, last))
        write(_LENGTH.pack(len(sealed)) + nonce + sealed)
        if last:
            return
        chunk, number = following, number + 1


def _read_header(handle: object) -> tuple[bytes, dict[str, str]]:
    read = handle.read  # type: ignore[attr-defined]
    if read(len(MAGIC)) != MAGIC:
        raise BackupError("안부데스크 백업 파일이 아닙니다.")
    try:
        (length,) = _LENGTH.unpack(read(_LENGTH.size))
        header = read(length)
        return header, json.loads(header)
    except (struct.error, ValueError):
        raise BackupError("백업 파일의 머리 부분이 손상되었습니다.") from None


def _open_into(source: Path, plain: Path) -> dict[str, str]:
    """Decrypt ``source`` into ``plain``, checking every chunk and the end marker."""
    with source.open("rb") as reader:
        header, info = _read_header(reader)
        keys = secrets.load_keys(str(info.get("identity")))
        if keys is None:
            raise BackupError(
                "이 PC의 키 저장소에 이 백업의 키가 없습니다. 먼저 키 파일을 "
                "'anbu keys import'로 복원하십시오."
            )
        aead = AESGCM(FieldProtector(keys).derived_key(BACKUP_PURPOSE))
        number, finished = 0, False
        with plain.open("wb") as writer:
            while True:
                prefix = reader.read(_LENGTH.size)
                if not prefix:
                    break
                if finished:
                    raise BackupError("백업 파일 끝에 알 수 없는 내용이 붙어 있습니다.")
                try:
                    (length,) = _LENGTH.unpack(prefix)
                    nonce = reader.read(12)
                    sealed = reader.read(length)
                    if len(sealed) != length:
                        raise ValueError
                except (struct.error, ValueError):
                    raise BackupError("백업 파일이 중간에 잘렸습니다.") from None
                for last in (False, True):
                    try:
                        chunk = aead.decrypt(nonce, sealed, header + _AAD.pack(number, last))
                    except Exception:  # InvalidTag: wrong flag, key or content
                        continue
                    finished = last
                    break
                else:
                    raise BackupError(f"백업 파일의 {number + 1}번째 부분이 손상되었습니다.")
                writer.write(chunk)
                number += 1
        if not finished:
            raise BackupError("백업 파일이 중간에 잘렸습니다 (끝 표시가 없습니다).")
    return info


def restore(
    url: URL,
    source: Path,
    *,
    current: AppContext | None,
    sign_in: Callable[[AppContext], None],
    other_database: bool = False,
) -> RestoreResult:
    """Replace the SQLite database at ``url`` with the backup ``source``, after checking
    the backup completely. The current database is kept beside it.

    An administrator's act: ``current`` is the current database with an administrator
    signed in (None when there is none to open; then ``sign_in`` signs one in on the
    backup's own accounts). A backup of another database (another identity) is refused
    unless ``other_database``. The access log does not go back with the data: the rows
    written since the backup are carried into the restored database (its chain continues
    them), and the restore is logged in both databases."""
    if current is not None:
        require(current, Permission.ADMINISTER)
    target = _sqlite_path(url).resolve()
    if not source.is_file():
        raise BackupError(f"백업 파일이 없습니다: {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(
        prefix=f"anbu-restore-{os.getpid()}-", dir=target.parent
    ) as folder:
        plain = Path(folder) / "restored.db"
        info = _open_into(source, plain)
        check = sqlite3.connect(str(plain))
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError:
            result = ("not a database",)
        finally:
            check.close()
        if not result or result[0] != "ok":
            raise BackupError(
                "백업 안의 데이터베이스가 손상되었습니다. 아무것도 바꾸지 않았습니다."
            )
        engine = make_engine(sqlite_url(plain))
        try:
            status = migrate.schema_status(engine)
        finally:
            engine.dispose()
        if status.state is migrate.SchemaState.TOO_NEW:
            raise BackupError(
                "백업이 이 프로그램보다 새 버전에서 만들어졌습니다. 프로그램을 먼저 업데이트하십시오."
            )
        identity = str(info.get("identity"))
        if current is not None:
            live: str | None = current.identity
        else:  # a database that does not open still says whose it is
            from desktop.context import database_keys

            live = database_keys(url).identity
        if live is not None and identity != live and not other_database:
            raise BackupError(
                "이 백업은 다른 데이터베이스의 것입니다 (식별자가 다릅니다). 정말 그것으로 "
                "바꾸려면 --other-database를 붙이십시오. 아무것도 바꾸지 않았습니다."
            )
        when = str(info.get("created_at", ""))
        restored = open_database(sqlite_url(plain))
        try:
            restored.clock = current.clock if current is not None else restored.clock
            if current is not None:
                # The row that says so goes into the database replaced first: it is then
                # carried into the restored one with the rest of what came after the backup.
                audit.log(
                    current,
                    AccessAction.DELETE,
                    "database",
                    detail=f"백업({when})으로 되돌려 이 데이터베이스를 바꿈 ({source.name})",
                )
                restored.actor = _same_person(restored, current)
                carried = _carry_log(current, restored) if identity == current.identity else 0
            else:
                sign_in(restored)
                require(restored, Permission.ADMINISTER)
                carried = 0
            audit.log(
                restored,
                AccessAction.UPDATE,
                "database",
                detail=f"백업({when})에서 되돌림 ({source.name}); 이후 접속기록 {carried:,}건 이어 붙임",
            )
        finally:
            restored.close()
        _settle(plain)
        kept: Path | None = None
        if current is not None:
            current.close()
        if target.exists():
            _settle(target)
            stamp = datetime.now(KST).strftime("%Y%m%d-%H%M%S")
            kept = target.with_name(f"{target.name}.before-restore-{stamp}")
            os.replace(target, kept)
        os.replace(plain, target)
    return RestoreResult(target, kept, when)


def _same_person(restored: AppContext, current: AppContext) -> Actor:
    """The administrator who restores, as the restored database knows them (their account
    there may be older, or missing: then the program itself, naming them, writes its row)."""
    from sqlalchemy import select

    from db.models import StaffUser

    actor = current.actor
    assert actor is not None
    with restored.session() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == actor.username))
        if user is not None and user.active:
            return replace(
                actor,
                staff_id=user.id,
                role=user.role,
                centre_id=user.centre_id,
                session_epoch=user.session_epoch,
            )
    return Actor.system(f"restore by {actor.username}")


def _carry_log(current: AppContext, restored: AppContext) -> int:
    """Copy into ``restored`` the access-log rows ``current`` wrote after the backup, when
    they continue the restored chain; returns how many."""
    from sqlalchemy import func, insert, select

    from db.models import META_AUDIT_HEAD, AccessLog, AppMeta, table

    with restored.session() as session:
        last_id = session.scalar(select(func.max(AccessLog.id))) or 0
        last_hash = session.scalar(select(AccessLog.entry_hash).where(AccessLog.id == last_id))
    with current.session() as session:
        rows = [
            {c.name: getattr(r, c.key) for c in table(AccessLog).columns}
            for r in session.scalars(
                select(AccessLog).where(AccessLog.id > last_id).order_by(AccessLog.id)
            )
        ]
        head = session.get(AppMeta, META_AUDIT_HEAD)
    if not rows or (rows[0]["prev_hash"] or None) != (last_hash or None):
        return 0
    from db.models import StaffUser

    with current.session() as session:
        wanted = {r["staff_id"] for r in rows if r["staff_id"] is not None}
        staff = [
            {c.name: getattr(u, c.key) for c in table(StaffUser).columns}
            for u in session.scalars(select(StaffUser).where(StaffUser.id.in_(wanted)))
        ]
    try:
        with restored.sessions.begin() as session:
            known = set(session.scalars(select(StaffUser.id)))
            # Accounts made since the backup, for their rows (kept disabled there).
            missing = [{**u, "active": False} for u in staff if u["id"] not in known]
            if missing:
                session.execute(insert(StaffUser), missing)
            session.execute(insert(AccessLog), rows)
            if head is not None:
                session.merge(AppMeta(key=META_AUDIT_HEAD, value=head.value))
    except IntegrityError:
        return 0  # (an account name taken since by another: the rows stay in the kept file)
    return len(rows)


def _settle(path: Path) -> None:
    """Fold the WAL into the file so that no stale WAL is applied to what replaces it."""
    connection = sqlite3.connect(str(path))
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError as exc:
        raise BackupError(
            f"데이터베이스를 다른 프로그램이 쓰고 있습니다. 안부데스크를 모두 닫고 다시 하십시오 ({exc})."
        ) from None
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
