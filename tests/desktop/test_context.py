from __future__ import annotations

from typing import ClassVar

import keyring
import pytest
from keyring.backends import fail

from desktop.context import WrongKeysError, open_database
from desktop.security import secrets
from desktop.security.protect import KeySet
from tests.helpers.keyring_memory import MemoryKeyring


def test_first_open_creates_keys_in_the_keyring(db_url: str, memory_keyring: MemoryKeyring) -> None:
    ctx = open_database(db_url)
    assert secrets.load_keys(ctx.identity) is not None
    ctx.close()
    again = open_database(db_url)
    assert again.identity == ctx.identity
    again.close()


def test_missing_keys_are_refused_with_a_message(
    db_url: str, memory_keyring: MemoryKeyring
) -> None:
    open_database(db_url).close()
    memory_keyring.entries.clear()
    with pytest.raises(secrets.KeysMissingError, match="암호화 키가 이 PC의 키 저장소에 없습니다"):
        open_database(db_url)


def test_wrong_keys_are_refused(db_url: str) -> None:
    ctx = open_database(db_url)
    ctx.close()
    secrets.store_keys(ctx.identity, KeySet.generate())
    with pytest.raises(WrongKeysError):
        open_database(db_url)


def test_no_secure_keyring_means_a_clear_refusal(db_url: str) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(secrets.KeyringUnavailableError, match="안전한 키 저장소"):
        open_database(db_url)


def test_a_chain_that_could_fall_through_to_plain_text_is_never_used_as_a_whole() -> None:
    from keyring.backends.chainer import ChainerBackend

    class Plaintext(MemoryKeyring):
        pass

    Plaintext.__name__ = "PlaintextKeyring"
    Plaintext.__module__ = "keyrings.alt.file"

    class Chain(ChainerBackend):
        leaves: ClassVar[list[MemoryKeyring]] = []

        @property
        def backends(self) -> list[MemoryKeyring]:  # type: ignore[override]
            return self.leaves

    secure = MemoryKeyring()
    chain = Chain()
    chain.leaves = [Plaintext(), secure]
    keyring.set_keyring(chain)
    assert secrets.secure_backend() is secure
    chain.leaves = [Plaintext()]
    with pytest.raises(secrets.KeyringUnavailableError):
        secrets.secure_backend()
