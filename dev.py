#!/usr/bin/env python3
"""Set-up and checks for developers, with nothing but Python 3.11+ installed.

    python3 dev.py run    install into .venv, fill a demo database on first start, open the client
    python3 dev.py build  the frozen program (PyInstaller) and the Windows installer (NSIS)
    python3 dev.py test   install what the tests need, then lint, type-check and test on
                          SQLite and PostgreSQL, then build the frozen program, run its
                          --self-test and compile installer.nsi (this is exactly what CI runs)

Works the same on Windows (``py dev.py run``) and Linux. Uses only the standard library.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
PG_URL = os.environ.get("ANBU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

# The Debian packages the two commands need, and what needs each; installed when missing
# (as root), and checked again after the test command (so this list cannot silently rot).
DEBIAN_NEEDS: dict[str, str] = {
    # PySide6's wheels bring Qt itself but expect these from the system.
    "libegl1": "Qt (OpenGL for any window, offscreen too)",
    "libgl1": "Qt (OpenGL)",
    "libfontconfig1": "Qt (finding fonts)",
    "libdbus-1-3": "Qt (desktop integration)",
    "libglib2.0-0": "Qt (event loop integration)",
    "libxkbcommon0": "Qt (keyboard layouts)",
    "libxkbcommon-x11-0": "Qt's xcb plugin (a window on an X display)",
    "libxcb-cursor0": "Qt's xcb plugin (Qt 6.5+ will not start without it)",
    "libxcb-icccm4": "Qt's xcb plugin",
    "libxcb-image0": "Qt's xcb plugin",
    "libxcb-keysyms1": "Qt's xcb plugin",
    "libxcb-randr0": "Qt's xcb plugin",
    "libxcb-render-util0": "Qt's xcb plugin",
    "libxcb-shape0": "Qt's xcb plugin",
    "libxcb-xkb1": "Qt's xcb plugin",
    # Creating the venv: Debian's Python leaves out ensurepip.
    "python3-venv": "python3 -m venv (dev.py makes .venv)",
    f"python{sys.version_info.major}.{sys.version_info.minor}-venv": "python3 -m venv",
    # The build stage of the test command.
    "nsis": "makensis: compiling installer.nsi",
    "binutils": "PyInstaller (objdump, to find the frozen program's libraries)",
    # The PostgreSQL run of the test command, when no server answers on 127.0.0.1:5432.
    "postgresql": "the PostgreSQL test run (installed, started, database 'test' made)",
}
# No system font is needed: the client loads the NanumGothic the reports ship (ui/app.py).
DEBIAN_QT_PACKAGES = tuple(p for p, why in DEBIAN_NEEDS.items() if why.startswith("Qt"))
DEBIAN_VENV_PACKAGES = tuple(p for p, why in DEBIAN_NEEDS.items() if "venv" in why)
DEBIAN_BUILD_PACKAGES = ("nsis", "binutils")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    say(" ".join(str(c) for c in command))
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True, env=env)


def _installed_stamp(extras: str) -> Path:
    return VENV / f"anbu-installed-{extras.replace(',', '-') or 'run'}"


def ensure_venv(extras: str = "") -> None:
    """The venv with the project installed (editable: code changes need no reinstall).
    Installs again only when pyproject.toml changed since the last install of ``extras``."""
    if not PYTHON.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    stamp = _installed_stamp(extras)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != wanted:
        target = f".[{extras}]" if extras else "."
        run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target)
        stamp.write_text(wanted + "\n")
    run(PYTHON, "-m", "ui.translations.build")  # .ts -> .qm (built, never committed)


def missing_debian_packages(packages: tuple[str, ...]) -> list[str]:
    """Those of ``packages`` not installed (none on a system without dpkg)."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return []
    return [
        package
        for package in packages
        if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
        ).stdout.strip()
        != "install ok installed"
    ]


def ensure_debian_libraries(packages: tuple[str, ...] = DEBIAN_QT_PACKAGES) -> None:
    """Install Debian packages (by default the Qt runtime libraries) when they are missing
    (needs root)."""
    missing = missing_debian_packages(packages)
    if not missing:
        return
    if os.geteuid() != 0:  # type: ignore[attr-defined,unused-ignore]
        say(f"missing Debian packages (install as root): {' '.join(missing)}")
        return
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing)


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            return True
    except OSError:
        return False


def ensure_postgres() -> bool:
    """A PostgreSQL server on 127.0.0.1:5432: started when installed, installed (as root,
    with database 'test' open to the local postgres user) when not."""
    if postgres_reachable():
        return True
    clusters = Path("/etc/postgresql")
    fresh = not clusters.is_dir()
    if fresh:
        ensure_debian_libraries(("postgresql",))
    if shutil.which("pg_ctlcluster") and clusters.is_dir():
        for version in sorted(p.name for p in clusters.iterdir()):
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                check=False,
            )
            if fresh:
                _open_test_database(version)
    return postgres_reachable()


