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
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance

from bench.measure import peak_rss_mb
from bench.registry import Figure
from desktop.context import open_database
from desktop.security import secrets
from desktop.security.access import Actor

HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_CLIENT_HOUSEHOLDS", "82000"))  # ≈ 100,000 cases


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


def run(url: str) -> list[Figure]:
    filled = subprocess.run(
        [sys.executable, "-m", "bench.client_fill", url, str(HOUSEHOLDS)],
        capture_output=True,
        text=True,
        check=True,
    )
    identity, encoded = filled.stdout.strip().splitlines()[-2:]
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
        window.filters.status_filter.setCurrentIndex(1)  # every status: the whole district
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
