"""Whether another client changed the data since this one last looked, so the lists follow
a colleague's work without F5. PostgreSQL: ``LISTEN anbu_changes`` (migration 0014 notifies
on every statement that writes case data; the payload is a table's name, never personal
data). SQLite: the file's ``data_version``, which moves when another connection commits
(another process on the PC, or this one's other connections).

A dedicated connection, outside the pool, polled from the client's timer: each poll is a
trivial round trip (PostgreSQL) or a pragma (SQLite)."""

from __future__ import annotations

import contextlib
from typing import Any

from desktop.context import AppContext

CHANNEL = "anbu_changes"


class ChangeFeed:
    def __init__(self, ctx: AppContext) -> None:
        self._dialect = ctx.engine.dialect.name
        self._raw: Any = ctx.engine.raw_connection()
        self._seen: set[str] = set()
        if self._dialect == "postgresql":
            driver: Any = self._raw.driver_connection
            driver.autocommit = True
            driver.add_notify_handler(lambda notify: self._seen.add(notify.payload))
            driver.execute(f"LISTEN {CHANNEL}")
            self._version = None
        else:
            self._version = self._data_version()

    def _data_version(self) -> int:
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def poll(self) -> set[str]:
        """What changed since the last poll: table names (PostgreSQL), ``{"*"}`` (SQLite:
        something), or nothing."""
        if self._dialect == "postgresql":
            self._raw.driver_connection.execute("SELECT 1")  # delivers pending notifications
            seen, self._seen = self._seen, set()
            return seen
        version = self._data_version()
        if version != self._version:
            self._version = version
            return {"*"}
        return set()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # on the way out: nothing to tell anyone
            self._raw.close()
