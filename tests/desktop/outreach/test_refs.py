"""대상자번호: opaque, checked, stable, never reused; read back however it is typed."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from desktop.outreach.refs import ALPHABET, BODY, PREFIX, household_ref, is_valid, new_ref, shown


def test_a_new_number_is_valid_and_shown_in_groups() -> None:
    ref = new_ref()
    assert is_valid(ref) and len(ref) == 10 and ref.startswith(PREFIX)
    assert shown(ref) == f"{ref[:2]}-{ref[2:6]}-{ref[6:]}"


def test_a_number_reads_back_however_it_is_typed() -> None:
    ref = new_ref()
    typed = [shown(ref), shown(ref).lower(), " ".join(shown(ref)), shown(ref).replace("-", "–")]
    typed.append("".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in shown(ref)))
    assert {household_ref(t) for t in typed} == {ref}
    assert household_ref("") is None and household_ref(None) is None


@given(st.text(alphabet=ALPHABET, min_size=BODY, max_size=BODY))
def test_one_letter_wrong_or_two_swapped_is_no_number(body: str) -> None:
    from desktop.outreach.refs import _check_value

    check = _check_value(body)
    if check >= len(ALPHABET):
        return  # never issued
    ref = PREFIX + body + ALPHABET[check]
    assert is_valid(ref)
    for position, letter in itertools.product(range(2, len(ref)), ALPHABET):
        if ref[position] != letter:
            assert not is_valid(ref[:position] + letter + ref[position + 1 :])
    for position in range(2, len(ref) - 1):
        a, b = ref[position], ref[position + 1]
        if a != b:
            assert not is_valid(ref[:position] + b + a + ref[position + 2 :])
