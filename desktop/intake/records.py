"""Validation of one record of one channel into the shape the rest of Anbu Desk uses.

Pydantic does the work of running every field's reader, checking ranges and collecting
all failures of a record at once; the readers themselves (``fields``) know the formats
Korean systems write. A failure becomes a Korean reason naming the field and the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator

from db.enums import Channel
from db.errors import UserError
from desktop.intake import channels as ch
from desktop.intake import fields as fx
from desktop.korean import fix_particles, joined
from desktop.outreach.refs import household_ref
from desktop.security.masking import mask_numbers
from desktop.timeutil import to_kst

Text = Annotated[str | None, BeforeValidator(fx.clean_text)]
Id = Annotated[str, BeforeValidator(fx.identifier)]
RequiredText = Annotated[str, BeforeValidator(fx.clean_text)]
Moment = Annotated[datetime, BeforeValidator(fx.parse_datetime)]
Day = Annotated[date | None, BeforeValidator(fx.parse_birth_date)]
Phone = Annotated[str | None, BeforeValidator(fx.parse_phone)]
RequiredPhone = Annotated[str, BeforeValidator(fx.parse_phone)]
YesNo = Annotated[bool | None, BeforeValidator(fx.parse_yes_no)]
Latitude = Annotated[float | None, BeforeValidator(partial(fx.parse_coordinate, axis="lat"))]
Longitude = Annotated[float | None, BeforeValidator(partial(fx.parse_coordinate, axis="lon"))]
Risk = Annotated[int | None, BeforeValidator(fx.parse_risk_score)]
RequiredDay = Annotated[date, BeforeValidator(fx.parse_date)]
Ref = Annotated[str | None, BeforeValidator(household_ref)]


def _choice(allowed: tuple[str, ...], synonyms: dict[str, str] | None = None) -> Any:
    return BeforeValidator(partial(fx.parse_choice, allowed=allowed, synonyms=synonyms))


def _choices(allowed: tuple[str, ...], synonyms: dict[str, str] | None = None) -> Any:
    return BeforeValidator(partial(fx.parse_choices, allowed=allowed, synonyms=synonyms))


def free_text(value: Any) -> str | None:
    """Free text is kept exactly as typed (only a wholly blank cell is no value)."""
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


FreeText = Annotated[str | None, BeforeValidator(free_text)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppRecord(_Record):
    source_id: Id
    reported_at: Moment
    reporter_type: Annotated[str | None, _choice(ch.REPORTER_TYPES)] = None
    reporter_name: Text = None
    reporter_phone: Phone = None
    subject_name: Text = None
    subject_sex: Annotated[str | None, _choice(ch.SEXES, ch.SEX_SYNONYMS)] = None
    subject_age_band: Annotated[str | None, _choice(ch.AGE_BANDS, ch.AGE_SYNONYMS)] = None
    address: Text = None
    address_detail: Text = None
    latitude: Latitude = None
    longitude: Longitude = None
    crisis_types: Annotated[list[str], _choices(ch.CRISIS_TYPES, ch.CRISIS_SYNONYMS)]
    household_type: Annotated[str | None, _choice(ch.HOUSEHOLD_TYPES)] = None
    description: FreeText = None
    urgent: YesNo = None

    @model_validator(mode="after")
    def _place_given(self) -> AppRecord:
        if not self.crisis_types:
            raise ValueError("위기유형: 값이 비어 있습니다 (하나 이상 필요)")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("위도·경도: 둘 중 하나만 있습니다 (둘 다 필요)")
        if (
            self.latitude is not None
            and self.longitude is not None
            and 120 <= self.latitude <= 135
            and 30 <= self.longitude <= 45
        ):
            raise ValueError(
                f"위도·경도: {self.latitude}, {self.longitude} — 위도와 경도가 바뀐 것 같습니다"
            )
        if not self.address and self.latitude is None:
            raise ValueError("주소·위도·경도: 주소나 좌표 중 하나는 있어야 합니다")
        return self


class AiCallRecord(_Record):
    source_id: Id
    called_at: Moment
    subject_name: RequiredText
    subject_phone: RequiredPhone
    birth_date: Day = None
    address: Text = None
    call_result: Annotated[str, _choice(ch.CALL_RESULTS)]
    health: Annotated[str | None, _choice(ch.HEALTH)] = None
    meals: Annotated[str | None, _choice(ch.MEALS)] = None
    economic_hardship: YesNo = None
    housing_problem: YesNo = None
    employment_problem: YesNo = None
    isolation: YesNo = None
    wants_help: YesNo = None
    callback_requested: YesNo = None
    risk_score: Risk = None
    summary: FreeText = None
    household_ref: Ref = None


class CarrierRecord(_Record):
    source_id: Id
    visited_at: Moment
    carrier_name: Text = None
    post_office: Text = None
    subject_name: RequiredText
    subject_phone: Phone = None
    target_group: Annotated[str | None, _choice(ch.TARGET_GROUPS)] = None
    address: RequiredText
    address_detail: Text = None
    met_in_person: YesNo = None
    delivered_items: Annotated[list[str], _choices(ch.DELIVERED_ITEMS)] = []
    observations: Annotated[list[str], _choices(ch.OBSERVATIONS)] = []
    crisis_suspected: YesNo = None
    notes: FreeText = None
    household_ref: Ref = None


class BigdataRecord(_Record):
    source_id: Id
    round: RequiredText
    received_at: Moment
    due_at: RequiredDay
    subject_name: RequiredText
    birth_date: Day = None
    subject_sex: Annotated[str | None, _choice(ch.SEXES, ch.SEX_SYNONYMS)] = None
    subject_phone: Phone = None
    address: RequiredText
    address_detail: Text = None
    crisis_info: Annotated[list[str], _choices(ch.CRISIS_INFO, ch.CRISIS_INFO_SYNONYMS)]
    household_type: Annotated[str | None, _choice(ch.HOUSEHOLD_TYPES)] = None

    @model_validator(mode="after")
    def _flagged(self) -> BigdataRecord:
        if not self.crisis_info:
            raise ValueError("위기정보: 값이 비어 있습니다 (하나 이상 필요)")
        if self.due_at < to_kst(self.received_at).date():
            raise ValueError(_due_before(self.due_at))
        return self


def _due_before(due: date) -> str:
    return f"조사기한: {due.isoformat()}이(가) 통보일보다 앞섭니다 (날짜를 확인하십시오)"


MODELS: dict[Channel, type[_Record]] = {
    Channel.APP: AppRecord,
    Channel.AI_CALL: AiCallRecord,
    Channel.CARRIER: CarrierRecord,
    Channel.BIGDATA: BigdataRecord,
}


@dataclass
class Subject:
    """Who an alert is about, as far as the record says."""

    name: str | None = None
    phone: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    age_band: str | None = None


@dataclass
class ParsedRecord:
    """A valid record in the common shape: what ingest stores and linking compares."""

    channel: Channel
    source_id: str
    occurred_at: datetime
    subject: Subject
    address: str | None
    address_detail: str | None
    latitude: float | None
    longitude: float | None
    household_type: str | None
    crisis_types: list[str]
    urgent: bool
    # Normalised values of every non-identifying field, JSON-ready (dates as ISO text).
    fields: dict[str, Any] = field(default_factory=dict)
    # 대상자번호 brought back by the AI's or the carriers' file (the lists Anbu Desk sent).
    household_ref: str | None = None
    # 조사기한 of a big-data round: the investigation must be recorded by then.
    due_on: date | None = None


class RecordInvalidError(UserError):
    """Every reason a record is refused, at once, and the fields they are about."""

    def __init__(
        self,
        reasons: list[str],
        source_id: str | None,
        about: list[tuple[str, str]] | None = None,
    ) -> None:
        self.reasons = reasons
        self.source_id = source_id
        # (field key, reason) for each reason about one field (for marking the field)
        self.about = about or []
        super().__init__("; ".join(reasons))


def choices_of(channel: Channel) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Field key -> (the values it allows, whether several may be given) for the fields
    of ``channel`` that take fixed values (what a correction form offers)."""
    found: dict[str, tuple[tuple[str, ...], bool]] = {}
    for key, info in MODELS[channel].model_fields.items():
        for meta in info.metadata:
            func = getattr(meta, "func", None)
            if isinstance(func, partial) and "allowed" in func.keywords:
                found[key] = (tuple(func.keywords["allowed"]), func.func is fx.parse_choices)
    return found


