"""Keeping the query planner informed after bulk writes."""

from __future__ import annotations

from sqlalchemy import Connection, Engine

# An import that adds this share of the alerts already there changes the planner's picture
# enough to refresh it at once (PostgreSQL's autovacuum would, later, at about 10%).
GROWTH_WORTH_ANALYZING = 0.1


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics (after a demo fill or a large import).

    Without them PostgreSQL plans freshly loaded tables as if empty and picks scans that
    make the case list slow. SQLite gathers none by itself (its ``PRAGMA optimize``
    before 3.46 analyzes only tables the same connection has queried, so it did nothing
    here): a full ``ANALYZE`` reads the indexes, under half a second for 150,000 alerts.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as connection:  # the statistics are written, and committed
            connection.exec_driver_sql("ANALYZE")


def analyze_after_import(engine: Engine, alerts_written: int) -> bool:
    """``analyze`` when an import has grown the alerts by a tenth or more, or they were
    never analyzed; True if it did. A full ANALYZE after every imported file was half an
    import's time on PostgreSQL."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # The planner's own estimate of the table's rows (below 0: never analyzed).
            known = connection.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass('alerts')"
            ).scalar()
        else:
            known = _sqlite_rows_counted(connection)
    if known is not None and 0 < alerts_written < GROWTH_WORTH_ANALYZING * known:
        return False
    analyze(engine)
    return True


def _sqlite_rows_counted(connection: Connection) -> int | None:
    """The alerts SQLite's statistics counted (the first number of an index's entry), or
    None when it has none."""
    if not connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first():
        return None
    stat = connection.exec_driver_sql(
        "SELECT stat FROM sqlite_stat1 WHERE tbl = 'alerts' LIMIT 1"
    ).scalar()
    return int(str(stat).split()[0]) if stat else None
