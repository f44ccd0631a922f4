"""Protection of sensitive values: authenticated encryption plus keyed search indexes.

A value is encrypted with AES-256-GCM under the data key; the column name is bound in
as associated data, so a ciphertext moved to another column does not decrypt. Search
uses HMAC-SHA256 under a separate index key: the index reveals equality, nothing else,
and holding it does not let anyone decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from db.errors import UserError

_FORMAT_VERSION = 1
_HEADER = struct.Struct(">BH")  # format version, key id
_NONCE_BYTES = 12
KEY_BYTES = 32


class DecryptionError(UserError):
    """A ciphertext could not be opened: wrong key, wrong column, or tampered data."""


@dataclass(frozen=True)
class KeySet:
    """The keys one database is protected with."""

    key_id: int
    data_key: bytes
    index_key: bytes
    # Data keys replaced by a rotation, kept until every value has been re-encrypted.
    older: tuple[tuple[int, bytes], ...] = ()

    @staticmethod
    def generate(key_id: int = 1) -> KeySet:
        return KeySet(key_id, os.urandom(KEY_BYTES), os.urandom(KEY_BYTES))

    def rotated(self) -> KeySet:
        """A new data key; the current one joins the older keys. The index key stays, so
        every search index stays valid (and so do backups and the access-log chain)."""
        return KeySet(
            self.key_id + 1,
            os.urandom(KEY_BYTES),
            self.index_key,
            ((self.key_id, self.data_key), *self.older),
        )

    def without_older(self) -> KeySet:
        return KeySet(self.key_id, self.data_key, self.index_key)

    def accepts(self, check: str) -> bool:
        """Whether ``check`` (stored in the database) belongs to these keys, current or
        older (a rotation that stopped between the keyring and the database)."""
        candidates = [self, *(KeySet(k, d, self.index_key) for k, d in self.older)]
        return any(hmac.compare_digest(c.check_value(), check) for c in candidates)

    def check_value(self) -> str:
        """A value stored in the database to recognise the right keys without revealing them."""
        data = hmac.new(self.data_key, b"anbu-desk key check", hashlib.sha256).hexdigest()[:16]
        index = hmac.new(self.index_key, b"anbu-desk key check", hashlib.sha256).hexdigest()[:16]
        return f"{self.key_id}:{data}:{index}"


class FieldProtector:
    """Encrypts, decrypts and indexes sensitive values for one database."""

    def __init__(self, keys: KeySet, *, older: tuple[KeySet, ...] = ()) -> None:
        self._keys = keys
        self._aead = AESGCM(keys.data_key)
        # Older data keys still open values written before a key rotation.
        self._by_id = {k.key_id: AESGCM(k.data_key) for k in older}
        self._by_id.update({key_id: AESGCM(data) for key_id, data in keys.older})
        self._by_id[keys.key_id] = self._aead

    @property
    def key_id(self) -> int:
        return self._keys.key_id

    def encrypt(self, plaintext: str, column: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        header = _HEADER.pack(_FORMAT_VERSION, self._keys.key_id)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), header + column.encode())
        return header + nonce + sealed

    def decrypt(self, blob: bytes, column: str) -> str:
        try:
            version, key_id = _HEADER.unpack_from(blob)
        except struct.error as exc:
            raise DecryptionError("암호문 형식이 올바르지 않습니다.") from exc
        if version != _FORMAT_VERSION or key_id not in self._by_id:
            raise DecryptionError("이 값을 연 키를 찾을 수 없습니다.")
        header = blob[: _HEADER.size]
        nonce = blob[_HEADER.size : _HEADER.size + _NONCE_BYTES]
        try:
            plain = self._by_id[key_id].decrypt(
                nonce, blob[_HEADER.size + _NONCE_BYTES :], header + column.encode()
            )
        except Exception as exc:  # cryptography raises InvalidTag
            raise DecryptionError("암호문이 손상되었거나 다른 키로 만들어졌습니다.") from exc
        return plain.decode("utf-8")

    def index(self, value: str, kind: str) -> str:
        """A keyed digest of ``value`` for exact search; ``kind`` keeps kinds apart."""
        message = kind.encode() + b"\x00" + value.encode("utf-8")
        return hmac.new(self._keys.index_key, message, hashlib.sha256).hexdigest()

    @staticmethod
    def key_id_of(blob: bytes) -> int:
        """Which data key sealed ``blob`` (from its header)."""
        return int(_HEADER.unpack_from(blob)[1])

    def derived_key(self, purpose: bytes) -> bytes:
        """A key for one purpose (e.g. the access-log chain), derived from the index key."""
        return hmac.new(self._keys.index_key, b"derive\x00" + purpose, hashlib.sha256).digest()

    def digest(self, data: bytes) -> str:
        """A keyed digest of arbitrary bytes (e.g. a raw record, to spot a changed copy)."""
        return hmac.new(self._keys.index_key, b"raw\x00" + data, hashlib.sha256).hexdigest()
