from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop.context import open_database
from desktop.linking.decisions import likely_households
from tests.conftest import as_tester
from tests.helpers.cli import run
from tests.helpers.linking import alert, call, import_records, report, visit

ADDRESS = "부산광역시 해운대구 좌동로 10, 101동 1203호"


def test_import_links_and_review_lists_the_queue(db_url: str, tmp_path: Path) -> None:
    with open_database(db_url) as ctx:
        ctx.actor = as_tester(ctx)
        import_records(
            ctx,
            tmp_path,
            [
                call("C-1", "최말순", "010-1234-5678", 주소=ADDRESS),
                call("C-2", "최말순", "01012345678"),
            ],
        )
        import_records(ctx, tmp_path, [report("R-1", 주소=ADDRESS)])  # no name: never automatic
    code, text = run("--db", db_url, "cases", "--json")
    cases = [json.loads(line) for line in text.splitlines()]
    linked = next(c for c in cases if len(c["alerts"]) == 2)
    assert {a["source_id"] for a in linked["alerts"]} == {"C-1", "C-2"}
    code, text = run("--db", db_url, "review", "--json")
    [item] = [json.loads(line) for line in text.splitlines()]
    assert item["source_id"] == "R-1" and item["channel"] == "app"
    [candidate] = item["candidates"]
    assert candidate["case_id"] == linked["id"] and "주소 일치(동·호 포함)" in candidate["reasons"]
    assert candidate["name"] == "최○○" and candidate["score"] >= 5
    code, text = run(
        "--db", db_url, "review", "accept", str(candidate["suggestion_id"]), "--reason", "주소 확인"
    )
    assert code == 0 and "anbu undo" in text
    _, text = run("--db", db_url, "cases", "--json")
    assert (
        len(
            [
                json.loads(line)
                for line in text.splitlines()
                if json.loads(line)["status"] != "closed"
            ]
        )
        == 1
    )
    assert run("--db", db_url, "review", "--json")[1] == ""  # the queue is empty now


def test_merge_split_and_undo_from_the_command_line(db_url: str, tmp_path: Path) -> None:
    with open_database(db_url) as ctx:
        ctx.actor = as_tester(ctx)
        import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
        import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS)])
        keep, other = alert(ctx, "C-1").case_id, alert(ctx, "V-1").case_id
        visit_id = alert(ctx, "V-1").id
    code, text = run("--db", db_url, "case", "merge", str(keep), str(other), "--reason", "같은 분")
    assert code == 0
    code, text = run("--db", db_url, "case", "split", str(keep), str(visit_id))
    assert code == 0 and "분리했습니다" in text
    decision = int(text.split("결정 ")[1].split("번")[0])
    # The case's decisions, with the numbers to undo them by.
    code, text = run("--db", db_url, "case", "decisions", str(keep), "--json")
    lines = [json.loads(line) for line in text.splitlines()]
    assert code == 0 and [d["kind"] for d in lines] == ["사례 병합", "알림 분리"]
    assert lines[0]["reason"] == "같은 분" and lines[1]["id"] == decision
    assert all(d["undoable"] and not d["undone"] for d in lines)
    assert run("--db", db_url, "undo", str(decision))[0] == 0
    assert run("--db", db_url, "undo", str(decision))[0] == 1  # already undone: a message
    code, text = run("--db", db_url, "case", "decisions", str(keep))
    assert code == 0 and f"결정 {decision}  " in text and "알림 분리 (되돌림)" in text


def test_manual_entry_shows_the_likely_existing_households(db_url: str, tmp_path: Path) -> None:
    with open_database(db_url) as ctx:
        ctx.actor = as_tester(ctx)
        import_records(
            ctx,
            tmp_path,
            [call("C-1", "이순자", "010-2222-3333", 주소=ADDRESS, 생년월일="1944-02-02")],
        )
        found = likely_households(ctx, name="이순자", address="해운대구 좌동로10 101-1203")
        assert found and found[0].case_id == alert(ctx, "C-1").case_id
        assert "주소 일치(동·호 포함)" in found[0].reasons and found[0].name == "이○○"
        assert likely_households(ctx, name="박철수", birth_date=date(1980, 1, 1)) == []
