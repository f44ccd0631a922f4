"""Runs one bench in this process on a fresh database and prints its figures."""

from __future__ import annotations

import importlib
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring

from bench.registry import BENCHES
from db.engine import sqlite_url, temporary_schema
from tests.helpers.keyring_memory import MemoryKeyring


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A URL for an empty database of the kind ``url`` names, removed afterwards."""
    if url == "sqlite" or url.startswith("sqlite"):
        with tempfile.TemporaryDirectory(prefix="anbu-bench-") as folder:
            yield sqlite_url(Path(folder) / "bench.db")
        return
    with temporary_schema(url, "anbu_bench") as scratch:
        yield scratch


def main() -> int:
    name, url = sys.argv[1], sys.argv[2]
    keyring.set_keyring(MemoryKeyring())  # bench keys are thrown away with the database
    module_name, function_name = BENCHES[name].split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    backend = "sqlite" if url.startswith("sqlite") else "postgresql"
    with fresh_database(url) as database:
        for figure, value, unit in function(database):
            print(f"{figure}[{backend}] {value:.4g} {unit}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
