"""Refreshing the planner's statistics after imports: always on SQLite (cheap), on
PostgreSQL only when an import has grown the alerts by a tenth."""

from __future__ import annotations

from db.bulk import insert_rows
from db.maintenance import analyze, analyze_after_import
from db.models import Alert, table
from desktop.context import AppContext
from tests.db.test_bulk import _alert


def test_small_imports_into_a_large_table_leave_postgresql_statistics_alone(
    ctx: AppContext,
) -> None:
    postgresql = ctx.engine.dialect.name == "postgresql"
    assert analyze_after_import(ctx.engine, 10)  # never analyzed: always worth it
    with ctx.sessions.begin() as session:
        insert_rows(session, table(Alert), [_alert(n, f"S{n}") for n in range(1, 301)])
    analyze(ctx.engine)
    assert analyze_after_import(ctx.engine, 29) is not postgresql
    assert analyze_after_import(ctx.engine, 30)
