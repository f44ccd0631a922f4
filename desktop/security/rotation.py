"""Rotating the data-encryption key without stopping work.

``rotate`` makes a new data key (the index key stays, so searches, backups and the
access-log chain are untouched), puts it in the keyring with the old one kept beside it,
tells the database, then re-encrypts every sealed value in small transactions of their
own: the program (and other users) go on working meanwhile, since the old key still
opens what is not re-encrypted yet. When nothing uses the old key any more, it is dropped
from the keyring. Stopped halfway (a closed laptop), ``finish`` completes the work.

On a shared PostgreSQL database the other PCs need the new keys: export them
(``anbu keys export``) and import them there; until then those PCs are told their keys do
not fit, and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, update

from db.engine import WRITE_LOCK
from db.enums import AccessAction
from db.models import (
    META_KEY_CHECK,
    SEALED_COLUMNS,
    AppMeta,
)
from desktop.context import AppContext
from desktop.security import audit, secrets
from desktop.security.access import Permission, require
from desktop.security.protect import FieldProtector, KeySet

BATCH = 500


@dataclass
class RotationReport:
    key_id: int
    re_encrypted: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        counts = ", ".join(f"{name} {count:,}" for name, count in self.re_encrypted.items())
        return f"데이터 키 {self.key_id}번으로 다시 암호화했습니다: {counts or '대상 없음'}"


def _keys(ctx: AppContext) -> KeySet:
    keys = secrets.load_keys(ctx.identity)
    if keys is None:
        raise secrets.KeysMissingError(ctx.identity)
    return keys


def rotate(ctx: AppContext, progress: Callable[[str, int], None] | None = None) -> RotationReport:
    require(ctx, Permission.ADMINISTER)
    new = _keys(ctx).rotated()
    secrets.store_keys(ctx.identity, new)  # first the keyring: it can open old and new
    ctx.protector = FieldProtector(new)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        session.merge(AppMeta(key=META_KEY_CHECK, value=new.check_value()))
        audit.record(
            session,
            ctx,
            AccessAction.UPDATE,
            "keys",
            detail=f"데이터 키 교체 ({new.key_id - 1} → {new.key_id})",
        )
    return finish(ctx, progress)


def finish(ctx: AppContext, progress: Callable[[str, int], None] | None = None) -> RotationReport:
    """Re-encrypt whatever an older key still seals, then forget the older keys."""
    require(ctx, Permission.ADMINISTER)
    keys = _keys(ctx)
    protector = FieldProtector(keys)
    report = RotationReport(keys.key_id)
    for model, attribute, column in SEALED_COLUMNS:
        name = f"{model.__tablename__}.{attribute}"
        column_attr = getattr(model, attribute)
        last, done = 0, 0
        while True:
            with ctx.sessions.begin() as session:
                session.connection(execution_options=WRITE_LOCK)
                rows = session.execute(
                    select(model.id, column_attr)
                    .where(model.id > last, column_attr.is_not(None))
                    .order_by(model.id)
                    .limit(BATCH)
                ).all()
                if not rows:
                    break
                last = rows[-1][0]
                changes = [
                    {
                        "row_id": row_id,
                        "sealed": protector.encrypt(protector.decrypt(blob, column), column),
                    }
                    for row_id, blob in rows
                    if FieldProtector.key_id_of(blob) != keys.key_id
                ]
                for change in changes:
                    session.execute(
                        update(model)
                        .where(model.id == change["row_id"])
                        .values({attribute: change["sealed"]})
                    )
                done += len(changes)
            if progress is not None:
                progress(name, done)
        report.re_encrypted[name] = done
    if keys.older:
        secrets.store_keys(ctx.identity, keys.without_older())
        ctx.protector = FieldProtector(keys.without_older())
    return report
