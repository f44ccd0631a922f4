"""Schema versions: upgrade on start, refuse a database made by a newer program."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import ProgrammingError

from db.errors import UserError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class SchemaTooNewError(UserError):
    """The database was written by a newer Anbu Desk than this one."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            "이 데이터베이스는 더 새로운 버전의 안부데스크에서 만들어졌습니다 "
            f"(스키마 {revision}). 안부데스크를 최신 버전으로 업데이트한 뒤 다시 여십시오. "
            "데이터는 변경하지 않았습니다."
        )


class ForeignDatabaseError(UserError):
    """The database holds tables but is not an Anbu Desk database."""

    def __init__(self) -> None:
        super().__init__(
            "이 데이터베이스는 안부데스크 데이터베이스가 아닙니다 (다른 프로그램의 표가 있습니다). "
            "아무것도 변경하지 않았습니다. 다른 파일이나 주소를 선택하십시오."
        )


class SchemaState(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    BEHIND = "behind"
    TOO_NEW = "too_new"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    current: str | None
    head: str

    def describe(self) -> str:
        match self.state:
            case SchemaState.EMPTY:
                return f"빈 데이터베이스입니다 (스키마 없음, 프로그램 스키마 {self.head})."
            case SchemaState.CURRENT:
                return f"스키마가 최신입니다 ({self.head})."
            case SchemaState.BEHIND:
                return f"업그레이드가 필요합니다 ({self.current} → {self.head})."
            case SchemaState.TOO_NEW:
                return str(SchemaTooNewError(self.current or "?"))


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def schema_status(engine: Engine) -> SchemaStatus:
    head = head_revision()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current is None:
        if tables - {"alembic_version"}:
            raise ForeignDatabaseError()
        return SchemaStatus(SchemaState.EMPTY, None, head)
    if current == head:
        return SchemaStatus(SchemaState.CURRENT, current, head)
    known = {rev.revision for rev in _script().walk_revisions()}
    if current not in known:
        return SchemaStatus(SchemaState.TOO_NEW, current, head)
    return SchemaStatus(SchemaState.BEHIND, current, head)


class SchemaUpgradeDeniedError(UserError):
    def __init__(self) -> None:
        super().__init__(
            "데이터베이스의 스키마가 이 프로그램보다 오래되었는데, 이 계정은 스키마를 바꿀 수 "
            "없습니다 (앱 역할). 관리자가 소유자 계정으로 `anbu db upgrade --db 소유자주소`를 "
            "실행한 뒤 다시 여십시오."
        )


def upgrade(engine: Engine) -> SchemaStatus:
    """Bring the schema to this program's head; refuse a newer one untouched."""
    status = schema_status(engine)
    if status.state is SchemaState.TOO_NEW:
        raise SchemaTooNewError(status.current or "?")
    if status.state is not SchemaState.CURRENT:
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine)
        else:
            config = _config()
            try:
                with engine.begin() as connection:
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
            except ProgrammingError as exc:
                if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient privilege
                    raise SchemaUpgradeDeniedError() from None
                raise
    return SchemaStatus(SchemaState.CURRENT, head_revision(), head_revision())


def _upgrade_sqlite(engine: Engine) -> None:
    """SQLite's procedure for changing a table: rebuilding it needs foreign keys off
    (a pragma that only takes effect outside a transaction), and the result is checked
    with ``foreign_key_check`` before it is committed."""
    config = _config()
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise MigrationIntegrityError(len(problems))
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


class MigrationIntegrityError(UserError):
    def __init__(self, count: int) -> None:
        super().__init__(
            f"스키마 업그레이드 후 참조 무결성 오류가 {count}건 발견되어 업그레이드를 취소했습니다. "
            "데이터는 변경하지 않았습니다. 지원 담당자에게 문의하십시오."
        )


def stamp(engine: Engine, revision: str) -> None:
    """Write ``revision`` as the database's schema version (tests and repairs only)."""
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM alembic_version")
        connection.exec_driver_sql(
            "INSERT INTO alembic_version (version_num) VALUES (?)"
            if connection.dialect.name == "sqlite"
            else "INSERT INTO alembic_version (version_num) VALUES (%s)",
            (revision,),
        )
