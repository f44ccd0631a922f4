"""The installer's file lists, installer.nsi compiled against a small payload, and the
frozen program's --self-test as the CLI runs it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _payload(folder: Path) -> Path:
    payload = folder / "anbu"
    (payload / "_internal" / "PySide6" / "plugins" / "platforms").mkdir(parents=True)
    (payload / "anbu.exe").write_bytes(b"MZ")
    (payload / "_internal" / "base_library.zip").write_bytes(b"PK")
    (payload / "_internal" / "PySide6" / "plugins" / "platforms" / "qwindows.dll").write_bytes(b"x")
    (payload / "_internal" / "reports fonts 한글.ttf").write_bytes(b"f")
    return payload


def _lists(tmp_path: Path) -> tuple[list[str], list[str]]:
    payload = _payload(tmp_path)
    out = tmp_path / "lists"
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "nsis_files.py"), str(payload), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "4 files" in result.stdout
    install = (out / "install-files.nsh").read_text(encoding="utf-8").splitlines()
    uninstall = (out / "uninstall-files.nsh").read_text(encoding="utf-8").splitlines()
    return install, uninstall


def test_the_uninstaller_removes_exactly_what_was_installed(tmp_path: Path) -> None:
    install, uninstall = _lists(tmp_path)
    installed: set[str] = set()
    where = ""
    for line in install:
        if line.startswith("SetOutPath"):
            where = line.split('"')[1]
        elif line.startswith("File"):
            name = PurePosixPath(line.split('"')[1]).name
            installed.add(f"{where}\\{name}")
    removed = {line.split('"')[1] for line in uninstall if line.startswith("Delete")}
    assert installed == removed and len(installed) == 4
    assert "$INSTDIR\\_internal\\reports fonts 한글.ttf" in removed
    folders = [line.split('"')[1] for line in uninstall if line.startswith("RMDir")]
    assert all("/r" not in line for line in uninstall)  # never a recursive removal
    assert folders.index("$INSTDIR\\_internal\\PySide6\\plugins\\platforms") < folders.index(
        "$INSTDIR\\_internal"
    )  # deepest first
    assert any(line.startswith("!define PAYLOAD_SIZE_KB") for line in install)


def test_installer_nsi_keeps_its_promises_in_writing() -> None:
    script = (ROOT / "installer.nsi").read_text(encoding="utf-8")
    section = script[script.index('Section "$(SecProgram)"') :]
    assert section.index("WriteUninstaller") < section.index("install-files.nsh")
    assert not re.search(r"RMDir\s+/r\s+\"?\$INSTDIR", script)  # never the install folder
    assert 'Section /o "un.$(SecUnData)"' in script  # user data kept unless ticked
    assert "MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" in script
    for key in ("DisplayVersion", "Publisher", "DisplayIcon", "EstimatedSize"):
        assert f'"{key}"' in script
    assert '"Korean"' in script and '"English"' in script


@pytest.mark.skipif(shutil.which("makensis") is None, reason="NSIS is not installed")
def test_installer_nsi_compiles_with_warnings_as_errors(tmp_path: Path) -> None:
    payload = _payload(tmp_path)
    result = subprocess.run(
        [
            "makensis",
            "-WX",
            "-V2",
            "-DVERSION=0.1.0",
            f"-DPAYLOAD_DIR={payload}",
            f"-DOUT_DIR={tmp_path}",
            f"-DPYTHON={sys.executable}",
            str(ROOT / "installer.nsi"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "AnbuDesk-Setup-0.1.0.exe").stat().st_size > 10_000


def test_self_test_passes_here() -> None:
    out = io.StringIO()
    assert main(["--self-test"], stdout=out) == 0, out.getvalue()
    text = out.getvalue()
    for part in ("데이터베이스", "키 저장소", "PDF", "XLSX", "형태소 분석", "관할 경계", "Qt 화면"):
        assert f"정상  {part}" in text
    assert "자가 진단 통과" in text


def test_self_test_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.upkeep import selftest

    def broken(_folder: Path) -> str:
        raise ImportError("No module named 'psycopg'")

    monkeypatch.setattr(selftest, "CHECKS", (("데이터베이스", broken), *selftest.CHECKS[1:2]))
    out = io.StringIO()
    assert main(["--self-test"], stdout=out) == 1
    assert "없음  데이터베이스: ImportError" in out.getvalue()
    assert "자가 진단 실패: 데이터베이스" in out.getvalue()


def test_forget_local_keys_needs_yes_and_forgets_the_data_folders_databases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.context import open_database
    from desktop.security import secrets

    monkeypatch.setenv("ANBU_DATA_DIR", str(tmp_path))
    with open_database(f"sqlite:///{tmp_path / 'anbu.db'}") as ctx:
        identity = ctx.identity
    assert secrets.load_keys(identity) is not None
    assert main(["keys", "forget-local"], stdout=io.StringIO()) == 1
    out = io.StringIO()
    assert main(["keys", "forget-local", "--yes"], stdout=out) == 0
    assert identity in out.getvalue() and secrets.load_keys(identity) is None
