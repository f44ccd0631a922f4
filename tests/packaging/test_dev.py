"""The README's two commands (dev.py): what they run inside the venv still runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dev


def test_the_run_command_finds_where_its_demo_database_goes(tmp_path: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", dev.DEMO_PATH_CODE],
        cwd=dev.ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"ANBU_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert Path(found.stdout.strip()) == tmp_path / "demo.db"


def test_the_venv_is_installed_again_only_when_pyproject_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[tuple[str, ...]] = []
    monkeypatch.setattr(dev, "VENV", tmp_path)
    monkeypatch.setattr(dev, "PYTHON", Path(sys.executable))  # exists: no venv is made
    monkeypatch.setattr(dev, "run", lambda *command, env=None: ran.append(tuple(map(str, command))))
    installs = lambda: [c for c in ran if "install" in c]  # noqa: E731
    dev.ensure_venv("test")
    assert len(installs()) == 1
    dev.ensure_venv("test")  # nothing changed: no second install (the launch stays quick)
    assert len(installs()) == 1
    dev.ensure_venv("build")  # other extras: installed once too
    assert len(installs()) == 2
    (tmp_path / "anbu-installed-test").write_text("an older pyproject\n")
    dev.ensure_venv("test")
    assert len(installs()) == 3


def test_every_debian_package_the_commands_install_says_what_needs_it() -> None:
    for package in (
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-image0",
        "libxcb-keysyms1",
        "libxcb-render-util0",
        "python3-venv",
        "binutils",
        "nsis",
        "postgresql",
    ):
        assert dev.DEBIAN_NEEDS.get(package), package
    assert set(dev.DEBIAN_QT_PACKAGES) >= {"libxcb-cursor0", "libegl1"}


def test_the_test_command_compiles_the_installer_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("anbu_build", dev.ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("ANBU_QUICK_INSTALLER", raising=False)
    assert not build.quick_installer()  # a real build: LZMA
    monkeypatch.setenv("ANBU_QUICK_INSTALLER", "1")
    assert build.quick_installer()
