from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest

from db.enums import Channel
from desktop.intake import fields as fx
from desktop.intake.records import RecordInvalidError, parse_record
from desktop.timeutil import KST


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


def _kst(*parts: int) -> datetime:
    """A Korea-time wall clock as the UTC moment parse_datetime returns."""
    return datetime(*parts, tzinfo=KST).astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026. 11. 14. 13:11", _kst(2026, 11, 14, 13, 11)),
        ("2026. 10. 13. 오후 5:15:00", _kst(2026, 10, 13, 17, 15)),
        ("2026. 10. 13. 오전 5:15:00", _kst(2026, 10, 13, 5, 15)),
        ("2026. 10. 13. 오전 12:05", _kst(2026, 10, 13, 0, 5)),
        ("2026. 10. 13. 오후 12:05", _kst(2026, 10, 13, 12, 5)),
        ("2026. 11. 14.", _kst(2026, 11, 14)),
    ],
)
def test_korean_excel_date_text_as_date_times(text: str, expected: datetime) -> None:
    assert fx.parse_date("2026. 11. 14.") == date(2026, 11, 14)
    assert fx.parse_datetime(text) == expected


def test_compact_date_and_hhmm_time() -> None:
    assert fx.parse_datetime("20261025 1327") == _kst(2026, 10, 25, 13, 27)


def test_korean_year_month_day_words() -> None:
    assert fx.parse_date("1974년 1월 25일") == date(1974, 1, 25)
    assert fx.parse_birth_date("1974년 1월 25일") == date(1974, 1, 25)
    assert fx.parse_datetime("1974년 1월 25일") == _kst(1974, 1, 25)
    assert fx.parse_datetime("1974년 1월 25일 10:05") == _kst(1974, 1, 25, 10, 5)
    assert fx.parse_datetime("1974년 1월 25일 오후 3:20") == _kst(1974, 1, 25, 15, 20)


def test_birth_dates_with_a_two_digit_year() -> None:
    today = date(2026, 11, 20)
    assert fx.parse_birth_date("78.06.10", today=today) == date(1978, 6, 10)
    assert fx.parse_birth_date("780610", today=today) == date(1978, 6, 10)
    assert fx.parse_birth_date("10.03.17", today=today) == date(2010, 3, 17)
    assert fx.parse_birth_date("26.12.01", today=today) == date(1926, 12, 1)  # not next month


@pytest.mark.parametrize("number", [19621219, 19621219.0])
def test_an_eight_digit_date_in_a_number_cell(number: float) -> None:
    assert fx.parse_birth_date(number) == date(1962, 12, 19)
    assert fx.parse_date(number) == date(1962, 12, 19)
    assert fx.parse_datetime(number) == _kst(1962, 12, 19)
    assert fx.parse_date(46000.0) == date(2025, 12, 9)  # a genuine Excel serial still is one
    assert fx.parse_datetime(46000.5) == _kst(2025, 12, 9, 12, 0)


@pytest.mark.parametrize(
    "number",
    [99999999, 20261131, 1e20, 10**30, -3, 0, 0.5, 2958466, float("nan"), float("inf"), -1e300],
)
def test_numbers_that_are_no_date_raise_a_korean_value_error(number: float) -> None:
    for reader in (fx.parse_date, fx.parse_datetime, fx.parse_birth_date):
        with pytest.raises(ValueError) as caught:
            reader(number)
        assert type(caught.value) is ValueError
        assert "날짜" in str(caught.value) or "생년월일" in str(caught.value)
    with pytest.raises(ValueError, match="날짜"):
        fx._from_excel_serial(1e20)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (512241408, "0512241408"),  # 051-224-1408, its leading 0 lost in Excel
        ("512241408", "0512241408"),
        (512241408.0, "0512241408"),
        (21234567, "021234567"),  # 02-123-4567
        (7012345678, "07012345678"),
        ("15881234", "15881234"),  # a service number keeps its form
        ("051)123-4567", "0511234567"),
    ],
)
def test_landlines_excel_made_into_numbers(value: object, expected: str) -> None:
    assert fx.parse_phone(512241408) == "0512241408"
    assert fx.parse_phone(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "010\u20131234\u20135678",  # en dash
        "010\u20141234\u20145678",  # em dash
        "010\u22121234\u22125678",  # minus sign
        "010\u20101234\u20105678",  # hyphen
        "010-1234-5678(본인)",
        "010-1234-5678 (자녀)",
        "010-1234-5678（본인）",
    ],
)
def test_phones_with_other_dashes_and_a_note(text: str) -> None:
    assert fx.parse_phone(text) == "01012345678"


