"""Inserting many rows at the driver's speed.

``session.execute(insert(table), rows)`` spends more time in SQLAlchemy than in the
database: for every row it builds the parameters again and runs each value through its
column type. ``insert_rows`` compiles the statement once, takes each column's bind
processor once (the same conversions: enum values, JSON text, UTC times) and Python-side
defaults for the columns the rows leave out, and hands plain tuples or dicts to the
driver's ``executemany`` in the session's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, column names of ``table``) into ``table``."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    names = list(compiled.positiontup or []) if compiled.positional else list(compiled.binds)
    columns = [compiled.binds[name].key for name in names]
    defaults = {column: _default(table, column) for column in columns if column not in keys}
    processors: list[Processor] = [
        compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    converted: list[Any] = []
    for row in rows:
        if len(row) != len(keys):
            raise ValueError(f"rows for {table.name} do not all have the same columns")
        if defaults:
            row = {**{column: make() for column, make in defaults.items()}, **row}
        values = [
            row[column] if process is None else process(row[column])
            for column, process in zip(columns, processors, strict=True)
        ]
        converted.append(
            tuple(values) if compiled.positional else dict(zip(names, values, strict=True))
        )
    connection.exec_driver_sql(compiled.string, converted)


def _default(table: Table, column: str) -> Callable[[], Any]:
    """What SQLAlchemy would put in a column the rows leave out: its Python-side default."""
    default = table.c[column].default
    if default is None or not (default.is_scalar or default.is_callable):
        raise ValueError(f"rows for {table.name} must give {column}")
    arg = default.arg  # type: ignore[attr-defined]
    if default.is_scalar:
        return lambda: arg
    return lambda: arg(None)  # a callable default, wrapped by SQLAlchemy to take a context
