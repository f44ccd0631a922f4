"""Property-based tests: whatever a file holds, no crash and no record silently lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.enums import Channel
from desktop.context import AppContext
from desktop.intake.channels import CHANNELS
from desktop.intake.readers import FileUnreadableError, open_file
from desktop.intake.service import import_file

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".json", ".jsonl"]))
def test_random_bytes_never_crash_a_reader(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        reading = open_file(path)
        rows = list(reading.rows)
    except FileUnreadableError as exc:
        assert str(exc)  # a message for a person
    else:
        assert all(row.raw for row in rows)


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "Y",
            "N",
            "2026-11-03 10:00",
            "010-1234-5678",
            "연결",
            "경제",
            "35.1",
            "129.1",
            "부산 해운대구 좌동로 10",
            "상",
            "101",
            "=1+1",
            "20261103",
        ]
    ),
)


@st.composite
def channel_file(draw: st.DrawFn) -> tuple[Channel, list[str], list[list[str]]]:
    channel = draw(st.sampled_from(list(CHANNELS)))
    headers = [f.header for f in CHANNELS[channel].fields]
    rows = draw(
        st.lists(
            st.lists(cell, min_size=len(headers), max_size=len(headers)), min_size=1, max_size=15
        )
    )
    return channel, headers, rows


def _blank(row: list[str]) -> bool:
    return all(not c.strip() for c in row)


@SETTINGS
@given(spec=channel_file(), fmt=st.sampled_from(["csv", "jsonl"]))
def test_random_records_are_each_stored_or_quarantined(
    ctx: AppContext, tmp_path: Path, spec: tuple[Channel, list[str], list[list[str]]], fmt: str
) -> None:
    channel, headers, rows = spec
    path = tmp_path / f"f.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
    else:
        path.write_text(
            "".join(
                json.dumps(dict(zip(headers, r, strict=True)), ensure_ascii=False) + "\n"
                for r in rows
            ),
            encoding="utf-8",
        )
    try:
        result = import_file(ctx, path, channel=channel)
    except FileUnreadableError:
        pytest.fail("a file with the channel's headers must be readable")
    counts = result.counts
    # CSV has no way to tell a row of empty cells from a blank line: those are not records.
    expected = len([r for r in rows if not _blank(r)]) if fmt == "csv" else len(rows)
    assert counts.read == expected
    assert counts.read == counts.new + counts.revised + counts.known + counts.quarantined
