from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.enums import (
    CaseStatus,
    Channel,
    CounsellingMethod,
    ResourceKind,
    RiskLevel,
    Role,
    SupportStatus,
)
from db.models import Case, CounsellingRecord, StaffUser
from desktop.casework import actions
from desktop.casework.risk import AlertFacts, danger_words, propose
from desktop.casework.workflow import CaseworkError
from desktop.context import AppContext
from tests.conftest import FIXED_NOW
from tests.helpers.linking import (
    alert,
    call,
    import_records,
    quiet_visit,
    report,
    visit,
)

T = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("죽고 싶다는 말을 자주 해요", ("죽고 싶다",)),
        ("죽고싶어요", ("죽고 싶다",)),
        ("며칠째 못 먹었대요", ("며칠째 못 먹음",)),
        ("쓰러진 채로 발견", ("쓰러짐",)),
        ("유서를 써놨다고", ("유서",)),
        ("자살하겠다고", ("자살",)),
        ("극단적인 선택을 할까 걱정", ("극단적 선택",)),
        ("죽을 먹었어요", ()),  # 죽 is porridge here
        ("밥을 먹고 싶다", ()),
        ("우편물이 쌓여 있음", ()),
    ],
)
def test_danger_words_across_inflections(text: str, words: tuple[str, ...]) -> None:
    assert danger_words(text) == words


def facts(channel: Channel, days: int = 0, **kw: object) -> AlertFacts:
    return AlertFacts(
        channel,
        T + timedelta(days=days),
        bool(kw.pop("urgent", False)),
        tuple(kw.pop("crisis", ())),
        dict(kw),
    )  # type: ignore[arg-type]


def test_each_signal_and_its_level() -> None:
    assert propose([facts(Channel.APP, urgent=True)]).level is RiskLevel.URGENT
    assert propose([facts(Channel.APP, crisis=("자살위험",))]).level is RiskLevel.URGENT
    assert propose([facts(Channel.AI_CALL, risk_score=90)]).level is RiskLevel.URGENT
    assert propose([facts(Channel.AI_CALL, risk_score=72)]).level is RiskLevel.CRISIS
    assert propose([facts(Channel.AI_CALL, wants_help=True)]).level is RiskLevel.CRISIS
    visit_ = facts(Channel.CARRIER, crisis_suspected=True, observations=["인기척없음"])
    assert propose([visit_]).level is RiskLevel.CRISIS
    assert propose([facts(Channel.APP, crisis=("경제",))]).level is RiskLevel.CAUTION
    quiet = propose([facts(Channel.CARRIER, observations=["이상없음"])])
    assert quiet.level is RiskLevel.WATCH and quiet.reasons == ("위기 징후 없음 (기록 보존)",)
    words = propose([facts(Channel.APP, crisis=("고립",), description="며칠째 못 먹었다")])
    assert words.level is RiskLevel.URGENT and "위험 표현: 며칠째 못 먹음" in words.reasons


def test_two_channels_within_30_days_raise_the_level() -> None:
    alone = propose([facts(Channel.APP, crisis=("고립",))])
    both = propose(
        [
            facts(Channel.APP, crisis=("고립",)),
            facts(Channel.AI_CALL, 5, economic_hardship=True, wants_help=True),
        ]
    )
    late = propose(
        [
            facts(Channel.APP, crisis=("고립",)),
            facts(Channel.CARRIER, 45, crisis=("고립",), crisis_suspected=True),
        ]
    )
    assert alone.level is RiskLevel.CAUTION
    assert both.level is RiskLevel.URGENT and any("여러 경로에서 확인" in r for r in both.reasons)
    assert not any("여러 경로" in r for r in late.reasons)  # 45 days apart


def test_repeated_reports_raise_to_crisis() -> None:
    proposal = propose(
        [facts(Channel.APP, crisis=("고립",)), facts(Channel.APP, 10, crisis=("고립",))]
    )
    assert proposal.level is RiskLevel.CRISIS and "반복 신고 2회 (30일 이내)" in proposal.reasons


def _case(ctx: AppContext, tmp_path: Path) -> tuple[int, int]:
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소="해운대구 좌동로 10 101동 1203호", 위기유형="경제")],
    )
    with ctx.session() as session:
        case = session.get(Case, alert(ctx, "R-1").case_id)
        assert case is not None
        return case.id, case.version


