"""Sealed key files: an administrator exports a database's keys under a passphrase and
restores them on a new PC, so a lost PC does not mean lost data.

The passphrase is stretched with argon2id; the keys are sealed with AES-GCM, the file's
header bound in as associated data. The file alone opens nothing without the passphrase.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from db.errors import UserError
from desktop.paths import atomic_write
from desktop.security import secrets
from desktop.security.protect import KeySet

FORMAT = "anbu-desk sealed keys 1"
MIN_PASSPHRASE = 10
KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}


class KeyFileError(UserError):
    pass


@dataclass(frozen=True)
class SealedKeys:
    identity: str
    keys: KeySet


def _stretch(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(passphrase.encode("utf-8"), salt, hash_len=32, type=Type.ID, **params)


def seal(identity: str, keys: KeySet, passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(f"암호 문구는 {MIN_PASSPHRASE}자 이상으로 정해 주십시오.")
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": FORMAT,
        "identity": identity,
        "kdf": "argon2id",
        "params": KDF,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
    }
    aad = json.dumps(header, sort_keys=True).encode()
    sealed = AESGCM(_stretch(passphrase, salt, KDF)).encrypt(
        nonce, secrets.encode_keys(keys).encode(), aad
    )
    header["sealed"] = base64.b64encode(sealed).decode()
    return json.dumps(header, indent=1).encode()


def unseal(data: bytes, passphrase: str) -> SealedKeys:
    try:
        header = json.loads(data)
        if header.get("format") != FORMAT:
            raise ValueError
        sealed = base64.b64decode(header.pop("sealed"))
        salt = base64.b64decode(header["salt"])
        nonce = base64.b64decode(header["nonce"])
        params = {k: int(v) for k, v in header["params"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileError("안부데스크 키 파일이 아니거나 손상되었습니다.") from None
    aad = json.dumps(header, sort_keys=True).encode()
    try:
        plain = AESGCM(_stretch(passphrase, salt, params)).decrypt(nonce, sealed, aad)
    except Exception:  # InvalidTag
        raise KeyFileError("암호 문구가 맞지 않거나 파일이 변조되었습니다.") from None
    return SealedKeys(str(header["identity"]), secrets.decode_keys(plain.decode()))


def export_keys(identity: str, passphrase: str, target: Path) -> None:
    keys = secrets.load_keys(identity)
    if keys is None:
        raise secrets.KeysMissingError(identity)
    data = seal(identity, keys, passphrase)
    with atomic_write(target) as staging:
        staging.write_bytes(data)


@dataclass(frozen=True)
class DatabaseKeys:
    """What a database says of its keys without them: its identity and check value."""

    identity: str | None
    check: str | None


def import_keys(
    source: Path,
    passphrase: str,
    *,
    replace: bool = False,
    database: DatabaseKeys | None = None,
    replace_allowed: bool = False,
) -> str:
    """Put the sealed keys into this PC's keyring; returns the database identity.

    With ``database``, the keys must be that database's: its identity, and keys that fit its
    check value (a forged set does not). Keys this PC already holds are replaced only with
    ``replace`` and ``replace_allowed`` (an administrator of the database signed in)."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"키 파일을 읽지 못했습니다: {exc.strerror or exc}") from None
    sealed = unseal(data, passphrase)
    if database is not None:
        if database.identity is not None and database.identity != sealed.identity:
            raise KeyFileError(
                "이 키 파일은 다른 데이터베이스의 것입니다. 아무것도 바꾸지 않았습니다."
            )
        if database.check is not None and not sealed.keys.accepts(database.check):
            raise KeyFileError(
                "이 키 파일의 키는 이 데이터베이스의 키가 아닙니다. 아무것도 바꾸지 않았습니다."
            )
    present = secrets.load_keys(sealed.identity)
    if present is not None and present != sealed.keys:
        if not replace:
            raise KeyFileError(
                "이 PC의 키 저장소에 이 데이터베이스의 다른 키가 이미 있습니다. 바꾸려면 --replace를 붙이십시오."
            )
        if not replace_allowed:
            raise KeyFileError(
                "키를 바꾸는 일은 이 데이터베이스의 관리자만 할 수 있습니다: 관리자로 로그인하십시오."
            )
    secrets.store_keys(sealed.identity, sealed.keys)
    return sealed.identity


def forget_local_keys() -> list[tuple[str, Path]]:
    """Remove from the keyring the keys of every database file in this PC's data folder
    (the uninstaller's "also remove user data"). Returns (identity, file) of each."""
    import sqlite3

    from desktop.paths import data_dir

    forgotten = []
    for path in sorted(data_dir().glob("*.db")):
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = connection.execute(
                    "SELECT value FROM app_meta WHERE key = 'database_identity'"
                ).fetchone()
            finally:
                connection.close()
        except sqlite3.Error:
            continue
        if row and secrets.forget_keys(str(row[0])):
            forgotten.append((str(row[0]), path))
    return forgotten
