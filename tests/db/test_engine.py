"""What a long import's transactions are bound to: on SQLite one connection, whose
transactions take the write lock and which has a larger page cache while the import lasts,
and only then; on PostgreSQL the engine (see test_import for a server that drops it)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Connection, func, select

from db.bulk import insert_rows
from db.engine import BULK_CACHE_KIB, CACHE_KIB, bulk_bind
from db.models import Alert, table
from desktop.context import AppContext
from tests.helpers.rows import alert_row


def _cache_kib(driver: sqlite3.Connection) -> int:
    return -int(driver.execute("PRAGMA cache_size").fetchone()[0])


def test_an_import_connection_has_a_larger_cache_until_it_is_given_back(
    ctx: AppContext,
) -> None:
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's cache is the server's")
    with bulk_bind(ctx.engine) as connection:
        assert isinstance(connection, Connection)
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        assert _cache_kib(driver) == BULK_CACHE_KIB
        with ctx.sessions(bind=connection) as session, session.begin():
            insert_rows(session, table(Alert), [alert_row(1, "S1")])
        assert _cache_kib(driver) == BULK_CACHE_KIB  # for every chunk, not only the first
    assert _cache_kib(driver) == CACHE_KIB  # the pool's connection is as any other again


def test_an_import_connection_takes_the_write_lock_when_a_transaction_begins(
    ctx: AppContext,
) -> None:
    """Reading first and writing later in a deferred transaction could fail with 'database
    is locked' halfway through a chunk; the lock is taken before anything is read."""
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    with bulk_bind(ctx.engine) as connection:
        assert isinstance(connection, Connection)
        connection.begin()  # rolled back when the connection is given back
        connection.execute(select(func.count()).select_from(Alert))
        other = sqlite3.connect(str(ctx.engine.url.database), timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_what_an_import_connection_writes_is_committed(ctx: AppContext) -> None:
    with bulk_bind(ctx.engine) as bind:
        for n in (1, 2):
            with ctx.sessions(bind=bind) as session, session.begin():
                insert_rows(session, table(Alert), [alert_row(n, f"S{n}")])
    with ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 2
