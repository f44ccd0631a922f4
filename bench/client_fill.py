"""Fills a database with demo data in a process of its own (so the client bench's peak
memory is the client's, not the generator's) and prints the database's keys for the
parent's in-memory keyring: ``python -m bench.client_fill URL HOUSEHOLDS``."""

from __future__ import annotations

import sys
from datetime import date

import keyring

from desktop import secrets
from desktop.context import open_database
from desktop.demo import populate
from desktop.keyring_memory import MemoryKeyring


def main() -> int:
    url, households = sys.argv[1], int(sys.argv[2])
    keyring.set_keyring(MemoryKeyring())
    with open_database(url) as ctx:
        populate(ctx, households=households, seed=7, anchor=date(2026, 11, 20))
        keys = secrets.load_keys(ctx.identity)
        assert keys is not None
        print(ctx.identity)
        print(secrets.encode_keys(keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
