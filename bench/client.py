"""The client on a district's worth of cases: open a database of about 100,000 cases and
measure what a person waits for. Event-driven (Qt's own event loop waits for each result;
no busy waiting), offscreen.

Figures:
  client.cases          cases in the database
  client.first_rows_s   window opened -> first rows drawn          target < 0.5 s
  client.today_s        window opened -> the Today tab filled in
  client.review_queue_s window opened -> the review queue filled in
  client.resort_ms      a click on a column header -> rows drawn   target < 150 ms (median)
  client.refilter_ms    a filter changed -> rows drawn             target < 150 ms (median)
  client.search_ms      a search typed (after its 250 ms pause) -> rows drawn (median)
  client.open_case_ms   a case asked for -> its pane filled (median)
  client.peak_rss_mb    peak memory of the client process          target < 400 MB

Each run fills a fresh database (several minutes). With ``ANBU_BENCH_CLIENT_KEEP=FOLDER`` the
filled database is kept and reused by later runs of the same size and schema: SQLite's file
is kept in FOLDER and copied for each run (so every run starts from the same file); on
PostgreSQL a schema of its own is kept in the database ``--db`` names (its keys in FOLDER)
and used as it is. Delete the folder (and drop the ``anbu_bench_client_*`` schema) after a
change to the demo data.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from sqlalchemy.engine import make_url

from bench.measure import peak_rss_mb
from bench.registry import Figure
from db.engine import make_engine, with_search_path
from db.migrate import head_revision
from desktop.context import open_database
from desktop.security import secrets
from desktop.security.access import Actor

HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_CLIENT_HOUSEHOLDS", "82000"))  # ≈ 100,000 cases
KEEP = os.environ.get("ANBU_BENCH_CLIENT_KEEP")  # a folder: reuse the filled database


def _wait(signal: SignalInstance, start: Callable[[], object], timeout_s: float = 60) -> float:
    """Seconds from ``start()`` until ``signal`` fires, waiting in Qt's event loop."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    began = time.perf_counter()
    start()
    loop.exec()
    elapsed = time.perf_counter() - began
    signal.disconnect(loop.quit)
    if not timer.isActive():
        raise TimeoutError("the client did not answer in time")
    return elapsed


def every_status_index() -> int:
    """The status filter's position of 전체 상태 (every case, whatever its status)."""
    from ui.filter_bar import EVERY_STATUS, STATUS_CHOICES

    return [label for label, _statuses in STATUS_CHOICES].index(EVERY_STATUS)


def _fill(url: str) -> tuple[str, str]:
    """Fill the database at ``url`` (in a process of its own); its identity and keys."""
    filled = subprocess.run(
        [sys.executable, "-m", "bench.client_fill", url, str(HOUSEHOLDS)],
        capture_output=True,
        text=True,
        check=True,
    )
    identity, encoded = filled.stdout.strip().splitlines()[-2:]
    return identity, encoded