def _whole_record_checks(channel: Channel, values: dict[str, Any]) -> list[tuple[str, str]]:
    """The checks of a whole record (AppRecord._place_given) on the values as typed, for
    when a field's own check failed and pydantic never ran them: (key, reason) each, so
    that a person correcting the record sees every problem in one round."""

    def given(key: str) -> bool:
        return bool(str(values.get(key) or "").strip())

    if channel is Channel.BIGDATA:
        found = []
        if not given("crisis_info"):
            found.append(("crisis_info", "위기정보: 값이 비어 있습니다 (하나 이상 필요)"))
        try:
            received = fx.parse_datetime(values.get("received_at"))
            due = fx.parse_date(values.get("due_at"))
        except ValueError:
            return found  # the dates' own reasons say what is wrong with them
        if received is not None and due is not None and due < to_kst(received).date():
            found.append(("due_at", _due_before(due)))
        return found
    if channel is not Channel.APP:
        return []
    found = []
    if not given("crisis_types"):
        found.append(("crisis_types", "위기유형: 값이 비어 있습니다 (하나 이상 필요)"))
    if given("latitude") != given("longitude"):
        found.append(("latitude", "위도·경도: 둘 중 하나만 있습니다 (둘 다 필요)"))
    if not given("address") and not given("latitude"):
        found.append(("address", "주소·위도·경도: 주소나 좌표 중 하나는 있어야 합니다"))
    return found


