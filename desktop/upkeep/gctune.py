"""Fewer garbage collections while bulk work allocates many objects that stay alive.

CPython's cyclic collector runs after every 700 new container objects, and every so often
walks every object in the process. An import or a demo fill allocates millions of rows,
dicts and views that stay alive for a while: the collector found next to nothing to free
yet took 40% of the linking time and 30% of the whole import's. Inside
``seldom_collections`` the youngest generation is collected after ``YOUNG`` allocations
instead, so the full walks almost never come; memory freed by reference counting (nearly
all of it) is freed at once as always, and only cycles wait a little longer.

The setting is the process's: nested or concurrent uses (the client's background import
beside the inbox folder's) share it, and the last one out restores what was there before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 100_000  # allocations between collections of the youngest generation

_lock = threading.Lock()
_users = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def seldom_collections() -> Iterator[None]:
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = gc.get_threshold()
            young, middle, old = _saved
            gc.set_threshold(max(young, YOUNG), middle, old)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
