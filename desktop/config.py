"""Where the database is and how to reach it.

Choice, strongest first: ``--db URL``, ``ANBU_DATABASE_URL``, the SQLite file in the
user's data folder. A PostgreSQL URL without a password takes it from the keyring.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from db.engine import normalise_url, sqlite_url
from db.errors import UserError
from desktop.korean import joined
from desktop.paths import data_dir, default_database_path

ENV_DATABASE_URL = "ANBU_DATABASE_URL"


class DatabaseAddressError(UserError):
    """The database named cannot be what was meant (a typo), or cannot be read as one."""


def resolve_database_url(cli_url: str | None, *, create: bool = False) -> URL:
    """The database to open. A plain path is a SQLite file. A SQLite file named by
    ``--db`` or ``ANBU_DATABASE_URL`` in a folder that does not exist is refused (a typo
    must not become an empty office) unless ``create`` (``anbu db create``) or the folder
    is the program's own data folder (made on first use)."""
    from desktop.settings import DATABASE_URL, MachineSettings

    named = cli_url or os.environ.get(ENV_DATABASE_URL)
    text = named or MachineSettings().get(DATABASE_URL) or sqlite_url(default_database_path())
    if "://" not in text:
        text = sqlite_url(Path(text).expanduser().absolute())
    try:
        url = normalise_url(text)
    except ArgumentError:
        raise DatabaseAddressError(
            f"데이터베이스 주소를 알아볼 수 없습니다: {text} (SQLite 파일의 경로, 또는 "
            "postgresql://사용자@서버/데이터베이스)"
        ) from None
    if named and not create and url.get_backend_name() == "sqlite" and url.database:
        folder = Path(url.database).parent
        own = folder == data_dir() or data_dir() in folder.parents  # the program's own folder
        if url.database != ":memory:" and not folder.is_dir() and not own:
            raise DatabaseAddressError(
                f"폴더 {joined(str(folder), '이')} 없습니다. 주소에 오타가 없는지 확인하십시오. 새 데이터베이스를 "
                f"만들려면: anbu --db {text} db create"
            )
    if url.get_backend_name() == "postgresql" and url.password is None and url.username:
        from desktop.security import secrets

        password = secrets.get_database_password(url.render_as_string(hide_password=True))
        if password:
            url = url.set(password=password)
    return url


def describe_url(url: URL | str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    return make_url(url).render_as_string(hide_password=True)
