"""Keeping the query planner informed after bulk writes."""

from __future__ import annotations

from sqlalchemy import Engine

# An import that adds this share of the alerts already there changes the planner's picture
# enough to refresh it at once (PostgreSQL's autovacuum would, later, at about 10%).
GROWTH_WORTH_ANALYZING = 0.1


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics (after a demo fill or a large import).

    Without them PostgreSQL plans freshly loaded tables as if empty and picks scans that
    make the case list slow.
    """
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE")
        else:
            # Statistics from a sample of each index, milliseconds instead of a scan of
            # every table after each imported file. Note: SQLite before 3.46 analyzes here
            # only tables this connection has queried, so on a fresh connection it writes
            # no statistics, and the planner works from its own rules (indexes are made
            # for those: see ix_cases_merged).
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("PRAGMA optimize")


def analyze_after_import(engine: Engine, alerts_written: int) -> bool:
    """``analyze`` when an import has grown the alerts by a tenth or more; True if it did.

    On PostgreSQL a full ANALYZE takes over a second once there are some 100,000 alerts:
    after every imported file it was half an import's time. SQLite's sampled optimize costs
    milliseconds, so it always runs.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            # The planner's own estimate of the table's rows (below 0: never analyzed).
            known = connection.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass('alerts')"
            ).scalar()
        if known is not None and 0 < alerts_written < GROWTH_WORTH_ANALYZING * known:
            return False
    analyze(engine)
    return True
