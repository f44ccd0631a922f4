"""Readers for single field values as the channels write them (intake-formats.md).

Each function takes what a file cell held (text, number, Excel date) and returns the
normalised value, ``None`` for a blank, or raises ``ValueError`` whose message is a Korean
sentence a welfare worker can act on. Pydantic models in ``desktop.intake.records`` attach
these to fields; the field's name is added there.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from desktop.timeutil import KST

# Split on the text as typed, before NFKC folds the look-alikes (ㆍ U+318D becomes the
# jamo U+119E): ``,`` ``/`` ``;`` and their full-width forms, and every middle dot.
MULTI_SEPARATORS = re.compile(
    "[,/;\uff0c\uff0f\uff1b\u00b7\u318d\u119e\u30fb\uff65\u2027\u2219\u22c5]"
)

# The date forms (intake-formats.md, Dates); each also anchors a date-time's date part.
_DATE_FORMS = (
    r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?",  # 2026-11-03, 2026. 11. 3.
    r"(\d{4})(\d{2})(\d{2})",  # 20261103
    r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일",  # 2026년 11월 3일
)
_DATES = tuple(re.compile(form, re.ASCII) for form in _DATE_FORMS)
# A date-time's date is followed by the end, white space or ISO's ``T`` (일 ends one itself).
_DATE_HEADS = tuple(
    re.compile(form if form.endswith("일") else form + r"(?=[\sTt]|$)", re.ASCII)
    for form in _DATE_FORMS
)
# Birth dates also come with a two-digit year: 780610, 78.06.10, 78년 6월 10일.
_SHORT_BIRTH = re.compile(
    r"(\d{2})(\d{2})(\d{2})"
    r"|(\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?"
    r"|(\d{2})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일",
    re.ASCII,
)
_ZONE = r"(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?"
_MERIDIEM = {"오전": False, "am": False, "오후": True, "pm": True}
_TIMES = (
    # 14:30, 14:30:15.5, 오후 2:30, 2:30 PM, each optionally +09:00 or Z
    re.compile(
        r"(?:(오전|오후|am|pm)\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
        r"(?:\s*(am|pm))?" + _ZONE,
        re.ASCII | re.IGNORECASE,
    ),
    re.compile(r"()(\d{2})(\d{2})(\d{2})?()" + _ZONE, re.ASCII),  # 1430 (after a space)
    re.compile(  # 오후 2시 30분
        r"(?:(오전|오후)\s*)?(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분)?(?:\s*(\d{1,2})\s*초)?()" + _ZONE,
        re.ASCII,
    ),
)
# Excel serial numbers of the dates Excel can hold: 1 (1900-01-01) to 9999-12-31.
_SERIAL_MAX = 2958466

_YES = {"y", "yes", "예", "네", "true", "t", "1", "o", "유", "있음", "해당", "긴급"}
_NO = {"n", "no", "아니오", "아니요", "false", "f", "0", "x", "무", "없음", "비해당", "일반"}

_QUOTE_MAX = 60  # a value quoted in a message is cut after this many characters


def _typed(value: Any) -> str:
    """A cell as typed, outer white space trimmed: what a message quotes."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _fold(typed: str) -> str:
    """``typed`` with Unicode compatibility forms folded (full-width digits become ASCII)."""
    if unicodedata.is_normalized("NFKC", typed):  # most cells already are: skip the copy
        return typed
    return unicodedata.normalize("NFKC", typed).strip()


def _q(typed: str) -> str:
    """``typed`` quoted for a message (a very long value is cut)."""
    if len(typed) > _QUOTE_MAX:
        typed = typed[:_QUOTE_MAX] + "…"
    return f"'{typed}'"


def clean_text(value: Any) -> str | None:
    """Text of a cell with Unicode compatibility forms folded (full-width digits and
    punctuation become ASCII) and outer white space trimmed; ``None`` if blank."""
    if value is None:
        return None
    return _fold(_typed(value)) or None


