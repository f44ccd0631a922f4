"""Least privilege on a shared PostgreSQL: the program connects as an application role that
reads and writes case data and nothing more. The schema's owner (who runs ``anbu db
upgrade``) keeps everything else: changing the schema, dropping or disabling triggers,
TRUNCATE, and changing the access log (the app role may only add rows to it and read them).

A role that is not a table's owner cannot ALTER, DROP or disable its triggers whatever it
is granted, so the grants below are the whole of what the app role may do."""

from __future__ import annotations

import re

from sqlalchemy import Engine

from db.errors import UserError

_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Written by the program only as rows are added: the access log and its chain, and the
# schema's version (read to check the schema, written only by an upgrade).
APPEND_ONLY = ("access_log",)
READ_ONLY = ("alembic_version",)


class RoleError(UserError):
    pass


def grant_app_role(engine: Engine, role: str) -> str:
    """Give ``role`` (an existing PostgreSQL login role) what the program needs in the
    schema ``engine`` works in, run as the schema's owner. Returns the schema's name."""
    if engine.dialect.name != "postgresql":
        raise RoleError(
            "역할 권한은 PostgreSQL에서만 나눕니다 (SQLite는 파일 하나를 한 PC가 씁니다)."
        )
    if not _ROLE.match(role):
        raise RoleError(f"역할 이름은 영문 소문자·숫자·밑줄로 적어 주십시오: {role!r}")
    with engine.begin() as connection:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": role}
        ).scalar()
        if not exists:
            raise RoleError(
                f"PostgreSQL에 {role} 역할이 없습니다. 먼저 만드십시오: "
                f"CREATE ROLE {role} LOGIN PASSWORD '…';"
            )
        schema = connection.exec_driver_sql("SELECT current_schema()").scalar()
        if not schema:
            raise RoleError("스키마를 알 수 없습니다 (search_path를 확인하십시오).")
        q = f'"{schema}"'
        for statement in (
            f"GRANT USAGE ON SCHEMA {q} TO {role}",
            f"REVOKE CREATE ON SCHEMA {q} FROM {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {q} TO {role}",
            f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {q} FROM {role}",
            *(f"REVOKE UPDATE, DELETE ON {q}.{t} FROM {role}" for t in APPEND_ONLY),
            *(f"REVOKE INSERT, UPDATE, DELETE ON {q}.{t} FROM {role}" for t in READ_ONLY),
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q} TO {role}",
            # Tables a later upgrade adds are the app role's to use as well.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {q} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {q} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
        ):
            connection.exec_driver_sql(statement)
    return str(schema)
