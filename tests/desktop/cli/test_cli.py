from __future__ import annotations

import json
from pathlib import Path

import psycopg.errors
import pytest

from tests.helpers.cli import run

EXPECTED_KEYS = {
    "id",
    "status",
    "risk",
    "assigned_to",
    "dong",
    "opened_at",
    "due_at",
    "overdue",
    "alerts",
}


def test_demo_then_cases_json(db_url: str) -> None:
    code, text = run("--db", db_url, "demo", "--households", "150", "--seed", "4")
    assert code == 0 and "데모 데이터를 만들었습니다" in text
    code, text = run("--db", db_url, "cases", "--json")
    assert code == 0
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines and set(lines[0]) >= EXPECTED_KEYS
    assert [c["id"] for c in lines] == sorted(c["id"] for c in lines)
    for case in lines:
        assert case["alerts"] and {"channel", "source_id"} == set(case["alerts"][0])
        assert isinstance(case["overdue"], bool)
        assert "○" in case["name"] or case["name"] == ""


def test_demo_on_a_full_database_is_refused(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", db_url, "demo", "--households", "5")[0] == 0
    assert run("--db", db_url, "demo", "--households", "5")[0] == 1
    assert "비어 있지 않습니다" in capsys.readouterr().err


def test_db_check_and_upgrade(empty_url: str) -> None:
    code, text = run("--db", empty_url, "db", "check")
    assert code == 1 and "빈 데이터베이스" in text
    code, text = run("--db", empty_url, "db", "upgrade")
    assert code == 0 and "최신" in text
    code, text = run("--db", empty_url, "db", "check")
    assert code == 0


def test_backup_is_encrypted_and_restores_only_after_every_check(
    db_url: str, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        code, _ = run("--db", db_url, "db", "backup", str(tmp_path / "b.db"))
        assert code == 1
        return
    run("--db", db_url, "demo", "--households", "30")
    target = tmp_path / "copies" / "backup.anbu"
    code, _ = run("--db", db_url, "db", "backup", str(target))
    assert code == 0 and target.exists()
    assert not list(target.parent.glob("*.partial"))
    data = target.read_bytes()
    assert b"SQLite format" not in data and "기장".encode() not in data
    _, original = run("--db", db_url, "cases", "--json")

    # A damaged or cut backup is refused and the live database is left as it was.
    live = Path(db_url.removeprefix("sqlite:///"))
    for name, broken in (("cut", data[: len(data) // 2]), ("flipped", data[:-5] + b"xxxxx")):
        bad = tmp_path / f"{name}.anbu"
        bad.write_bytes(broken)
        code, _ = run("--db", db_url, "db", "restore", str(bad))
        assert code == 1
        assert run("--db", db_url, "cases", "--json")[1] == original
    assert not list(live.parent.glob("*.before-restore-*"))

    # Restoring into a new place gives the same cases back.
    restored = tmp_path / "restored.db"
    code, text = run("--db", f"sqlite:///{restored}", "db", "restore", str(target))
    assert code == 0, text
    _, copied = run("--db", f"sqlite:///{restored}", "cases", "--json")
    assert copied == original


def test_demo_if_empty_leaves_a_filled_database_alone(db_url: str) -> None:
    assert run("--db", db_url, "demo", "--households", "5")[0] == 0
    _, before = run("--db", db_url, "cases", "--json")
    code, text = run("--db", db_url, "demo", "--if-empty", "--households", "5")
    assert code == 0 and text == ""
    assert run("--db", db_url, "cases", "--json")[1] == before


def test_a_lost_database_server_is_told_in_korean(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    def lost(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("SELECT ...", {}, psycopg.errors.AdminShutdown())

    monkeypatch.setattr("desktop.caselist.listing.iter_cases", lost)
    code, _ = run("--db", db_url, "cases", "--json")
    assert code == 1
    error = capsys.readouterr().err
    assert error.strip() == "오류: 데이터베이스 서버가 멈추었거나 다시 시작하는 중입니다."


def test_empty_lists_say_so_and_the_case_list_has_a_header(db_url: str) -> None:
    assert run("--db", db_url, "review")[1].strip() == "검토할 알림 없음"
    assert run("--db", db_url, "quarantine")[1].strip() == "보류 중인 기록 없음"
    assert run("--db", db_url, "cases")[1].strip() == "사례 없음"
    assert run("--db", db_url, "review", "--json")[1] == ""  # JSON stays one object a line
    run("--db", db_url, "demo", "--households", "20", "--seed", "4")
    header, first, *_ = run("--db", db_url, "cases")[1].splitlines()
    assert header.split()[:4] == ["사례번호", "상태", "위험도", "행정동"]
    assert any(label in first for label in ("접수", "확인중", "상담중", "지원연계", "모니터링"))


def test_a_plain_path_is_a_sqlite_file_and_a_mistyped_folder_is_no_empty_office(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "offcie" / "anbu.db"  # a typo in the folder
    code, text = run("--db", str(missing), "db", "check")
    assert code != 0 and not missing.parent.exists()
    code, text = run("--db", str(missing), "db", "create")
    assert code == 0 and missing.exists() and "만들었습니다" in text
    assert run("--db", str(missing), "db", "check")[0] == 0  # a plain path, no sqlite:///
    assert run("--db", str(missing), "db", "create")[0] != 0  # never over an existing one


def test_the_program_s_own_data_folder_is_made_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What dev.py run does on a fresh machine: --db names demo.db in a data folder that
    does not exist yet."""
    monkeypatch.setenv("ANBU_DATA_DIR", str(tmp_path / "fresh" / "data"))
    database = tmp_path / "fresh" / "data" / "demo.db"
    assert run("--db", f"sqlite:///{database}", "db", "upgrade")[0] == 0
    assert database.exists()
