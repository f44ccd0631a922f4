"""Comparing Korean names the way a person would.

Names are compared at the level of jamo (the letters a syllable is built from), with the
surname as its own part: 김민준 and 김민존 differ by one vowel and are close; 김민준 and
박민준 share a given name but are different people.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# Two-syllable surnames; every other name's surname is its first syllable.
COMPOUND_SURNAMES = frozenset(
    {"남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방", "어금", "망절", "을지"}
)


def name_key(name: str | None) -> str | None:
    """A name as compared: compatibility forms folded, spaces and dots removed."""
    if not name:
        return None
    folded = unicodedata.normalize("NFKC", name)
    key = "".join(ch for ch in folded if not ch.isspace() and ch not in ".·")
    return key or None


def split_name(key: str) -> tuple[str, str]:
    """(surname, given name) of a name key."""
    if len(key) >= 3 and key[:2] in COMPOUND_SURNAMES:
        return key[:2], key[2:]
    return key[:1], key[1:]


@lru_cache(maxsize=65536)
def jamo(text: str) -> str:
    """Hangul syllables decomposed into their letters (NFD gives the conjoining jamo)."""
    return unicodedata.normalize("NFD", text)


def name_similarity(a: str, b: str) -> float:
    """0.0–1.0: how alike two name keys are. A different surname gives 0.0."""
    if a == b:
        return 1.0
    surname_a, given_a = split_name(a)
    surname_b, given_b = split_name(b)
    if jamo(surname_a) != jamo(surname_b):
        return 0.0
    return float(Levenshtein.normalized_similarity(jamo(given_a), jamo(given_b)))


# How common a name is before the database knows enough people to tell: the share of
# Koreans with each surname (통계청 인구주택총조사 2015, the twenty largest) times the
# share with the given name. The given names below were the commonest of the generations
# born 1930–1965, whom the channels report most, and of those born since 1980 (the adult
# children and grandchildren on the same records), each about one in a hundred (those
# cohorts' names were few: 영자, 순자 and 영수 each named a few percent of their year);
# any other given name is taken as one in about 3,000.
SURNAME_SHARE = {
    "김": 0.216, "이": 0.148, "박": 0.085, "최": 0.047, "정": 0.044,
    "강": 0.023, "조": 0.021, "윤": 0.021, "장": 0.020, "임": 0.017,
    "한": 0.015, "오": 0.015, "서": 0.015, "신": 0.015, "권": 0.014,
    "황": 0.014, "안": 0.014, "송": 0.014, "전": 0.013, "홍": 0.011,
}  # fmt: skip
OTHER_SURNAME = 0.004
COMMON_GIVEN = frozenset(
    [
        "영수",
        "영호",
        "영철",
        "영식",
        "영길",
        "정수",
        "정호",
        "성수",
        "성호",
        "상철",
        "광수",
        "종수",
        "영진",
        "영태",
        "재호",
        "영자",
        "순자",
        "정자",
        "영숙",
        "정숙",
        "명숙",
        "옥순",
        "말자",
        "순옥",
        "춘자",
        "영희",
        "경자",
        "미숙",
        "정희",
        "순덕",
        "영순",
        "순희",
        "옥자",
        "숙자",
        "명자",
        "정순",
        "영옥",
        "복순",
        "금순",
        "지훈",
        "성민",
        "현우",
        "준호",
        "민준",
        "서준",
        "도윤",
        "동현",
        "지현",
        "지은",
        "민지",
        "수빈",
        "서연",
        "지민",
        "은지",
        "혜진",
    ]
)
COMMON_GIVEN_SHARE = 0.01
OTHER_GIVEN_SHARE = 1 / 3000


def name_prior(key: str) -> float:
    """The share of people expected to have the name ``key`` (see SURNAME_SHARE)."""
    surname, given = split_name(key)
    given_share = COMMON_GIVEN_SHARE if given in COMMON_GIVEN else OTHER_GIVEN_SHARE
    return SURNAME_SHARE.get(surname, OTHER_SURNAME) * given_share
