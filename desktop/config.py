"""Where the database is and how to reach it.

Choice, strongest first: ``--db URL``, ``ANBU_DATABASE_URL``, the SQLite file in the
user's data folder. A PostgreSQL URL without a password takes it from the keyring.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

from db.engine import normalise_url, sqlite_url

APP_NAME = "AnbuDesk"
ENV_DATABASE_URL = "ANBU_DATABASE_URL"
ENV_DATA_DIR = "ANBU_DATA_DIR"


def data_dir() -> Path:
    """Where the database and (when opted in) the encrypted-file keyring live;
    ``ANBU_DATA_DIR`` moves it (the build's self-test, portable setups)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "anbu.db"


def resolve_database_url(cli_url: str | None) -> URL:
    from desktop.settings import DATABASE_URL, MachineSettings

    text = (
        cli_url
        or os.environ.get(ENV_DATABASE_URL)
        or MachineSettings().get(DATABASE_URL)
        or sqlite_url(default_database_path())
    )
    url = normalise_url(text)
    if url.get_backend_name() == "postgresql" and url.password is None and url.username:
        from desktop.security import secrets

        password = secrets.get_database_password(url.render_as_string(hide_password=True))
        if password:
            url = url.set(password=password)
    return url


def describe_url(url: URL | str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


# -- files with personal data --------------------------------------------------------------

WORK_PREFIXES = ("anbu-backup-", "anbu-restore-")


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
    import shutil

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
