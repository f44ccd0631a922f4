"""Intake: import 100,000 records of the three channels, in mixed formats, into a
database that already holds 50,000 households."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import psutil

from bench.measure import timed
from bench.registry import Figure
from db.enums import Channel
from desktop.context import open_database
from desktop.demo import files, populate
from desktop.demo.synth import Synth, SynthRecord
from desktop.intake.service import import_file
from desktop.security.access import Actor

HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_HOUSEHOLDS", "50000"))
RECORDS = int(os.environ.get("ANBU_BENCH_RECORDS", "100000"))
ANCHOR = date(2026, 11, 20)

WRITERS: list[tuple[str, Callable[[Path, list[SynthRecord]], Path]]] = [
    ("utf8.csv", lambda p, r: files.write_csv(p, r, "utf-8")),
    ("cp949.csv", lambda p, r: files.write_csv(p, r, "cp949")),
    ("titled.xlsx", lambda p, r: files.write_xlsx(p, r, title="자료")),
    ("array.json", files.write_json),
    ("lines.jsonl", files.write_jsonl),
]


@contextmanager
def peak_rss_sampler(interval: float = 0.05) -> Iterator[list[float]]:
    """Largest resident set seen while the block runs, in MiB (sampled)."""
    process = psutil.Process()
    peak = [process.memory_info().rss / 2**20]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(interval):
            peak[0] = max(peak[0], process.memory_info().rss / 2**20)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()
        peak[0] = max(peak[0], process.memory_info().rss / 2**20)


def channel_files(folder: Path) -> list[Path]:
    synth = Synth(2, anchor=ANCHOR)
    records: list[SynthRecord] = []
    for record in synth.records(synth.households(RECORDS)):
        records.append(record)
        if len(records) == RECORDS:
            break
    paths = []
    for channel in Channel:
        mine = [r for r in records if r.channel is channel]
        share = -(-len(mine) // len(WRITERS))
        for n, (suffix, write) in enumerate(WRITERS):
            part = mine[n * share : (n + 1) * share]
            if part:
                paths.append(write(folder / f"{channel.value}-{suffix}", part))
    return paths


def run(url: str) -> list[Figure]:
    ctx = open_database(url)
    ctx.actor = Actor.system("bench")
    try:
        populate(ctx, households=HOUSEHOLDS, seed=1, anchor=ANCHOR)
        with tempfile.TemporaryDirectory(prefix="anbu-intake-") as folder:
            paths = channel_files(Path(folder))
            read = new = 0
            with peak_rss_sampler() as peak, timed() as watch:
                for path in paths:
                    counts = import_file(ctx, path).counts
                    read += counts.read
                    new += counts.new
    finally:
        ctx.close()
    return [
        ("import.records", float(read), "records"),
        ("import.new", float(new), "records"),
        ("import.files", float(len(paths)), "files"),
        ("import.seconds", watch.seconds, "s"),
        ("import.records_per_s", read / watch.seconds, "records/s"),
        ("import.peak_rss_mb", peak[0], "MiB"),
    ]
