"""Where the program's files live, and how it writes them: the data and configuration
folders, the private working folder, and ``atomic_write`` for every file it writes.

This module imports nothing of the program's own, so every other module may use it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

APP_NAME = "AnbuDesk"
ENV_DATA_DIR = "ANBU_DATA_DIR"
ENV_CONFIG_DIR = "ANBU_CONFIG_DIR"
WORK_PREFIXES = ("anbu-backup-", "anbu-restore-")


def data_dir() -> Path:
    """Where the database and (when opted in) the encrypted-file keyring live;
    ``ANBU_DATA_DIR`` moves it (the build's self-test, portable setups)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Where this PC's ``settings.json`` lives; ``ANBU_CONFIG_DIR`` moves it (tests)."""
    override = os.environ.get(ENV_CONFIG_DIR)
    return Path(override) if override else platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "anbu.db"


# -- writing files ---------------------------------------------------------------------------


@contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """A file written whole or not at all. The block writes to the staging path it is
    given, beside ``path``; when the block ends without an error the staging file is
    forced to disk and renamed over ``path``; on any error (or an interrupt) it is removed
    and ``path`` is as it was. The staging name ends in ``.partial``, which the inbox
    and a person both know to pass over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        yield staging
        with staging.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)  # gone already after the rename


# -- files with personal data --------------------------------------------------------------


def private_files() -> None:
    """Every file the program writes from here on is its owner's alone on POSIX (0600,
    folders 0700): databases, backups, key exports, reports, working copies."""
    if os.name == "posix":
        os.umask(0o077)


def work_dir() -> Path:
    """A private folder in the data folder for working copies (a backup's plain copy):
    never the system's shared temporary folder."""
    folder = data_dir() / "work"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def clear_leftovers(*folders: Path) -> list[Path]:
    """Remove working copies a killed run left behind (their process is gone); returns
    what was removed."""
    removed = []
    for folder in (data_dir() / "work", *folders):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not (path.is_dir() and path.name.startswith(WORK_PREFIXES)):
                continue
            pid = path.name.split("-")[2] if path.name.count("-") >= 3 else ""
            if pid.isdigit() and _running(int(pid)):
                continue
            if os.name != "posix" and time.time() - path.stat().st_mtime < 24 * 3600:
                continue  # Windows: no cheap look at other processes; only day-old copies go
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # (see clear_leftovers: Windows goes by age)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
