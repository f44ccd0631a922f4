from __future__ import annotations

from pathlib import Path

from desktop.intake.channels import CHANNELS
from desktop.intake.docs import render

DOC = Path(__file__).resolve().parents[3] / "docs" / "import.md"


def test_the_committed_import_reference_is_what_the_code_accepts() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/import.md is out of date: python -m desktop.intake.docs > docs/import.md"
    )


def test_every_field_of_every_channel_is_documented_in_both_languages() -> None:
    text = render()
    for spec in CHANNELS.values():
        for field in spec.fields:
            assert f"| {field.header} | `{field.key}` |" in text
