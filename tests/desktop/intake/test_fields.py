from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desktop.intake import fields as fx


@pytest.mark.parametrize(
    "text",
    ["2026-11-03", "2026.11.03", "2026/11/03", "20261103", "2026. 11. 3.", "２０２６-１１-０３"],
)
def test_every_listed_date_form(text: str) -> None:
    assert fx.parse_date(text) == date(2026, 11, 3)


def test_excel_date_cells() -> None:
    assert fx.parse_date(datetime(2026, 11, 3, 0, 0)) == date(2026, 11, 3)
    assert fx.parse_date(46329) == date(2026, 11, 3)  # an unformatted Excel serial


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03 14:30", datetime(2026, 11, 3, 5, 30, tzinfo=UTC)),
        ("2026.11.03 14:30:15", datetime(2026, 11, 3, 5, 30, 15, tzinfo=UTC)),
        ("2026-11-03T14:30:00+09:00", datetime(2026, 11, 3, 5, 30, tzinfo=UTC)),
        ("2026-11-03 05:30+00:00", datetime(2026, 11, 3, 5, 30, tzinfo=UTC)),
        ("20261103", datetime(2026, 11, 2, 15, 0, tzinfo=UTC)),  # midnight Korea time
    ],
)
def test_date_times_default_to_korea_time(text: str, expected: datetime) -> None:
    assert fx.parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "어제", "2026-11-03 25:00"])
def test_impossible_dates_give_a_korean_reason_with_the_value(text: str) -> None:
    with pytest.raises(ValueError, match=text.split()[0][:4]):
        fx.parse_datetime(text)


@pytest.mark.parametrize(
    "text",
    [
        "010-1234-5678",
        "01012345678",
        "010 1234 5678",
        "+82 10-1234-5678",
        "+821012345678",
        "1012345678",
    ],
)
def test_mobile_phone_forms(text: str) -> None:
    assert fx.parse_phone(text) == "01012345678"


def test_landlines_and_formatting() -> None:
    assert fx.parse_phone("051-123-4567") == "0511234567"
    assert fx.parse_phone("02-123-4567") == "021234567"
    assert fx.format_phone("0511234567") == "051-123-4567"
    assert fx.format_phone("01012345678") == "010-1234-5678"
    with pytest.raises(ValueError, match="123"):
        fx.parse_phone("123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Y", True),
        ("예", True),
        ("true", True),
        ("N", False),
        ("아니오", False),
        ("false", False),
        ("", None),
    ],
)
def test_yes_no_words(text: str, expected: bool | None) -> None:
    assert fx.parse_yes_no(text) is expected


def test_multi_values_split_on_every_separator() -> None:
    assert fx.split_multi("경제, 건강/주거;고립·돌봄") == ["경제", "건강", "주거", "고립", "돌봄"]
    with pytest.raises(ValueError, match="우주"):
        fx.parse_choices("경제,우주", ("경제", "건강"))


def test_risk_scores_and_grades() -> None:
    assert fx.parse_risk_score("85") == 85
    assert fx.parse_risk_score("상") == 80
    assert fx.parse_risk_score(42.0) == 42
    with pytest.raises(ValueError, match="101"):
        fx.parse_risk_score("101")


def test_coordinates_in_range() -> None:
    assert fx.parse_coordinate("35.1631", axis="lat") == pytest.approx(35.1631)
    with pytest.raises(ValueError, match="위도"):
        fx.parse_coordinate("135.2", axis="lat")


def test_birth_dates_in_six_digits_choose_a_past_century() -> None:
    today = date(2026, 11, 20)
    assert fx.parse_birth_date("520317", today=today) == date(1952, 3, 17)
    assert fx.parse_birth_date("100317", today=today) == date(2010, 3, 17)
    with pytest.raises(ValueError):
        fx.parse_birth_date("2030-01-01", today=today)
