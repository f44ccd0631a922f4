from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Alert
from desktop.context import AppContext
from desktop.intake.inbox import FAILED, PROCESSED, pending_files, process_file, scan
from desktop.settings import INBOX_FOLDER, MachineSettings
from tests.helpers.cli import run
from tests.helpers.files import CALL_HEADER, write_rows

ROW = ["C-1", "2026-11-03 10:00", "김하나", "010-1111-2222", "연결", ""]


def _aged(path: Path) -> Path:
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def test_read_file_moves_to_processed_with_a_report(ctx: AppContext, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _aged(write_rows(inbox / "calls.csv", CALL_HEADER, [ROW, [*ROW[:4], "몰라", ""]]))
    [outcome] = scan(ctx, inbox)
    assert outcome.ok and outcome.moved_to == inbox / PROCESSED / "calls.csv"
    assert not (inbox / "calls.csv").exists() and outcome.moved_to.exists()
    report = outcome.report.read_text(encoding="utf-8")
    assert "신규 1" in report and "보류 1" in report
    with ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 1


def test_unreadable_file_moves_to_failed_with_the_reason(ctx: AppContext, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _aged(write_rows(inbox / "unknown.csv", ["번호", "이름"], [["1", "김"]]))
    (inbox / "memo.pdf").write_bytes(b"%PDF-1.4")
    _aged(inbox / "memo.pdf")
    outcomes = scan(ctx, inbox)
    assert {o.moved_to.parent.name for o in outcomes} == {FAILED}
    assert all("이유:" in o.report.read_text(encoding="utf-8") for o in outcomes)


def test_files_being_copied_and_temporary_files_wait(tmp_path: Path) -> None:
    (tmp_path / "fresh.csv").write_text("x", encoding="utf-8")  # just written: may be copying
    for name in ("~$open.xlsx", "download.csv.partial", ".hidden.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
        _aged(tmp_path / name)
    (tmp_path / PROCESSED).mkdir()
    assert pending_files(tmp_path) == []
    assert [p.name for p in pending_files(tmp_path, now=time.time() + 60)] == ["fresh.csv"]


def test_same_name_again_does_not_overwrite_the_earlier_file(
    ctx: AppContext, tmp_path: Path
) -> None:
    first = process_file(ctx, write_rows(tmp_path / "calls.csv", CALL_HEADER, [ROW]), tmp_path)
    second = process_file(ctx, write_rows(tmp_path / "calls.csv", CALL_HEADER, [ROW]), tmp_path)
    assert (
        first.moved_to != second.moved_to and first.moved_to.exists() and second.moved_to.exists()
    )
    assert second.result is not None and second.result.counts.known == 1


def test_a_database_problem_leaves_the_file_in_place(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_rows(tmp_path / "calls.csv", CALL_HEADER, [ROW])

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setattr("desktop.intake.inbox.import_file", broken)
    with pytest.raises(ConnectionError):
        process_file(ctx, path, tmp_path)
    assert path.exists() and not (tmp_path / PROCESSED).exists()


def test_cli_inbox_uses_the_configured_folder(db_url: str, tmp_path: Path) -> None:
    inbox = tmp_path / "받은파일"
    inbox.mkdir()
    assert run("--db", db_url, "inbox")[0] == 1  # not configured yet: a message
    MachineSettings().set(INBOX_FOLDER, str(inbox))
    _aged(write_rows(inbox / "calls.csv", CALL_HEADER, [ROW]))
    code, text = run("--db", db_url, "inbox")
    assert code == 0 and "신규 1" in text and "processed/" in text
