"""Readers for single field values as the channels write them (intake-formats.md).

Each function takes what a file cell held (text, number, Excel date) and returns the
normalised value, ``None`` for a blank, or raises ``ValueError`` whose message is a Korean
sentence a welfare worker can act on. Pydantic models in ``desktop.intake.records`` attach
these to fields; the field's name is added there.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, time
from typing import Any

from desktop.timeutil import KST

MULTI_SEPARATORS = re.compile(r"[,/;·ㆍ・]")

_DATE_RE = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_RE = re.compile(
    r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)

_YES = {"y", "yes", "예", "네", "true", "t", "1", "o", "유", "있음", "해당", "긴급"}
_NO = {"n", "no", "아니오", "아니요", "false", "f", "0", "x", "무", "없음", "비해당", "일반"}


def clean_text(value: Any) -> str | None:
    """Text of a cell with Unicode compatibility forms folded (full-width digits and
    punctuation become ASCII) and outer white space trimmed; ``None`` if blank."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not unicodedata.is_normalized("NFKC", text):  # most cells already are: skip the copy
        text = unicodedata.normalize("NFKC", text)
    text = text.strip()
    return text or None


def identifier(value: Any) -> str | None:
    """A source id: trimmed; an Excel number such as ``12345.0`` reads as ``12345``."""
    return clean_text(value)


def _from_excel_serial(value: float) -> datetime:
    from openpyxl.utils.datetime import from_excel

    result = from_excel(value)
    if isinstance(result, datetime):
        return result
    if isinstance(result, date):
        return datetime.combine(result, time())
    raise ValueError(f"'{value}'은(는) 날짜로 읽을 수 없는 값입니다")


def parse_date(value: Any) -> date | None:
    """A calendar date: ``2026-11-03``, ``2026.11.03``, ``2026/11/03``, ``20261103``, or an
    Excel date cell."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(float(value)).date()
    text = clean_text(value)
    if text is None:
        return None
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if match is None:
        raise ValueError(f"'{text}'은(는) 날짜 형식이 아닙니다 (예: 2026-11-03)")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}'은(는) 달력에 없는 날짜입니다") from None


def parse_datetime(value: Any) -> datetime | None:
    """A moment: a date (as ``parse_date``) with an optional ``HH:MM[:SS]`` and zone.

    A time without a zone is Korea time; a date without a time is midnight Korea time.
    The result is UTC.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=KST)
        return local.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), KST).astimezone(UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(float(value)).replace(tzinfo=KST).astimezone(UTC)
    text = clean_text(value)
    if text is None:
        return None
    date_part, _, time_part = text.replace("T", " ", 1).partition(" ")
    try:
        day = parse_date(date_part)
    except ValueError:
        raise ValueError(
            f"'{text}'은(는) 날짜·시간 형식이 아닙니다 (예: 2026-11-03 14:30)"
        ) from None
    assert day is not None
    time_part = time_part.strip()
    if not time_part:
        return datetime.combine(day, time(), KST).astimezone(UTC)
    match = _TIME_RE.match(time_part)
    if match is None:
        raise ValueError(f"'{text}'의 시간 '{time_part}'을(를) 읽을 수 없습니다 (예: 14:30)")
    hour, minute, second, zone = match.groups()
    try:
        clock = time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise ValueError(f"'{text}'의 시간 '{time_part}'은(는) 있을 수 없는 시각입니다") from None
    tz = KST if zone is None else _parse_zone(zone)
    return datetime.combine(day, clock, tz).astimezone(UTC)


def _parse_zone(zone: str) -> Any:
    from datetime import timedelta, timezone

    if zone.upper() == "Z":
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(sign * offset)


def parse_birth_date(value: Any, *, today: date | None = None) -> date | None:
    """A birth date: any ``parse_date`` form, or ``YYMMDD`` (the century chosen so the
    person is not born in the future)."""
    if value is None:
        return None
    text = clean_text(value) if not isinstance(value, date | datetime) else None
    born: date | None
    today = today or datetime.now(KST).date()
    if text is not None and re.fullmatch(r"\d{6}", text):
        yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
        century = 2000 if 2000 + yy <= today.year else 1900
        try:
            born = date(century + yy, mm, dd)
        except ValueError:
            raise ValueError(f"'{text}'은(는) 달력에 없는 생년월일입니다") from None
    else:
        born = parse_date(value)
        if born is None:
            return None
    if born > today or born.year < 1900:
        raise ValueError(f"'{born.isoformat()}'은(는) 있을 수 없는 생년월일입니다")
    return born


_PHONE_STRIP = re.compile(r"[\s\-.()]")
_MOBILE = re.compile(r"^01[016789]\d{7,8}$")
_SEOUL = re.compile(r"^02\d{7,8}$")
_AREA = re.compile(r"^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}$")
_INTERNET = re.compile(r"^0(?:70|50\d)\d{7,8}$")
_SERVICE = re.compile(r"^1[568]\d{6}$")


def parse_phone(value: Any) -> str | None:
    """A Korean phone number as digits only (``01012345678``, ``0511234567``).

    Accepts hyphens, spaces, dots, parentheses and the +82 country code.
    """
    text = clean_text(value)
    if text is None:
        return None
    digits = _PHONE_STRIP.sub("", text)
    if digits.startswith("+82"):
        digits = "0" + digits[3:].lstrip("0")
    elif digits.startswith("0082"):
        digits = "0" + digits[4:].lstrip("0")
    elif digits.startswith("82") and len(digits) in (11, 12) and digits[2] == "1":
        digits = "0" + digits[2:]
    elif len(digits) in (9, 10) and digits.startswith("1") and digits[1] in "016789":
        digits = "0" + digits  # a mobile number whose leading 0 an Excel column dropped
    if not digits.isdigit():
        raise ValueError(f"'{text}'은(는) 전화번호 형식이 아닙니다 (예: 010-1234-5678)")
    for pattern in (_MOBILE, _SEOUL, _AREA, _INTERNET, _SERVICE):
        if pattern.match(digits):
            return digits
    raise ValueError(f"'{text}'은(는) 국내 전화번호로 볼 수 없습니다 (자릿수 또는 지역번호 확인)")


def format_phone(digits: str) -> str:
    """Digits as people write them: ``010-1234-5678``, ``02-123-4567``, ``051-123-4567``."""
    if digits.startswith("02"):
        head, rest = digits[:2], digits[2:]
    elif len(digits) == 8:
        return f"{digits[:4]}-{digits[4:]}"
    else:
        head, rest = digits[:3], digits[3:]
    split = len(rest) - 4
    return f"{head}-{rest[:split]}-{rest[split:]}"


def parse_yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = clean_text(value)
    if text is None:
        return None
    word = text.lower().replace(" ", "")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f"'{text}'은(는) 예/아니오 값이 아닙니다 (Y/N, 예/아니오, true/false)")


