from __future__ import annotations

import pytest

from desktop.security.protect import DecryptionError, FieldProtector, KeySet


@pytest.fixture
def protector() -> FieldProtector:
    return FieldProtector(KeySet.generate())


def test_round_trip_and_fresh_nonce_each_time(protector: FieldProtector) -> None:
    a = protector.encrypt("010-1234-5678", "persons.phone")
    b = protector.encrypt("010-1234-5678", "persons.phone")
    assert a != b
    assert protector.decrypt(a, "persons.phone") == "010-1234-5678"
    assert b"1234" not in a


def test_ciphertext_is_bound_to_its_column(protector: FieldProtector) -> None:
    blob = protector.encrypt("9001011234567", "persons.rrn")
    with pytest.raises(DecryptionError):
        protector.decrypt(blob, "persons.phone")


def test_tampering_is_detected(protector: FieldProtector) -> None:
    blob = bytearray(protector.encrypt("secret", "c"))
    blob[-1] ^= 1
    with pytest.raises(DecryptionError):
        protector.decrypt(bytes(blob), "c")


def test_other_keys_cannot_open(protector: FieldProtector) -> None:
    blob = protector.encrypt("secret", "c")
    with pytest.raises(DecryptionError):
        FieldProtector(KeySet.generate()).decrypt(blob, "c")


def test_index_is_deterministic_keyed_and_kind_separated(protector: FieldProtector) -> None:
    assert protector.index("01012345678", "phone") == protector.index("01012345678", "phone")
    assert protector.index("5678", "phone4") != protector.index("5678", "phone")
    other = FieldProtector(KeySet.generate())
    assert other.index("01012345678", "phone") != protector.index("01012345678", "phone")


def test_rotated_keys_still_open_older_values() -> None:
    old = KeySet.generate(key_id=1)
    blob = FieldProtector(old).encrypt("value", "c")
    new = FieldProtector(KeySet.generate(key_id=2), older=(old,))
    assert new.decrypt(blob, "c") == "value"
