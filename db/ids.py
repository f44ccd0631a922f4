"""Reserving primary keys before a bulk insert.

Inserting many rows and learning their ids through ``RETURNING`` in parameter order is
slow on SQLite (one statement per row). Reserving the ids first lets the rows go in as
one batched ``executemany`` and be cross-referenced without reading anything back.
"""

from __future__ import annotations

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

_SEQUENCE = text("SELECT CAST(CAST(pg_get_serial_sequence(:table, :column) AS regclass) AS oid)")
_NEXT_IDS = text(
    "SELECT ARRAY(SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :count))"
)


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` unused ids for ``table``'s integer primary key.

    PostgreSQL: taken from the table's own sequence, safe with concurrent writers.
    SQLite: the ids after the current largest; the caller's transaction must hold the write
    lock (``db.engine.WRITE_LOCK``) so that no other writer can take them meanwhile.
    """
    if count <= 0:
        return []
    key = table.primary_key.columns.values()[0]
    if session.get_bind().dialect.name == "postgresql":
        # The sequence by its oid, so that nextval does not look its name up for every
        # id, and the ids as one array: one row to fetch instead of ``count``.
        sequence = session.scalar(_SEQUENCE, {"table": table.name, "column": key.name})
        ids = session.scalar(_NEXT_IDS, {"sequence": sequence, "count": count})
        return [int(value) for value in ids or []]
    start = (session.scalar(select(func.max(key))) or 0) + 1
    return list(range(start, start + count))
