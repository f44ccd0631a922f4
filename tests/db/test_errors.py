"""Database failures told in Korean, recognised by code: real SQLite errors, PostgreSQL's
error classes as psycopg raises them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg.errors
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from db.errors import DatabaseProblem, as_told, describe_database_error


def _raised(action: object) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action()  # type: ignore[operator]
    return caught.value


def test_a_full_disk_is_told_as_such() -> None:
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE t (x BLOB)")
    pages = database.execute("PRAGMA page_count").fetchone()[0]
    database.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full now
    error = _raised(lambda: database.execute("INSERT INTO t VALUES (zeroblob(100000))"))
    wrapped = OperationalError("INSERT INTO t", {}, error)
    assert describe_database_error(wrapped) == "저장 공간(디스크)이 가득 찼습니다"


def test_a_database_another_program_writes_is_told_as_busy(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        error = _raised(lambda: other.execute("BEGIN IMMEDIATE"))
    finally:
        other.close()
        writer.close()
    assert "다른 작업이 데이터베이스를 쓰고 있어" in (describe_database_error(error) or "")


@pytest.mark.parametrize(
    ("error", "told"),
    [
        (psycopg.errors.DiskFull(), "저장 공간(디스크)이 가득 찼습니다"),
        (psycopg.errors.TooManyConnections(), "자원(메모리, 연결 수)이 부족합니다"),
        (psycopg.errors.AdminShutdown(), "멈추었거나 다시 시작하는 중"),
        (psycopg.errors.SerializationFailure(), "다른 사용자의 작업과 겹쳤습니다"),
        (psycopg.errors.ConnectionFailure(), "연결이 끊어졌습니다"),
        (psycopg.errors.InvalidPassword(), "계정이나 암호를 받아들이지 않았습니다"),
        (psycopg.errors.InvalidCatalogName(), "그 이름의 데이터베이스가 없습니다"),
    ],
)
def test_postgresql_failures_are_told_by_their_sqlstate(error: Exception, told: str) -> None:
    assert told in (describe_database_error(OperationalError("SELECT 1", {}, error)) or "")


def test_a_mistake_in_the_program_is_not_dressed_up_as_the_persons_problem() -> None:
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    database.execute("INSERT INTO t VALUES (1)")
    error = _raised(lambda: database.execute("INSERT INTO t VALUES (1)"))
    assert describe_database_error(IntegrityError("INSERT", {}, error)) is None
    unique = psycopg.errors.UniqueViolation()
    assert describe_database_error(IntegrityError("INSERT", {}, unique)) is None
    assert describe_database_error(ValueError("not a database error")) is None


def test_a_known_failure_is_told_as_a_database_problem_with_the_driver_error_behind_it() -> None:
    wrapped = OperationalError("INSERT", {}, psycopg.errors.DiskFull())
    told = as_told(wrapped)
    assert isinstance(told, DatabaseProblem)
    assert str(told) == "데이터베이스 서버의 저장 공간(디스크)이 가득 찼습니다"
    assert told.__cause__ is wrapped
    mistake = ValueError("a bug")
    assert as_told(mistake) is mistake


def test_a_server_that_cannot_be_reached_is_told_what_to_check() -> None:
    """libpq's own failures (no server there, a certificate that does not verify) carry no
    SQLSTATE: the person is told what to check, never the driver's English."""
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect("postgresql://nobody@127.0.0.1:1/none", connect_timeout=2)
    error = caught.value
    told = describe_database_error(OperationalError("connect", {}, error)) or ""
    assert "데이터베이스 서버에 연결할 수 없습니다" in told and "sslmode" in told
