"""The application context: one open database and what is needed to work on it.

Every service receives the context (or a session and the protector from it); nothing
reaches for globals.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_session_factory
from db.errors import UserError
from db.models import (
    META_AUDIT_HEAD,
    META_DEMO,
    META_IDENTITY,
    META_KEY_CHECK,
    SEALED_COLUMNS,
    AppMeta,
)
from desktop.casework import warnings
from desktop.security import secrets
from desktop.security.protect import FieldProtector, KeySet
from desktop.timeutil import utc_now

if TYPE_CHECKING:
    from desktop.security.access import Actor
    from desktop.security.keyfile import DatabaseKeys

KEYED_HEAD_REVISION = "0010"  # from this schema on the access log's head is keyed


class WrongKeysError(UserError):
    def __init__(self) -> None:
        super().__init__(
            "키 저장소의 암호화 키가 이 데이터베이스와 맞지 않습니다. 올바른 키 파일을 복원하십시오. "
            "데이터는 변경하지 않았습니다."
        )


class KeyCheckMissingError(UserError):
    def __init__(self) -> None:
        super().__init__(
            "데이터베이스에 암호화된 자료가 있는데 키 확인 값이 없어졌고, 이 PC에는 키가 "
            "없습니다. 새 키를 만들지 않았습니다: 키 파일을 'anbu keys import'로 복원하십시오."
        )


def _ciphertext_sample(session: Session) -> tuple[bytes, str] | None:
    """One sealed value of the database and the column it is bound to, if it has any."""
    for model, attribute, name in SEALED_COLUMNS:
        column = getattr(model, attribute)
        blob = session.scalar(select(column).where(column.is_not(None)).limit(1))
        if blob is not None:
            return blob, name
    return None


@dataclass
class AppContext:
    engine: Engine
    sessions: sessionmaker[Session]
    protector: FieldProtector
    identity: str
    clock: Callable[[], datetime] = field(default=utc_now)
    actor: Actor | None = None  # who is signed in (desktop.security.accounts.sign_in)

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
        before = migrate.schema_status(engine).current
        migrate.upgrade(engine)
        sessions = make_session_factory(engine)
        warnings.install(sessions)  # each case's warnings follow what they come from
        keys, new_head = _unlock(sessions)
    except BaseException:
        engine.dispose()
        raise
    ctx = AppContext(engine, sessions, FieldProtector(keys), _identity(sessions))
    # The access log's head is keyed from schema 0010 on: a database from before gets its
    # head signed once, as it stands, on the open that upgrades it (and never again: an
    # unsigned head found later is reported by verify, not signed).
    if new_head or before is None or before < KEYED_HEAD_REVISION:
        from desktop.security.audit import sign_legacy_head

        try:
            sign_legacy_head(ctx)
        except BaseException:
            engine.dispose()
            raise
    return ctx


def database_keys(url: URL | str) -> DatabaseKeys:
    """The identity and key check of the database at ``url`` (read without its keys; an
    empty database or one that cannot be reached says nothing)."""
    from sqlalchemy.engine import make_url

    from desktop.security.keyfile import DatabaseKeys

    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite" and not (
        parsed.database and Path(parsed.database).is_file()
    ):
        return DatabaseKeys(None, None)  # (opening it would create an empty file)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            rows = {m.key: m.value for m in session.scalars(select(AppMeta))}
    except Exception:
        return DatabaseKeys(None, None)
    finally:
        engine.dispose()
    return DatabaseKeys(rows.get(META_IDENTITY), rows.get(META_KEY_CHECK))


def _identity(sessions: sessionmaker[Session]) -> str:
    with sessions() as session:
        meta = session.get(AppMeta, META_IDENTITY)
        assert meta is not None
        return meta.value


def _unlock(sessions: sessionmaker[Session]) -> tuple[KeySet, bool]:
    """The database's keys, and whether its access-log head was made just now."""
    with sessions.begin() as session:
        keys = _unlock_in(session)
        return keys, bool(session.info.get("new_audit_head"))


def _unlock_in(session: Session) -> KeySet:
    meta = {m.key: m.value for m in session.scalars(select(AppMeta))}
    identity = meta.get(META_IDENTITY)
    if identity is None:
        identity = str(uuid.uuid4())
        session.add(AppMeta(key=META_IDENTITY, value=identity))
    if META_AUDIT_HEAD not in meta:
        session.add(AppMeta(key=META_AUDIT_HEAD, value="0:"))
        session.info["new_audit_head"] = True
    keys = secrets.load_keys(identity)
    check = meta.get(META_KEY_CHECK)
    if check is None:
        # New keys only for a database that holds nothing encrypted: with its check
        # value removed, a database full of ciphertext must not get keys over it.
        sample = _ciphertext_sample(session)
        if sample is not None:
            if keys is None:
                raise KeyCheckMissingError()
            try:
                FieldProtector(keys).decrypt(sample[0], sample[1])
            except Exception:
                raise WrongKeysError() from None
        elif keys is None:
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
