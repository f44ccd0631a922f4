"""대상자번호 (household_ref): the one identifier the channels can share with Anbu Desk.

Anbu Desk issues it the first time a list it sends out (the post office's visits, the AI's
calls) names a household, and the AI's and the carriers' files bring it back. It is opaque
(random letters, nothing of the person in it), stable (a household keeps it; one merged
into another is found through the household it joined) and never reused (households are
never deleted). Written ``AD-7K3Q-M9XC``; the last letter is a check letter, so that a
number typed with one letter wrong, or two swapped, is no household's.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import Household
from db.queries import one_of

PREFIX = "AD"
# Crockford's base32: no I, L, O, U (nothing to mistake for 1, 0 or a word).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY = 7  # random letters: 32**7 = 34 billion numbers
_NOT_KEPT = re.compile(r"[^0-9A-Z]")
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _check_value(body: str) -> int:
    """A weighted sum modulo the prime 37: any one letter changed, or two neighbours
    swapped (the check letter among them), changes it."""
    return sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body)) % 37


def new_ref() -> str:
    """A fresh number, as stored (``AD7K3QM9XC``); drawn again until its check value has
    a letter (32 of the 37 do)."""
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
        check = _check_value(body)
        if check < len(ALPHABET):
            return PREFIX + body + ALPHABET[check]


def shown(ref: str) -> str:
    """A stored number as people read and type it: ``AD-7K3Q-M9XC``."""
    return f"{ref[:2]}-{ref[2:6]}-{ref[6:]}" if len(ref) == 2 + BODY + 1 else ref


def household_ref(value: Any) -> str | None:
    """A 대상자번호 as a file brings it back, as stored: full-width letters, case, spaces and
    dashes do not matter, nor O for 0 or I for 1. ``None`` for a blank cell. A value that
    is no number Anbu Desk could have issued is kept as typed (folded): linking finds no
    household by it and says so, and the record is decided as any other."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).upper()
    text = _NOT_KEPT.sub("", text)
    if not text:
        return None
    if len(text) == 2 + BODY + 1 and text.startswith(PREFIX):
        text = PREFIX + text[2:].translate(_LOOK_ALIKES)
    return text[:12]


def is_valid(ref: str) -> bool:
    """Whether ``ref`` (as stored) is a number Anbu Desk could have issued."""
    if len(ref) != 2 + BODY + 1 or not ref.startswith(PREFIX):
        return False
    body, check = ref[2:-1], ref[-1]
    return all(c in ALPHABET for c in ref[2:]) and _check_value(body) == ALPHABET.index(check)


def issue(session: Session, household_ids: Iterable[int]) -> dict[int, str]:
    """Each household's number, issuing one to those without (in this transaction).

    A number is written only where none is yet (``WHERE household_ref IS NULL``), so two
    PCs issuing at once agree on the one that landed first."""
    ids = sorted(set(household_ids))
    refs: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for household_id, ref in session.execute(
            select(Household.id, Household.household_ref).where(one_of(session, Household.id, part))
        ):
            if ref is not None:
                refs[household_id] = ref
    lacking = [i for i in ids if i not in refs]
    while lacking:
        fresh = {i: new_ref() for i in lacking}
        taken = set(
            session.scalars(
                select(Household.household_ref).where(
                    Household.household_ref.in_(sorted(fresh.values()))
                )
            )
        )
        for household_id, ref in fresh.items():
            if ref in taken:
                continue  # one in 34 billion: drawn again below
            session.execute(
                update(Household)
                .where(Household.id == household_id, Household.household_ref.is_(None))
                .values(household_ref=ref)
            )
        for household_id, ref in session.execute(
            select(Household.id, Household.household_ref).where(Household.id.in_(lacking))
        ):
            if ref is not None:
                refs[household_id] = ref
        lacking = [i for i in lacking if i not in refs]
    return refs


def households_of(session: Session, refs: Sequence[str]) -> dict[str, int]:
    """Number -> the live household it names now (a merged household's number finds the
    household it joined)."""
    found: dict[str, int] = {}
    merged: dict[str, int] = {}
    wanted = sorted({r for r in refs if r})
    for start in range(0, len(wanted), 500):
        for ref, household_id, into in session.execute(
            select(Household.household_ref, Household.id, Household.merged_into_id).where(
                one_of(session, Household.household_ref, wanted[start : start + 500])
            )
        ):
            if ref is None:
                continue
            if into is None:
                found[ref] = household_id
            else:
                merged[ref] = into
    for ref, into in merged.items():
        seen = {into}
        while True:
            onward = session.scalar(select(Household.merged_into_id).where(Household.id == into))
            if onward is None or onward in seen:
                break
            seen.add(onward)
            into = onward
        found[ref] = into
    return found
