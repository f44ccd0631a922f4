"""Staff accounts: passwords kept one-way (argon2id), sign-in with lock-out, and the
rules for who may create whom."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import AccessAction, Role
from db.errors import UserError
from db.models import META_DEMO_PASSWORD, AppMeta, CommunityCentre, StaffUser
from db.queries import the_centre
from desktop.context import AppContext
from desktop.korean import joined, quoted
from desktop.security import audit
from desktop.security.access import Actor, Permission, Terminal, require

# argon2-cffi's defaults follow RFC 9106's second recommendation (argon2id, 64 MiB).
HASHER = PasswordHasher()
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
DEMO_PASSWORD = "anbu-demo-1234"


class AccountError(UserError):
    """A sign-in or account change that cannot be done; the message says why."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: Role
    centre: str | None
    active: bool
    locked: bool


def _normalise(username: str) -> str:
    return unicodedata.normalize("NFC", username.strip())


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"비밀번호는 {MIN_PASSWORD}자 이상이어야 합니다.")
    if password.isdigit() or password.isalpha():
        raise AccountError("비밀번호에는 글자와 숫자(또는 기호)를 함께 넣어 주십시오.")


def count_accounts(ctx: AppContext) -> int:
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(StaffUser)) or 0


def _centre_id(session: Session, centre: str | None) -> int | None:
    """A centre named by its code, its 동 name or its number."""
    if centre is None:
        return None
    found = the_centre(session, centre)
    if found is None:
        raise AccountError(
            f"행정복지센터 {joined(quoted(centre), '을')} 찾지 못했습니다 (코드나 동 이름)."
        )
    return found.id


def add_user(
    ctx: AppContext,
    username: str,
    password: str,
    *,
    role: Role,
    display_name: str | None = None,
    centre: str | None = None,
    hashed: str | None = None,
) -> int:
    """Create an account. The first account of a database must be an administrator and
    needs no sign-in; every later one is created by a signed-in administrator. ``hashed``
    is ``password`` hashed already (the demo gives all its accounts one password)."""
    username = _normalise(username)
    if not username or len(username) > 40:
        raise AccountError("아이디는 1~40자로 정해 주십시오.")
    check_password_rules(password)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        first = not session.scalar(select(func.count()).select_from(StaffUser))
        if first:
            if role is not Role.ADMIN:
                raise AccountError("이 데이터베이스의 첫 계정은 관리자여야 합니다 (--role admin).")
        else:
            require(ctx, Permission.MANAGE_USERS)
        if session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
            raise AccountError(f"아이디 {joined(quoted(username), '은')} 이미 있습니다.")
        centre_id = _centre_id(session, centre)
        if (
            role is not Role.ADMIN
            and centre_id is None
            and session.scalar(select(func.count()).select_from(CommunityCentre))
        ):
            raise AccountError("관리자가 아닌 계정은 소속 행정복지센터가 있어야 합니다 (--centre).")
        user = StaffUser(
            username=username,
            display_name=(display_name or username).strip()[:40],
            role=role,
            centre_id=centre_id,
            password_hash=hashed or HASHER.hash(password),
            active=True,
            failed_logins=0,
            created_at=ctx.clock(),
        )
        session.add(user)
        session.flush()
        if ctx.actor is not None:
            audit.record(session, ctx, AccessAction.CREATE, f"staff:{user.id}", detail="계정 생성")
        return user.id


def authenticate(
    ctx: AppContext, username: str, password: str, terminal: Terminal | None = None
) -> Actor:
    """Check a password and return the signed-in account; after ``MAX_FAILURES`` wrong
    passwords in a row the account is locked for ``LOCK_MINUTES`` minutes."""
    username = _normalise(username)
    now = ctx.clock()
    wrong = AccountError("아이디 또는 비밀번호가 맞지 않습니다.")
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        user = session.scalar(
            select(StaffUser).where(StaffUser.username == username).with_for_update()
        )
        if user is None or not user.password_hash:
            HASHER.hash(password)  # the same time whether or not the account exists
            raise wrong
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise AccountError(
                f"비밀번호를 {MAX_FAILURES}번 틀려 계정이 잠겼습니다. {minutes}분 뒤에 다시 하십시오."
            )
        try:
            HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_logins = (user.failed_logins or 0) + 1
            if user.failed_logins >= MAX_FAILURES:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_logins = 0
        else:
            if not user.active:
                # Said only to whoever knows the password: to anyone else a disabled
                # account answers as a wrong password does, so it does not tell it exists.
                raise AccountError("사용이 중지된 계정입니다. 관리자에게 문의하십시오.")
            user.failed_logins = 0
            user.locked_until = None
            if HASHER.check_needs_rehash(user.password_hash):
                user.password_hash = HASHER.hash(password)
            return Actor(
                user.id,
                user.username,
                user.display_name,
                user.role,
                user.centre_id,
                terminal or Terminal.this_machine(),
                user.session_epoch,
            )
    # Committed above (the failure count must stick), refused here.
    raise wrong


