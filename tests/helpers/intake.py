"""Shared test set-ups for imports."""

from __future__ import annotations

from typing import Any

import psycopg.errors
import pytest
from sqlalchemy.exc import OperationalError

from desktop.intake.ingest import Ingestor


def disk_full_for(monkeypatch: pytest.MonkeyPatch, file_name: str) -> None:
    """The database server's disk is full whenever records of ``file_name`` are stored:
    PostgreSQL's 'disk full' as SQLAlchemy raises it; other files import as usual."""
    chunk = Ingestor._chunk

    def stored(self: Ingestor, session: Any, batch_id: int, *args: Any) -> Any:
        if args[-1] == file_name:  # _chunk's last argument
            raise OperationalError("INSERT INTO alerts ...", {}, psycopg.errors.DiskFull())
        return chunk(self, session, batch_id, *args)

    monkeypatch.setattr(Ingestor, "_chunk", stored)
