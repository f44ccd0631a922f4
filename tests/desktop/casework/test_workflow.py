from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import select

from db.enums import CaseStatus, ClosureReason
from db.models import Case, CaseStatusChange
from desktop.casework.workflow import (
    ALLOWED,
    CaseConflictError,
    CaseworkError,
    change_status,
    editing,
    needs_reason,
)
from desktop.context import AppContext, open_database
from tests.conftest import as_tester
from tests.helpers.linking import alert, call, import_records

S = CaseStatus


def _case(ctx: AppContext, tmp_path: Path) -> tuple[int, int]:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    with ctx.session() as session:
        case = session.get(Case, alert(ctx, "C-1").case_id)
        assert case is not None
        return case.id, case.version


def _force(ctx: AppContext, case_id: int, status: CaseStatus) -> int:
    with ctx.sessions.begin() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.status = status
        session.flush()
        return case.version


@pytest.mark.parametrize(("start", "target"), list(itertools.product(S, S)))
def test_every_transition_is_allowed_or_refused_as_the_table_says(
    ctx: AppContext, tmp_path: Path, start: CaseStatus, target: CaseStatus
) -> None:
    case_id, _ = _case(ctx, tmp_path)
    version = _force(ctx, case_id, start)
    kwargs = {"reason": "확인함", "closure_reason": ClosureReason.RESOLVED}
    if target in ALLOWED[start]:
        change = change_status(ctx, case_id, target, expected_version=version, **kwargs)  # type: ignore[arg-type]
        assert (change.from_status, change.to_status) == (start, target)
        assert change.version > version
        with ctx.session() as session:
            history = session.scalars(
                select(CaseStatusChange)
                .where(CaseStatusChange.case_id == case_id)
                .order_by(CaseStatusChange.id.desc())
            ).first()
        assert history is not None and history.to_status is target and history.reason == "확인함"
    else:
        with pytest.raises(CaseworkError, match="바꿀 수 없습니다"):
            change_status(ctx, case_id, target, expected_version=version, **kwargs)  # type: ignore[arg-type]


def test_closing_needs_a_closure_reason_and_words(ctx: AppContext, tmp_path: Path) -> None:
    case_id, version = _case(ctx, tmp_path)
    with pytest.raises(CaseworkError, match="종결 사유"):
        change_status(ctx, case_id, S.CLOSED, expected_version=version, reason="끝")
    with pytest.raises(CaseworkError, match="사유를 적어야"):
        change_status(
            ctx, case_id, S.CLOSED, expected_version=version, closure_reason=ClosureReason.REFUSED
        )
    change = change_status(
        ctx,
        case_id,
        S.CLOSED,
        expected_version=version,
        reason="본인 거부",
        closure_reason=ClosureReason.REFUSED,
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.closure_reason is ClosureReason.REFUSED and case.closed_at
    reopened = change_status(
        ctx, case_id, S.VERIFYING, expected_version=change.version, reason="새 정보"
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.closed_at is None and case.closure_reason is None
    assert reopened.to_status is S.VERIFYING


def test_moving_back_needs_a_reason_forward_does_not() -> None:
    assert not needs_reason(S.RECEIVED, S.VERIFYING)
    assert needs_reason(S.SUPPORT, S.COUNSELLING)
    assert needs_reason(S.CLOSED, S.VERIFYING)


def test_the_second_writer_gets_a_clear_conflict(ctx: AppContext, tmp_path: Path) -> None:
    case_id, version = _case(ctx, tmp_path)
    change_status(ctx, case_id, S.VERIFYING, expected_version=version)  # the first writer
    with pytest.raises(CaseConflictError, match="다른 사용자가 바꿨습니다"):
        change_status(ctx, case_id, S.COUNSELLING, expected_version=version)  # saw the old one
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is S.VERIFYING


def test_two_writers_at_once_one_wins_the_other_is_told(
    ctx: AppContext, db_url: str, tmp_path: Path
) -> None:
    """Two PCs open the same version and save at the same moment: the second waits, then
    gets a clear conflict; nothing is silently overwritten."""
    import threading

    case_id, version = _case(ctx, tmp_path)
    outcome: list[BaseException | None] = []
    entered = threading.Event()

    def other_pc() -> None:
        with open_database(db_url) as other:
            other.actor = as_tester(other)
            entered.set()
            try:
                change_status(
                    other, case_id, S.NOT_APPLICABLE, expected_version=version, reason="다른 PC"
                )
                outcome.append(None)
            except CaseworkError as exc:
                outcome.append(exc)

    with editing(ctx, case_id, version) as (_session, mine):
        thread = threading.Thread(target=other_pc)
        thread.start()
        entered.wait(5)
        mine.status = S.VERIFYING  # this PC saves first
    thread.join(60)
    [result] = outcome
    assert isinstance(result, CaseConflictError)
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is S.VERIFYING
