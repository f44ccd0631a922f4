"""Keeping the query planner informed after bulk writes."""

from __future__ import annotations

from sqlalchemy import Engine


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
            # Statistics from a sample of each index: enough for the planner, and
            # milliseconds instead of a scan of every table after each imported file.
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("PRAGMA optimize")
