from __future__ import annotations

import pytest

from desktop.address import parse_address
from desktop.intake.fields import parse_phone
from desktop.linking.names import name_key, name_similarity, split_name

SAME_PLACE = [
    "부산광역시 해운대구 좌동로 10, 101동 1203호",
    "부산 해운대구 좌동로10 101-1203",
    "해운대구 좌동로 10 (좌동, OO아파트) 101동 1203호",
    "부산시 해운대구 좌동로 10 101동1203호",
    "해운대구  좌동로  10,  101 - 1203",
]


@pytest.mark.parametrize("text", SAME_PLACE)
def test_every_way_of_writing_an_address_gives_one_key(text: str) -> None:
    assert parse_address(text).address_key == "해운대구|좌동로|10|101-1203"


def test_address_units_and_lots() -> None:
    assert (
        parse_address("부산진구 중앙대로 672번길 5 지하 1층").address_key
        == "부산진구|중앙대로672번길|5|B1"
    )
    assert parse_address("부산진구 중앙대로672번길 5", "B1").unit == "B1"
    assert parse_address("북구 만덕대로 55-1 3층").address_key == "북구|만덕대로|55-1|F3"
    lot = parse_address("부산 사상구 괘법동 123-4")
    assert lot.building_key == "사상구|괘법동 123-4" and lot.legal_dong == "괘법동"
    assert parse_address("해운대구 좌동로 10", "1203호").unit == "-1203"


@pytest.mark.parametrize(
    "text", ["010-1234-5678", "+82 10 1234 5678", "01012345678", "010.1234.5678"]
)
def test_phone_numbers_reduce_to_digits(text: str) -> None:
    assert parse_phone(text) == "01012345678"


def test_names_are_compared_by_jamo_with_the_surname_apart() -> None:
    assert name_key(" 김 민준 ") == "김민준"
    assert split_name("남궁민수") == ("남궁", "민수")
    assert split_name("김민준") == ("김", "민준")
    assert name_similarity("김민준", "김민존") >= 0.8  # one vowel apart
    assert name_similarity("김민준", "박민준") == 0.0  # another surname: another person
    assert name_similarity("김민준", "김서연") < 0.6


@pytest.mark.parametrize(
    "text",
    [
        "부산 부산진구 중앙대로 5",
        "부산광역시 부산진구 중앙대로 5",
        "부산진구 중앙대로 5",
        "부산시부산진구 중앙대로 5",
    ],
)
def test_the_city_prefix_is_not_taken_from_a_district_named_after_it(text: str) -> None:
    assert parse_address(text).building_key == "부산진구|중앙대로|5"
