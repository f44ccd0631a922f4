"""Secrets live only in the operating system's keyring.

This is the one module that talks to ``keyring``. It refuses to work with a backend that
would keep secrets in plain text or nowhere: there is no fallback. A headless machine may
opt in to an encrypted-file backend with ``ANBU_KEYRING=cryptfile`` (see README).
"""

from __future__ import annotations

import base64
import json
import os

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from db.errors import UserError
from desktop.security.protect import KeySet

SERVICE = "AnbuDesk"

_INSECURE_MARKERS = ("fail.", "null.", "plaintext", "Plaintext")


class KeyringUnavailableError(UserError):
    """No secure place to keep secrets on this PC."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        super().__init__(
            "이 PC에서 안전한 키 저장소(Windows 자격 증명 관리자, macOS 키체인, Linux Secret "
            f"Service)를 찾을 수 없습니다 (현재: {backend}). 암호화 키를 평문으로 저장할 수 없으므로 "
            "작업을 중단합니다. 서버 등 화면이 없는 PC에서는 암호화 파일 키 저장소를 명시적으로 "
            "선택하십시오: ANBU_KEYRING=cryptfile (README의 Configuration 참조)."
        )


class KeysMissingError(UserError):
    """The database is encrypted with keys this PC's keyring does not hold."""

    def __init__(self, identity: str) -> None:
        self.identity = identity
        super().__init__(
            "이 데이터베이스의 암호화 키가 이 PC의 키 저장소에 없습니다 "
            f"(데이터베이스 식별자 {identity}). 관리자가 내보낸 키 파일을 복원한 뒤 다시 여십시오. "
            "데이터는 변경하지 않았습니다."
        )


def _leaf_backends(backend: KeyringBackend) -> list[KeyringBackend]:
    children = getattr(backend, "backends", None)
    if children is not None:
        return [leaf for child in children for leaf in _leaf_backends(child)]
    return [backend]


def backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_secure(backend: KeyringBackend) -> bool:
    name = backend_name(backend)
    return not any(marker in name for marker in _INSECURE_MARKERS)


ENV_KEYRING = "ANBU_KEYRING"
ENV_KEYRING_PASSWORD = "ANBU_KEYRING_PASSWORD"
_OPT_IN_ONLY = ("keyrings.cryptfile",)  # usable only when chosen explicitly


def _cryptfile_backend() -> KeyringBackend:
    """The encrypted-file keyring, chosen explicitly for a machine with no OS keyring."""
    try:
        from keyrings.cryptfile.cryptfile import CryptFileKeyring
    except ImportError as exc:
        raise KeyringUnavailableError(
            "ANBU_KEYRING=cryptfile (keyrings.cryptfile 패키지가 설치되어 있지 않습니다)"
        ) from exc
    from desktop.paths import data_dir

    backend = CryptFileKeyring()
    backend.file_path = str(data_dir() / "keyring.cfg")
    password = os.environ.get(ENV_KEYRING_PASSWORD)
    if password:
        backend.keyring_key = password
    chosen: KeyringBackend = backend
    return chosen


def secure_backend() -> KeyringBackend:
    """The keyring backend secrets go to; ``KeyringUnavailableError`` when none is secure.

    Never keyring's chain itself: a chain may fall through to a plain-text file. The best
    secure backend in it is used, or the encrypted-file backend when ``ANBU_KEYRING=cryptfile``
    asks for it.
    """
    if os.environ.get(ENV_KEYRING) == "cryptfile":
        return _cryptfile_backend()
    backend = keyring.get_keyring()
    leaves = [
        leaf
        for leaf in _leaf_backends(backend)
        if is_secure(leaf) and not backend_name(leaf).startswith(_OPT_IN_ONLY)
    ]
    if not leaves:
        raise KeyringUnavailableError(backend_name(backend))
    return max(leaves, key=lambda leaf: float(getattr(leaf, "priority", 0)))


def _key_entry(identity: str) -> str:
    return f"database-keys:{identity}"


def encode_keys(keys: KeySet) -> str:
    return json.dumps(
        {
            "key_id": keys.key_id,
            "data_key": base64.b64encode(keys.data_key).decode(),
            "index_key": base64.b64encode(keys.index_key).decode(),
            "older": [
                {"key_id": key_id, "data_key": base64.b64encode(data).decode()}
                for key_id, data in keys.older
            ],
        }
    )


def decode_keys(text: str) -> KeySet:
    data = json.loads(text)
    return KeySet(
        int(data["key_id"]),
        base64.b64decode(data["data_key"]),
        base64.b64decode(data["index_key"]),
        tuple(
            (int(old["key_id"]), base64.b64decode(old["data_key"])) for old in data.get("older", [])
        ),
    )


def load_keys(identity: str) -> KeySet | None:
    """The keys of the database named ``identity``, or None if this keyring has none."""
    backend = secure_backend()
    try:
        text = backend.get_password(SERVICE, _key_entry(identity))
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(f"{backend_name(backend)}: {exc}") from exc
    return decode_keys(text) if text else None


def store_keys(identity: str, keys: KeySet) -> None:
    backend = secure_backend()
    try:
        backend.set_password(SERVICE, _key_entry(identity), encode_keys(keys))
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(f"{backend_name(backend)}: {exc}") from exc


def forget_keys(identity: str) -> bool:
    """Remove a database's keys from the keyring; False when there were none."""
    backend = secure_backend()
    if backend.get_password(SERVICE, _key_entry(identity)) is None:
        return False
    backend.delete_password(SERVICE, _key_entry(identity))
    return True


def get_database_password(url_without_password: str) -> str | None:
    return secure_backend().get_password(SERVICE, f"database-password:{url_without_password}")


def set_database_password(url_without_password: str, password: str) -> None:
    secure_backend().set_password(SERVICE, f"database-password:{url_without_password}", password)