def identifier(value: Any) -> str | None:
    """A source id: trimmed; an Excel number such as ``12345.0`` reads as ``12345``."""
    return clean_text(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _no_such_date(typed: str, year: int, month: int, day: int) -> ValueError:
    """Why ``year-month-day`` is not a date, as a sentence quoting ``typed``."""
    if not 1 <= month <= 12:
        why = " (월은 1–12)"
    elif 1 <= year <= 9999 and day >= 1:
        why = f" ({month}월은 {calendar.monthrange(year, month)[1]}일까지)"
    else:
        why = ""
    return ValueError(f"{_q(typed)}은(는) 달력에 없는 날짜입니다{why}")


def _ymd(typed: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _no_such_date(typed, year, month, day) from None


def _from_excel_serial(value: float) -> datetime:
    """An Excel serial number (days since 1899-12-30, a fraction for the time)."""
    from openpyxl.utils.datetime import from_excel

    shown = _q(_typed(value))
    if not 1 <= value < _SERIAL_MAX:  # also NaN
        raise ValueError(f"{shown}은(는) 날짜로 읽을 수 없는 숫자입니다")
    try:
        result = from_excel(value)
    except (OverflowError, ValueError, TypeError):
        raise ValueError(f"{shown}은(는) 날짜로 읽을 수 없는 숫자입니다") from None
    if isinstance(result, datetime):
        return result
    if isinstance(result, date):
        return datetime.combine(result, time())
    raise ValueError(f"{shown}은(는) 날짜로 읽을 수 없는 숫자입니다")


def _from_number(value: float) -> datetime:
    """A number cell: ``20261103`` typed into it (eight digits that are a date), or an
    Excel serial; naive, as the cell held it."""
    if isinstance(value, int) or value.is_integer():
        whole = int(value)
        if 10_000_000 <= whole <= 99_999_999:
            year, rest = divmod(whole, 10_000)
            month, day = divmod(rest, 100)
            if 1 <= month <= 12 and 1 <= day <= 31:
                return datetime.combine(_ymd(str(whole), year, month, day), time())
            raise ValueError(f"'{whole}'은(는) 날짜로 읽을 수 없는 숫자입니다")
        if not 1 <= whole < _SERIAL_MAX:  # before float(): a huge int does not fit one
            raise ValueError(f"{_q(str(whole))}은(는) 날짜로 읽을 수 없는 숫자입니다")
    return _from_excel_serial(float(value))


def _date_of_text(typed: str, text: str) -> date | None:
    """A date form's date, ``None`` if ``text`` is none of them."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:  # the common ISO form, fast
            return date.fromisoformat(text)
        except ValueError:
            pass
    for form in _DATES:
        match = form.fullmatch(text)
        if match is not None:
            year, month, day = (int(part) for part in match.groups())
            return _ymd(typed, year, month, day)
    return None


def parse_date(value: Any) -> date | None:
    """A calendar date: ``2026-11-03``, ``2026.11.03``, ``2026/11/03``, ``20261103``,
    ``2026. 11. 3.``, ``2026년 11월 3일``, an Excel date cell or serial number, or
    ``20261103`` typed into a number cell."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_number(value):
        return _from_number(value).date()
    typed = _typed(value)
    text = _fold(typed)
    if not text:
        return None
    day = _date_of_text(typed, text)
    if day is None:
        raise ValueError(f"{_q(typed)}은(는) 날짜 형식이 아닙니다 (예: 2026-11-03)")
    return day


def _utc(moment: datetime, typed: str) -> datetime:
    """``moment`` (Korea time if it has no zone) in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # 0001-01-01 in Korea is before year 1 in UTC
        raise ValueError(f"{_q(typed)}은(는) 다룰 수 있는 범위를 벗어난 날짜입니다") from None


def parse_datetime(value: Any) -> datetime | None:
    """A moment: a date (as ``parse_date``) with an optional time, ``HH:MM[:SS]``, ``HHMM``
    or ``오전``/``오후`` and a 12-hour time, and an optional zone (``+09:00``, ``Z``).

    A time without a zone is Korea time; a date without a time is midnight Korea time.
    The result is UTC.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value, value.isoformat())
    if isinstance(value, date):
        return _utc(datetime.combine(value, time()), value.isoformat())
    if _is_number(value):
        return _utc(_from_number(value), _typed(value))
    typed = _typed(value)
    text = _fold(typed)
    if not text:
        return None
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[10:11] in ("", " ", "T"):
        try:  # the common ISO forms, fast
            return _utc(datetime.fromisoformat(text), typed)
        except ValueError:
            pass  # the slow path says what is wrong
    for head in _DATE_HEADS:
        match = head.match(text)
        if match is not None:
            break
    else:
        raise ValueError(f"{_q(typed)}은(는) 날짜·시간 형식이 아닙니다 (예: 2026-11-03 14:30)")
    year, month, day = (int(part) for part in match.groups())
    calendar_day = _ymd(typed, year, month, day)
    rest = text[match.end() :].lstrip()
    if rest[:1] in ("T", "t"):
        rest = rest[1:].lstrip()
    if not rest:
        return _utc(datetime.combine(calendar_day, time()), typed)
    return _utc(datetime.combine(calendar_day, _clock(rest, typed)), typed)


def _clock(text: str, typed: str) -> time:
    """The time of day (with its zone, if given) of a date-time's time part ``text``."""
    for form in _TIMES:
        found = form.fullmatch(text)
        if found is not None:
            break
    else:
        raise ValueError(f"{_q(typed)}의 시간을 읽을 수 없습니다 (예: 14:30, 14:30:00, 오후 2:30)")
    before, hour_text, minute, second, after, zone = found.groups()
    hour = int(hour_text)
    meridiem = before or after
    if meridiem:
        if (before and after) or hour > 12:
            raise ValueError(f"{_q(typed)}의 시간은 오전·오후와 함께 쓸 수 없는 시각입니다")
        hour = hour % 12 + (12 if _MERIDIEM[meridiem.lower()] else 0)
    tz = None if zone is None else _parse_zone(zone, typed)
    try:
        return time(hour, int(minute or 0), int(second or 0), tzinfo=tz)
    except ValueError:
        raise ValueError(
            f"{_q(typed)}의 시간은 있을 수 없는 시각입니다 (시 0–23, 분·초 0–59)"
        ) from None


def _parse_zone(zone: str, typed: str = "") -> tzinfo:
    if zone.upper() == "Z":
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    try:
        return timezone(sign * offset)
    except ValueError:  # 24 hours or more
        raise ValueError(f"{_q(typed or zone)}의 시간대를 읽을 수 없습니다 (예: +09:00)") from None


def parse_birth_date(value: Any, *, today: date | None = None) -> date | None:
    """A birth date: any ``parse_date`` form, or ``YYMMDD``, ``YY.MM.DD`` (the century
    chosen so the person is not born in the future)."""
    if value is None:
        return None
    today = today or datetime.now(KST).date()
    if isinstance(value, date):  # a datetime too
        typed = value.isoformat()
        born = parse_date(value)
    else:
        typed = _typed(value)
        text = _fold(typed)
        if not text:
            return None
        short = _SHORT_BIRTH.fullmatch(text)
        if short is not None:
            yy, mm, dd = (int(part) for part in short.groups() if part is not None)
            century = 2000 if (2000 + yy, mm, dd) <= (today.year, today.month, today.day) else 1900
            born = _ymd(typed, century + yy, mm, dd)
        elif _is_number(value):
            born = _from_number(value).date()
        else:
            born = _date_of_text(typed, text)
            if born is None:
                raise ValueError(
                    f"{_q(typed)}은(는) 생년월일 형식이 아닙니다 (예: 1952-03-17, 520317)"
                )
    assert born is not None
    if born > today:
        raise ValueError(f"{_q(typed)}은(는) 있을 수 없는 생년월일입니다 (오늘 이후)")
    if born.year < 1900:
        raise ValueError(f"{_q(typed)}은(는) 있을 수 없는 생년월일입니다 (1900년 이전)")
    return born


_PHONE_STRIP = re.compile(r"[\s\-.()\u2010-\u2015\u2212\u2043\u00ad]")
# A note in parentheses after (or before) the number: 010-1234-5678(본인), (자녀) 010-….
_PHONE_NOTE = re.compile(r"^\s*[(\[][^()\[\]\d]*[)\]]|[(\[][^()\[\]\d]*[)\]]\s*$")
_MOBILE = re.compile(r"^01[016789]\d{7,8}$", re.ASCII)
_SEOUL = re.compile(r"^02\d{7,8}$", re.ASCII)
_AREA = re.compile(r"^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}$", re.ASCII)
_INTERNET = re.compile(r"^0(?:70|50\d)\d{7,8}$", re.ASCII)
_SERVICE = re.compile(r"^1[568]\d{6}$", re.ASCII)
_WITH_ZERO = (_MOBILE, _SEOUL, _AREA, _INTERNET)  # the numbers that begin with 0


def parse_phone(value: Any) -> str | None:
    """A Korean phone number as digits only (``01012345678``, ``0511234567``).

    Accepts hyphens and other dashes, spaces, dots, parentheses, the +82 country code, a
    note in parentheses (``010-1234-5678(본인)``) and the number Excel made of a phone
    (the leading 0 lost: ``1012345678``, ``512241408``).
    """
    if value is None:
        return None
    typed = _typed(value)
    text = _fold(typed)
    if not text:
        return None
    if text[-1] in ")]" or text[0] in "([":
        text = _PHONE_NOTE.sub("", text)
    digits = _PHONE_STRIP.sub("", text)
    if digits.startswith("+82"):
        digits = "0" + digits[3:].lstrip("0")
    elif digits.startswith("0082"):
        digits = "0" + digits[4:].lstrip("0")
    elif digits.startswith("82") and len(digits) in (11, 12) and digits[2] == "1":
        digits = "0" + digits[2:]
    elif 8 <= len(digits) <= 10 and digits[0] != "0" and not _SERVICE.match(digits):
        # a number whose leading 0 an Excel column dropped: 1012345678, 512241408
        restored = "0" + digits
        if any(pattern.match(restored) for pattern in _WITH_ZERO):
            digits = restored
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{_q(typed)}은(는) 전화번호 형식이 아닙니다 (예: 010-1234-5678)")
    for pattern in (_MOBILE, _SEOUL, _AREA, _INTERNET, _SERVICE):
        if pattern.match(digits):
            return digits
    raise ValueError(
        f"{_q(typed)}은(는) 국내 전화번호로 볼 수 없습니다 (자릿수 또는 지역번호 확인)"
    )


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
    if value is None:
        return None
    typed = _typed(value)
    text = _fold(typed)
    if not text:
        return None
    word = text.lower().replace(" ", "")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f"{_q(typed)}은(는) 예/아니오 값이 아닙니다 (Y/N, 예/아니오, true/false)")


