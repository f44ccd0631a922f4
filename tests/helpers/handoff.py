"""An office whose cases reached results, as a real one has them: 좌1동 and 좌2동, each with
its workers and team leader, a reader; 좌1동's worker 김지은 imports the channels' files,
counsels, links support and records the results through the services."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.enums import (
    CaseStatus,
    Channel,
    ClosureReason,
    CounsellingMethod,
    ResourceKind,
    Role,
    SupportStatus,
)
from db.models import Alert
from desktop.casework import actions
from desktop.casework.workflow import change_status
from desktop.context import AppContext
from desktop.office import centres
from desktop.security import accounts
from tests.conftest import FIXED_NOW, as_tester
from tests.helpers.linking import alert, call, import_records, report, visit

A, B = "2635051000", "2635052000"
PASSWORD = "{}-pass-1"


def sign_in(ctx: AppContext, username: str) -> None:
    accounts.sign_in(ctx, username, PASSWORD.format(username))


def version(ctx: AppContext, case_id: int) -> int:
    from db.models import Case

    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version


def _counsel(ctx: AppContext, case_id: int, when: datetime, text: str, **more: Any) -> None:
    actions.record_counselling(
        ctx,
        case_id,
        actions.Counselling(when, more.pop("method", CounsellingMethod.VISIT), text, {}, **more),
        expected_version=None,
    )


def results_office(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    """The cases by name: ``support`` (지원연계, a public and a private link, two
    counselling records, also on the big-data list's 2026-6차), ``vacant`` (비해당 — 빈집),
    ``regular`` (종결 — 정기 관리), ``open`` (상담중: no result), and 좌2동's ``other``
    (비해당 — 지원 불필요). Every result recorded on 2026-11-20 (FIXED_NOW), by 김지은."""
    centres.add_centre(ctx, A, name="좌1동", gu="해운대구")
    centres.add_centre(ctx, B, name="좌2동", gu="해운대구")
    centres.cover(ctx, A, roads=["좌동순환로"])
    centres.cover(ctx, B, roads=["양운로"])
    for user, role, centre, name in (
        ("kim", Role.WORKER, A, "김지은"),
        ("park", Role.WORKER, A, "박상우"),
        ("kimboss", Role.SUPERVISOR, A, "최팀장"),
        ("read", Role.READER, A, "열람위원"),
        ("lee", Role.WORKER, B, "이동희"),
    ):
        accounts.add_user(
            ctx, user, PASSWORD.format(user), role=role, centre=centre, display_name=name
        )
    public = actions.add_resource(
        ctx, kind=ResourceKind.PUBLIC, name="긴급복지지원", organisation="해운대구청"
    )
    food = actions.add_resource(
        ctx, kind=ResourceKind.PRIVATE, name="푸드뱅크", organisation="해운대구 푸드뱅크"
    )
    sign_in(ctx, "lee")
    import_records(
        ctx, tmp_path, [call("B-1", "정미숙", "010-5555-0909", 주소="해운대구 양운로 7")]
    )
    other = alert(ctx, "B-1").case_id
    assert other is not None
    _counsel(ctx, other, FIXED_NOW - timedelta(days=1), "방문, 도움 필요 없다고 함")
    change_status(
        ctx, other, CaseStatus.NOT_APPLICABLE, expected_version=None, reason="확인 결과",
        closure_reason=ClosureReason.NO_NEED,
    )  # fmt: skip
    sign_in(ctx, "kim")
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "A-1", "김민준", "010-5555-0101", 주소="부산광역시 해운대구 좌동순환로 5, 101동 203호",
                생년월일="1961-03-04", 건강상태="나쁨", 경제적어려움="Y",
            ),
            call("A-4", "최말순", "010-5555-0404", 주소="해운대구 좌동순환로 40"),
        ],
    )  # fmt: skip
    import_records(
        ctx, tmp_path, [report("R-2", 대상자명="박영자", 주소="해운대구 좌동순환로 20", 위기유형="주거")]
    )  # fmt: skip
    import_records(ctx, tmp_path, [visit("V-3", "이순자", "해운대구 좌동순환로 30")])
    support, vacant, regular, open_case = (
        alert(ctx, s).case_id for s in ("A-1", "R-2", "V-3", "A-4")
    )
    assert support and vacant and regular and open_case
    ids = {"support": support, "vacant": vacant, "regular": regular, "open": open_case}
    actions.assign(ctx, [support, vacant, regular, open_case], accounts_id(ctx, "kim"))
    # The big-data list named 김민준 too (2026-6차: 단전, 건강보험료체납).
    _bigdata_alert(ctx, support)
    _counsel(ctx, support, FIXED_NOW - timedelta(days=9), "초기 방문: 혼자 지내며 끼니를 거름")
    _counsel(
        ctx, support, FIXED_NOW - timedelta(days=2), "전화: 긴급지원 서류 안내",
        method=CounsellingMethod.PHONE, next_action="서류 접수 확인",
    )  # fmt: skip
    link = actions.link_support(
        ctx, support, public, expected_version=None, requested_at=FIXED_NOW - timedelta(days=2)
    )
    actions.update_support(ctx, link, SupportStatus.DECIDED, at=FIXED_NOW - timedelta(days=1))
    actions.link_support(ctx, support, food, expected_version=None, requested_at=FIXED_NOW)
    for case_id in (vacant, regular, open_case):
        _counsel(ctx, case_id, FIXED_NOW - timedelta(days=3), "방문했으나 아무도 없음")
    change_status(
        ctx, vacant, CaseStatus.NOT_APPLICABLE, expected_version=None,
        reason="세 번 방문, 우편물 쌓이고 인기척 없음", closure_reason=ClosureReason.VACANT,
    )  # fmt: skip
    change_status(
        ctx, regular, CaseStatus.CLOSED, expected_version=None, reason="안부 확인만 필요",
        closure_reason=ClosureReason.REGULAR_CARE,
    )  # fmt: skip
    ids["other"] = other
    ctx.actor = as_tester(ctx)
    return ids


def accounts_id(ctx: AppContext, username: str) -> int:
    from db.models import StaffUser

    with ctx.session() as session:
        found = session.scalar(select(StaffUser.id).where(StaffUser.username == username))
    assert found is not None
    return found


def _bigdata_alert(ctx: AppContext, case_id: int) -> None:
    """An alert of the big-data list on the case (its import is the lead's; its fields are
    what that import stores: the round and the crisis information)."""
    from db.models import Case

    with ctx.sessions.begin() as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.add(
            Alert(
                channel=Channel.BIGDATA,
                source_id="BD-2026-6-0001",
                occurred_at=FIXED_NOW - timedelta(days=20),
                received_at=FIXED_NOW - timedelta(days=20),
                raw_cipher=ctx.protector.encrypt("{}", "alerts.raw"),
                raw_digest="0" * 64,
                fields={"round": "2026-6차", "crisis_info": ["단전", "건강보험료체납"]},
                crisis_types=["단전단수", "체납"],
                household_id=case.household_id,
                case_id=case.id,
            )
        )