def _kept(url: str, folder: Path) -> tuple[str, str, str]:
    """The database to measure, filled once and kept in ``folder`` (see the module's
    docstring): the URL to open, its identity and its keys."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"client_{HOUSEHOLDS}_{head_revision()}"
    backend = "sqlite" if url.startswith("sqlite") else "postgresql"
    keys = folder / f"{name}.{backend}.keys"
    if backend == "sqlite":
        kept = folder / f"{name}.db"
        if not (kept.exists() and keys.exists()):
            kept.unlink(missing_ok=True)
            keys.write_text("\n".join(_fill(f"sqlite:///{kept.as_posix()}")))
        fresh = Path(make_url(url).database or "")
        fresh.unlink(missing_ok=True)
        source, copy = sqlite3.connect(kept), sqlite3.connect(fresh)
        try:
            source.backup(copy)  # the whole database, WAL included: each run starts the same
        finally:
            copy.close()
            source.close()
        identity, encoded = keys.read_text().splitlines()
        return url, identity, encoded
    schema = f"anbu_bench_{name}"
    admin = make_engine(url)
    try:
        with admin.begin() as connection:
            present = connection.exec_driver_sql(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = %(s)s",
                {"s": schema},
            ).first()
            if present is None or not keys.exists():
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
                keys.unlink(missing_ok=True)
    finally:
        admin.dispose()
    target = with_search_path(url, schema)
    if not keys.exists():
        keys.write_text("\n".join(_fill(target)))
    identity, encoded = keys.read_text().splitlines()
    return target, identity, encoded


def run(url: str) -> list[Figure]:
    if KEEP:
        url, identity, encoded = _kept(url, Path(KEEP))
    else:
        identity, encoded = _fill(url)
    secrets.store_keys(identity, secrets.decode_keys(encoded))

    from ui.app import make_application, open_window

    app = make_application()
    ctx = open_database(url)
    ctx.actor = Actor.system("bench")  # an administrator: every centre's cases
    holder: dict[str, object] = {}
    try:

        def open_it() -> None:
            window = open_window(ctx)
            window.resize(1400, 800)
            window.show()
            holder["window"] = window

        # open_window starts the first query; the window says when its rows are in.
        from ui.main_window import MainWindow

        loop = QEventLoop()
        settled: dict[str, float] = {}
        began = time.perf_counter()
        open_it()
        window = holder["window"]
        assert isinstance(window, MainWindow)
        today, review = window.today, window.review
        assert today is not None and review is not None
        today.loaded.connect(lambda: settled.setdefault("today", time.perf_counter() - began))
        review.queue_loaded.connect(
            lambda _n: settled.setdefault("review", time.perf_counter() - began)
        )
        if window.model.rowCount() == 0:
            window.cases_loaded.connect(loop.quit)
            loop.exec()
        window.grab()  # draws the visible rows (the lazy model fetches them now)
        first_rows = time.perf_counter() - began
        cases = window.model.rowCount()
        # Every status: the whole district. (Found by its label: the choices' order changes,
        # and the second is now 관할 확인 필요, a few thousand cases.)
        window.filters.status_filter.setCurrentIndex(every_status_index())
        _wait(window.cases_loaded, lambda: None)
        total = window.model.rowCount()
        # The window opens on the Today tab, whose figures and the review queue load beside
        # the list. The clicks below are measured once they are in, as a person works.
        if "today" not in settled:
            _wait(today.loaded, lambda: None)
        if "review" not in settled:
            _wait(review.queue_loaded, lambda: None)

        def drawn(action: Callable[[], object]) -> float:
            seconds = _wait(window.cases_loaded, action)
            started = time.perf_counter()
            window.grab()
            return (seconds + time.perf_counter() - started) * 1000

        header = window.table.horizontalHeader()
        from PySide6.QtCore import Qt

        resorts = [
            drawn(partial(header.setSortIndicator, column, order))
            for column in (3, 7, 2, 6, 0)
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder)
        ]
        refilters = [
            drawn(partial(window.filters.risk_filter.setCurrentIndex, i)) for i in (1, 2, 3, 0)
        ]
        refilters += [
            drawn(partial(window.filters.due_filter.setCurrentIndex, i)) for i in (1, 2, 0)
        ]
        # Searches include the 250 ms pause the box waits for the typing to stop.
        searches = [
            drawn(partial(window.filters.search.setText, t)) for t in ("김", "좌동로", "#42", "")
        ]
        pane = window.detail_pane
        assert pane is not None
        from ui.case_table import CASE_ID_ROLE

        rows = window.model.rowCount()
        spread = [
            window.model.data(window.model.index(r, 0), CASE_ID_ROLE)
            for r in (0, rows // 4, rows // 2, rows * 3 // 4, rows - 1)
        ]
        opens = [_wait(pane.loaded, partial(pane.show_case, c)) * 1000 for c in spread]
        window.close()
    finally:
        ctx.close()
    del app
    return [
        ("client.cases", float(total), "cases"),
        ("client.open_cases_listed", float(cases), "cases"),
        ("client.first_rows_s", first_rows, "s"),
        ("client.today_s", settled["today"], "s"),
        ("client.review_queue_s", settled["review"], "s"),
        ("client.resort_ms", statistics.median(resorts), "ms"),
        ("client.resort_max_ms", max(resorts), "ms"),
        ("client.refilter_ms", statistics.median(refilters), "ms"),
        ("client.refilter_max_ms", max(refilters), "ms"),
        ("client.search_ms", statistics.median(searches), "ms"),
        ("client.open_case_ms", statistics.median(opens), "ms"),
        ("client.peak_rss_mb", peak_rss_mb(), "MiB"),
    ]
