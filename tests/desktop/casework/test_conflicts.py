"""A conflict a person can resolve (issue 25): a second writer is shown what the other
person changed since the version they saw (field, old, new, who, when), and applies their
own change again on top."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.enums import AccessAction, CaseStatus, ClosureReason, CounsellingMethod, RiskLevel
from db.models import AccessLog, CaseChange
from desktop.casework.actions import MET, Counselling
from desktop.casework.service import CaseworkService
from desktop.casework.workflow import CaseConflictError
from desktop.context import AppContext
from desktop.security.access import AccessDeniedError
from desktop.upkeep import retention
from tests.conftest import FIXED_NOW
from tests.helpers.linking import alert, call, import_records
from tests.helpers.office import dong_team, sign_in

_as = sign_in


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> int:
    return dong_team(ctx, tmp_path)


def _version(ctx: AppContext, case_id: int) -> int:
    from desktop.casework.detail import CaseDetailService

    version = CaseDetailService(ctx).version(case_id)
    assert version is not None
    return version


def test_the_second_writer_sees_what_the_other_changed_and_applies_theirs_on_top(
    ctx: AppContext, office: int
) -> None:
    case_id = office
    seen = _version(ctx, case_id)  # 김지은 opens the case and fills in a status form
    _as(ctx, "lee")  # meanwhile 이영희, on her PC, sets the risk and moves the case on
    lee = CaseworkService(ctx)
    later = lee.set_risk(case_id, seen, RiskLevel.URGENT, "이웃이 010-1234-5678로 다시 신고")
    lee.change_status(case_id, later, CaseStatus.VERIFYING, None)
    _as(ctx, "kim")
    kim = CaseworkService(ctx)
    with pytest.raises(CaseConflictError):
        kim.change_status(case_id, seen, CaseStatus.COUNSELLING, None)  # the form she filled

    conflict = kim.changes_since(case_id, seen)
    assert conflict.case_id == case_id and conflict.seen_version == seen
    assert conflict.version == _version(ctx, case_id) > later and not conflict.by_program
    shown = [(c.by, c.field, c.old, c.new) for c in conflict.changes]
    assert shown == [
        ("이영희", "위험도", "주의", "긴급"),
        (
            "이영희",
            "위험도 이유",
            "위기유형 고립",
            "담당자 지정: 이웃이 010-****-5678로 다시 신고",
        ),
        ("이영희", "상태", "접수", "확인중"),
    ]
    assert all(c.changed_at == FIXED_NOW for c in conflict.changes)
    assert "1234" not in repr(conflict)  # the number she typed is masked

    # 김지은 applies hers again, on top of the version she has now been shown.
    kim.change_status(case_id, conflict.version, CaseStatus.COUNSELLING, None)
    again = kim.changes_since(case_id, conflict.version)
    assert [(c.by, c.field, c.old, c.new) for c in again.changes] == [
        ("김지은", "상태", "확인중", "상담중")
    ]
    with ctx.session() as session:
        updates = session.scalars(
            select(AccessLog.username).where(
                AccessLog.subject == f"case:{case_id}", AccessLog.action == AccessAction.UPDATE
            )
        ).all()
        looked = session.scalars(
            select(AccessLog.detail).where(
                AccessLog.subject == f"case:{case_id}", AccessLog.username == "kim"
            )
        ).all()
    assert updates.count("lee") == 2 and updates.count("kim") == 1  # both saves are logged
    assert "다른 직원의 변경 확인" in looked


def test_counselling_support_and_assignment_are_shown_with_their_words(
    ctx: AppContext, office: int
) -> None:
    from db.enums import ResourceKind
    from desktop.casework import actions

    case_id = office
    seen = _version(ctx, case_id)
    _as(ctx, "lee")
    lee = CaseworkService(ctx)
    version = lee.record_counselling(
        case_id,
        seen,
        Counselling(
            held_at=FIXED_NOW,
            method=CounsellingMethod.VISIT,
            content="할머니 본인 010-9999-8888 확인",
            needs={"경제": "높음"},
            outcome=MET,
            next_action="푸드뱅크 연계",
            next_action_at=FIXED_NOW + timedelta(days=7),
        ),
    )
    staff = {c.label.split(" (")[0]: c.id for c in lee.staff()}
    lee.assign(case_id, staff["이영희"])
    resource = actions.add_resource(ctx, kind=ResourceKind.PRIVATE, name="좌동 푸드뱅크")
    lee.link_support(case_id, _version(ctx, case_id), resource, "매주 목요일", FIXED_NOW)
    assert version  # the record's id
    _as(ctx, "kim")
    conflict = CaseworkService(ctx).changes_since(case_id, seen)
    fields = {c.field: c for c in conflict.changes}
    assert fields["상담 기록"].new == "방문 · 상담함"
    assert fields["상담 기록"].note == "할머니 본인 010-****-8888 확인"
    moves = [(c.old, c.new) for c in conflict.changes if c.field == "상태"]
    assert moves == [("접수", "상담중"), ("상담중", "지원연계")]  # what the records moved
    assert fields["다음 조치"].new == "2026-11-27 10:00"
    assert (fields["담당자"].old, fields["담당자"].new) == ("미배정", "이영희")
    assert fields["지원 연계"].new == "좌동 푸드뱅크" and fields["지원 연계"].note == "매주 목요일"
    assert {c.by for c in conflict.changes} == {"이영희"}


def test_a_new_alert_s_change_is_said_to_be_the_program_s(
    ctx: AppContext, office: int, tmp_path: Path
) -> None:
    case_id = office
    seen = _version(ctx, case_id)
    import_records(  # the same household calls again: its case moves on (deadlines)
        ctx,
        tmp_path,
        [
            call(
                "A-2",
                "김민준",
                "010-5555-0101",
                주소="해운대구 좌동순환로 5",
                통화일시="2026-11-19 09:00",
            )
        ],
    )
    assert alert(ctx, "A-2").case_id == case_id
    conflict = CaseworkService(ctx).changes_since(case_id, seen)
    assert conflict.by_program and conflict.version == _version(ctx, case_id)


def test_another_centre_s_worker_is_shown_nothing(ctx: AppContext, office: int) -> None:
    seen = _version(ctx, office)
    _as(ctx, "park")
    with pytest.raises(AccessDeniedError):
        CaseworkService(ctx).changes_since(office, seen)


def test_retention_takes_the_words_out_of_an_old_case_s_changes(
    ctx: AppContext, office: int
) -> None:
    from sqlalchemy import update

    from db.models import Alert, Case
    from tests.conftest import as_tester

    case_id = office
    CaseworkService(ctx).set_risk(
        case_id, _version(ctx, case_id), RiskLevel.CRISIS, "아들 연락처 010-2222-3333"
    )
    CaseworkService(ctx).change_status(
        case_id,
        _version(ctx, case_id),
        CaseStatus.NOT_APPLICABLE,
        "이사 감",
        ClosureReason.INFO_MISMATCH,
    )
    long_ago = FIXED_NOW - timedelta(days=2200)
    with ctx.sessions.begin() as session:
        session.execute(update(Case).where(Case.id == case_id).values(closed_at=long_ago))
        session.execute(update(Alert).values(received_at=long_ago))
    ctx.actor = as_tester(ctx)
    assert retention.purge(ctx, years=5, apply=True).case_ids == [case_id]
    with ctx.session() as session:
        rows = session.scalars(select(CaseChange).where(CaseChange.case_id == case_id)).all()
    assert rows and all(r.note is None for r in rows)
    assert all("010" not in (r.new_value or "") + (r.old_value or "") for r in rows)
