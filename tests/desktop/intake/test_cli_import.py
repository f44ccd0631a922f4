from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run
from tests.helpers.files import CALL_HEADER, write_rows
from tests.helpers.intake import disk_full_for


def test_import_prints_a_summary_per_file_and_exits_0_with_quarantined_records(
    db_url: str, tmp_path: Path
) -> None:
    good = write_rows(
        tmp_path / "calls.csv",
        CALL_HEADER,
        [
            ["C-1", "2026-11-03 10:00", "김하나", "010-1111-2222", "연결", ""],
            ["C-2", "2026-11-03 10:00", "김둘", "010-1111-3333", "몰라", ""],
        ],
    )
    code, text = run("--db", db_url, "import", str(good))
    assert code == 0
    assert "calls.csv (AI 초기상담, csv): 읽음 2, 신규 1, 변경 0, 기존 0, 보류 1" in text
    code, text = run("--db", db_url, "quarantine", "--json")
    entries = [json.loads(line) for line in text.splitlines()]
    assert len(entries) == 1
    entry = entries[0]
    assert {"channel", "source_id", "file", "reasons", "raw"} <= set(entry)
    assert entry["channel"] == "ai_call" and entry["source_id"] == "C-2"
    assert entry["file"] == "calls.csv" and entry["raw"]["통화결과"] == "몰라"
    code, text = run(
        "--db", db_url, "quarantine", "resubmit", str(entry["id"]), "--set", "통화결과=연결"
    )
    assert code == 0
    _, listing = run("--db", db_url, "cases", "--json")
    assert len(listing.splitlines()) == 2


def test_unreadable_file_exits_2_with_the_reason_and_others_still_import(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    good = write_rows(
        tmp_path / "calls.csv",
        CALL_HEADER,
        [["C-1", "2026-11-03 10:00", "김하나", "010-1111-2222", "연결", ""]],
    )
    code, text = run("--db", db_url, "import", str(bad), str(good))
    assert code == 2
    assert "notes.txt" in capsys.readouterr().err
    assert "신규 1" in text


def test_a_file_the_database_stopped_taking_exits_1_and_the_next_file_still_imports(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk_full_for(monkeypatch, "first.csv")
    rows = [["C-1", "2026-11-03 10:00", "김하나", "010-1111-2222", "연결", ""]]
    first = write_rows(tmp_path / "first.csv", CALL_HEADER, rows)
    second = write_rows(tmp_path / "second.csv", CALL_HEADER, [["C-2", *rows[0][1:]]])
    code, text = run("--db", db_url, "import", str(first), str(second))
    assert code == 1
    error = capsys.readouterr().err
    assert "멈춤: first.csv: 데이터베이스 서버의 저장 공간(디스크)이 가득 찼습니다" in error
    assert "INSERT" not in error and "Traceback" not in error
    assert "first.csv" not in text and "second.csv (AI 초기상담, csv): 읽음 1, 신규 1" in text