def _parts(value: Any) -> list[tuple[str, str]]:
    """The parts of a multi-valued cell, each as typed and folded; blanks dropped.

    The split is made on the text as typed (NFKC would turn ㆍ into a letter that is no
    separator); a part that folds into one with a separator (``，`` is ``,``) splits again.
    """
    if value is None:
        return []
    if isinstance(value, list):
        pieces = [_typed(v) for v in value if v is not None]
    else:
        pieces = MULTI_SEPARATORS.split(_typed(value))
    parts = []
    for piece in pieces:
        typed = piece.strip()
        text = _fold(typed)
        if not text:
            continue
        if text is typed or not MULTI_SEPARATORS.search(text):
            parts.append((typed, text))
        else:
            parts.extend((t, t) for t in (s.strip() for s in MULTI_SEPARATORS.split(text)) if t)
    return parts


def split_multi(value: Any) -> list[str]:
    """The parts of a multi-valued cell, split on ``,`` ``/`` ``;`` ``·`` ``ㆍ`` (and their
    look-alikes); each part folded as ``clean_text`` does; blanks dropped."""
    if isinstance(value, list):
        parts = [clean_text(v) for v in value]
        return [p for p in parts if p]
    if value is None:
        return []
    typed = _typed(value)
    if unicodedata.is_normalized("NFKC", typed):  # the common case: nothing to fold
        return [part for part in (p.strip() for p in MULTI_SEPARATORS.split(typed)) if part]
    return [text for _, text in _parts(typed)]


