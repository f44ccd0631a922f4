"""Korean particles chosen by the word they follow: ``계정 'parkw'(담당자)를``,
``내보내기를``, ``사례 5번을`` — never ``을(를)`` in a sentence people read."""

from __future__ import annotations

import re

# Pairs: (after a final consonant, after a vowel). 으로/로 also takes 로 after ㄹ.
_PAIRS = {
    "을": ("을", "를"),
    "를": ("을", "를"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "이다": ("이다", "다"),
}
_RIEUL = 8  # the final ㄹ's index among the 28 finals
# How digits and Latin letters end when read aloud: a final consonant, ㄹ, or none.
_DIGITS = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
_LETTERS = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
_TRAILING = " \t'\"’”)]}>」』〉》"
_NOTE = re.compile(r"\s*\([^()]*\)$")


def _final(word: str) -> str | None:
    """The final consonant of the word as read ("" for none), or None when unknown. A
    note in parentheses after the word is passed over (``좌1동(2635051000)을``), and so
    are closing quotes (``'parkw'를``)."""
    text = _NOTE.sub("", word.rstrip()) if not word.rstrip().startswith("(") else word
    text = text.rstrip(_TRAILING)
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        return "" if final == 0 else ("ㄹ" if final == _RIEUL else "ㅎ")  # ㅎ: any other
    if last.isdigit():
        return _DIGITS.get(last, "")
    if last.isascii() and last.isalpha():
        return _LETTERS.get(last.lower(), "")
    return None


def particle(word: str, which: str) -> str:
    """The form of particle ``which`` (either form: 을 or 를, 이 or 가, ...) that follows
    ``word``; both forms as ``을(를)`` when the word's end cannot be read."""
    consonant, vowel = _PAIRS[which]
    final = _final(word)
    if final is None:
        return f"{consonant}({vowel})" if which != "으로" and which != "로" else "(으)로"
    if which in ("으로", "로"):
        return vowel if final in ("", "ㄹ") else consonant
    return vowel if final == "" else consonant


def joined(word: str, which: str) -> str:
    """``word`` with its particle: ``joined("내보내기", "을")`` is ``내보내기를``."""
    return word + particle(word, which)


def quoted(value: object) -> str:
    """A value as typed, in quotes: ``'kim'``."""
    return f"'{value}'"


_BOTH = re.compile(r"(?<=\S)(을\(를\)|은\(는\)|이\(가\)|과\(와\))")


def fix_particles(text: str) -> str:
    """Every ``을(를)``-style pair in ``text`` resolved by the word before it (a sentence
    built from values, such as a reason quoting what was typed); a pair after a word whose
    end cannot be read stays as it is."""

    def choose(match: re.Match[str]) -> str:
        word = text[: match.start()].rsplit(" ", 1)[-1]
        return particle(word, match.group(1)[0])

    return _BOTH.sub(choose, text)
