"""Least privilege on PostgreSQL (issue 25): the app role reads and writes case data, and
cannot change the schema, drop or disable triggers, truncate, or change the access log."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db.engine import make_engine
from db.roles import RoleError, grant_app_role
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="roles are PostgreSQL's")


REFUSED = (
    "CREATE TABLE sneaky (id integer)",
    "ALTER TABLE cases ADD COLUMN sneaky integer",
    "DROP TABLE alert_revisions",
    "DROP TRIGGER access_log_append_only ON access_log",
    "ALTER TABLE access_log DISABLE TRIGGER access_log_append_only",
    "ALTER TABLE access_log DISABLE TRIGGER ALL",
    "TRUNCATE cases CASCADE",
    "TRUNCATE access_log",
    "UPDATE access_log SET reason = 'x'",
    "DELETE FROM access_log",
    "UPDATE alembic_version SET version_num = '0001'",
    "CREATE INDEX sneaky ON cases (id)",
)


@pytest.mark.parametrize("statement", REFUSED)
def test_the_app_role_is_refused(owner_and_app: tuple[str, str, str], statement: str) -> None:
    _owner, app_url, _role = owner_and_app
    engine = make_engine(app_url)
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
            connection.execute(text(statement))
        assert getattr(caught.value.orig, "sqlstate", "") in ("42501", "42P01")  # privilege
    finally:
        engine.dispose()


def test_the_app_role_works_a_case_and_adds_to_the_access_log(
    owner_and_app: tuple[str, str, str], tmp_path: object
) -> None:
    from db.enums import Role
    from desktop.context import open_database
    from desktop.security import accounts

    owner_url, app_url, _role = owner_and_app
    with open_database(owner_url) as ctx:  # the keys are made by the first open
        accounts.add_user(ctx, "admin", "owner-pass-1", role=Role.ADMIN)
    with open_database(app_url) as ctx:
        accounts.sign_in(ctx, "admin", "owner-pass-1")
        accounts.add_user(ctx, "kim", "worker-pass-1", role=Role.ADMIN)  # rows and a log row
        with ctx.session() as session:
            logged = session.execute(text("SELECT count(*) FROM access_log")).scalar()
        assert logged and logged > 0


def test_grant_refuses_sqlite_and_a_role_that_does_not_exist(
    owner_and_app: tuple[str, str, str],
) -> None:
    owner_url, _app, _role = owner_and_app
    with pytest.raises(RoleError, match="역할이 없습니다"):
        grant_app_role(make_engine(owner_url), "no_such_role_here")
    with pytest.raises(RoleError, match="영문 소문자"):
        grant_app_role(make_engine(owner_url), "Robert'); DROP TABLE cases;--")