_QUOTED = re.compile(r"'[^']*'")


def storable(value: Any) -> Any:
    """A value as the normalised columns can hold it on every database: PostgreSQL cannot
    store NUL in text, so NUL characters are dropped (the raw record keeps them)."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


# The longest value each column that holds a record's field takes (db.models): a value past
# it quarantines its record (PostgreSQL would refuse the whole chunk; SQLite does not check).
LIMITS = (
    ("source_id", "원본번호", 100),
    ("subject_name", "대상자명", 40),
    ("address", "주소", 300),
    ("address_detail", "상세주소", 100),
)


def _too_long(get: Any) -> list[tuple[str, str]]:
    """Why a record's fields do not fit their columns, as (key, reason) (the value is not
    quoted: a name does not belong in a message). ``get(key)`` reads a field."""
    reasons = []
    for key, label, limit in LIMITS:
        value = get(key)
        if isinstance(value, str) and len(value) > limit:
            reason = f"{joined(label, '이')} 너무 깁니다 ({len(value):,}자, 최대 {limit}자)"
            reasons.append((key, reason))
    return reasons


def _reasons(
    exc: ValidationError, channel: Channel, values: dict[str, Any]
) -> list[tuple[str, str]]:
    """(field key, reason in Korean) for each failure; the key is empty for a failure of
    the whole record. A reason names its field by the channel's Korean header only."""
    spec = ch.CHANNELS[channel]
    known = {f.key for f in spec.fields}
    reasons: list[tuple[str, str]] = []
    for error in exc.errors(include_url=False):
        location = error.get("loc") or ()
        key = str(location[0]) if location else ""
        label = spec.spec(key).header if key in known else ""
        cause = error.get("ctx", {}).get("error")
        message = str(cause) if cause is not None else None
        if key in known and spec.spec(key).sensitive and message is not None:
            # Reasons are stored in the clear: never quote a phone number or birth date
            # (the value as typed may hold a quote mark itself, so it is found as a whole).
            typed = str(values.get(key) or "").strip()
            hidden = "(값 가림: 원본 기록에서 확인)"
            if typed:
                message = message.replace(typed, hidden)
            message = _QUOTED.sub(f"'{hidden}'", message)
        if error["type"] == "missing" or (
            message is None and key in known and values.get(key) in (None, "")
        ):
            reasons.append((key, f"{label}: 필수 항목이 비어 있습니다"))
        elif message is not None:
            reasons.append((key, f"{label}: {message}" if label else message))
        else:  # pydantic's own check (its English message is not for people)
            sensitive = key in known and spec.spec(key).sensitive
            shown = "(값 가림: 원본 기록에서 확인)" if sensitive else values.get(key)
            reasons.append(
                (
                    key,
                    f"{label}: '{shown}'은(는) 이 항목에 맞는 형식이 아닙니다"
                    if label
                    else "기록의 형식이 맞지 않습니다",
                )
            )
    return [(key, fix_particles(reason)) for key, reason in reasons]


def _invalid(found: list[tuple[str, str]], values: dict[str, Any]) -> RecordInvalidError:
    unique: dict[str, str] = {}
    for key, reason in found:
        unique.setdefault(reason, key)
    return RecordInvalidError(
        list(unique),
        fx.identifier(values.get("source_id")),
        [(key, reason) for reason, key in unique.items() if key],
    )


