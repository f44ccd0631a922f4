"""Settings of this PC, each declared once with its type, default and meaning.

They live in ``settings.json`` in the user's configuration folder (``ANBU_CONFIG_DIR``
overrides it, for tests). Window layout is not here (Qt's ``QSettings`` keeps it) and
secrets never are (``desktop.security.secrets``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from db.errors import UserError
from desktop.korean import joined, quoted
from desktop.paths import atomic_write, config_dir

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type[T]
    default: T
    label: str  # Korean, for the settings screen and `anbu config`
    choices: tuple[T, ...] | None = None


INBOX_FOLDER: Setting[str] = Setting("inbox_folder", str, "", "받은 파일 폴더 (비우면 사용 안 함)")
INBOX_POLL_SECONDS: Setting[int] = Setting(
    "inbox_poll_seconds", int, 10, "받은 파일 폴더 확인 간격(초)"
)

IDLE_LOCK_MINUTES: Setting[int] = Setting(
    "idle_lock_minutes", int, 10, "자리를 비우면 화면을 잠글 때까지(분, 0이면 잠그지 않음)"
)

LANGUAGE: Setting[str] = Setting(
    "language", str, "ko", "화면 언어 (ko 한국어, en English)", choices=("ko", "en")
)

DATABASE_URL: Setting[str] = Setting(
    "database_url", str, "", "데이터베이스 주소 (비우면 기본 SQLite 파일; 비밀번호는 키 저장소에)"
)

SETTINGS: dict[str, Setting[Any]] = {
    s.key: s for s in (INBOX_FOLDER, INBOX_POLL_SECONDS, IDLE_LOCK_MINUTES, LANGUAGE, DATABASE_URL)
}


class SettingError(UserError):
    pass


class MachineSettings:
    """Read and write this PC's settings; every write replaces the file whole."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or config_dir()) / "settings.json"

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise SettingError(f"설정 파일을 읽을 수 없습니다: {self.path} ({exc})") from None
        return data if isinstance(data, dict) else {}

    def get(self, setting: Setting[T]) -> T:
        value = self._load().get(setting.key, setting.default)
        return value if isinstance(value, setting.kind) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if setting is DATABASE_URL and value and "@" in str(value):
            from sqlalchemy.engine import make_url
            from sqlalchemy.exc import ArgumentError

            try:
                has_password = make_url(str(value)).password is not None
            except ArgumentError:
                raise SettingError(f"데이터베이스 주소가 올바르지 않습니다: {value}") from None
            if has_password:
                raise SettingError(
                    "데이터베이스 비밀번호는 설정 파일에 적지 않습니다: 주소에서 빼고, 프로그램의 "
                    "설정 화면에서 넣으면 키 저장소에 보관합니다."
                )
        data = self._load()
        data[setting.key] = value
        with atomic_write(self.path) as staging:
            staging.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def set_text(self, key: str, text: str) -> Setting[Any]:
        """Set a setting from text (as typed at the command line), checking its type."""
        setting = SETTINGS.get(key)
        if setting is None:
            raise SettingError(f"알 수 없는 설정입니다: {key} (가능: {', '.join(SETTINGS)})")
        try:
            value = setting.kind(text)
        except ValueError:
            raise SettingError(
                f"{key}: {joined(quoted(text), '은')} 올바른 값이 아닙니다"
            ) from None
        if setting.choices is not None and value not in setting.choices:
            allowed = ", ".join(str(c) for c in setting.choices)
            raise SettingError(
                f"{key}: {joined(quoted(text), '은')} 올바른 값이 아닙니다 (가능: {allowed})"
            )
        self.set(setting, value)
        return setting
