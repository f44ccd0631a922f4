"""Small channel files to try on the first day (``docs/samples``): one or two per channel,
in the formats offices receive (UTF-8 and CP949 CSV, Excel's 유니코드 텍스트, XLSX with a
title row, JSON, JSONL), synthetic Busan households, and one bad record in each (a date
that does not exist) so the quarantine has something to show.

    python -m desktop.demo.samples [--out docs/samples]
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from db.enums import Channel
from desktop.demo import files
from desktop.demo.synth import Synth, SynthRecord

PER_FILE = 8
ANCHOR = date(2026, 11, 20)
DATE_FIELD = {Channel.APP: "신고일시", Channel.AI_CALL: "통화일시", Channel.CARRIER: "방문일자"}


def _unicode_text(path: Path, records: Sequence[SynthRecord]) -> Path:
    """Excel's 유니코드 텍스트: UTF-16 with its BOM, tab-separated."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    headers = list(records[0].raw)
    writer.writerow(headers)
    writer.writerows([r.raw.get(h, "") for h in headers] for r in records)
    path.write_bytes(out.getvalue().encode("utf-16"))
    return path


SAMPLES: tuple[tuple[Channel, str, Callable[[Path, Sequence[SynthRecord]], Path]], ...] = (
    (Channel.APP, "app-reports.csv", lambda p, r: files.write_csv(p, r, "utf-8-sig")),
    (Channel.APP, "app-reports.jsonl", files.write_jsonl),
    (Channel.AI_CALL, "ai-calls-cp949.csv", lambda p, r: files.write_csv(p, r, "cp949")),
    (Channel.AI_CALL, "ai-calls.json", lambda p, r: files.write_json(p, r, wrapped=True)),
    (
        Channel.CARRIER,
        "carrier-visits.xlsx",
        lambda p, r: files.write_xlsx(p, r, title="안부 살핌 우편 방문 결과"),
    ),
    (Channel.CARRIER, "carrier-visits-unicode.txt", _unicode_text),
)


def _bad(record: SynthRecord, number: int) -> SynthRecord:
    """A copy with its own source id and a date that does not exist."""
    raw = dict(record.raw)
    first = next(iter(raw))
    raw[first] = f"{raw[first]}-BAD{number}"
    raw[DATE_FIELD[record.channel]] = "2026-11-31"
    return replace(record, raw=raw)


def write_samples(out: Path) -> list[Path]:
    synth = Synth(2026, anchor=ANCHOR)
    records = list(synth.records(synth.households(60)))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    taken: dict[Channel, int] = {}
    for number, (channel, name, write) in enumerate(SAMPLES, start=1):
        mine = [r for r in records if r.channel is channel]
        start = taken.get(channel, 0)
        chosen = mine[start : start + PER_FILE]
        taken[channel] = start + PER_FILE
        written.append(write(out / name, [*chosen, _bad(chosen[0], number)]))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="첫날 가져와 볼 채널 파일 예시를 만듭니다")
    parser.add_argument("--out", type=Path, default=Path("docs/samples"))
    for path in write_samples(parser.parse_args(argv).out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
