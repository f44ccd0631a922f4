"""Foundation: fill 50,000 households of demo data, then print every case as JSON."""

from __future__ import annotations

import io
import json
import os
from datetime import date

from bench.measure import peak_rss_mb, timed
from bench.registry import Figure
from desktop.caselist.listing import iter_cases
from desktop.context import open_database
from desktop.demo import populate
from desktop.security.access import Actor

HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_HOUSEHOLDS", "50000"))


def run(url: str) -> list[Figure]:
    ctx = open_database(url)
    ctx.actor = Actor.system("bench")
    try:
        with timed() as demo:
            summary = populate(ctx, households=HOUSEHOLDS, seed=1, anchor=date(2026, 11, 20))
        sink = io.StringIO()
        with timed() as listing:
            count = 0
            for item in iter_cases(ctx):
                sink.write(json.dumps(item, ensure_ascii=False))
                sink.write("\n")
                sink.seek(0)
                sink.truncate()
                count += 1
    finally:
        ctx.close()
    return [
        ("foundation.demo_households", float(HOUSEHOLDS), "households"),
        ("foundation.demo_alerts", float(summary.records.new), "alerts"),
        ("foundation.demo_s", demo.seconds, "s"),
        ("foundation.cases_json_s", listing.seconds, "s"),
        ("foundation.cases_json_per_s", count / listing.seconds, "cases/s"),
        ("foundation.peak_rss_mb", peak_rss_mb(), "MiB"),
    ]
