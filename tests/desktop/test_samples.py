"""docs/samples: the files a new office can try on the first day (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.context import AppContext
from desktop.demo.samples import PER_FILE, SAMPLES, write_samples
from desktop.intake import quarantine
from desktop.intake.service import import_file

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "docs" / "samples"


def test_the_committed_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    for path in write_samples(tmp_path):
        committed = SAMPLES_DIR / path.name
        assert committed.is_file(), f"run: python -m desktop.demo.samples ({path.name})"
        if path.suffix != ".xlsx":  # a workbook carries the time it was written
            assert committed.read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("channel, name", [(c, n) for c, n, _ in SAMPLES])
def test_each_sample_imports_with_one_bad_record_held(
    ctx: AppContext, channel: object, name: str
) -> None:
    result = import_file(ctx, SAMPLES_DIR / name)
    assert result.channel is channel
    assert (result.counts.read, result.counts.new, result.counts.quarantined) == (
        PER_FILE + 1,
        PER_FILE,
        1,
    )
    [held] = quarantine.list_entries(ctx)
    assert any("없는 날짜" in reason for reason in held.reasons)
