"""Channel files written for a test."""

from __future__ import annotations

import csv
from pathlib import Path


def write_rows(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


CALL_HEADER = ["상담ID", "통화일시", "대상자명", "연락처", "통화결과", "상담요약"]
