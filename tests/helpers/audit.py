"""The access log as an attacker with full control of the database sees it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from desktop.context import AppContext
from tests.conftest import BACKEND


@contextmanager
def append_only_dropped(ctx: AppContext) -> Iterator[None]:
    """Someone with full control of the database removes the triggers (on PostgreSQL the
    schema outlives the test, so they are put back after)."""
    with ctx.engine.begin() as connection:
        if BACKEND == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER access_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER access_log_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER access_log_append_only ON access_log")
    try:
        yield
    finally:
        if BACKEND != "sqlite":
            with ctx.engine.begin() as connection:
                connection.exec_driver_sql(
                    "CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log "
                    "FOR EACH ROW EXECUTE FUNCTION anbu_access_log_append_only()"
                )