def parse_choices(
    value: Any, allowed: tuple[str, ...], synonyms: dict[str, str] | None = None
) -> list[str]:
    """A multi-valued cell whose parts must each be one of ``allowed`` (spaces ignored)."""
    by_key = {a.replace(" ", ""): a for a in allowed}
    for word, target in (synonyms or {}).items():
        by_key.setdefault(word.replace(" ", ""), target)
    result: list[str] = []
    unknown: list[str] = []
    if isinstance(value, list):
        parts = [(_typed(v), text) for v in value if (text := clean_text(v))]
    else:
        parts = _parts(value)
    for typed, text in parts:
        chosen = by_key.get(text.replace(" ", ""))
        if chosen is None:
            unknown.append(typed)
        elif chosen not in result:
            result.append(chosen)
    if unknown:
        raise ValueError(
            f"{_q(', '.join(unknown))}은(는) 허용된 값이 아닙니다 (허용: {', '.join(allowed)})"
        )
    return result


def parse_choice(
    value: Any, allowed: tuple[str, ...], synonyms: dict[str, str] | None = None
) -> str | None:
    if value is None:
        return None
    typed = _typed(value)
    text = _fold(typed)
    if not text:
        return None
    key = text.replace(" ", "")
    for option in allowed:
        if option.replace(" ", "") == key:
            return option
    for word, target in (synonyms or {}).items():
        if word.replace(" ", "") == key:
            return target
    raise ValueError(f"{_q(typed)}은(는) 허용된 값이 아닙니다 (허용: {', '.join(allowed)})")


