"""Opening the database: SQLite by default, PostgreSQL for a shared installation."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BEGIN = "sqlite_begin"
WRITE_LOCK = {SQLITE_BEGIN: "IMMEDIATE"}  # execution options for a transaction that writes
CACHE_KIB = 16 * 1024  # SQLite's page cache per connection
BULK_CACHE_KIB = 64 * 1024  # ... while a connection imports (see bulk_bind)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def normalise_url(url: str | URL) -> URL:
    """Use psycopg 3 for PostgreSQL whatever driver the URL names (or none)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL, *, echo: bool = False) -> Engine:
    """An engine configured the way Anbu Desk needs it.

    SQLite: WAL journal with ``synchronous=FULL`` (a committed case survives a power cut),
    foreign keys enforced, a busy timeout so the client and an import can share the file,
    and a 16 MB page cache (64 MB for an import, ``bulk_bind``). PostgreSQL: a schema
    other than ``public`` is chosen in the URL itself (``?options=-csearch_path%3Dname``,
    see ``with_search_path``); each connection may sort in 32 MB of memory and does
    without JIT. Both: JSON keeps Korean text as it is
    rather than as ``\\uXXXX`` escapes (a third of the size on SQLite).
    """
    parsed = normalise_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "json_serializer": _json_text}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
        engine = create_engine(parsed, **kwargs)
        _configure_sqlite(engine, in_memory=database in ("", ":memory:"))
        return engine
    kwargs["pool_pre_ping"] = True
    engine = create_engine(parsed, **kwargs)
    _configure_postgresql(engine)
    return engine


# One encoder for every value: json.dumps with any option builds a new one each call, a
# third of the time of encoding a small value (an import encodes five a record).
_json_text = json.JSONEncoder(ensure_ascii=False).encode


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The case list sorts up to 100,000 rows: with the server's default 4 MB that sort
        # spills to disk. JIT compiling costs more than it saves on queries this size.
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET work_mem = '32MB'")
            cursor.execute("SET jit = off")
        dbapi_connection.commit()


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The sqlite3 module's own transaction handling is replaced by explicit BEGINs so
        # that SQLAlchemy's transactions are real ones (and SAVEPOINT works).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        # A long import writes many megabytes: copying the WAL back every 64 MB rather
        # than every 4 MB writes each much-changed index page once instead of many times.
        cursor.execute("PRAGMA wal_autocheckpoint=16384")
        cursor.execute("PRAGMA journal_size_limit=67108864")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer that must read-then-write safely (e.g. reserving ids) asks for the write
        # lock up front with execution_options(sqlite_begin="IMMEDIATE").
        if connection.get_execution_options().get(SQLITE_BEGIN) == "IMMEDIATE":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


@contextmanager
def bulk_bind(engine: Engine) -> Iterator[Engine | Connection]:
    """What the transactions of a long import are bound to.

    SQLite: one connection for the whole import, each of its transactions taking the write
    lock at BEGIN, with a page cache four times the usual while it lasts. Every chunk of an
    import dirties most pages of the tables' indexes; with the usual cache it read them
    again from the file (6 GB over 100,000 records into 50,000 households; now 2 GB).
    PostgreSQL: the engine, so that each chunk takes a pooled connection checked before use
    and an import goes on when the server restarted between two chunks.
    """
    if engine.dialect.name != "sqlite":
        yield engine
        return
    with engine.connect() as connection:
        _outside_transaction(connection, f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        connection.execution_options(**WRITE_LOCK)
        try:
            yield connection
        finally:
            if not connection.invalidated and not connection.in_transaction():
                _outside_transaction(connection, f"PRAGMA cache_size=-{CACHE_KIB}")


def _outside_transaction(connection: Connection, sql: str) -> None:
    """Run a setting on the driver's connection: through SQLAlchemy it would begin a
    transaction (one that takes the write lock, on a bulk connection)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(sql)


def with_search_path(url: str | URL, schema: str) -> str:
    """``url`` with PostgreSQL's ``search_path`` set to ``schema`` (kept in the URL, so every
    engine, the CLI and Alembic made from it work in that schema)."""
    parsed = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return parsed.render_as_string(hide_password=False)


@contextmanager
def temporary_schema(url: str | URL, prefix: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL schema in the database ``url`` names, dropped afterwards;
    yields the URL that works in it. For tests and benchmarks, so runs never collide."""
    schema = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    try:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield with_search_path(url, schema)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
