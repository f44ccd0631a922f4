"""Where the database is and how to reach it.

Choice, strongest first: ``--db URL``, ``ANBU_DATABASE_URL``, the SQLite file in the
user's data folder. A PostgreSQL URL without a password takes it from the keyring.
"""

from __future__ import annotations

import os

from sqlalchemy.engine import URL, make_url

from db.engine import normalise_url, sqlite_url
from desktop.paths import default_database_path

ENV_DATABASE_URL = "ANBU_DATABASE_URL"


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
