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

from db.errors import ErrorKind, UserError
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


class KeyringPasswordError(UserError):
    """The encrypted-file keyring's password is wrong, or cannot be asked for."""

    kind = ErrorKind.SIGN_IN


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


_CRYPTFILE: dict[str, KeyringBackend] = {}  # unlocked once a process, by file


def _ask_keyring_password(path: str, new: bool) -> str:
    """The encrypted-file keyring's password, asked at the terminal in Korean."""
    import getpass
    import sys

    if not sys.stdin or not sys.stdin.isatty():
        raise KeyringPasswordError(
            "암호화 파일 키 저장소의 암호가 필요하지만 물어볼 터미널이 없습니다. 터미널에서 "
            f"실행하거나 {ENV_KEYRING_PASSWORD}를 설정하십시오."
        )
    if not new:
        return getpass.getpass("키 저장소 암호 (데이터베이스 키를 담은 파일을 엽니다): ")
    print(
        "이 PC에는 운영체제의 키 저장소가 없어, 데이터베이스를 여는 암호화 키를 암호화된 파일\n"
        f"  {path}\n에 둡니다. 그 파일을 여는 새 암호를 정하십시오. 이 암호를 잃으면, 키를 내보내 두지\n"
        "않은 한(anbu keys export) 데이터를 다시 열 수 없습니다.",
        file=sys.stderr,
    )
    for _ in range(3):
        first = getpass.getpass("새 키 저장소 암호: ")
        if len(first) < 8:
            print("8자 이상으로 정하십시오.", file=sys.stderr)
            continue
        if getpass.getpass("한 번 더: ") == first:
            return first
        print("두 암호가 다릅니다. 다시 정하십시오.", file=sys.stderr)
    raise KeyringPasswordError("키 저장소 암호를 정하지 못했습니다. 다시 실행하십시오.")


def _cryptfile_backend() -> KeyringBackend:
    """The encrypted-file keyring, chosen explicitly for a machine with no OS keyring; its
    password from ``ANBU_KEYRING_PASSWORD`` or asked once, in Korean, and checked."""
    try:
        from keyrings.cryptfile.cryptfile import CryptFileKeyring
    except ImportError as exc:
        raise KeyringUnavailableError(
            "ANBU_KEYRING=cryptfile (keyrings.cryptfile 패키지가 설치되어 있지 않습니다)"
        ) from exc
    from desktop.paths import data_dir

    path = str(data_dir() / "keyring.cfg")
    if path in _CRYPTFILE:
        return _CRYPTFILE[path]
    backend = CryptFileKeyring()
    backend.file_path = path
    new = not backend._check_file()
    password = os.environ.get(ENV_KEYRING_PASSWORD) or _ask_keyring_password(path, new)
    try:
        backend.keyring_key = password  # an existing file's password is checked here
        if not new:
            backend._unlock()
    except (ValueError, KeyError, TypeError):
        raise KeyringPasswordError(
            f"키 저장소 암호가 맞지 않습니다 ({path}). 다시 실행해 암호를 확인하십시오."
        ) from None
    chosen: KeyringBackend = backend
    _CRYPTFILE[path] = chosen
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
