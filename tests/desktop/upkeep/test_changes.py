"""Live lists (issue 25): a client notices another's write without F5."""

from __future__ import annotations

import time
from pathlib import Path

from desktop.context import AppContext, open_database
from desktop.upkeep.changes import ChangeFeed
from tests.conftest import FIXED_NOW, as_tester
from tests.helpers.linking import call, import_records


def _until(feed: ChangeFeed, seconds: float = 5.0) -> set[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen = feed.poll()
        if seen:
            return seen
        time.sleep(0.05)
    return set()


def test_another_client_s_import_is_noticed_and_nothing_else_is(
    ctx: AppContext, db_url: str, tmp_path: Path
) -> None:
    feed = ChangeFeed(ctx)
    try:
        assert feed.poll() == set()
        other = open_database(db_url)  # the colleague's PC
        other.clock = lambda: FIXED_NOW
        other.actor = as_tester(other)
        try:
            import_records(other, tmp_path, [call("C-1", "이순자", "010-2222-3333")])
        finally:
            other.close()
        seen = _until(feed)
        assert seen and (seen == {"*"} or {"alerts", "cases"} <= seen)  # table names only
        assert feed.poll() == set()  # told once
    finally:
        feed.close()
