from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from db import migrate
from db.engine import make_engine
from db.migrate import SchemaState, SchemaTooNewError
from db.models import RAW_COLUMN, Alert, Base
from desktop.caselist.listing import iter_cases
from desktop.cli import main
from desktop.context import open_database
from desktop.intake.ingest import load_raw
from desktop.security.access import Actor
from tests.helpers.keyring_memory import MemoryKeyring


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


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("revision", ["0001"])
def test_a_database_of_each_released_schema_migrates_with_its_data(
    revision: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Kept databases of released schemas (made by that release's code) must open."""
    copy = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / f"schema-{revision}.db", copy)
    keys = json.loads((FIXTURES / f"schema-{revision}.keys.json").read_text(encoding="utf-8"))
    for entry, secret in keys.items():
        service, user = entry.split("\u0000")
        memory_keyring.set_password(service, user, secret)
    with open_database(f"sqlite:///{copy}") as ctx:
        ctx.actor = Actor.system("test")
        assert migrate.schema_status(ctx.engine).state is SchemaState.CURRENT
        cases = list(iter_cases(ctx))
        assert len(cases) == 78 and all(case["alerts"] for case in cases)
        with ctx.session() as session:
            blob = session.scalars(select(Alert.raw_cipher).limit(1)).one()
        assert load_raw(ctx.protector, blob, RAW_COLUMN)


def test_the_sort_ranks_in_the_migration_are_the_models() -> None:
    """0006 writes the rank expressions out; they must stay what the model computes."""
    import importlib.util

    from db.enums import CaseStatus, RiskLevel
    from db.models import rank_of

    path = Path(__file__).parents[2] / "db/migrations/versions/0006_case_list_sort_keys.py"
    spec = importlib.util.spec_from_file_location("migration_0006", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert rank_of("status", CaseStatus) == migration.STATUS_RANK
    assert rank_of("risk", RiskLevel) == migration.RISK_RANK


def test_the_handoff_waiting_condition_in_the_migration_is_the_models() -> None:
    """0017 writes the partial index's condition out; it must stay what the query states."""
    import importlib.util

    from db.models import HANDOFF_WAITING_SQL

    path = Path(__file__).parents[2] / "db/migrations/versions/0017_haengbok_eum_handoff.py"
    spec = importlib.util.spec_from_file_location("migration_0017", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.WAITING == HANDOFF_WAITING_SQL


def test_0020_goes_down_to_0019_and_up_again(empty_url: str) -> None:
    """The notice triggers naming case ids (PostgreSQL) and the 구-less road key come and
    go with their revision; the earlier table-name triggers come back on the way down."""
    from alembic import command

    engine = make_engine(empty_url)
    migrate.upgrade(engine)

    def triggers() -> set[str]:
        if engine.dialect.name != "postgresql":
            return set()
        with engine.connect() as connection:
            return set(
                connection.scalars(
                    text(
                        "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                        "WHERE NOT tgisinternal AND tgname LIKE '%\\_notify%' "
                        "AND c.relnamespace = current_schema()::regnamespace"
                    )
                )
            )

    def columns() -> set[str]:
        return {c["name"] for c in inspect(engine).get_columns("households")}

    assert "road_key" in columns()
    if engine.dialect.name == "postgresql":
        assert "cases_notify_update" in triggers() and "cases_notify" not in triggers()
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0019")
    assert "road_key" not in columns()
    if engine.dialect.name == "postgresql":
        assert "cases_notify" in triggers() and "cases_notify_update" not in triggers()
    migrate.upgrade(engine)
    assert "road_key" in columns()
    engine.dispose()