RISK_GRADES = {"상": 80, "중": 50, "하": 20, "높음": 80, "보통": 50, "낮음": 20}


def _number(value: Any, meaning: str, words: dict[str, int] | None = None) -> float | None:
    """A number given as a number, or written as one (``words`` may name some, a trailing
    점 is allowed with them); ``None`` when blank; ``meaning`` says what was expected."""
    if _is_number(value):
        try:
            return float(value)
        except OverflowError:  # an int too large for a float: out of every range
            return math.inf
    if value is None:
        return None
    typed = _typed(value)
    text = _fold(typed)
    if not text:
        return None
    if words is not None:
        if text in words:
            return float(words[text])
        text = text.removesuffix("점").strip()
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{_q(typed)}은(는) {meaning}가 아닙니다") from None


def parse_risk_score(value: Any) -> int | None:
    """AI 위험도: 0–100, or 상/중/하 (read as 80/50/20)."""
    number = _number(value, "위험도(0–100 또는 상/중/하)", RISK_GRADES)
    if number is None:
        return None
    if math.isnan(number) or not 0 <= number <= 100:
        raise ValueError(f"{_q(_typed(value))}은(는) 0–100 범위를 벗어난 위험도입니다")
    return round(number)


def parse_coordinate(value: Any, *, axis: str) -> float | None:
    """A WGS84 coordinate in decimal degrees; ``axis`` is ``lat`` or ``lon``."""
    number = _number(value, "좌표(십진수 도)")
    if number is None:
        return None
    limit = 90.0 if axis == "lat" else 180.0
    if math.isnan(number) or not -limit <= number <= limit:
        name = "위도" if axis == "lat" else "경도"
        raise ValueError(f"{_q(_typed(value))}은(는) {name} 범위(±{limit:g})를 벗어났습니다")
    return number
