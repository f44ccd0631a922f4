"""The three channels' fields as the intake contract (intake-formats.md, v2) lists them,
and how a file's header row is matched to them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from db.enums import Channel

CRISIS_TYPES = (
    "경제",
    "건강",
    "주거",
    "고립",
    "돌봄",
    "고용",
    "체납",
    "단전단수",
    "자살위험",
    "기타",
)
CRISIS_SYNONYMS = {
    "경제적어려움": "경제",
    "생계": "경제",
    "건강문제": "건강",
    "질병": "건강",
    "주거문제": "주거",
    "사회적고립": "고립",
    "고용문제": "고용",
    "실직": "고용",
    "단전": "단전단수",
    "단수": "단전단수",
    "자살": "자살위험",
}
REPORTER_TYPES = ("이웃", "가족", "본인", "지인", "기관", "익명")
SEXES = ("남", "여", "미상")
SEX_SYNONYMS = {"남자": "남", "남성": "남", "M": "남", "여자": "여", "여성": "여", "F": "여"}
AGE_BANDS = (
    "10대",
    "20대",
    "30대",
    "40대",
    "50대",
    "60대",
    "70대",
    "80대",
    "90대 이상",
    "미상",
)
AGE_SYNONYMS = {"90대": "90대 이상", "10대미만": "10대", "10세미만": "10대"}
HOUSEHOLD_TYPES = ("1인가구", "노인가구", "한부모", "조손", "장애인가구", "기타")
CALL_RESULTS = ("연결", "미응답", "거절", "결번")
HEALTH = ("양호", "보통", "나쁨")
MEALS = ("규칙적", "불규칙", "결식")
TARGET_GROUPS = ("중장년1인가구", "고립청년", "조손가구", "기타")
DELIVERED_ITEMS = ("종량제봉투", "생필품", "기타")
OBSERVATIONS = (
    "우편물적체",
    "인기척없음",
    "건강악화의심",
    "위생불량",
    "단전단수징후",
    "도움요청",
    "이상없음",
)
# The big-data list's 위기정보: what the national data flagged (intake-formats.md v2).
CRISIS_INFO = (
    "단전",
    "단수",
    "단가스",
    "전기요금체납",
    "수도요금체납",
    "가스요금체납",
    "건강보험료체납",
    "국민연금체납",
    "공동주택관리비체납",
    "공공임대료체납",
    "통신비체납",
    "금융연체",
    "채무조정중지",
    "휴폐업",
    "고용위기",
    "세대주사망",
    "재난적의료비",
    "의료위기",
    "기타",
)
CRISIS_INFO_SYNONYMS = {
    "건보료체납": "건강보험료체납",
    "건강보험체납": "건강보험료체납",
    "관리비체납": "공동주택관리비체납",
    "임대료체납": "공공임대료체납",
    "연금체납": "국민연금체납",
    "전기료체납": "전기요금체납",
    "수도료체납": "수도요금체납",
    "가스료체납": "가스요금체납",
    "휴업": "휴폐업",
    "폐업": "휴폐업",
    "가스중단": "단가스",
}
# Each kind of 위기정보 as the case's crisis type (what every list and paper counts).
CRISIS_OF_INFO = {
    "단전": "단전단수",
    "단수": "단전단수",
    "단가스": "단전단수",
    "전기요금체납": "체납",
    "수도요금체납": "체납",
    "가스요금체납": "체납",
    "건강보험료체납": "체납",
    "국민연금체납": "체납",
    "공동주택관리비체납": "체납",
    "공공임대료체납": "주거",
    "통신비체납": "체납",
    "금융연체": "경제",
    "채무조정중지": "경제",
    "휴폐업": "고용",
    "고용위기": "고용",
    "세대주사망": "돌봄",
    "재난적의료비": "건강",
    "의료위기": "건강",
    "기타": "기타",
}


@dataclass(frozen=True)
class FieldSpec:
    key: str
    header: str  # the Korean header
    required: bool = False
    sensitive: bool = False  # identifies a person: kept only encrypted


@dataclass(frozen=True)
class ChannelSpec:
    channel: Channel
    fields: tuple[FieldSpec, ...]
    # Groups of which at least one field must be present (the app's address-or-coordinates).
    one_of: tuple[tuple[str, ...], ...] = ()

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    def spec(self, key: str) -> FieldSpec:
        return next(f for f in self.fields if f.key == key)


APP = ChannelSpec(
    Channel.APP,
    (
        FieldSpec("source_id", "신고번호", required=True),
        FieldSpec("reported_at", "신고일시", required=True),
        FieldSpec("reporter_type", "신고자구분"),
        FieldSpec("reporter_name", "신고자명", sensitive=True),
        FieldSpec("reporter_phone", "신고자연락처", sensitive=True),
        FieldSpec("subject_name", "대상자명"),
        FieldSpec("subject_sex", "대상자성별"),
        FieldSpec("subject_age_band", "대상자연령대"),
        FieldSpec("address", "주소"),
        FieldSpec("address_detail", "상세주소"),
        FieldSpec("latitude", "위도"),
        FieldSpec("longitude", "경도"),
        FieldSpec("crisis_types", "위기유형", required=True),
        FieldSpec("household_type", "가구유형"),
        FieldSpec("description", "상황설명"),
        FieldSpec("urgent", "긴급여부"),
    ),
    one_of=(("address", "latitude"),),
)

# The 대상자번호 Anbu Desk writes on the lists it sends out, as the AI's and the carriers'
# files bring it back (intake-formats.md v2): the one identifier the channels share.
HOUSEHOLD_REF = FieldSpec("household_ref", "대상자번호")

AI_CALL = ChannelSpec(
    Channel.AI_CALL,
    (
        FieldSpec("source_id", "상담ID", required=True),
        FieldSpec("called_at", "통화일시", required=True),
        FieldSpec("subject_name", "대상자명", required=True),
        FieldSpec("subject_phone", "연락처", required=True, sensitive=True),
        FieldSpec("birth_date", "생년월일", sensitive=True),
        FieldSpec("address", "주소"),
        FieldSpec("call_result", "통화결과", required=True),
        FieldSpec("health", "건강상태"),
        FieldSpec("meals", "식사"),
        FieldSpec("economic_hardship", "경제적어려움"),
        FieldSpec("housing_problem", "주거문제"),
        FieldSpec("employment_problem", "고용문제"),
        FieldSpec("isolation", "고립감"),
        FieldSpec("wants_help", "도움요청"),
        FieldSpec("callback_requested", "추가상담희망"),
        FieldSpec("risk_score", "AI위험도"),
        FieldSpec("summary", "상담요약"),
        HOUSEHOLD_REF,
    ),
)

CARRIER = ChannelSpec(
    Channel.CARRIER,
    (
        FieldSpec("source_id", "방문ID", required=True),
        FieldSpec("visited_at", "방문일자", required=True),
        FieldSpec("carrier_name", "집배원"),
        FieldSpec("post_office", "우체국"),
        FieldSpec("subject_name", "대상자명", required=True),
        FieldSpec("subject_phone", "연락처", sensitive=True),
        FieldSpec("target_group", "대상구분"),
        FieldSpec("address", "주소", required=True),
        FieldSpec("address_detail", "상세주소"),
        FieldSpec("met_in_person", "대면여부"),
        FieldSpec("delivered_items", "전달물품"),
        FieldSpec("observations", "관찰사항"),
        FieldSpec("crisis_suspected", "위기의심"),
        FieldSpec("notes", "특이사항"),
        HOUSEHOLD_REF,
    ),
)

BIGDATA = ChannelSpec(
    Channel.BIGDATA,
    (
        FieldSpec("source_id", "관리번호", required=True),
        FieldSpec("round", "발굴차수", required=True),
        FieldSpec("received_at", "통보일", required=True),
        FieldSpec("due_at", "조사기한", required=True),
        FieldSpec("subject_name", "대상자명", required=True),
        FieldSpec("birth_date", "생년월일", sensitive=True),
        FieldSpec("subject_sex", "성별"),
        FieldSpec("subject_phone", "연락처", sensitive=True),
        FieldSpec("address", "주소", required=True),
        FieldSpec("address_detail", "상세주소"),
        FieldSpec("crisis_info", "위기정보", required=True),
        FieldSpec("household_type", "가구유형"),
    ),
)

CHANNELS: dict[Channel, ChannelSpec] = {c.channel: c for c in (APP, AI_CALL, CARRIER, BIGDATA)}

_HEADER_NOISE = re.compile(r"[\s()·_\-]")
_HINT = re.compile(r"^(.+?)\s*[(\[][^()\[\]]*[)\]]\s*$")  # 위기의심(Y/N), 연락처(휴대폰)


@lru_cache(maxsize=4096)
def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    return _HEADER_NOISE.sub("", folded).lstrip("\ufeff")


def header_key(text: object) -> str:
    """A header as compared: compatibility forms folded, case, spaces and ``()·_-`` ignored."""
    return _header_key(str(text or ""))


# A note that says whose or which value the column holds is no hint: 연락처(보호자) is not
# the person's phone, 주소(이전) not the address. Such a column matches no field.
_QUALIFIERS = re.compile(
    r"보호자|신고자|가족|자녀|배우자|부모|이웃|담당|직원|기관|비상|긴급|이전|예전|과거|옛|구\b|전\b|변경 ?전"
)


@lru_cache(maxsize=4096)
def _hint_removed(text: str) -> str | None:
    match = _HINT.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    hint = text[text.rfind("(") + 1 :] if "(" in text else text
    if _QUALIFIERS.search(unicodedata.normalize("NFKC", hint)):
        return None
    return _header_key(match.group(1))


def _find(lookup: dict[str, str], header: object) -> str | None:
    """The field a header names: by its whole text, or by the name before a hint in
    parentheses (``위기의심(Y/N)`` is 위기의심, ``상세주소(동·호)`` is 상세주소)."""
    key = lookup.get(header_key(header))
    if key is None and header is not None:
        bare = _hint_removed(str(header))
        if bare is not None:
            key = lookup.get(bare)
    return key


def _lookup(spec: ChannelSpec) -> dict[str, str]:
    table: dict[str, str] = {}
    for field in spec.fields:
        table[header_key(field.header)] = field.key
        table[header_key(field.key)] = field.key
    return table


_LOOKUPS = {channel: _lookup(spec) for channel, spec in CHANNELS.items()}


def field_key(channel: Channel, header: object) -> str | None:
    """The field of ``channel`` a header names (Korean header or English key), or None."""
    return _find(_LOOKUPS[channel], header)


@dataclass(frozen=True)
class HeaderMatch:
    """How a file's header row maps to one channel's fields."""

    channel: Channel
    columns: dict[int, str]  # column position -> field key
    missing: tuple[str, ...]  # Korean headers of required fields not found
    unknown: tuple[str, ...]  # headers that are no field of the channel

    @property
    def complete(self) -> bool:
        return not self.missing


def match_headers(headers: Sequence[object], channel: Channel) -> HeaderMatch:
    spec = CHANNELS[channel]
    lookup = _LOOKUPS[channel]
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for position, header in enumerate(headers):
        key = _find(lookup, header)
        if key is not None and key not in columns.values():
            columns[position] = key
        elif header not in (None, ""):
            unknown.append(str(header))
    found = set(columns.values())
    missing = [spec.spec(k).header for k in spec.required_keys if k not in found]
    for group in spec.one_of:
        if not found.intersection(group):
            missing.append(" 또는 ".join(spec.spec(k).header for k in group))
    return HeaderMatch(channel, columns, tuple(missing), tuple(unknown))


def detect_channel(headers: Sequence[object]) -> HeaderMatch | None:
    """The channel whose required headers the row holds best (None if the row matches no
    channel's source-id header at all)."""
    candidates = [match_headers(headers, channel) for channel in CHANNELS]
    with_id = [m for m in candidates if "source_id" in m.columns.values()]
    if not with_id:
        return None
    return max(with_id, key=lambda m: (m.complete, len(m.columns), -len(m.missing)))


def describe_missing(headers: Iterable[object]) -> str:
    """A Korean message for a header row that fits no channel: what each channel lacks."""
    row = list(headers)
    parts = []
    for channel in CHANNELS:
        match = match_headers(row, channel)
        lacking = ", ".join(match.missing) if match.missing else "빠진 것 없음"
        parts.append(f"{channel.label}({channel.value}): {lacking}")
    shown = ", ".join(str(h) for h in row if h not in (None, "")) or "(빈 행)"
    return (
        "어느 채널의 파일인지 알 수 없습니다. 찾은 머리글: "
        f"{shown}. 채널별로 없는 필수 머리글 — " + "; ".join(parts)
    )
