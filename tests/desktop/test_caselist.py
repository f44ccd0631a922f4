"""The case list's search and filter choices, as the services give them."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.queries import CaseFilter
from desktop.caselist.service import CaseListService
from desktop.context import AppContext
from tests.helpers.linking import alert, call, import_records, visit


@pytest.fixture
def two_households(ctx: AppContext, tmp_path: Path) -> tuple[int, int]:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "김민준", "010-1234-5678"), call("C-2", "박서연", "+82 10-9876-4321")],
    )
    return alert(ctx, "C-1").case_id or 0, alert(ctx, "C-2").case_id or 0


@pytest.mark.parametrize(
    "typed", ["010-1234-5678", "01012345678", "010 1234 5678", "+82 10-1234-5678", "5678"]
)
def test_a_phone_number_is_found_however_it_is_typed(
    ctx: AppContext, two_households: tuple[int, int], typed: str
) -> None:
    kim, _park = two_households
    assert CaseListService(ctx).ids(CaseFilter(text=typed)) == [kim]


def test_a_number_nobody_has_finds_nothing(
    ctx: AppContext, two_households: tuple[int, int]
) -> None:
    service = CaseListService(ctx)
    assert service.ids(CaseFilter(text="010-1111-2222")) == []
    assert service.ids(CaseFilter(text="0000")) == []
    _kim, park = two_households
    assert service.ids(CaseFilter(text="4321")) == [park]


def test_the_filters_offer_the_staff_and_dongs_there_are(ctx: AppContext, tmp_path: Path) -> None:
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "이순자", "부산광역시 해운대구 좌동로 10 (좌동)"),
            visit("V-2", "최말순", "부산광역시 수영구 광안해변로 166 (광안동)"),
        ],
    )
    choices = CaseListService(ctx).filter_choices()
    assert choices.dongs == ["광안동", "좌동"]
    assert [name for _id, name in choices.staff] == ["시험관리자"]
    service = CaseListService(ctx)
    assert service.ids(CaseFilter(dong="좌동")) == [alert(ctx, "V-1").case_id]


def test_a_list_follows_changes_by_id_and_asks_again_only_when_its_cases_may_move(
    ctx: AppContext, tmp_path: Path
) -> None:
    """CaseListService.follow (issue 25): a change to a case the list shows reads its row
    again; one that takes it out of the filter, or a new case in the filter, asks for the
    ids again; another centre's new case leaves the list alone."""
    from db.enums import OPEN_STATUSES, RiskLevel
    from desktop.casework.detail import CaseDetailService
    from desktop.casework.service import CaseworkService
    from desktop.upkeep.changes import Changes
    from tests.helpers.office import dong_team, sign_in

    first = dong_team(ctx, tmp_path)  # 김지은 of 좌1동 signed in
    lists, work = CaseListService(ctx), CaseworkService(ctx)
    shown = CaseFilter(statuses=OPEN_STATUSES)
    held = frozenset(lists.ids(shown))
    assert held == {first}

    def version(case_id: int) -> int:
        return CaseDetailService(ctx).detail(case_id).version

    work.set_risk(first, version(first), RiskLevel.URGENT, "이웃 재신고")
    update = lists.follow(Changes({"cases"}, {first}), shown, held)
    assert not update.requery and update.rows == {first}

    sign_in(ctx, "park")  # 좌2동's worker imports a case of his own centre
    import_records(
        ctx, tmp_path, [call("B-1", "오세훈", "010-5555-0909", 주소="해운대구 양운로 3")]
    )
    theirs = alert(ctx, "B-1").case_id
    assert theirs is not None
    sign_in(ctx, "kim")
    assert lists.follow(Changes({"cases", "alerts"}, {theirs}), shown, held).requery is False

    import_records(
        ctx, tmp_path, [call("A-2", "박서연", "010-5555-0202", 주소="해운대구 좌동순환로 7")]
    )
    mine = alert(ctx, "A-2").case_id
    assert mine is not None
    assert lists.follow(Changes({"cases", "alerts"}, {mine}), shown, held).requery

    urgent = CaseFilter(statuses=OPEN_STATUSES, risks=frozenset({RiskLevel.URGENT}))
    assert set(lists.ids(urgent)) == {first}
    work.set_risk(first, version(first), RiskLevel.CAUTION, "다시 보니 주의")
    assert lists.follow(Changes({"cases"}, {first}), urgent, {first}).requery  # out of it
    assert lists.follow(Changes.anything(), shown, held).requery
    assert not lists.follow(Changes({"link_suggestions"}), shown, held).requery
