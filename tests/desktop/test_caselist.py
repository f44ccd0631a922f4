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
