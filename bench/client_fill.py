"""Fills a database with demo data in a process of its own (so the client bench's peak
memory is the client's, not the generator's) and prints the database's keys for the
parent's in-memory keyring: ``python -m bench.client_fill URL HOUSEHOLDS``."""

from __future__ import annotations

import sys
from datetime import date

import keyring

from desktop.context import AppContext, open_database
from desktop.demo import populate
from desktop.security import secrets
from tests.helpers.keyring_memory import MemoryKeyring


def settle(ctx: AppContext) -> None:
    """The database as it is minutes after a big load: PostgreSQL's autovacuum has run
    (statistics, and the visibility map its index-only scans need); SQLite has the
    statistics the demo fill and imports leave (``db.maintenance.analyze``)."""
    if ctx.engine.dialect.name == "postgresql":
        with ctx.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE"
            )
    else:
        with ctx.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


def main() -> int:
    url, households = sys.argv[1], int(sys.argv[2])
    keyring.set_keyring(MemoryKeyring())
    with open_database(url) as ctx:
        populate(ctx, households=households, seed=7, anchor=date(2026, 11, 20))
        settle(ctx)
        keys = secrets.load_keys(ctx.identity)
        assert keys is not None
        print(ctx.identity)
        print(secrets.encode_keys(keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
