"""What another client changed since this one last looked, so the lists follow a
colleague's work without F5, and refresh only that. PostgreSQL: ``LISTEN anbu_changes``
(migration 0020 notifies on every statement that writes case data: ``table:op:ids``, the
ids of the cases its rows belong to, or ``*`` for too many to name; never personal data).
SQLite: the file's ``data_version``, which moves when another connection commits (another
process on the PC, or this one's other connections) and says only that something did.

A dedicated connection, outside the pool, polled from the client's timer: a poll reads what
the server has already sent on that connection's socket, without asking it anything
(PostgreSQL; a round trip for each poll of twenty clients was a load of its own), or runs a
pragma (SQLite)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop.context import AppContext

CHANNEL = "anbu_changes"
# How the window follows the feed: a look every POLL_MS; the lists asked again at most once
# every QUIET_S (a colleague's import is a few refreshes, not hundreds), so a change shows
# within about two seconds.
POLL_MS = 500
QUIET_S = 1.5


@dataclass
class Changes:
    """What other clients changed, gathered over one or more notices."""

    tables: set[str] = field(default_factory=set)  # the tables written
    cases: set[int] = field(default_factory=set)  # cases changed, added or removed
    # Anything may have changed: SQLite's counter moved, or a notice had too many ids to
    # name (a large import), or came from an older schema's trigger (a table name alone).
    everything: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)

    def add(self, other: Changes) -> None:
        self.tables |= other.tables
        self.cases |= other.cases
        self.everything = self.everything or other.everything

    def touches(self, case_id: int | None) -> bool:
        """Whether this case may have changed."""
        return self.everything or (case_id is not None and case_id in self.cases)

    def reaches(self, tables: Iterable[str]) -> bool:
        """Whether anything read from these tables may have changed."""
        return self.everything or not self.tables.isdisjoint(tables)

    @classmethod
    def anything(cls) -> Changes:
        return cls(everything=True)

    @classmethod
    def of_payloads(cls, payloads: Iterable[str]) -> Changes:
        """The notices' payloads read (``table:op:ids``; see migration 0020)."""
        changes = cls()
        for payload in payloads:
            table, _, rest = payload.partition(":")
            op, _, ids = rest.partition(":")
            changes.tables.add(table)
            if not op or ids == "*":
                changes.everything = True
                continue
            try:
                changes.cases.update(int(i) for i in ids.split(",") if i)
            except ValueError:  # not a notice of ours: assume the worst
                changes.everything = True
        return changes


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

    def poll(self) -> Changes:
        """What changed since the last poll (false when nothing did): the tables and cases
        named (PostgreSQL), or ``everything`` (SQLite: something)."""
        if self._dialect == "postgresql":
            # What has arrived, read from the socket at once (no query, no wait).
            notices = self._raw.driver_connection.notifies(timeout=0)
            return Changes.of_payloads(n.payload for n in notices)
        version = self._data_version()
        if version != self._version:
            self._version = version
            return Changes.anything()
        return Changes()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # on the way out: nothing to tell anyone
            self._raw.close()
