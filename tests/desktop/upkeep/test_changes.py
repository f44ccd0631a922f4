"""Live lists (issue 25): a client notices another's write without F5, and is told which
cases it touched (PostgreSQL), never personal data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from db.enums import CaseStatus
from db.models import Case
from desktop.context import AppContext, open_database
from desktop.upkeep.changes import ChangeFeed, Changes
from tests.conftest import BACKEND, FIXED_NOW, as_tester
from tests.helpers.linking import call, import_records

pg_only = pytest.mark.skipif(BACKEND != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's")


def _until(feed: ChangeFeed, seconds: float = 5.0, settle: float = 0.3) -> Changes:
    """What the feed hears within ``seconds``, gathered until it has been quiet a moment
    (one transaction's notices arrive together, but let none be missed)."""
    deadline = time.monotonic() + seconds
    seen = Changes()
    while time.monotonic() < deadline:
        seen.add(feed.poll())
        if seen:
            time.sleep(settle)
            seen.add(feed.poll())
            return seen
        time.sleep(0.05)
    return seen


def _colleague(db_url: str) -> AppContext:
    other = open_database(db_url)  # the colleague's PC
    other.clock = lambda: FIXED_NOW
    other.actor = as_tester(other)
    return other


def test_another_client_s_import_is_noticed_and_nothing_else_is(
    ctx: AppContext, db_url: str, tmp_path: Path
) -> None:
    feed = ChangeFeed(ctx)
    try:
        assert not feed.poll()
        other = _colleague(db_url)
        try:
            import_records(other, tmp_path, [call("C-1", "이순자", "010-2222-3333")])
        finally:
            other.close()
        seen = _until(feed)
        assert seen
        if BACKEND == "postgresql":
            assert {"alerts", "cases"} <= seen.tables  # a new case
            with ctx.session() as session:
                [case_id] = session.scalars(select(Case.id)).all()
            assert seen.cases == {case_id} and not seen.everything
        else:
            assert seen.everything  # SQLite: something changed
        assert not feed.poll()  # told once
    finally:
        feed.close()


@pg_only
def test_a_notice_names_the_cases_by_id_and_carries_no_personal_data(
    ctx: AppContext, db_url: str, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "이순자", "010-2222-3333"), call("C-2", "박영호", "010-4444-5555")],
    )
    with ctx.session() as session:
        first, second = session.scalars(select(Case.id).order_by(Case.id)).all()
    raw = ctx.engine.raw_connection()
    try:
        driver = raw.driver_connection
        driver.autocommit = True
        driver.execute("LISTEN anbu_changes")
        # Any path that writes is announced: here a statement of its own, not a service.
        with ctx.engine.begin() as connection:
            connection.execute(
                update(Case).where(Case.id == second).values(status=CaseStatus.VERIFYING)
            )
        payloads: list[str] = []
        deadline = time.monotonic() + 5
        while not payloads and time.monotonic() < deadline:
            payloads += [n.payload for n in driver.notifies(timeout=0.2)]
    finally:
        raw.close()
    assert payloads == [f"cases:U:{second}"]
    for payload in payloads:
        for personal in ("이순자", "박영호", "2222", "3333", "4444"):
            assert personal not in payload
    changes = Changes.of_payloads(payloads)
    assert changes.cases == {second} and first not in changes.cases
    assert changes.tables == {"cases"} and not changes.everything


@pg_only
def test_a_statement_touching_too_many_cases_says_many_and_one_touching_none_nothing(
    ctx: AppContext,
) -> None:
    """Past the ids one payload holds comfortably (500), the notice says ``*``: reload
    all. The trigger's function, on a table of the test's own with a ``case_id``."""
    raw = ctx.engine.raw_connection()
    try:
        driver = raw.driver_connection
        driver.autocommit = True
        driver.execute("CREATE TEMP TABLE many_ids (case_id integer)")
        driver.execute(
            "CREATE TRIGGER many_ids_notify AFTER INSERT ON many_ids "
            "REFERENCING NEW TABLE AS anbu_new FOR EACH STATEMENT "
            "EXECUTE FUNCTION anbu_notify_case_ids('case_id')"
        )
        driver.execute("LISTEN anbu_changes")
        driver.execute("INSERT INTO many_ids SELECT generate_series(1, 500)")
        driver.execute("INSERT INTO many_ids SELECT generate_series(1, 501)")
        driver.execute("INSERT INTO many_ids SELECT 1 WHERE false")  # no row: no notice
        payloads: list[str] = []
        deadline = time.monotonic() + 3
        while len(payloads) < 3 and time.monotonic() < deadline:
            payloads += [n.payload for n in driver.notifies(timeout=0.3)]
    finally:
        raw.close()
    assert len(payloads) == 2
    assert payloads[0] == "many_ids:I:" + ",".join(str(i) for i in range(1, 501))
    assert len(payloads[0].encode()) < 8000
    assert payloads[1] == "many_ids:I:*"


def test_payloads_are_read_into_changes() -> None:
    changes = Changes.of_payloads(
        ["cases:U:3,5", "counselling_records:I:7", "link_suggestions:U:", "alerts:I:*"]
    )
    assert changes.cases == {3, 5, 7}
    assert changes.tables == {"cases", "counselling_records", "link_suggestions", "alerts"}
    assert changes.everything  # "many": reload all
    assert Changes.of_payloads(["cases:I:9"]).cases == {9}
    assert Changes.of_payloads(["cases"]).everything  # an older schema's notice
    assert not Changes()
