from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.enums import LOCATING_REASONS, CaseStatus, ClosureReason
from db.models import Case, CaseStatusChange
from desktop.casework.workflow import (
    ALLOWED,
    CaseConflictError,
    CaseworkError,
    change_status,
    closure_reasons,
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
    offered = closure_reasons(target)  # 종결 and 비해당 each need one of their own
    kwargs = {"reason": "확인함", "closure_reason": offered[0] if offered else None}
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


def test_not_applicable_is_said_in_the_words_staff_use(ctx: AppContext, tmp_path: Path) -> None:
    """비해당 needs one of 지원 불필요, 정기 관리, 소재 파악 필요 (연락두절, 빈집, 정보 불일치);
    a 종결 reason that is not one of them is refused, and the one chosen is kept."""
    assert closure_reasons(S.NOT_APPLICABLE) == (
        ClosureReason.NO_NEED,
        ClosureReason.REGULAR_CARE,
        ClosureReason.UNREACHABLE,
        ClosureReason.VACANT,
        ClosureReason.INFO_MISMATCH,
    )
    assert [r.label for r in closure_reasons(S.NOT_APPLICABLE)] == [
        "지원 불필요",
        "정기 관리",
        "소재 파악 필요 (연락두절)",
        "소재 파악 필요 (빈집)",
        "소재 파악 필요 (정보 불일치)",
    ]
    assert [r for r in ClosureReason if r.locating] == list(LOCATING_REASONS)
    # 종결 offers every reason but the machine's 기록만.
    assert set(closure_reasons(S.CLOSED)) == set(ClosureReason) - {ClosureReason.RECORDED}
    case_id, version = _case(ctx, tmp_path)
    for wrong in (None, ClosureReason.RESOLVED, ClosureReason.RECORDED):
        with pytest.raises(CaseworkError, match=r"비해당 사유를 고르십시오.*빈집"):
            change_status(
                ctx, case_id, S.NOT_APPLICABLE, expected_version=version, reason="방문",
                closure_reason=wrong,
            )  # fmt: skip
    change_status(
        ctx,
        case_id,
        S.NOT_APPLICABLE,
        expected_version=version,
        reason="세 번 방문, 우편물 쌓임",
        closure_reason=ClosureReason.VACANT,
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is S.NOT_APPLICABLE
        assert case.closure_reason is ClosureReason.VACANT and case.closure_reason.locating
        assert case.closed_at is not None and case.due_at is None


def test_a_stored_unreachable_of_an_earlier_version_reads_as_locating(
    ctx: AppContext, tmp_path: Path
) -> None:
    """Rows closed as 연락두절 before 소재 파악 필요 existed keep their stored value and
    now read as one of that family."""
    case_id, _ = _case(ctx, tmp_path)
    with ctx.sessions.begin() as session:
        session.execute(
            text(
                "UPDATE cases SET status = 'closed', closure_reason = 'unreachable' WHERE id = :i"
            ),
            {"i": case_id},
        )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.closure_reason is ClosureReason.UNREACHABLE
        assert case.closure_reason.locating
        assert case.closure_reason.label == "소재 파악 필요 (연락두절)"


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
