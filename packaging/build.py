"""Build the frozen program and the installer: ``python packaging/build.py``.

1. build the translations (.ts -> .qm);
2. PyInstaller with packaging/anbu.spec -> dist/anbu/ (onedir; anbu.exe on Windows);
3. the frozen program's own ``--self-test`` (a build that cannot open its database, keyring,
   PDF and XLSX writers or Qt platform is not packaged);
4. ``makensis -WX /DVERSION=<pyproject version> /DPAYLOAD_DIR=dist/anbu installer.nsi``
   when makensis is installed (on Windows: NSIS 3 from nsis.sourceforge.io; on Debian:
   the ``nsis`` package), giving dist/AnbuDesk-Setup-<version>.exe.

Run it with the project's environment (``python3 dev.py build`` makes one). Options:
``--skip-installer`` stops after the self-test; ``--require-installer`` fails when makensis
is missing (CI).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
PAYLOAD = DIST / "anbu"


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def build_translations() -> None:
    sys.path.insert(0, str(ROOT))
    from ui.translations.build import build

    for path in build():
        say(f"translation {path.relative_to(ROOT)}")


def freeze() -> Path:
    say("PyInstaller (onedir)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "anbu.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    executable = PAYLOAD / ("anbu.exe" if os.name == "nt" else "anbu")
    if not executable.exists():
        raise SystemExit(f"PyInstaller made no {executable}")
    return executable


def self_test(executable: Path) -> None:
    say(f"{executable.name} --self-test")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if os.name != "nt" else "windows")
    with tempfile.TemporaryDirectory(prefix="anbu-build-") as home:
        # A private configuration and data folder: the self-test touches no one's data.
        env["ANBU_CONFIG_DIR"] = home
        env["ANBU_DATA_DIR"] = home
        if os.name != "nt" and not env.get("DBUS_SESSION_BUS_ADDRESS"):
            # No desktop keyring on a build server: the documented encrypted-file opt-in.
            env.setdefault("ANBU_KEYRING", "cryptfile")
            env.setdefault("ANBU_KEYRING_PASSWORD", "self-test-only")
        result = subprocess.run([str(executable), "--self-test"], env=env, cwd=home)
    if result.returncode != 0:
        raise SystemExit("the frozen program's self-test failed: not packaging it")


def quick_installer() -> bool:
    """zlib instead of solid LZMA: for CI and the test command, which check that
    installer.nsi compiles (a minute or more saved); a real build keeps LZMA."""
    return bool(os.environ.get("CI") or os.environ.get("ANBU_QUICK_INSTALLER"))


def installer(required: bool) -> Path | None:
    makensis = shutil.which("makensis")
    if makensis is None:
        if required:
            raise SystemExit("makensis not found (Debian: apt-get install nsis)")
        say("makensis not found: installer skipped")
        return None
    say("makensis -WX")
    subprocess.run(
        [
            makensis,
            "-WX",
            "-V3",
            f"-DVERSION={version()}",
            f"-DPAYLOAD_DIR={PAYLOAD}",
            f"-DOUT_DIR={DIST}",
            f"-DPYTHON={sys.executable}",
            *(["-DQUICK_COMPRESSION"] if quick_installer() else []),
            str(ROOT / "installer.nsi"),
        ],
        cwd=ROOT,
        check=True,
    )
    setup = DIST / f"AnbuDesk-Setup-{version()}.exe"
    if not setup.exists():
        raise SystemExit(f"makensis made no {setup}")
    say(f"{setup.relative_to(ROOT)} ({setup.stat().st_size / 2**20:.1f} MiB)")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/build.py")
    parser.add_argument("--skip-installer", action="store_true")
    parser.add_argument("--require-installer", action="store_true")
    args = parser.parse_args(argv)
    build_translations()
    self_test(freeze())
    if not args.skip_installer:
        installer(args.require_installer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
