"""A real office, from an empty database, with the commands an office uses and no demo:
centres with road and boundary rules, a worker per centre, channel files that mix the
centres' territory imported by one worker, and what each worker then sees."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.enums import Routing
from db.models import Alert, Case, CaseStatusChange
from desktop.casework.detail import case_detail
from desktop.casework.today import MOVED, TRANSFERRED_IN, UNPLACED, today
from desktop.cli import main
from desktop.context import AppContext, open_database
from desktop.security import accounts

A, B, C = "2635051000", "2635052000", "2650051000"  # 좌1동, 좌2동 (해운대구), 광안1동 (수영구)
PASSWORD = "office-pass-1"


def box(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


# The 행정동 boundary file a 구청 has: every dong in it, each feature with its code.
BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"adm_cd2": A, "adm_nm": "부산광역시 해운대구 좌1동"},
            "geometry": box(129.160, 35.160, 129.170, 35.170),
        },
        {
            "type": "Feature",
            "properties": {"adm_cd2": B, "adm_nm": "부산광역시 해운대구 좌2동"},
            "geometry": box(129.170, 35.160, 129.180, 35.170),
        },
    ],
}

APP = [
    # in 좌1동's boundary; the 법정동 좌동 in the address is 좌1동's and 좌2동's alike
    {
        "신고번호": "R-1",
        "신고일시": "2026-11-24 09:00",
        "주소": "부산광역시 해운대구 좌동로 5 (좌동)",
        "위도": "35.165",
        "경도": "129.165",
        "위기유형": "경제",
    },
    {
        "신고번호": "R-2",
        "신고일시": "2026-11-24 10:00",
        "위도": "35.165",
        "경도": "129.175",
        "위기유형": "고립",
    },  # only a point, in 좌2동
    {
        "신고번호": "R-3",
        "신고일시": "2026-11-24 11:00",
        "위도": "35.100",
        "경도": "129.000",
        "위기유형": "자살위험",
        "긴급여부": "Y",
    },  # outside every territory, urgent
    {
        "신고번호": "R-4",
        "신고일시": "2026-11-24 12:00",
        "주소": "부산 수영구 광안해변로 100 (광안동)",
        "위기유형": "주거",
    },  # 광안1동 by its 법정동
]
CALLS = [
    {
        "상담ID": "C-1",
        "통화일시": "2026-11-25 10:00",
        "대상자명": "김영수",
        "연락처": "010-2000-0001",
        "주소": "부산 해운대구 좌동순환로 20",
        "통화결과": "연결",
        "도움요청": "Y",
    },  # 좌1동's stretch
    {
        "상담ID": "C-2",
        "통화일시": "2026-11-25 10:10",
        "대상자명": "이순자",
        "연락처": "010-2000-0002",
        "주소": "해운대구 좌동순환로 120",
        "통화결과": "연결",
        "AI위험도": "90",
    },  # 좌2동's stretch
    {
        "상담ID": "C-3",
        "통화일시": "2026-11-25 10:20",
        "대상자명": "박말자",
        "연락처": "010-2000-0003",
        "통화결과": "연결",
        "도움요청": "Y",
    },  # no address: held for now
    {
        "상담ID": "C-4",
        "통화일시": "2026-11-25 10:30",
        "대상자명": "최민호",
        "연락처": "010-2000-0004",
        "주소": "부산 사상구 주례로 10",
        "통화결과": "연결",
        "도움요청": "Y",
    },  # no centre here covers
    {
        "상담ID": "C-5",
        "통화일시": "2026-11-25 10:40",
        "대상자명": "정다은",
        "연락처": "010-2000-0005",
        "주소": "해운대구 양운로 33",
        "통화결과": "연결",
    },  # asks for nothing: kept as a record
]
VISITS = [
    # 박말자 of C-3 at a 좌2동 address: the case held for now goes where the rule says
    {
        "방문ID": "V-1",
        "방문일자": "2026-11-26",
        "대상자명": "박말자",
        "연락처": "010-2000-0003",
        "주소": "해운대구 양운로 7",
        "관찰사항": "우편물적체",
        "위기의심": "Y",
    },
    # 김영수 of C-1 (좌1동 by its road) now at an address of 광안1동: a move, asked about
    {
        "방문ID": "V-2",
        "방문일자": "2026-11-26",
        "대상자명": "김영수",
        "연락처": "010-2000-0001",
        "주소": "부산 수영구 광안해변로 200 (광안동)",
        "관찰사항": "인기척없음",
        "위기의심": "Y",
    },
]


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8-sig") -> Path:
    headers = list(dict.fromkeys(h for row in rows for h in row))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


class Office:
    def __init__(self, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.url = url
        self.monkeypatch = monkeypatch

    def run(self, user: str | None, *argv: str, password: str = PASSWORD) -> tuple[int, str]:
        if user is None:
            self.monkeypatch.delenv("ANBU_USER", raising=False)
            self.monkeypatch.delenv("ANBU_PASSWORD", raising=False)
        else:
            self.monkeypatch.setenv("ANBU_USER", user)
            self.monkeypatch.setenv("ANBU_PASSWORD", password)
        self.monkeypatch.setenv("ANBU_NEW_PASSWORD", PASSWORD)
        out = io.StringIO()
        code = main(["--db", self.url, *argv], stdout=out)
        return code, out.getvalue()

    def ok(self, user: str | None, *argv: str) -> str:
        code, text = self.run(user, *argv)
        assert code == 0, (argv, text)
        return text

    def cases(self, user: str) -> dict[int, dict[str, Any]]:
        lines = self.ok(user, "cases", "--json").splitlines()
        return {item["id"]: item for item in map(json.loads, lines)}

    def context(self, user: str) -> AppContext:
        ctx = open_database(self.url)
        accounts.sign_in(ctx, user, PASSWORD)
        return ctx


def case_of(ctx: AppContext, source_id: str) -> int:
    with ctx.session() as session:
        case_id = session.scalar(select(Alert.case_id).where(Alert.source_id == source_id))
    assert case_id is not None
    return case_id


@pytest.fixture
def office(empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Office:
    return set_up_office(empty_url, tmp_path, monkeypatch)


def set_up_office(empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Office:
    """Set up as the README says: the first administrator, the centres and their
    territory, a worker for each centre."""
    office = Office(empty_url, monkeypatch)
    office.ok(None, "user", "add", "admin", "--role", "admin")
    office.ok("admin", "centre", "add", A, "--name", "좌1동", "--gu", "해운대구")
    office.ok("admin", "centre", "add", B, "--name", "좌2동", "--gu", "해운대구")
    office.ok("admin", "centre", "add", C, "--name", "광안1동", "--gu", "수영구")
    boundaries = tmp_path / "hangjeongdong.geojson"
    boundaries.write_text(json.dumps(BOUNDARIES, ensure_ascii=False), encoding="utf-8")
    rules = {
        A: ["--road", "좌동순환로 1-99", "--legal-dong", "좌동"],
        B: ["--road", "좌동순환로 100-", "--road", "양운로", "--legal-dong", "좌동"],
    }
    for code, ruled in rules.items():
        office.ok("admin", "centre", "cover", code, "--boundary", str(boundaries), *ruled)
    office.ok("admin", "centre", "cover", C, "--legal-dong", "광안동")
    for user, centre in (("kim", A), ("lee", B), ("park", C)):
        office.ok("admin", "user", "add", user, "--role", "worker", "--centre", centre)
    return office


def test_a_real_office_routes_every_alert_to_the_centre_whose_territory_it_is(
    office: Office, tmp_path: Path
) -> None:
    listed = [
        json.loads(line) for line in office.ok("kim", "centre", "list", "--json").splitlines()
    ]
    assert [(c["code"], c["name"], c["gu"]) for c in listed] == [
        (C, "광안1동", "수영구"),
        (A, "좌1동", "해운대구"),
        (B, "좌2동", "해운대구"),
    ]
    assert (
        "도로 좌동순환로 100-" in listed[2]["rules"]
        and "경계 hangjeongdong.geojson" in listed[2]["rules"]
    )

    # One worker imports every channel's file, whatever centre each record is about.
    app = office.ok("kim", "import", str(write_csv(tmp_path / "app.csv", APP)))
    calls = office.ok("kim", "import", str(write_csv(tmp_path / "calls.csv", CALLS, "cp949")))
    visits = office.ok("kim", "import", str(write_csv(tmp_path / "visits.csv", VISITS)))
    unplaced = [line for line in app.splitlines() if line.startswith("관할 확인 필요")]
    assert unplaced and unplaced[0].startswith("관할 확인 필요 1건 (긴급 1건)")
    assert "좌1동 행정복지센터에서 임시로 맡습니다" in unplaced[0]
    assert any(line.startswith("관할 확인 필요 2건 (긴급 0건)") for line in calls.splitlines())
    assert "관할 확인 필요" not in visits

    ctx = office.context("admin")
    with ctx.session() as session:
        alerts = list(session.scalars(select(Alert)))
        assert len(alerts) == len(APP) + len(CALLS) + len(VISITS)  # every good record, once
        assert all(a.case_id is not None for a in alerts)
    cases = {
        s: case_of(ctx, s)
        for s in ("R-1", "R-2", "R-3", "R-4", "C-1", "C-2", "C-3", "C-4", "C-5", "V-1", "V-2")
    }
    assert cases["V-1"] == cases["C-3"] and cases["V-2"] == cases["C-1"]
    ctx.close()
    territory = {
        "kim": {cases[s] for s in ("R-1", "C-1", "R-3", "C-4")},  # the last two held for now
        "lee": {cases[s] for s in ("R-2", "C-2", "C-3", "C-5")},
        "park": {cases["R-4"]},
    }
    seen = {user: office.cases(user) for user in territory}
    for user, expected in territory.items():
        assert set(seen[user]) == expected, user
    every = [case for listing in seen.values() for case in listing]
    assert len(every) == len(set(every))  # each case in exactly one centre's list
    assert seen["kim"][cases["R-1"]]["routing"] == "경계 (좌1동)"  # the boundary beat 법정동
    assert seen["kim"][cases["C-1"]]["routing"] == "도로 좌동순환로 1-99 (좌1동)"
    assert seen["kim"][cases["R-3"]]["routing"].startswith("관할 확인 필요")
    assert seen["kim"][cases["R-3"]]["centre"] == A
    assert seen["lee"][cases["R-2"]]["routing"] == "경계 (좌2동)"
    assert seen["lee"][cases["C-2"]]["routing"] == "도로 좌동순환로 100- (좌2동)"
    assert seen["lee"][cases["C-3"]]["routing"] == "도로 양운로 (좌2동)"  # the holder gave way
    assert seen["lee"][cases["C-5"]]["status"] == "closed"  # asked for nothing: a record
    assert seen["park"][cases["R-4"]]["routing"] == "법정동 광안동 (광안1동)"
    assert {c["centre"] for c in seen["park"].values()} == {C}

    # Every open case has a date someone must act by; due lists stay in their territory.
    for user, listing in seen.items():
        for case in listing.values():
            if case["status"] != "closed":
                assert case["due_at"] or case["next_action_at"], case
        due = [
            json.loads(line)
            for line in office.ok(user, "due", "--json", "--days", "30").splitlines()
        ]
        assert {d["case_id"] for d in due} == {
            c["id"] for c in listing.values() if c["status"] != "closed"
        }, user

    # Today: the held cases as their own list, urgent first; the move asked, not made.
    kim = office.context("kim")
    day = today(kim)
    held = [(i.case_id, i.risk.value) for i in day.territory if i.kind == UNPLACED]
    assert held == [(cases["R-3"], "urgent"), (cases["C-4"], "crisis")]
    [move] = [i for i in day.territory if i.kind == MOVED]
    assert move.case_id == cases["C-1"] and "광안1동" in move.note
    assert {i.case_id for i in day.todo} <= territory["kim"]
    kim.close()

    # Transfer: the case, its household and deadlines go; history and log say so.
    before = office.cases("kim")[cases["C-4"]]
    text = office.ok(
        "kim",
        "case",
        "transfer",
        str(cases["C-4"]),
        "--to",
        C,
        "--reason",
        "주소지 확인 결과 광안1동 관할",
    )
    assert "수영구 광안1동 행정복지센터로 이관했습니다" in text
    assert cases["C-4"] not in office.cases("kim")
    after = office.cases("park")[cases["C-4"]]
    assert after["centre"] == C and after["routing"] == "이관 (좌1동 → 광안1동)"
    assert after["due_at"] == before["due_at"] and after["status"] == before["status"]
    park = office.context("park")
    assert [i.case_id for i in today(park).territory if i.kind == TRANSFERRED_IN] == [cases["C-4"]]
    with park.session() as session:
        history = session.scalars(
            select(CaseStatusChange.reason).where(CaseStatusChange.case_id == cases["C-4"])
        ).all()
    assert any("좌1동 → 광안1동 이관: 주소지 확인 결과 광안1동 관할" in (r or "") for r in history)
    case_detail(park, cases["C-4"])  # opened at the receiving centre: no longer 이관 받음
    assert not [i for i in today(park).territory if i.kind == TRANSFERRED_IN]
    park.close()
    admin = office.context("admin")
    assert any((r.detail or "").startswith("이관: 좌1동 → 광안1동") for r in _all_log(admin))
    admin.close()
    code, _ = office.run("lee", "case", "transfer", str(cases["R-1"]), "--to", B, "--reason", "x")
    assert code == 1  # not lee's case to give

    # A held case is confirmed for its centre in one action.
    office.ok("kim", "case", "confirm", str(cases["R-3"]))
    assert office.cases("kim")[cases["R-3"]]["routing"].startswith("직원 확인 (좌1동")
    kim = office.context("kim")
    assert not [i for i in today(kim).territory if i.kind == UNPLACED]
    kim.close()

    # Each centre's council papers, made on this database.
    for user in territory:
        paper = tmp_path / f"council-{user}.pdf"
        office.ok(
            user,
            "report",
            "council",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "-o",
            str(paper),
            "--reason",
            "12월 협의체",
        )
        assert paper.read_bytes().startswith(b"%PDF")


def _all_log(ctx: AppContext) -> list[Any]:
    from db.models import AccessLog

    with ctx.session() as session:
        return list(session.scalars(select(AccessLog)))


def test_centre_codes_and_rules_are_checked_with_a_sentence(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, words in (
        (("centre", "add", "12345", "--name", "x동", "--gu", "x구"), "숫자 10자리"),
        (("centre", "add", "9935051000", "--name", "x동", "--gu", "x구"), "시·도 코드"),
        (("centre", "add", A, "--name", "다른동", "--gu", "해운대구"), "이미 있습니다"),
        (("centre", "cover", A, "--road", "10-20"), "알아볼 수 없습니다"),
        (("centre", "cover", A, "--legal-dong", "!!"), "알아볼 수 없습니다"),
        (("centre", "cover", "9999999999", "--legal-dong", "좌동"), "찾지 못했습니다"),
    ):
        capsys.readouterr()
        code, _ = office.run("admin", *argv)
        error = capsys.readouterr().err
        assert code == 1 and words in error and "Traceback" not in error, (argv, error)
    projected = tmp_path / "tm.geojson"
    projected.write_text(json.dumps(box(200000, 180000, 201000, 181000)), encoding="utf-8")
    code, _ = office.run("admin", "centre", "cover", A, "--boundary", str(projected))
    assert code == 1 and "WGS84" in capsys.readouterr().err
    # A worker may list the centres (to name one for a transfer) but not change them.
    assert office.run("kim", "centre", "cover", A, "--legal-dong", "우동")[0] == 1
    office.ok("admin", "centre", "uncover", A, "--legal-dong", "좌동")
    listed = {
        c["code"]: c
        for c in map(json.loads, office.ok("kim", "centre", "list", "--json").splitlines())
    }
    assert "법정동 좌동" not in listed[A]["rules"]
    office.ok("admin", "centre", "disable", B)
    listed = {
        c["code"]: c
        for c in map(json.loads, office.ok("kim", "centre", "list", "--json").splitlines())
    }
    assert listed[B]["active"] is False


def test_ambiguous_territory_waits_for_a_person(office: Office, tmp_path: Path) -> None:
    # 좌동 is the 법정동 of 좌1동 and 좌2동 alike: an address that names only it is not guessed.
    rows = [
        {
            "상담ID": "C-9",
            "통화일시": "2026-11-25 10:00",
            "대상자명": "한정민",
            "연락처": "010-3000-0009",
            "주소": "해운대구 좌동 1234",
            "통화결과": "연결",
            "도움요청": "Y",
        }
    ]
    office.ok("lee", "import", str(write_csv(tmp_path / "c.csv", rows)))
    [case] = office.cases("lee").values()
    assert case["centre"] == B and case["routing"].startswith("관할 확인 필요: 법정동")
    assert "좌1동·좌2동" in case["routing"]
    ctx = office.context("admin")
    with ctx.session() as session:
        stored = session.get(Case, case["id"])
        assert stored is not None and stored.routing is Routing.AMBIGUOUS
    ctx.close()


def test_a_worker_s_today_holds_their_own_cases_first_then_the_untaken_never_a_colleague_s(
    office: Office, tmp_path: Path
) -> None:
    from datetime import datetime

    from desktop.casework.actions import assign
    from desktop.casework.today import last_working_day_start, today
    from desktop.timeutil import KST

    # Thursday → Wednesday; Monday → the Friday before.
    assert last_working_day_start(datetime(2026, 12, 3, 9, 0, tzinfo=KST)).day == 2
    assert last_working_day_start(datetime(2026, 12, 7, 9, 0, tzinfo=KST)).day == 4
    office.ok("admin", "user", "add", "choi", "--role", "worker", "--centre", A)
    office.ok("admin", "user", "add", "boss", "--role", "supervisor", "--centre", A)
    reports = [
        {
            "신고번호": f"T-{n}",
            "신고일시": "2026-11-24 09:00",
            "대상자명": name,
            "주소": f"부산광역시 해운대구 좌동순환로 {n}",
            "위기유형": "고립",
        }
        for n, name in ((11, "최말순"), (12, "박영자"), (13, "정순례"))
    ]
    office.ok("kim", "import", str(write_csv(tmp_path / "t.csv", reports)))
    admin = office.context("admin")
    mine, theirs, untaken = (case_of(admin, f"T-{n}") for n in (11, 12, 13))
    staff = {u.username: u.id for u in accounts.list_accounts(admin)}
    assign(admin, [mine], staff["kim"])
    assign(admin, [theirs], staff["choi"])
    admin.close()
    kim = office.context("kim")
    day = today(kim)
    assert [(i.case_id, i.mine) for i in day.todo] == [(mine, True), (untaken, False)]
    assert not day.team and day.mine_total == 1 and day.unassigned_total == 1
    assert day.todo[0].assignee and day.todo[1].assignee is None
    kim.close()
    boss = office.context("boss")
    team = today(boss)
    assert team.team and {i.case_id for i in team.todo} == {mine, theirs, untaken}
    boss.close()
