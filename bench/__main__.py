"""Benchmarks: ``python -m bench [NAME ...] [--db URL] [--json] [--clients N --seconds S]``.

Each bench runs in a fresh process (so peak memory is its own) against a fresh database:
a temporary SQLite file, or a private schema in the PostgreSQL database ``--db`` names.
Without ``--db`` every bench runs on SQLite, and on PostgreSQL too when the local test
server answers. Output: one ``name value unit`` line per figure, or JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from bench.registry import BENCHES, DEFAULT_PG_URL, pg_reachable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "names", nargs="*", help=f"benches to run (default: all): {', '.join(BENCHES)}"
    )
    parser.add_argument("--db", help="sqlite:///… or postgresql://… (default: both)")
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    parser.add_argument("--clients", type=int, help="load: client processes (default 4)")
    parser.add_argument("--seconds", type=float, help="load: how long they work (default 60)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.clients is not None:
        env["ANBU_BENCH_LOAD_CLIENTS"] = str(args.clients)
    if args.seconds is not None:
        env["ANBU_BENCH_LOAD_SECONDS"] = str(args.seconds)
    names = args.names or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"unknown bench: {', '.join(unknown)}")
    targets = [args.db] if args.db else ["sqlite"] + (["postgresql"] if pg_reachable() else [])
    failed = False
    for name in names:
        for target in targets:
            url = DEFAULT_PG_URL if target == "postgresql" else target
            command = [sys.executable, "-m", "bench.worker", name, url]
            result = subprocess.run(command, capture_output=True, text=True, env=env)
            if result.returncode != 0:
                failed = True
                print(f"# {name} on {target} failed:\n{result.stderr}", file=sys.stderr)
                continue
            for line in result.stdout.splitlines():
                figure, value, unit = line.split()
                if args.json:
                    print(json.dumps({"name": figure, "value": float(value), "unit": unit}))
                else:
                    print(line)
            sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
