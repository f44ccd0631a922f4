"""What went wrong in the database, as a Korean sentence a welfare worker can act on.

The drivers say it in English with SQL attached ("(sqlite3.OperationalError) database or
disk is full [SQL: INSERT INTO ...]"): fine for a log, no use to the person at the desk.
The conditions are recognised by their codes (SQLite's result codes, PostgreSQL's
SQLSTATE), never by the English text.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from typing import ClassVar

import psycopg
from sqlalchemy.exc import DBAPIError


class ErrorKind(Enum):
    """Where the handling of a ``UserError`` differs; most are ``PROBLEM``."""

    PROBLEM = "problem"  # said as it is; the person acts on it
    UNREADABLE = "unreadable"  # a file that cannot be read at all (the import's exit code 2)
    STOPPED = "stopped"  # work stopped part-way, what was done kept
    CONFLICT = "conflict"  # someone else changed it first: show the newer version
    SIGN_IN = "sign_in"  # no one signed in, or the session ended: sign in (again)
    DENIED = "denied"  # the account may not do this


class UserError(Exception):
    """A problem a person can act on. Its message is a whole Korean sentence, shown alone:
    never a traceback, never Python's text inside it. Every error of the program's own
    subclasses this, so the CLI, the client's start and its background tasks each catch
    one type."""

    kind: ClassVar[ErrorKind] = ErrorKind.PROBLEM


_SQLITE = {
    sqlite3.SQLITE_FULL: "저장 공간(디스크)이 가득 찼습니다",
    sqlite3.SQLITE_IOERR: "디스크를 읽거나 쓰는 중 오류가 났습니다",
    sqlite3.SQLITE_READONLY: "데이터베이스 파일에 쓸 수 없습니다 (읽기 전용)",
    sqlite3.SQLITE_CANTOPEN: "데이터베이스 파일을 열 수 없습니다",
    sqlite3.SQLITE_BUSY: "다른 작업이 데이터베이스를 쓰고 있어 기다리다 멈췄습니다",
    sqlite3.SQLITE_LOCKED: "다른 작업이 데이터베이스를 쓰고 있어 기다리다 멈췄습니다",
    sqlite3.SQLITE_CORRUPT: "데이터베이스 파일이 손상되었습니다 (백업에서 되돌리십시오)",
}

_POSTGRESQL = {  # SQLSTATE classes and codes
    "53100": "데이터베이스 서버의 저장 공간(디스크)이 가득 찼습니다",
    "53": "데이터베이스 서버의 자원(메모리, 연결 수)이 부족합니다",
    "08": "데이터베이스 서버와의 연결이 끊어졌습니다",
    "57P": "데이터베이스 서버가 멈추었거나 다시 시작하는 중입니다",
    "40001": "다른 사용자의 작업과 겹쳤습니다",
    "40P01": "다른 사용자의 작업과 겹쳤습니다",
    "25006": "데이터베이스가 읽기 전용입니다",
    "28": "데이터베이스 서버가 이 계정이나 암호를 받아들이지 않았습니다",
    "3D000": "서버에 그 이름의 데이터베이스가 없습니다 (주소의 데이터베이스 이름을 확인하십시오)",
}
# libpq's own failures carry no SQLSTATE: the server could not be reached, it dropped the
# connection, or it could not prove itself as sslmode=verify-full asks.
_UNREACHABLE = (
    "데이터베이스 서버에 연결할 수 없습니다 (서버 주소와 포트, 서버가 켜져 있는지, "
    "sslmode=verify-full이면 구청 인증서(root.crt)와 서버 이름을 확인하십시오)"
)


def describe_database_error(exc: BaseException) -> str | None:
    """A Korean sentence for a database failure the person can do something about (space,
    a lost connection, a busy database), or ``None`` when it is none of those."""
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(cause, sqlite3.Error):
        code = getattr(cause, "sqlite_errorcode", None)
        return None if code is None else _SQLITE.get(code & 0xFF)  # extended -> primary
    sqlstate = getattr(cause, "sqlstate", None)
    if isinstance(sqlstate, str):
        for length in (5, 3, 2):
            if (text := _POSTGRESQL.get(sqlstate[:length])) is not None:
                return text
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return _POSTGRESQL["08"]
    if isinstance(cause, psycopg.OperationalError) and sqlstate is None:
        return _UNREACHABLE
    return None


class DatabaseProblem(UserError):
    """A database failure said as its Korean sentence; the driver's error is its cause."""


def as_told(exc: BaseException) -> BaseException:
    """``exc`` as a ``DatabaseProblem`` when it is a failure ``describe_database_error``
    knows, else ``exc`` itself: for the places that show any error to a person."""
    problem = describe_database_error(exc)
    if problem is None:
        return exc
    told = DatabaseProblem(problem)
    told.__cause__ = exc
    return told
