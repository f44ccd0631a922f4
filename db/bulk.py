"""Inserting many rows at the driver's speed.

``session.execute(insert(table), rows)`` spends more time in SQLAlchemy than in the
database: for every row it builds the parameters again and runs each value through its
column type. ``insert_rows`` compiles the statement once, takes each column's bind
processor once (the same conversions: enum values, JSON text, UTC times) and Python-side
defaults for the columns the rows leave out, and hands plain tuples to the driver in the
session's transaction: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
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
    for row in rows:
        if len(row) != len(keys):
            raise ValueError(f"rows for {table.name} do not all have the same columns")
    converted_columns = []
    for name, column in zip(names, columns, strict=True):
        bind_type = compiled.binds[name].type
        if column in keys:
            values = [row[column] for row in rows]
        else:
            values = [defaults[column]() for _ in rows]
        process = bind_type.dialect_impl(dialect).bind_processor(dialect)
        converted_columns.append(_converted(values, process, memo=not isinstance(bind_type, JSON)))
    converted: list[Any] = list(zip(*converted_columns, strict=True))
    if dialect.name == "postgresql":
        _copy(connection, table, columns, converted)
        return
    assert compiled.positional, "SQLite takes positional parameters"
    connection.exec_driver_sql(compiled.string, converted)


def _copy(connection: Connection, table: Table, columns: list[str], rows: list[Any]) -> None:
    """PostgreSQL's COPY, the fastest way in (several times an executemany's speed); the
    rows are adapted by psycopg as an INSERT's parameters would be."""
    quote = connection.dialect.identifier_preparer
    names = ", ".join(quote.quote(column) for column in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor, cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _converted(values: list[Any], process: Processor, *, memo: bool) -> list[Any]:
    """``values`` as the driver takes them. Values that repeat (the import's time, an enum,
    a date) are converted once: equal values convert alike."""
    if process is None:
        return values
    if not memo:
        return [process(value) for value in values]
    done: dict[Any, Any] = {}
    out = []
    for value in values:
        try:
            out.append(done[value])
        except KeyError:
            done[value] = result = process(value)
            out.append(result)
    return out


def _default(table: Table, column: str) -> Callable[[], Any]:
    """What SQLAlchemy would put in a column the rows leave out: its Python-side default."""
    default = table.c[column].default
    if default is None or not (default.is_scalar or default.is_callable):
        raise ValueError(f"rows for {table.name} must give {column}")
    arg = default.arg  # type: ignore[attr-defined]
    if default.is_scalar:
        return lambda: arg
    return lambda: arg(None)  # a callable default, wrapped by SQLAlchemy to take a context
