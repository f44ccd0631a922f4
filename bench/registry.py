"""The benches, by name, and what they share."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

DEFAULT_PG_URL = os.environ.get(
    "ANBU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

# name -> module:function taking (url) and yielding (name, value, unit)
BENCHES: dict[str, str] = {
    "foundation": "bench.foundation:run",
    "intake": "bench.intake:run",
    "linking": "bench.linking:run",
    "reports": "bench.reports:run",
    "client": "bench.client:run",
    "map": "bench.map:run",
    "load": "bench.load:run",
}

Figure = tuple[str, float, str]
BenchFn = Callable[[str], list[Figure]]


def pg_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False
