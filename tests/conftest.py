"""Test fixtures: a fresh database per test on SQLite or PostgreSQL, an in-memory keyring.

The backend is chosen by ``ANBU_TEST_DB`` (``sqlite``, the default, or ``postgresql``);
PostgreSQL is reached at ``ANBU_TEST_PG_URL`` (default: the local trust-auth ``test``
database). Each run works in a schema of its own and drops it at the end, so two runs
never collide.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db import migrate
from db.engine import make_engine, sqlite_url, temporary_schema
from db.enums import Role
from db.models import Base, StaffUser
from desktop.context import AppContext, open_database
from desktop.security import accounts
from desktop.security.access import Actor, Terminal
from tests.helpers.keyring_memory import MemoryKeyring

BACKEND = os.environ.get("ANBU_TEST_DB", "sqlite")
PG_URL = os.environ.get("ANBU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FIXED_NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 2026-11-20 10:00 Korea time


def pytest_report_header() -> str:
    return f"anbu test database: {BACKEND}"


@pytest.fixture(autouse=True, scope="session")
def _private_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings go to a folder of this run, never the developer's own settings."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def _fresh_qt_settings() -> None:
    """Each test starts with no saved window layout."""
    from PySide6.QtCore import QSettings

    QSettings().clear()


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This PC's settings file lives in the test's own folder."""
    folder = tmp_path / "config"
    monkeypatch.setenv("ANBU_CONFIG_DIR", str(folder))
    # This PC's data folder too (where it keeps the access log's last head it saw).
    monkeypatch.setenv("ANBU_DATA_DIR", str(tmp_path / "data"))
    return folder


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


TEST_USER = "tester"
TEST_PASSWORD = "tester-pass-1"
# Cheap parameters for the tests' own hashing; the stored hash carries its parameters, so
# verifying it (in-process or in a CLI subprocess) costs as little.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _add_tester(url: str) -> None:
    """Every test database starts with one administrator, ``tester``."""
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        session.add(
            StaffUser(
                username=TEST_USER,
                display_name="시험관리자",
                role=Role.ADMIN,
                centre_id=None,
                password_hash=FAST_HASHER.hash(TEST_PASSWORD),
                active=True,
                failed_logins=0,
                created_at=FIXED_NOW,
            )
        )
    engine.dispose()


@pytest.fixture(autouse=True)
def _test_account(monkeypatch: pytest.MonkeyPatch) -> None:
    """Command-line runs sign in as ``tester``; new accounts are hashed cheaply."""
    monkeypatch.setenv("ANBU_USER", TEST_USER)
    monkeypatch.setenv("ANBU_PASSWORD", TEST_PASSWORD)
    monkeypatch.setattr(accounts, "HASHER", FAST_HASHER)


def as_tester(ctx: AppContext) -> Actor:
    with ctx.session() as session:
        user_id = session.scalar(select(StaffUser.id).where(StaffUser.username == TEST_USER))
    return Actor(
        user_id, TEST_USER, "시험관리자", Role.ADMIN, None, Terminal("test-pc", "10.0.0.1")
    )


@pytest.fixture(scope="session")
def _database_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, empty database made once per run: a file (SQLite) or a schema (PG)."""
    if BACKEND == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.db"
        engine = make_engine(sqlite_url(path))
        migrate.upgrade(engine)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        yield str(path)
        return
    with temporary_schema(PG_URL, "anbu_test") as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url


def _truncate_pg(url: str) -> None:
    engine = make_engine(url)
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        # The access log refuses TRUNCATE (its trigger): the test owner lifts it a moment.
        connection.execute(text("ALTER TABLE access_log DISABLE TRIGGER USER"))
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        connection.execute(text("ALTER TABLE access_log ENABLE TRIGGER USER"))
    # A test may have stamped another schema version; every test starts at head.
    migrate.stamp(engine, migrate.head_revision())
    engine.dispose()


@pytest.fixture
def db_url(_database_template: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a migrated, empty database that belongs to this test alone."""
    if BACKEND == "sqlite":
        path = tmp_path / "anbu.db"
        shutil.copyfile(_database_template, path)
        _add_tester(sqlite_url(path))
        yield sqlite_url(path)
        return
    _truncate_pg(_database_template)
    _add_tester(_database_template)
    yield _database_template
    _finish_gui_tasks()
    _truncate_pg(_database_template)


def _finish_gui_tasks() -> None:
    """Let a GUI test's background loads end before its database is closed and emptied.

    A load still running would hold locks that the emptying waits on (PostgreSQL
    reported the deadlock).
    """
    if "ui.tasks" in sys.modules:
        assert sys.modules["ui.tasks"].finish_tasks(), "a background task did not end"


@pytest.fixture
def ctx(db_url: str) -> Iterator[AppContext]:
    """An open database with keys, and a clock fixed at ``FIXED_NOW``."""
    context = open_database(db_url)
    context.clock = lambda: FIXED_NOW
    context.actor = as_tester(context)
    yield context
    _finish_gui_tasks()
    context.close()


@pytest.fixture
def empty_url(tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all (for migration tests)."""
    if BACKEND == "sqlite":
        yield sqlite_url(tmp_path / "empty.db")
        return
    with temporary_schema(PG_URL, "anbu_empty") as url:
        yield url