def sign_in(ctx: AppContext, username: str, password: str) -> Actor:
    ctx.actor = authenticate(ctx, username, password)
    return ctx.actor


def confirm_password(ctx: AppContext, password: str) -> None:
    """The signed-in person proves again who they are (unlocking an idle session)."""
    actor = ctx.actor
    if actor is None:
        raise AccountError("로그인한 계정이 없습니다.")
    authenticate(ctx, actor.username, password, actor.terminal)


def set_password(ctx: AppContext, username: str, password: str) -> None:
    """Administrators reset anyone's password; everyone may change their own."""
    username = _normalise(username)
    actor = ctx.actor
    if actor is None or actor.username != username:
        require(ctx, Permission.MANAGE_USERS)
    check_password_rules(password)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None:
            raise AccountError(f"아이디 {joined(quoted(username), '을')} 찾지 못했습니다.")
        user.password_hash = HASHER.hash(password)
        user.failed_logins = 0
        user.locked_until = None
        # Sessions signed in with the old password end at their next action (yours too:
        # sign in again with the new one), whoever changed it.
        user.session_epoch = (user.session_epoch or 0) + 1
        audit.record(session, ctx, AccessAction.UPDATE, f"staff:{user.id}", detail="비밀번호 변경")
        if ctx.actor is not None and ctx.actor.staff_id == user.id:
            ctx.actor = replace(ctx.actor, session_epoch=user.session_epoch)


def set_active(ctx: AppContext, username: str, active: bool) -> None:
    require(ctx, Permission.MANAGE_USERS)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        user = session.scalar(select(StaffUser).where(StaffUser.username == _normalise(username)))
        if user is None:
            raise AccountError(f"아이디 {joined(quoted(username), '을')} 찾지 못했습니다.")
        user.active = active
        user.session_epoch = (user.session_epoch or 0) + 1  # its sessions end now
        audit.record(
            session,
            ctx,
            AccessAction.UPDATE,
            f"staff:{user.id}",
            detail="계정 사용" if active else "계정 중지",
        )


def list_accounts(ctx: AppContext) -> list[Account]:
    require(ctx, Permission.MANAGE_USERS)
    now = ctx.clock()
    with ctx.session() as session:
        rows = session.execute(
            select(StaffUser, CommunityCentre)
            .outerjoin(CommunityCentre, CommunityCentre.id == StaffUser.centre_id)
            .order_by(StaffUser.username)
        )
        return [
            Account(
                u.id,
                u.username,
                u.display_name,
                u.role,
                c.name if c else None,
                u.active,
                u.locked_until is not None and u.locked_until > now,
            )
            for u, c in rows
        ]


# -- demo accounts ------------------------------------------------------------------------


def give_demo_passwords(session: Session) -> None:
    """Demo staff all sign in with ``DEMO_PASSWORD`` (shown on the login screen, and only
    for a database marked as demo data)."""
    hashed = HASHER.hash(DEMO_PASSWORD)
    for user in session.scalars(select(StaffUser).where(StaffUser.password_hash.is_(None))):
        user.password_hash = hashed
    session.merge(AppMeta(key=META_DEMO_PASSWORD, value=DEMO_PASSWORD))


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    centre: str | None


def demo_accounts(ctx: AppContext, limit: int = 6) -> tuple[list[DemoAccount], str | None]:
    """Accounts to show on the login screen of a demo database (nothing otherwise)."""
    if not ctx.is_demo():
        return [], None
    with ctx.session() as session:
        meta = session.get(AppMeta, META_DEMO_PASSWORD)
        rows = session.execute(
            select(StaffUser, CommunityCentre)
            .outerjoin(CommunityCentre, CommunityCentre.id == StaffUser.centre_id)
            .where(StaffUser.active.is_(True))
            .order_by(StaffUser.id)
            .limit(limit)
        )
        accounts = [
            DemoAccount(u.username, u.display_name, u.role, c.dong if c else None) for u, c in rows
        ]
    return accounts, meta.value if meta else None
