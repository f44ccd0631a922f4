from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from db import migrate
from db.engine import make_engine
from db.migrate import SchemaState, SchemaTooNewError
from db.models import Base
from desktop.cli import main


def test_empty_database_is_migrated_to_head_with_every_table(empty_url: str) -> None:
    engine = make_engine(empty_url)
    assert migrate.schema_status(engine).state is SchemaState.EMPTY
    migrate.upgrade(engine)
    assert migrate.schema_status(engine).state is SchemaState.CURRENT
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    engine.dispose()


def test_models_and_migrations_agree(empty_url: str) -> None:
    """Autogenerate finds nothing to add: the migrations describe the models exactly."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(empty_url)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_newer_schema_is_refused_untouched(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate.stamp(engine, "9999_from_the_future")
    assert migrate.schema_status(engine).state is SchemaState.TOO_NEW
    with pytest.raises(SchemaTooNewError, match="더 새로운 버전"):
        migrate.upgrade(engine)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "9999_from_the_future"
    engine.dispose()


def test_cli_refuses_newer_schema_with_a_message_not_a_traceback(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(db_url)
    migrate.stamp(engine, "9999_from_the_future")
    engine.dispose()
    assert main(["--db", db_url, "cases", "--json"]) == 1
    err = capsys.readouterr().err
    assert "더 새로운 버전의 안부데스크" in err
    assert "Traceback" not in err


def test_foreign_database_is_refused(empty_url: str) -> None:
    engine = make_engine(empty_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(migrate.ForeignDatabaseError):
        migrate.upgrade(engine)
    engine.dispose()