def split_multi(value: Any) -> list[str]:
    """The parts of a multi-valued cell, split on ``,`` ``/`` ``;`` ``·``; blanks dropped."""
    if isinstance(value, list):
        parts = [clean_text(v) for v in value]
        return [p for p in parts if p]
    text = clean_text(value)
    if text is None:
        return []
    return [part.strip() for part in MULTI_SEPARATORS.split(text) if part.strip()]


def parse_choices(
    value: Any, allowed: tuple[str, ...], synonyms: dict[str, str] | None = None
) -> list[str]:
    """A multi-valued cell whose parts must each be one of ``allowed`` (spaces ignored)."""
    by_key = {a.replace(" ", ""): a for a in allowed}
    for word, target in (synonyms or {}).items():
        by_key.setdefault(word.replace(" ", ""), target)
    result: list[str] = []
    unknown: list[str] = []
    for part in split_multi(value):
        chosen = by_key.get(part.replace(" ", ""))
        if chosen is None:
            unknown.append(part)
        elif chosen not in result:
            result.append(chosen)
    if unknown:
        raise ValueError(
            f"'{', '.join(unknown)}'은(는) 허용된 값이 아닙니다 (허용: {', '.join(allowed)})"
        )
    return result


def parse_choice(
    value: Any, allowed: tuple[str, ...], synonyms: dict[str, str] | None = None
) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    key = text.replace(" ", "")
    for option in allowed:
        if option.replace(" ", "") == key:
            return option
    for word, target in (synonyms or {}).items():
        if word.replace(" ", "") == key:
            return target
    raise ValueError(f"'{text}'은(는) 허용된 값이 아닙니다 (허용: {', '.join(allowed)})")


RISK_GRADES = {"상": 80, "중": 50, "하": 20, "높음": 80, "보통": 50, "낮음": 20}


def _number(value: Any, meaning: str, words: dict[str, int] | None = None) -> float | None:
    """A number given as a number, or written as one (``words`` may name some, a trailing
    점 is allowed with them); ``None`` when blank; ``meaning`` says what was expected."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = clean_text(value)
    if text is None:
        return None
    if words is not None:
        if text in words:
            return float(words[text])
        text = text.removesuffix("점").strip()
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{text}'은(는) {meaning}가 아닙니다") from None


def parse_risk_score(value: Any) -> int | None:
    """AI 위험도: 0–100, or 상/중/하 (read as 80/50/20)."""
    number = _number(value, "위험도(0–100 또는 상/중/하)", RISK_GRADES)
    if number is None:
        return None
    if math.isnan(number) or not 0 <= number <= 100:
        raise ValueError(f"'{value}'은(는) 0–100 범위를 벗어난 위험도입니다")
    return round(number)


def parse_coordinate(value: Any, *, axis: str) -> float | None:
    """A WGS84 coordinate in decimal degrees; ``axis`` is ``lat`` or ``lon``."""
    number = _number(value, "좌표(십진수 도)")
    if number is None:
        return None
    limit = 90.0 if axis == "lat" else 180.0
    if math.isnan(number) or not -limit <= number <= limit:
        name = "위도" if axis == "lat" else "경도"
        raise ValueError(f"'{value}'은(는) {name} 범위(±{limit:g})를 벗어났습니다")
    return number