@pytest.mark.parametrize(
    "text", ["경제\u318d고립", "경제\u30fb고립", "경제\uff65고립", "경제\u00b7고립", "경제，고립"]
)
def test_multi_values_split_on_hangul_and_katakana_middle_dots(text: str) -> None:
    assert fx.split_multi(text) == ["경제", "고립"]
    assert fx.parse_choices(text, ("경제", "고립")) == ["경제", "고립"]


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (fx.parse_date, "2026-11-31"),
        (fx.parse_datetime, "2026-11-31"),
        (fx.parse_datetime, "2026-11-31 10:00"),
        (fx.parse_datetime, "2026. 2. 30. 오후 5:15:00"),
        (fx.parse_birth_date, "2023-02-29"),
        (fx.parse_birth_date, "780231"),
    ],
)
def test_a_date_that_does_not_exist_is_said_so(reader: Any, text: str) -> None:
    with pytest.raises(ValueError, match="없는 날짜") as caught:
        reader(text)
    assert f"'{text}'" in str(caught.value)


@pytest.mark.parametrize(
    ("reader", "typed"),
    [
        (fx.parse_date, "２０２６-１１-３１"),
        (fx.parse_date, "２０２６년"),
        (fx.parse_datetime, "２０２６-１１-０３ ２５:００"),
        (fx.parse_datetime, "２０２６-１１-３１ １０:００"),
        (fx.parse_birth_date, "２０３０-０１-０１"),
        (fx.parse_phone, "０１０-１２３"),
        (fx.parse_yes_no, "ＹＥＳＮＯ"),
        (fx.parse_risk_score, "１０１"),
        (partial(fx.parse_coordinate, axis="lat"), "１３５"),
        (partial(fx.parse_choice, allowed=("남", "여")), "Ｍ"),
        (partial(fx.parse_choices, allowed=("경제",)), "경제, 우주１"),
    ],
)
def test_messages_quote_the_value_as_typed(reader: Any, typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        reader(typed)
    shown = typed.split(", ")[-1] if "," in typed else typed
    assert f"'{shown}'" in str(caught.value)


@pytest.mark.parametrize(
    ("reader", "value"),
    [
        (fx.parse_date, "2026-02-30"),
        (fx.parse_date, 1e20),
        (fx.parse_datetime, "2026-11-03 25:00"),
        (fx.parse_datetime, "2026-11-03 10:00+25:00"),
        (fx.parse_datetime, "0001-01-01 05:00"),
        (fx.parse_datetime, "9999-12-31 23:00-05:00"),
        (fx.parse_datetime, float("nan")),
        (fx.parse_birth_date, 10**30),
        (fx.parse_phone, "010-12"),
        (fx.parse_risk_score, 10**400),
    ],
)
def test_messages_hold_no_python_text(reader: Any, value: object) -> None:
    with pytest.raises(ValueError) as caught:
        reader(value)
    assert type(caught.value) is ValueError
    outside_quotes = re.sub(r"'[^']*'", "", str(caught.value))
    assert re.search(r"[가-힣]", outside_quotes)
    assert not re.search(r"[A-Za-z]{2,}", outside_quotes), str(caught.value)


def test_a_number_cell_birth_date_passes_validation() -> None:
    values = {
        "source_id": "C-1",
        "called_at": "2026. 10. 13. 오후 5:15:00",
        "subject_name": "김영희",
        "subject_phone": 512241408,
        "birth_date": 19621219,
        "call_result": "연결",
    }
    parsed = parse_record(Channel.AI_CALL, values)
    assert parsed.subject.birth_date == date(1962, 12, 19)
    assert parsed.subject.phone == "0512241408"
    assert parsed.occurred_at == _kst(2026, 10, 13, 17, 15)
    with pytest.raises(RecordInvalidError) as caught:
        parse_record(Channel.AI_CALL, {**values, "birth_date": 1e20})
    assert "생년월일" in caught.value.reasons[0] and "Error" not in caught.value.reasons[0]