def _crisis_from_call(record: AiCallRecord) -> list[str]:
    found = []
    if record.economic_hardship:
        found.append("경제")
    if record.health == "나쁨" or record.meals == "결식":
        found.append("건강")
    if record.housing_problem:
        found.append("주거")
    if record.employment_problem:
        found.append("고용")
    if record.isolation:
        found.append("고립")
    return found


_OBSERVATION_CRISIS = {
    "우편물적체": "고립",
    "인기척없음": "고립",
    "건강악화의심": "건강",
    "위생불량": "주거",
    "단전단수징후": "단전단수",
    "도움요청": "기타",
}


def _crisis_from_visit(record: CarrierRecord) -> list[str]:
    found: list[str] = []
    for observation in record.observations:
        kind = _OBSERVATION_CRISIS.get(observation)
        if kind and kind not in found:
            found.append(kind)
    return found


_PRIVATE = {c: {f.key for f in spec.fields if f.sensitive} for c, spec in ch.CHANNELS.items()}

# Free text as people type it: the only fields where a phone or resident number may hide.
FREE_TEXT = frozenset({"description", "summary", "notes"})


def parse_record(channel: Channel, values: dict[str, Any]) -> ParsedRecord:
    """Validate one record (field key -> cell value) of ``channel``.

    Raises ``RecordInvalidError`` with every reason found, in Korean.
    """
    model = MODELS[channel]
    values = {key: storable(value) for key, value in values.items()}
    try:
        record = model.model_validate(values)
    except ValidationError as exc:
        # Every problem in one round: the fields', the whole record's (which pydantic
        # runs only once the fields pass) and the lengths, read from the values as typed.
        found = _reasons(exc, channel, values)
        whole = [(k, r) for k, r in _whole_record_checks(channel, values)]
        found += [(k, r) for k, r in whole if not any(r == seen for _, seen in found)]
        found += _too_long(lambda key: fx.clean_text(values.get(key)))
        raise _invalid(found, values) from None
    too_long = _too_long(lambda key: getattr(record, key, None))
    if too_long:
        raise _invalid(too_long, values)
    # Values were made storable before validation; pydantic writes the JSON forms.
    dumped = record.model_dump(mode="json", exclude=_PRIVATE[channel], exclude_none=True)
    # The clear copy keeps no phone or resident number typed into free text (the raw
    # record, encrypted, keeps everything as received).
    public = {
        key: mask_numbers(value) if key in FREE_TEXT and isinstance(value, str) else value
        for key, value in dumped.items()
        if value != []
    }
    if isinstance(record, AppRecord):
        return ParsedRecord(
            channel,
            record.source_id,
            record.reported_at,
            Subject(record.subject_name, None, None, record.subject_sex, record.subject_age_band),
            record.address,
            record.address_detail,
            record.latitude,
            record.longitude,
            record.household_type,
            list(record.crisis_types),
            bool(record.urgent),
            public,
        )
    if isinstance(record, AiCallRecord):
        return ParsedRecord(
            channel,
            record.source_id,
            record.called_at,
            Subject(record.subject_name, record.subject_phone, record.birth_date),
            record.address,
            None,
            None,
            None,
            None,
            _crisis_from_call(record),
            False,
            public,
            household_ref=record.household_ref,
        )
    if isinstance(record, BigdataRecord):
        crisis = []
        for info in record.crisis_info:
            kind = ch.CRISIS_OF_INFO[info]
            if kind not in crisis:
                crisis.append(kind)
        return ParsedRecord(
            channel,
            record.source_id,
            record.received_at,
            Subject(
                record.subject_name, record.subject_phone, record.birth_date, record.subject_sex
            ),
            record.address,
            record.address_detail,
            None,
            None,
            record.household_type,
            crisis,
            False,
            public,
            due_on=record.due_at,
        )
    assert isinstance(record, CarrierRecord)
    household_type = "조손" if record.target_group == "조손가구" else None
    if record.target_group == "중장년1인가구":
        household_type = "1인가구"
    return ParsedRecord(
        channel,
        record.source_id,
        record.visited_at,
        Subject(record.subject_name, record.subject_phone),
        record.address,
        record.address_detail,
        None,
        None,
        household_type,
        _crisis_from_visit(record),
        False,
        public,
        household_ref=record.household_ref,
    )