def test_staff_risk_is_kept_unless_the_alerts_call_for_more(
    ctx: AppContext, tmp_path: Path
) -> None:
    case_id, version = _case(ctx, tmp_path)
    actions.set_risk(ctx, case_id, RiskLevel.WATCH, "통장 확인 결과 안정", expected_version=version)
    import_records(
        ctx,
        tmp_path,
        [quiet_visit("V-1", "최말순", "해운대구 좌동로 10 101동 1203호")],
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.risk is RiskLevel.WATCH and case.risk_manual
    import_records(
        ctx,
        tmp_path,
        [visit("V-2", "최말순", "해운대구 좌동로 10 101동 1203호", 특이사항="쓰러져 계셨다고 함")],
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.risk is RiskLevel.URGENT
        assert "담당자 지정보다 높아 상향" in (case.risk_reason or "")


def test_counselling_meets_deadlines_and_moves_the_case_on(ctx: AppContext, tmp_path: Path) -> None:
    case_id, version = _case(ctx, tmp_path)
    next_at = FIXED_NOW + timedelta(days=14)
    actions.record_counselling(
        ctx,
        case_id,
        actions.Counselling(
            FIXED_NOW,
            CounsellingMethod.VISIT,
            "가정 방문, 냉장고 비어 있음",
            {"경제": "높음", "건강": "중간"},
            "긴급지원 필요",
            "긴급복지 신청",
            next_at,
        ),
        expected_version=version,
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
    assert case is not None and case.status is CaseStatus.COUNSELLING
    assert case.counselling_due is None and case.due_at == next_at == case.next_action_at
    with pytest.raises(CaseworkError, match="욕구 영역"):
        actions.record_counselling(
            ctx,
            case_id,
            actions.Counselling(FIXED_NOW, CounsellingMethod.PHONE, "전화", {"취미": "-"}),
            expected_version=None,
        )


def test_support_links_and_their_status(ctx: AppContext, tmp_path: Path) -> None:
    case_id, version = _case(ctx, tmp_path)
    actions.record_counselling(
        ctx,
        case_id,
        actions.Counselling(FIXED_NOW, CounsellingMethod.PHONE, "상담", {"경제": "높음"}),
        expected_version=version,
    )
    food = actions.add_resource(
        ctx,
        kind=ResourceKind.PRIVATE,
        name="해운대 푸드뱅크",
        organisation="사회복지협의회",
        category="생계",
        capacity=30,
    )
    with ctx.session() as session:
        version = session.get(Case, case_id).version  # type: ignore[union-attr]
    link = actions.link_support(
        ctx, case_id, food, expected_version=version, requested_at=FIXED_NOW
    )
    with ctx.session() as session:
        assert session.get(Case, case_id).status is CaseStatus.SUPPORT  # type: ignore[union-attr]
    actions.update_support(ctx, link, SupportStatus.DECIDED, at=FIXED_NOW)
    actions.update_support(ctx, link, SupportStatus.PROVIDED, at=FIXED_NOW)
    with pytest.raises(CaseworkError, match="바꿀 수 없습니다"):
        actions.update_support(ctx, link, SupportStatus.REFERRED, at=FIXED_NOW)


def test_assignment_one_or_many(ctx: AppContext, tmp_path: Path) -> None:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "김민준", "010-1234-5678"), call("C-2", "이서연", "010-8765-4321")],
    )
    with ctx.sessions.begin() as session:
        staff = StaffUser(
            username="w1", display_name="김지은", role=Role.WORKER, created_at=FIXED_NOW
        )
        session.add(staff)
        session.flush()
        staff_id = staff.id
    ids = [alert(ctx, "C-1").case_id or 0, alert(ctx, "C-2").case_id or 0]
    assert actions.assign(ctx, ids, staff_id) == 2
    with ctx.session() as session:
        assert set(session.scalars(select(Case.assigned_to_id))) == {staff_id}
    with pytest.raises(CaseworkError, match="찾을 수 없는"):
        actions.assign(ctx, [*ids, 999], staff_id)


def test_council_flow_and_follow_ups(ctx: AppContext, tmp_path: Path) -> None:
    case_id, version = _case(ctx, tmp_path)
    actions.flag_for_council(ctx, case_id, expected_version=version)
    meeting = actions.create_meeting(ctx, None, date(2026, 11, 27), "11월 동 365 안전협의체")
    item = actions.add_agenda_item(
        ctx,
        meeting,
        case_id,
        situation="혼자 사는 70대, 경제적 어려움",
        question="푸드뱅크 연계 여부",
    )
    decision = actions.record_decision(
        ctx, item, "푸드뱅크 월 2회", follow_up="통장 안부 확인", follow_up_due=date(2026, 12, 20)
    )
    [pending] = actions.open_follow_ups(ctx)
    assert pending["case_id"] == case_id and pending["follow_up"] == "통장 안부 확인"
    actions.complete_follow_up(ctx, decision)
    assert actions.open_follow_ups(ctx) == []
    with ctx.session() as session:
        assert not session.get(Case, case_id).flagged_for_council  # type: ignore[union-attr]


def test_a_visit_that_met_nobody_keeps_the_deadlines_and_dates_the_retry(
    ctx: AppContext, tmp_path: Path
) -> None:
    """부재 (the commonest first visit): recorded, the case stays where it was, its
    deadlines stand, and it is due at the first of them or the retry."""
    case_id, version = _case(ctx, tmp_path)
    with ctx.session() as session:
        before = session.get(Case, case_id)
        assert before is not None
        status, counselling_due = before.status, before.counselling_due
    retry = FIXED_NOW + timedelta(days=2)
    with pytest.raises(CaseworkError, match="다시 찾아갈"):
        actions.record_counselling(
            ctx,
            case_id,
            actions.Counselling(FIXED_NOW, CounsellingMethod.VISIT, "", {}, actions.ABSENT),
            expected_version=version,
        )
    actions.record_counselling(
        ctx,
        case_id,
        actions.Counselling(
            FIXED_NOW, CounsellingMethod.VISIT, "", {}, actions.ABSENT, "다시 방문", retry
        ),
        expected_version=version,
    )
    with ctx.session() as session:
        case = session.get(Case, case_id)
        record = session.scalars(select(CounsellingRecord)).one()
    assert case is not None and case.status is status
    assert case.counselling_due == counselling_due and case.next_action_at == retry
    assert case.due_at == min(d for d in (counselling_due, retry, case.first_contact_due) if d)
    assert record.content == actions.ABSENT and record.outcome == actions.ABSENT
