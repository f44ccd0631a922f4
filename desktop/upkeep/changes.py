"""Whether another client changed the data since this one last looked, so the lists follow
a colleague's work without F5. PostgreSQL: ``LISTEN anbu_changes`` (migration 0014 notifies
on every statement that writes case data; the payload is a table's name, never personal
data). SQLite: the file's ``data_version``, which moves when another connection commits
(another process on the PC, or this one's other connections).

A dedicated connection, outside the pool, polled from the client's timer: a poll reads what
the server has already sent on that connection's socket, without asking it anything
(PostgreSQL; a round trip for each poll of twenty clients was a load of its own), or runs a
pragma (SQLite)."""

from __future__ import annotations

import contextlib
from typing import Any

from desktop.context import AppContext

CHANNEL = "anbu_changes"
# How the window follows the feed: a look every POLL_MS; the lists asked again at most once
# every QUIET_S (a colleague's import is a few refreshes, not hundreds), so a change shows
# within about two seconds.
POLL_MS = 500
QUIET_S = 1.5


class ChangeFeed:
    def __init__(self, ctx: AppContext) -> None:
        self._dialect = ctx.engine.dialect.name
        self._raw: Any = ctx.engine.raw_connection()
        if self._dialect == "postgresql":
            driver: Any = self._raw.driver_connection
            driver.autocommit = True
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
            # What has arrived, read from the socket at once (no query, no wait).
            return {n.payload for n in self._raw.driver_connection.notifies(timeout=0)}
        version = self._data_version()
        if version != self._version:
            self._version = version
            return {"*"}
        return set()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # on the way out: nothing to tell anyone
            self._raw.close()
