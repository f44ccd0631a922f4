"""Consistent copies of the SQLite database, written so a half copy never exists."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL


class BackupError(Exception):
    pass


def backup_sqlite(url: URL, target: Path) -> int:
    """Copy the live database to ``target`` with SQLite's online backup; returns bytes.

    The copy is written beside the target and renamed into place only when complete.
    """
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError(
            "이 명령은 SQLite 데이터베이스만 백업합니다. PostgreSQL은 서버 관리자가 pg_dump로 "
            "백업하십시오."
        )
    source_path = Path(url.database)
    if not source_path.exists():
        raise BackupError(f"데이터베이스 파일이 없습니다: {source_path}")
    target = target.resolve()
    if target == source_path.resolve():
        raise BackupError("백업 파일을 데이터베이스 자신과 같은 경로에 쓸 수 없습니다.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(str(source_path))
    try:
        destination = sqlite3.connect(str(partial))
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
    finally:
        source.close()
    os.replace(partial, target)
    return target.stat().st_size
