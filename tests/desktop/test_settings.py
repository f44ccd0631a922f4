from __future__ import annotations

from pathlib import Path

import pytest

from desktop.settings import INBOX_FOLDER, INBOX_POLL_SECONDS, MachineSettings, SettingError
from tests.helpers.cli import run


def test_defaults_then_saved_values(tmp_path: Path) -> None:
    settings = MachineSettings(tmp_path)
    assert settings.get(INBOX_FOLDER) == "" and settings.get(INBOX_POLL_SECONDS) == 10
    settings.set(INBOX_FOLDER, "C:/받은파일")
    assert MachineSettings(tmp_path).get(INBOX_FOLDER) == "C:/받은파일"
    assert not list(tmp_path.glob("*.partial"))


def test_text_values_are_checked_and_a_broken_file_is_a_message(tmp_path: Path) -> None:
    settings = MachineSettings(tmp_path)
    with pytest.raises(SettingError, match="올바른 값"):
        settings.set_text("inbox_poll_seconds", "자주")
    with pytest.raises(SettingError, match="알 수 없는 설정"):
        settings.set_text("colour", "red")
    (tmp_path / "settings.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(SettingError, match="설정 파일을 읽을 수 없습니다"):
        settings.get(INBOX_FOLDER)


def test_cli_config(db_url: str) -> None:
    code, text = run("config", "set", "inbox_poll_seconds", "30")
    assert code == 0
    code, text = run("config")
    assert "inbox_poll_seconds = 30" in text and "inbox_folder = ''" in text
    assert run("config", "set", "inbox_poll_seconds", "x")[0] == 1
