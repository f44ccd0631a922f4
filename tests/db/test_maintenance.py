"""Refreshing the planner's statistics after imports: when the alerts have grown by a
tenth, on PostgreSQL and SQLite alike, and really gathering them on both."""

from __future__ import annotations

from sqlalchemy import text

from db.bulk import insert_rows
from db.maintenance import analyze, analyze_after_import
from db.models import Alert, table
from desktop.context import AppContext
from tests.helpers.rows import alert_row


def test_small_imports_into_a_large_table_leave_the_statistics_alone(ctx: AppContext) -> None:
    assert analyze_after_import(ctx.engine, 10)  # never analyzed: always worth it
    with ctx.sessions.begin() as session:
        insert_rows(session, table(Alert), [alert_row(n, f"S{n}") for n in range(1, 301)])
    analyze(ctx.engine)
    assert not analyze_after_import(ctx.engine, 29)
    assert analyze_after_import(ctx.engine, 30)


def test_analyze_gathers_statistics_the_planner_reads(ctx: AppContext) -> None:
    with ctx.sessions.begin() as session:
        insert_rows(session, table(Alert), [alert_row(n, f"S{n}") for n in range(1, 51)])
    analyze(ctx.engine)
    with ctx.engine.connect() as connection:
        if ctx.engine.dialect.name == "postgresql":
            rows = connection.execute(
                text("SELECT reltuples FROM pg_class WHERE oid = to_regclass('alerts')")
            ).scalar()
        else:
            stat = connection.execute(
                text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'alerts' LIMIT 1")
            ).scalar()
            rows = int(str(stat).split()[0])
    assert rows == 50