def _open_test_database(version: str) -> None:
    """On a server dev.py installed: database 'test', reachable from 127.0.0.1 as postgres
    without a password (that database only, this machine only)."""
    hba = Path("/etc/postgresql") / version / "main" / "pg_hba.conf"
    rule = "host test postgres 127.0.0.1/32 trust\n"
    if hba.is_file() and rule not in hba.read_text():
        hba.write_text(rule + hba.read_text())
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, "createdb", "test"], check=False)
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "reload"], check=False
    )


def ensure_test_database() -> None:
    """Database 'test' on the server the tests use, made when absent."""
    code = (
        "import psycopg\n"
        "with psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=postgres',"
        " autocommit=True) as c:\n"
        "    if not c.execute(\"SELECT 1 FROM pg_database WHERE datname='test'\").fetchone():\n"
        "        c.execute('CREATE DATABASE test')\n"
    )
    subprocess.run([str(PYTHON), "-c", code], cwd=ROOT, check=False)


def cmd_test() -> int:
    ensure_debian_libraries(DEBIAN_VENV_PACKAGES + DEBIAN_QT_PACKAGES + DEBIAN_BUILD_PACKAGES)
    ensure_venv("test,build,headless")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "ruff", "format", "--check", ".")
    run(PYTHON, "-m", "mypy")
    run(PYTHON, "-m", "pytest", "-p", "no:cacheprovider", env=dict(env, ANBU_TEST_DB="sqlite"))
    if not ensure_postgres():
        say("PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run cannot be done")
        return 1
    ensure_test_database()
    run(
        PYTHON,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        env=dict(env, ANBU_TEST_DB="postgresql", ANBU_TEST_PG_URL=PG_URL),
    )
    # The Windows build's recipe, run here against the Linux build: a frozen program that
    # cannot pass its own self-test, or an installer.nsi that does not compile, fails CI.
    linux = sys.platform.startswith("linux")
    run(
        PYTHON,
        "packaging/build.py",
        *(["--require-installer"] if linux else []),
        env=dict(env, ANBU_QUICK_INSTALLER="1"),  # it checks the script compiles: no LZMA
    )
    # What the run needed is installed, as this file says it must be.
    if os.name != "nt" and os.geteuid() == 0:  # type: ignore[attr-defined,unused-ignore]
        needed = tuple(p for p in DEBIAN_NEEDS if p != "postgresql" or not postgres_reachable())
        missing = missing_debian_packages(needed)
        if missing:
            say(f"Debian packages dev.py should have installed are missing: {' '.join(missing)}")
            return 1
    return 0


def _keyring_env() -> dict[str, str]:
    """On a desktop the OS keyring is used. On a machine without one (a Linux box with no
    Secret Service), the run command opts in to the encrypted-file keyring, which asks for
    its password at the terminal (or takes ANBU_KEYRING_PASSWORD)."""
    env = dict(os.environ)
    probe = subprocess.run(
        [
            str(PYTHON),
            "-c",
            "from desktop.security.secrets import secure_backend; secure_backend()",
        ],
        cwd=ROOT,
        capture_output=True,
    )
    if probe.returncode != 0 and "ANBU_KEYRING" not in env:
        ensure_venv("headless")  # the encrypted-file keyring (installed once)
        say("no OS keyring here: using the encrypted-file keyring (ANBU_KEYRING=cryptfile)")
        env["ANBU_KEYRING"] = "cryptfile"
    return env


# Where the run command's demo database lives (run in the venv's Python; tested).
DEMO_PATH_CODE = "from desktop.paths import data_dir; print(data_dir() / 'demo.db')"


def cmd_run() -> int:
    ensure_debian_libraries(DEBIAN_VENV_PACKAGES + DEBIAN_QT_PACKAGES)
    ensure_venv()
    env = _keyring_env()
    anbu = BIN / ("anbu.exe" if os.name == "nt" else "anbu")
    url = os.environ.get("ANBU_DATABASE_URL")
    if url is None:
        path = subprocess.run(
            [str(PYTHON), "-c", DEMO_PATH_CODE],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        url = "sqlite:///" + Path(path).as_posix()
    run(anbu, "--db", url, "demo", "--if-empty", "--households", "3000", env=env)
    run(anbu, "--db", url, env=env)
    return 0


def cmd_build() -> int:
    """The frozen program and the installer (on Windows: needs NSIS's makensis on PATH)."""
    ensure_debian_libraries(DEBIAN_QT_PACKAGES + DEBIAN_BUILD_PACKAGES)
    # A Linux build server has no desktop keyring: the self-test uses the encrypted file.
    ensure_venv("build,headless" if sys.platform.startswith("linux") else "build")
    run(PYTHON, "packaging/build.py", "--require-installer")
    return 0


def main() -> int:
    commands = {"run": cmd_run, "test": cmd_test, "build": cmd_build}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[sys.argv[1]]()
    except subprocess.CalledProcessError as exc:
        say(f"failed with exit code {exc.returncode}")
        return exc.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
