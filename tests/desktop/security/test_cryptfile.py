"""The encrypted-file keyring of a PC with no OS keyring (issue 22): its password asked in
Korean, checked, and refused in a sentence."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.security import secrets


@pytest.fixture
def cryptfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytest.importorskip("keyrings.cryptfile")
    monkeypatch.setenv("ANBU_KEYRING", "cryptfile")
    monkeypatch.setenv("ANBU_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(secrets, "_CRYPTFILE", {})
    return tmp_path / "keyring.cfg"


def test_the_password_opens_the_file_and_a_wrong_one_is_told_in_korean(
    cryptfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANBU_KEYRING_PASSWORD", "first-pass-1")
    secrets.secure_backend().set_password("AnbuDesk", "probe", "kept")
    assert cryptfile.exists()
    monkeypatch.setattr(secrets, "_CRYPTFILE", {})  # another process
    assert secrets.secure_backend().get_password("AnbuDesk", "probe") == "kept"
    monkeypatch.setattr(secrets, "_CRYPTFILE", {})
    monkeypatch.setenv("ANBU_KEYRING_PASSWORD", "wrong-pass-2")
    with pytest.raises(secrets.KeyringPasswordError, match="키 저장소 암호가 맞지 않습니다"):
        secrets.secure_backend()


def test_no_terminal_and_no_password_is_a_sentence_not_an_eof_error(
    cryptfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANBU_KEYRING_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(secrets.KeyringPasswordError, match="ANBU_KEYRING_PASSWORD"):
        secrets.secure_backend()


def test_a_new_keyring_s_password_is_asked_twice_in_korean(
    cryptfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ANBU_KEYRING_PASSWORD", raising=False)
    asked: list[str] = []
    answers = iter(["short", "new-pass-12", "new-pass-12"])

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("sys.stdin", Terminal())
    secrets.secure_backend().set_password("AnbuDesk", "probe", "kept")
    assert asked == ["새 키 저장소 암호: ", "새 키 저장소 암호: ", "한 번 더: "]
    told = capsys.readouterr().err
    assert "새 암호를 정하십시오" in told and "잃으면" in told and "8자 이상" in told
