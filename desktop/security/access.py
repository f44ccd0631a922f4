"""Who is working, and what their role lets them do.

Every service that touches personal data asks here first (``require``) and, for one
case, whether the case is in the person's community centre (``check_centre``). Hiding a
button in the client is a courtesy; this module is the rule.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from db.enums import Role
from db.errors import ErrorKind, UserError
from db.queries import CaseFilter
from desktop.korean import joined

if TYPE_CHECKING:
    from desktop.context import AppContext


class Permission(StrEnum):
    VIEW = "view"  # case list and case details, masked
    EDIT = "edit"  # case work: status, risk, counselling, support, council
    IMPORT = "import"  # channel files, quarantine, inbox
    REVIEW = "review"  # link suggestions, merge, split, undo
    REVEAL = "reveal"  # full names, phone numbers, raw records (logged)
    PRINT_MASKED = "print_masked"  # council papers, masked case lists
    PRINT_CASE = "print_case"  # a case card with personal data (reason, logged)
    CITY_EXPORT = "city_export"  # figures for the city
    AUDIT = "audit"  # the monthly access-log review
    RULES = "rules"  # deadline rules
    MANAGE_USERS = "manage_users"
    ADMINISTER = "administer"  # keys, backups, retention, log verification


_READER = frozenset({Permission.VIEW, Permission.PRINT_MASKED})
_WORKER = _READER | {
    Permission.EDIT,
    Permission.IMPORT,
    Permission.REVIEW,
    Permission.REVEAL,
    Permission.PRINT_CASE,
}
_SUPERVISOR = _WORKER | {Permission.CITY_EXPORT, Permission.AUDIT, Permission.RULES}
_ADMIN = _SUPERVISOR | {Permission.MANAGE_USERS, Permission.ADMINISTER}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.READER: _READER,
    Role.WORKER: _WORKER,
    Role.SUPERVISOR: _SUPERVISOR,
    Role.ADMIN: _ADMIN,
}

PERMISSION_LABELS: dict[Permission, str] = {
    Permission.VIEW: "사례 열람",
    Permission.EDIT: "사례 처리",
    Permission.IMPORT: "알림 가져오기",
    Permission.REVIEW: "연결 검토",
    Permission.REVEAL: "개인정보 전체 보기",
    Permission.PRINT_MASKED: "협의체 자료 출력",
    Permission.PRINT_CASE: "사례 카드 출력",
    Permission.CITY_EXPORT: "시·구 보고 내보내기",
    Permission.AUDIT: "접속기록 점검",
    Permission.RULES: "처리기한 규칙 변경",
    Permission.MANAGE_USERS: "직원 계정 관리",
    Permission.ADMINISTER: "시스템 관리",
}


class NotSignedInError(UserError):
    kind = ErrorKind.SIGN_IN

    def __init__(self) -> None:
        super().__init__(
            "로그인이 필요합니다. 프로그램에서 로그인하거나, 명령줄에서는 ANBU_USER와 "
            "ANBU_PASSWORD 환경 변수로 계정을 알려 주십시오."
        )


class AccessDeniedError(UserError):
    """The signed-in account may not do this; the message says what was refused."""

    kind = ErrorKind.DENIED


@dataclass(frozen=True)
class Terminal:
    host: str
    ip: str | None

    @staticmethod
    def this_machine() -> Terminal:
        host = socket.gethostname()
        try:
            ip: str | None = socket.gethostbyname(host)
        except OSError:
            ip = None
        return Terminal(host[:100], ip)


@dataclass(frozen=True)
class Actor:
    """The signed-in account, as the services see it."""

    staff_id: int | None
    username: str
    display_name: str
    role: Role
    centre_id: int | None
    terminal: Terminal
    session_epoch: int = 0  # the account's, when it signed in (see ``require``)

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def all_centres(self) -> bool:
        """Administrators work across centres; everyone else only in their own."""
        return self.role is Role.ADMIN

    def sees_centre(self, centre_id: int | None) -> bool:
        return self.all_centres or centre_id == self.centre_id

    @staticmethod
    def system(name: str = "system") -> Actor:
        """The program itself, for work no person starts (demo data, migrations)."""
        return Actor(None, f"system:{name}", "시스템", Role.ADMIN, None, Terminal.this_machine())


class SessionEndedError(NotSignedInError):
    """The account was disabled, or its password changed, after this session signed in."""

    def __init__(self) -> None:
        Exception.__init__(
            self,
            "계정이 사용 중지되었거나 비밀번호가 바뀌어 로그인이 끝났습니다. 다시 로그인하십시오.",
        )


def actor_of(ctx: AppContext) -> Actor:
    """The signed-in account, still as it signed in: one that has been disabled, or whose
    password was changed, since then is signed out here (``SessionEndedError``)."""
    actor = ctx.actor
    if actor is None:
        raise NotSignedInError()
    if actor.staff_id is not None:
        from sqlalchemy import select

        from db.models import StaffUser

        with ctx.session() as session:
            row = session.execute(
                select(StaffUser.active, StaffUser.session_epoch).where(
                    StaffUser.id == actor.staff_id
                )
            ).one_or_none()
        if row is None or not row.active or row.session_epoch != actor.session_epoch:
            ctx.actor = None
            raise SessionEndedError()
    return actor


def allows(ctx: AppContext, permission: Permission) -> bool:
    """Whether the signed-in account may do ``permission`` (for what a screen offers; the
    services still ``require`` it)."""
    return ctx.actor is not None and ctx.actor.can(permission)


def require(ctx: AppContext, permission: Permission) -> Actor:
    """The signed-in account, if its role allows ``permission``; otherwise refuse."""
    actor = actor_of(ctx)
    if not actor.can(permission):
        raise AccessDeniedError(
            f"'{actor.role.label}' 권한으로는 {joined(PERMISSION_LABELS[permission], '을')} "
            "할 수 없습니다."
        )
    return actor


def check_centre(actor: Actor, centre_id: int | None, what: str) -> None:
    """Refuse ``what`` (e.g. "사례 12번") when it belongs to another community centre."""
    if not actor.sees_centre(centre_id):
        raise AccessDeniedError(f"{joined(what, '은')} 다른 행정복지센터의 것이라 열 수 없습니다.")


T = TypeVar("T")


def centre_of(session: Session, row: object) -> int | None:
    """The community centre a stored thing belongs to (what scope is checked against)."""
    from db.models import (
        Alert,
        Case,
        CouncilAgendaItem,
        CouncilDecision,
        CouncilMeeting,
        Household,
        QuarantinedRecord,
        VisitPlan,
    )

    if isinstance(row, Case | Household | CouncilMeeting | QuarantinedRecord):
        return row.centre_id
    if isinstance(row, CouncilAgendaItem):
        return centre_of(session, session.get(CouncilMeeting, row.meeting_id))
    if isinstance(row, CouncilDecision):
        return centre_of(session, session.get(CouncilAgendaItem, row.agenda_item_id))
    if isinstance(row, VisitPlan):
        return centre_of(session, session.get(Household, row.household_id))
    if isinstance(row, Alert):
        if row.case_id is not None:
            return centre_of(session, session.get(Case, row.case_id))
        return centre_of(session, session.get(Household, row.household_id))
    if row is None:
        return None
    raise TypeError(f"no centre for {type(row).__name__}")


def load_in_scope(
    session: Session,
    actor: Actor,
    model: type[T],
    ident: int,
    what: str,
    *,
    for_update: bool = False,
) -> T | None:
    """The row ``ident`` of ``model``, or None when there is none; refused
    (``AccessDeniedError``) when it belongs to another community centre. Every service
    loads what it acts on through here, so none can forget the centre check."""
    row = session.get(model, ident, with_for_update=for_update or None)
    if row is not None:
        check_centre(actor, centre_of(session, row), what)
    return row


def must_load(
    session: Session,
    actor: Actor,
    model: type[T],
    ident: int,
    what: str,
    missing: type[UserError],
    *,
    for_update: bool = False,
) -> T:
    """``load_in_scope`` for a row that must be there: ``missing`` (the service's own
    error) says ``what`` cannot be found, e.g. ``사례 5번을 찾을 수 없습니다.``"""
    row = load_in_scope(session, actor, model, ident, what, for_update=for_update)
    if row is None:
        raise missing(f"{what}을 찾을 수 없습니다.")
    return row


def in_scope(actor: Actor, centre_column: InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
    """A SQL condition: rows of the centres ``actor`` works for."""
    if actor.all_centres:
        return true()
    if actor.centre_id is None:
        return centre_column.is_(None)
    return centre_column == actor.centre_id


def scoped(actor: Actor, f: CaseFilter) -> CaseFilter:
    """``f`` narrowed to the centres ``actor`` works for."""
    if actor.all_centres:
        return replace(f, scope_centre=None)
    return replace(f, scope_centre=actor.centre_id if actor.centre_id is not None else "")
