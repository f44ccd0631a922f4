"""The application context: one open database and what is needed to work on it.

Every service receives the context (or a session and the protector from it); nothing
reaches for globals.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_session_factory
from db.models import AppMeta
from desktop import secrets
from desktop.protect import FieldProtector, KeySet
from desktop.timeutil import utc_now

if TYPE_CHECKING:
    from desktop.access import Actor

META_IDENTITY = "database_identity"
META_KEY_CHECK = "key_check"
META_DEMO = "demo_data"
META_AUDIT_HEAD = "audit_head"  # the access log's newest link (see desktop.audit)
META_AUDIT_HEAD_SIGNED = "audit_head_signed"  # the head has been keyed since (see audit)


class WrongKeysError(Exception):
    def __init__(self) -> None:
        super().__init__(
            "키 저장소의 암호화 키가 이 데이터베이스와 맞지 않습니다. 올바른 키 파일을 복원하십시오. "
            "데이터는 변경하지 않았습니다."
        )


@dataclass
class AppContext:
    engine: Engine
    sessions: sessionmaker[Session]
    protector: FieldProtector
    identity: str
    clock: Callable[[], datetime] = field(default=utc_now)
    actor: Actor | None = None  # who is signed in (desktop.accounts.sign_in)

    def session(self) -> Session:
        return self.sessions()

    def is_demo(self) -> bool:
        with self.session() as session:
            return session.get(AppMeta, META_DEMO) is not None

    def mark_demo(self) -> None:
        with self.sessions.begin() as session:
            session.merge(AppMeta(key=META_DEMO, value="1"))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(url: URL | str) -> AppContext:
    """Open (and if needed create or upgrade) the database and unlock its keys.

    Raises ``SchemaTooNewError``, ``ForeignDatabaseError``, ``KeyringUnavailableError``,
    ``KeysMissingError`` or ``WrongKeysError`` with a message for the user; nothing is
    written in any of those cases.
    """
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        sessions = make_session_factory(engine)
        keys = _unlock(sessions)
    except BaseException:
        engine.dispose()
        raise
    ctx = AppContext(engine, sessions, FieldProtector(keys), _identity(sessions))
    from desktop.audit import sign_legacy_head

    try:
        sign_legacy_head(ctx)
    except BaseException:
        engine.dispose()
        raise
    return ctx


def _identity(sessions: sessionmaker[Session]) -> str:
    with sessions() as session:
        meta = session.get(AppMeta, META_IDENTITY)
        assert meta is not None
        return meta.value


def _unlock(sessions: sessionmaker[Session]) -> KeySet:
    with sessions.begin() as session:
        meta = {m.key: m.value for m in session.scalars(select(AppMeta))}
        identity = meta.get(META_IDENTITY)
        if identity is None:
            identity = str(uuid.uuid4())
            session.add(AppMeta(key=META_IDENTITY, value=identity))
        if META_AUDIT_HEAD not in meta:
            session.add(AppMeta(key=META_AUDIT_HEAD, value="0:"))
        keys = secrets.load_keys(identity)
        check = meta.get(META_KEY_CHECK)
        if check is None:
            if keys is None:
                keys = KeySet.generate()
                secrets.store_keys(identity, keys)
            session.add(AppMeta(key=META_KEY_CHECK, value=keys.check_value()))
            return keys
        if keys is None:
            raise secrets.KeysMissingError(identity)
        if not keys.accepts(check):
            raise WrongKeysError()
        if keys.check_value() != check:  # a rotation stopped before it told the database
            session.merge(AppMeta(key=META_KEY_CHECK, value=keys.check_value()))
        return keys
