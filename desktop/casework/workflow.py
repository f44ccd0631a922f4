"""A case's status, from 접수 to 종결, close to 행복e음 practice.

Only the moves in ``ALLOWED`` can be made. Closing (종결) and 비해당 need a closure reason
chosen from their lists (``closure_reasons``); closing, 비해당, reopening and moving back
need a reason in words. Every change records who, when and why. Every write checks the version the person was looking at, so a second writer
gets a clear conflict instead of silently overwriting the first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.engine import WRITE_LOCK
from db.enums import (
    NOT_APPLICABLE_REASONS,
    STAFF_CLOSURE_REASONS,
    AccessAction,
    CaseStatus,
    ClosureReason,
)
from db.errors import ErrorKind, UserError
from db.models import Case, CaseStatusChange
from desktop.casework.history import EditRecord
from desktop.context import AppContext
from desktop.security import audit
from desktop.security.access import Permission, actor_of, must_load, require

S = CaseStatus
ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.RECEIVED: frozenset({S.VERIFYING, S.COUNSELLING, S.NOT_APPLICABLE, S.CLOSED}),
    S.VERIFYING: frozenset({S.RECEIVED, S.COUNSELLING, S.NOT_APPLICABLE, S.CLOSED}),
    S.COUNSELLING: frozenset({S.VERIFYING, S.SUPPORT, S.MONITORING, S.NOT_APPLICABLE, S.CLOSED}),
    S.SUPPORT: frozenset({S.COUNSELLING, S.MONITORING, S.CLOSED}),
    S.MONITORING: frozenset({S.COUNSELLING, S.SUPPORT, S.CLOSED}),
    S.CLOSED: frozenset({S.VERIFYING}),  # reopening
    S.NOT_APPLICABLE: frozenset({S.VERIFYING}),  # reopening
}
# The main line of a case, forward (a move against it needs a reason).
PATH = (S.RECEIVED, S.VERIFYING, S.COUNSELLING, S.SUPPORT, S.MONITORING)


class CaseworkError(UserError):
    """A change that cannot be made as asked; the message says why, in Korean."""


class CaseConflictError(CaseworkError):
    """Someone else changed the case since it was read."""

    kind = ErrorKind.CONFLICT

    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        super().__init__(
            f"사례 {case_id}번을 그사이 다른 사용자가 바꿨습니다. 변경 내용은 저장하지 않았습니다. "
            "사례를 다시 불러와 확인한 뒤 다시 하십시오."
        )


def closure_reasons(target: CaseStatus) -> tuple[ClosureReason, ...]:
    """The reasons a case moved to ``target`` is closed with, one of which must be chosen
    (none for a status that does not close a case): 비해당 in the words staff use
    (지원 불필요, 정기 관리, 소재 파악 필요 …), 종결 all of the staff's."""
    if target is S.NOT_APPLICABLE:
        return NOT_APPLICABLE_REASONS
    if target is S.CLOSED:
        return STAFF_CLOSURE_REASONS
    return ()


def needs_reason(current: CaseStatus, target: CaseStatus) -> bool:
    if target in (S.CLOSED, S.NOT_APPLICABLE) or current in (S.CLOSED, S.NOT_APPLICABLE):
        return True
    return current in PATH and target in PATH and PATH.index(target) < PATH.index(current)


@contextmanager
def editing(
    ctx: AppContext, case_id: int, expected_version: int | None, *, detail: str | None = None
) -> Iterator[tuple[Session, Case]]:
    """A transaction on one case that fails with ``CaseConflictError`` when the case is no
    longer the version the caller saw.

    The case is taken for writing as it is read (SQLite: the write lock; PostgreSQL: the
    row lock), so a second writer waits, then finds the newer version and is told so.
    The version column checks once more on write. The signed-in account must be allowed
    to edit, in the case's own centre; the change is logged in the same transaction."""
    actor = require(ctx, Permission.EDIT)
    try:
        with ctx.sessions.begin() as session:
            session.connection(execution_options=WRITE_LOCK)
            case = must_load(
                session, actor, Case, case_id, f"사례 {case_id}번", CaseworkError, for_update=True
            )
            if case.merged_into_id is not None:
                raise CaseworkError(
                    f"사례 {case_id}번은 사례 {case.merged_into_id}번에 병합되었습니다. 그 사례에서 하십시오."
                )
            if expected_version is not None and case.version != expected_version:
                raise CaseConflictError(case_id)
            changes = EditRecord(session, case)  # what the edit changes, for a later conflict
            case.updated_at = ctx.clock()  # set first: one UPDATE, one version step
            yield session, case
            changes.finish(actor.staff_id, case.updated_at)
            audit.record(session, ctx, AccessAction.UPDATE, f"case:{case_id}", detail=detail)
    except StaleDataError:
        raise CaseConflictError(case_id) from None


@dataclass(frozen=True)
class StatusChange:
    case_id: int
    from_status: CaseStatus
    to_status: CaseStatus
    version: int


def change_status(
    ctx: AppContext,
    case_id: int,
    target: CaseStatus,
    *,
    expected_version: int | None,
    reason: str | None = None,
    closure_reason: ClosureReason | None = None,
) -> StatusChange:
    """Move a case to ``target`` if that move is allowed; returns the new version."""
    with editing(ctx, case_id, expected_version) as (session, case):
        current = case.status
        if target not in ALLOWED[current]:
            allowed = ", ".join(s.label for s in sorted(ALLOWED[current], key=list(S).index))
            raise CaseworkError(
                f"'{current.label}'에서 '{target.label}'(으)로는 바꿀 수 없습니다 (가능: {allowed})."
            )
        offered = closure_reasons(target)
        if offered and closure_reason not in offered:
            reasons = ", ".join(r.label for r in offered)
            word = "종결" if target is S.CLOSED else "비해당"
            raise CaseworkError(f"{word} 사유를 고르십시오 ({reasons}).")
        if needs_reason(current, target) and not (reason and reason.strip()):
            raise CaseworkError(
                f"'{current.label}' → '{target.label}' 변경에는 사유를 적어야 합니다."
            )
        now = ctx.clock()
        session.add(
            CaseStatusChange(
                case_id=case.id,
                from_status=current,
                to_status=target,
                changed_at=now,
                changed_by_id=actor_of(ctx).staff_id,  # who: the signed-in account
                reason=(reason or "").strip() or None,
            )
        )
        case.status = target
        if target in (S.CLOSED, S.NOT_APPLICABLE):
            case.closed_at = now
            case.closure_reason = closure_reason
            case.due_at = None
        elif current in (S.CLOSED, S.NOT_APPLICABLE):
            case.closed_at = None
            case.closure_reason = None
        session.flush()
        return StatusChange(case.id, current, target, case.version)
