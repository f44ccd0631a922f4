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
