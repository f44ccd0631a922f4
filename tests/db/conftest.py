"""Fixtures of the database tests."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import make_url

from db.engine import make_engine, temporary_schema
from desktop.cli import main
from tests.conftest import PG_URL


@pytest.fixture
def owner_and_app() -> Iterator[tuple[str, str, str]]:
    """A fresh schema made by its owner, and a login role granted as the guide says."""
    role = f"anbu_app_{uuid.uuid4().hex[:8]}"
    with temporary_schema(PG_URL, "anbu_roles") as owner_url:
        code = main(["--db", owner_url, "db", "upgrade"], stdout=io.StringIO())
        assert code == 0
        admin = make_engine(owner_url)
        with admin.begin() as connection:
            connection.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
        out = io.StringIO()
        assert main(["--db", owner_url, "db", "grant", role], stdout=out) == 0
        assert role in out.getvalue()
        app_url = make_url(owner_url).set(username=role).render_as_string(hide_password=False)
        try:
            yield owner_url, app_url, role
        finally:
            with admin.begin() as connection:
                connection.exec_driver_sql(f"DROP OWNED BY {role}")
                connection.exec_driver_sql(f"DROP ROLE {role}")
            admin.dispose()
