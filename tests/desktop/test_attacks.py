"""The privacy holes an insider with a worker's account found, each tried again as the attack
was made: one centre's worker on another centre's data, sessions that outlive their
account, answers that tell whether an account exists."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from db.enums import Role
from db.models import (
    AccessLog,
    Alert,
    Case,
    CouncilAgendaItem,
    CouncilDecision,
    LinkSuggestion,
    QuarantinedRecord,
)
from desktop.casework import actions
from desktop.casework.detail import CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.context import AppContext
from desktop.intake import quarantine
from desktop.linking import decisions
from desktop.office import centres
from desktop.security import accounts, audit
from desktop.security.access import AccessDeniedError, SessionEndedError
from tests.helpers.linking import call, import_records

A, B = "2635051000", "2635052000"


def _as(ctx: AppContext, username: str) -> None:
    accounts.sign_in(ctx, username, f"{username}-pass-1")


def _case(ctx: AppContext, source: str) -> int:
    with ctx.session() as session:
        case_id = session.scalar(select(Alert.case_id).where(Alert.source_id == source))
    assert case_id is not None
    return case_id


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> dict[str, Any]:
    """좌1동 and 좌2동, each with a worker, a supervisor and a case on its own road; a held
    (quarantined) record of 좌2동's; a council meeting of 좌2동 with a decision."""
    centres.add_centre(ctx, A, name="좌1동", gu="해운대구")
    centres.add_centre(ctx, B, name="좌2동", gu="해운대구")
    centres.cover(ctx, A, roads=["좌동순환로"])
    centres.cover(ctx, B, roads=["양운로"])
    for user, role, centre in (
        ("kim", Role.WORKER, A),
        ("kimboss", Role.SUPERVISOR, A),
        ("lee", Role.WORKER, B),
        ("leeboss", Role.SUPERVISOR, B),
        ("read", Role.READER, A),
    ):
        accounts.add_user(ctx, user, f"{user}-pass-1", role=role, centre=centre)
    _as(ctx, "lee")
    import_records(
        ctx,
        tmp_path,
        [
            call("B-1", "박서연", "010-5555-0202", 주소="해운대구 양운로 7"),
            call("B-2", "", "010-5555-0303", 주소="해운대구 양운로 9"),  # no name: held
        ],
    )
    meeting = actions.create_meeting(ctx, _centre_id(ctx, B), date(2026, 11, 19), "11월 회의")
    item = actions.add_agenda_item(
        ctx, meeting, _case(ctx, "B-1"), situation="혼자 사는 가구", question="지원 여부"
    )
    decision = actions.record_decision(
        ctx, item, "푸드뱅크 연계", follow_up="010-5555-0202로 매주 확인"
    )
    _as(ctx, "kim")
    import_records(
        ctx, tmp_path, [call("A-1", "김민준", "010-5555-0101", 주소="해운대구 좌동순환로 5")]
    )
    with ctx.session() as session:
        held = session.scalars(select(QuarantinedRecord.id)).all()
    return {"meeting": meeting, "item": item, "decision": decision, "held_b": list(held)}


def _centre_id(ctx: AppContext, code: str) -> int:
    return next(c.id for c in centres.list_centres(ctx) if c.code == code)


def test_another_centre_s_council_cannot_be_written_or_read(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    _as(ctx, "kim")
    refused = "다른 행정복지센터"
    with pytest.raises(AccessDeniedError, match=refused):
        actions.create_meeting(ctx, _centre_id(ctx, B), date(2026, 12, 1), "가짜 회의")
    with pytest.raises(AccessDeniedError, match=refused):
        actions.add_agenda_item(
            ctx, office["meeting"], _case(ctx, "A-1"), situation="x", question=None
        )
    with pytest.raises(AccessDeniedError, match=refused):
        actions.record_decision(ctx, office["item"], "위조된 결정")
    with pytest.raises(AccessDeniedError, match=refused):
        actions.complete_follow_up(ctx, office["decision"])
    with ctx.session() as session:
        assert len(session.scalars(select(CouncilDecision)).all()) == 1
        done = session.get(CouncilDecision, office["decision"])
        assert done is not None and done.done_at is None
        assert len(session.scalars(select(CouncilAgendaItem)).all()) == 1
    assert actions.open_follow_ups(ctx) == []  # 좌2동's follow-up is not 좌1동's to read
    _as(ctx, "leeboss")
    [mine] = actions.open_follow_ups(ctx)
    assert "010-5555-0202" in mine["follow_up"]  # its own centre, in full for staff


def test_a_reader_sees_follow_up_text_with_numbers_masked(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from tests.conftest import as_tester

    ctx.actor = as_tester(ctx)
    accounts.add_user(ctx, "readb", "readb-pass-1", role=Role.READER, centre=B)
    _as(ctx, "readb")
    [item] = actions.open_follow_ups(ctx)
    assert "010-5555-0202" not in item["follow_up"] and "0202" in item["follow_up"]


def test_another_centre_s_visit_plan_and_case_status_are_out_of_reach(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    with ctx.session() as session:
        household = session.scalar(select(Alert.household_id).where(Alert.source_id == "B-1"))
    assert household is not None
    _as(ctx, "kim")
    before = len(audit_rows(ctx))
    with pytest.raises(AccessDeniedError):
        actions.set_visit_plan(ctx, household, 14)
    with pytest.raises(AccessDeniedError):
        CaseDetailService(ctx).detail(_case(ctx, "B-1"))  # its status and what it may become
    _as(ctx, "lee")
    actions.set_visit_plan(ctx, household, 14)  # its own: done, and logged
    assert len(audit_rows(ctx)) > before


def audit_rows(ctx: AppContext) -> list[AccessLog]:
    with ctx.session() as session:
        return list(session.scalars(select(AccessLog)))


def test_likely_households_answer_only_for_the_own_centre_and_are_logged(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    _as(ctx, "kim")
    before = len(audit_rows(ctx))
    assert decisions.likely_households(ctx, name="박서연", phone="010-5555-0202") == []
    assert len(audit_rows(ctx)) == before + 1
    [found] = decisions.likely_households(ctx, name="김민준", phone="010-5555-0101")
    assert found.name == "김○○"
    _as(ctx, "lee")
    assert decisions.likely_households(ctx, name="박서연", phone="010-5555-0202")


def test_quarantine_belongs_to_the_centre_that_imported_it(
    ctx: AppContext, office: dict[str, Any], tmp_path: Path
) -> None:
    _as(ctx, "lee")
    import_records(
        ctx,
        tmp_path,
        [
            {
                "상담ID": "B-9",
                "통화일시": "어제",
                "대상자명": "최말순",
                "연락처": "010-5555-0909",
                "통화결과": "연결",
            }
        ],
    )
    held_b = list(quarantine.list_entries(ctx))
    assert len(held_b) == 2  # the fixture's nameless call, and this one
    [held] = [e for e in held_b if e.raw.get("대상자명") == "최말순"]
    _as(ctx, "kim")
    assert list(quarantine.list_entries(ctx)) == []
    with pytest.raises(AccessDeniedError):
        quarantine.discard(ctx, held.id)
    with pytest.raises(AccessDeniedError):
        quarantine.resubmit(ctx, held.id, {**held.raw, "통화일시": "2026-11-19 10:00"})
    _as(ctx, "lee")
    quarantine.discard(ctx, held.id)


def test_the_review_queue_records_who_decided(ctx: AppContext, tmp_path: Path) -> None:
    from tests.helpers.linking import report

    address = "부산광역시 해운대구 좌동로 10, 101동 1203호"
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소=address, 위도="35.1631", 경도="129.1636")],
    )
    import_records(ctx, tmp_path, [report("R-2", 주소=address, 위도="35.16311", 경도="129.16361")])
    [item] = decisions.review_queue(ctx)
    decisions.reject(ctx, item.candidates[0].suggestion_id, reason="다른 세대")
    with ctx.session() as session:
        row = session.get(LinkSuggestion, item.candidates[0].suggestion_id)
        assert ctx.actor is not None and ctx.actor.staff_id is not None
        assert row is not None and row.decided_by_id == ctx.actor.staff_id


def test_a_disabled_account_answers_as_a_wrong_password_until_the_password_is_right(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from tests.conftest import as_tester

    ctx.actor = as_tester(ctx)
    accounts.set_active(ctx, "kim", False)
    with pytest.raises(accounts.AccountError, match="맞지 않습니다"):
        accounts.authenticate(ctx, "kim", "guess-pass-9")
    with pytest.raises(accounts.AccountError, match="맞지 않습니다"):
        accounts.authenticate(ctx, "nobody", "guess-pass-9")
    with pytest.raises(accounts.AccountError, match="사용이 중지된"):
        accounts.authenticate(ctx, "kim", "kim-pass-1")


def test_disabling_an_account_or_resetting_its_password_ends_its_session(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from desktop.caselist.listing import iter_cases
    from tests.conftest import as_tester

    admin = as_tester(ctx)
    _as(ctx, "kim")
    kim = ctx.actor
    assert list(iter_cases(ctx))
    ctx.actor = admin
    accounts.set_active(ctx, "kim", False)
    ctx.actor = kim
    with pytest.raises(SessionEndedError, match="다시 로그인"):
        list(iter_cases(ctx))
    assert ctx.actor is None
    ctx.actor = admin
    accounts.set_active(ctx, "kim", True)
    _as(ctx, "kim")
    kim = ctx.actor
    ctx.actor = admin
    accounts.set_password(ctx, "kim", "new-kim-pass-2")
    ctx.actor = kim
    with pytest.raises(SessionEndedError):
        list(iter_cases(ctx))
    accounts.sign_in(ctx, "kim", "new-kim-pass-2")
    assert list(iter_cases(ctx))
    # Changing one's own password keeps one's own session.
    accounts.set_password(ctx, "kim", "newer-kim-pass-3")
    assert list(iter_cases(ctx))


def test_the_monthly_review_of_a_supervisor_is_of_their_own_centre(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from desktop.casework.detail import reveal_persons

    for user, source in (("kim", "A-1"), ("lee", "B-1")):  # a reveal each: a finding each
        _as(ctx, user)
        reveal_persons(ctx, _case(ctx, source))
    from tests.conftest import as_tester

    ctx.actor = as_tester(ctx)
    reveal_persons(ctx, _case(ctx, "A-1"))  # an administrator's, too
    _as(ctx, "kimboss")
    assert {f.username for f in audit.review(ctx, "2026-11")} == {"kim"}
    _as(ctx, "leeboss")
    assert {f.username for f in audit.review(ctx, "2026-11")} == {"lee"}
    ctx.actor = as_tester(ctx)
    assert {"kim", "lee", "tester"} <= {f.username for f in audit.review(ctx, "2026-11")}


def test_cases_of_the_other_centre_stay_out_of_reach(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from db.enums import CaseStatus

    _as(ctx, "kim")
    with ctx.session() as session:
        theirs = session.scalars(select(Case.id).where(Case.centre_id == _centre_id(ctx, B))).all()
    assert theirs
    for case_id in theirs:
        with pytest.raises(AccessDeniedError):
            CaseworkService(ctx).change_status(case_id, 1, CaseStatus.VERIFYING, "확인")


# -- the access log's tail ---------------------------------------------------------------


def _views(ctx: AppContext, case_id: int, times: int) -> None:
    from desktop.casework.detail import case_detail

    for _ in range(times):
        case_detail(ctx, case_id)


def _forget_this_pc(ctx: AppContext) -> None:
    """Verified from another PC: one that never wrote nor verified these rows."""
    audit._local_path(ctx).unlink(missing_ok=True)


@pytest.mark.parametrize("cut", ["tail", "all"])
def test_cutting_the_log_s_tail_and_rewriting_its_head_is_found(
    ctx: AppContext, office: dict[str, Any], cut: str
) -> None:
    from sqlalchemy import text

    from db.models import AppMeta
    from tests.helpers.audit import append_only_dropped

    _as(ctx, "kim")
    _views(ctx, _case(ctx, "A-1"), 4)
    from tests.conftest import as_tester

    ctx.actor = as_tester(ctx)
    assert audit.verify(ctx).ok
    with ctx.session() as session:
        rows = list(session.scalars(select(AccessLog).order_by(AccessLog.id)))
    keep = rows[:-3] if cut == "tail" else []
    with append_only_dropped(ctx), ctx.engine.begin() as connection:
        connection.execute(
            text("DELETE FROM access_log WHERE id > :id"), {"id": keep[-1].id if keep else 0}
        )
        # The head made to agree, as the attacker can write it: without the key.
        head = f"{len(keep)}:{keep[-1].entry_hash if keep else ''}"
        connection.execute(update(AppMeta).where(AppMeta.key == "audit_head").values(value=head))
    _forget_this_pc(ctx)
    result = audit.verify(ctx)
    assert not result.ok and "키 없이" in result.describe()


def test_an_older_head_put_back_with_its_rows_is_found_by_the_pc_that_saw_more(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from sqlalchemy import text

    from db.models import AppMeta
    from tests.conftest import as_tester
    from tests.helpers.audit import append_only_dropped

    ctx.actor = as_tester(ctx)
    assert audit.verify(ctx).ok
    with ctx.session() as session:
        old = session.get(AppMeta, "audit_head")
        assert old is not None
        old_head, old_count = old.value, int(old.value.split(":")[0])
    _as(ctx, "kim")
    _views(ctx, _case(ctx, "A-1"), 3)  # written here: this PC keeps the newer head
    with append_only_dropped(ctx), ctx.engine.begin() as connection:
        connection.execute(text("DELETE FROM access_log WHERE id > :n"), {"n": old_count})
        connection.execute(
            update(AppMeta).where(AppMeta.key == "audit_head").values(value=old_head)
        )
    ctx.actor = as_tester(ctx)
    result = audit.verify(ctx)
    assert not result.ok and "끝부분 기록이 지워졌습니다" in result.describe()


def test_postgresql_refuses_to_truncate_the_log(ctx: AppContext) -> None:
    from tests.conftest import BACKEND

    if BACKEND != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(Exception, match="append-only"), ctx.engine.begin() as connection:
        connection.exec_driver_sql("TRUNCATE access_log")


# -- masking and input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("+82 10-2222-8888", "010-****-8888"),
        ("+821099998877", "010-****-8877"),
        ("０１０－３３３３－７７７７", "010-****-7777"),
        ("800101 - 1234567", "800101-*******"),
        ("(010)3333-7777", "010-****-7777"),
        ("010 - 1234 - 5678", "010-****-5678"),
        ("010–4444–5555", "010-****-5555"),
        ("02-123-4567", "02-****-4567"),
        ("051)224-1408", "051-****-1408"),
    ],
)
def test_every_typed_form_of_a_number_is_masked_in_free_text(typed: str, shown: str) -> None:
    from desktop.security.masking import mask_numbers

    text = f"이웃 말로는 {typed} 로 연락하면 된다고 함"
    assert mask_numbers(text) == f"이웃 말로는 {shown} 로 연락하면 된다고 함"


def test_dates_and_amounts_are_not_taken_for_numbers() -> None:
    from desktop.security.masking import mask_numbers

    text = "2026-11-20에 100,000원 지원, 3동 201호"
    assert mask_numbers(text) == text


def test_a_number_in_a_description_is_masked_in_the_readable_copy(
    ctx: AppContext, tmp_path: Path
) -> None:
    from tests.helpers.linking import report

    typed = "딸 연락처 +82 10-2222-8888, 주민번호 800101 - 1234567"
    import_records(ctx, tmp_path, [report("R-1", 상황설명=typed, 주소="해운대구 좌동로 10")])
    with ctx.session() as session:
        fields = session.scalars(select(Alert.fields)).one()
    assert "2222" not in fields["description"] and "1234567" not in fields["description"]
    assert "010-****-8888" in fields["description"]


def test_one_over_long_name_quarantines_its_record_not_the_file(
    ctx: AppContext, tmp_path: Path
) -> None:
    long_name = "김" + "가" * 45
    rows = [call(f"C-{n}", "이순자" if n != 2 else long_name, f"010-3000-000{n}") for n in range(5)]
    import_records(ctx, tmp_path, rows)
    with ctx.session() as session:
        stored = session.scalars(select(Alert.source_id).order_by(Alert.source_id)).all()
        [held] = session.scalars(select(QuarantinedRecord)).all()
    assert stored == ["C-0", "C-1", "C-3", "C-4"]
    assert held.source_id == "C-2" and held.reasons == ["대상자명이 너무 깁니다 (46자, 최대 40자)"]
    assert long_name not in " ".join(held.reasons)


def test_an_over_long_source_id_or_address_is_held_too(ctx: AppContext, tmp_path: Path) -> None:
    rows = [
        call("X" * 150, "이순자", "010-3000-0001"),
        call("C-2", "박말자", "010-3000-0002", 주소="해운대구 " + "가" * 400 + "로 5"),
        call(
            "C-3",
            "최민호",
            "010-3000-0003",
            주소="해운대구 " + "나" * 60 + "로 5 (" + "다" * 30 + "동)",
        ),
    ]
    import_records(ctx, tmp_path, rows)
    with ctx.session() as session:
        stored = session.scalars(select(Alert.source_id)).all()
        held = session.scalars(select(QuarantinedRecord.source_id)).all()
    assert stored == ["C-3"]  # a long road and 동 in an address that fits: read, keys bounded
    assert sorted(held) == ["C-2", "X" * 100]


# -- keys ---------------------------------------------------------------------------------


def test_working_keys_are_not_replaced_by_a_forged_set_or_without_signing_in(
    ctx: AppContext,
    office: dict[str, Any],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli import main
    from desktop.security import keyfile, secrets
    from desktop.security.protect import KeySet

    working = secrets.load_keys(ctx.identity)
    forged = tmp_path / "forged.anbukey"
    forged.write_bytes(keyfile.seal(ctx.identity, KeySet.generate(), "a long passphrase 1"))
    genuine = tmp_path / "genuine.anbukey"
    keyfile.export_keys(ctx.identity, "a long passphrase 1", genuine)
    monkeypatch.setenv("ANBU_KEY_PASSPHRASE", "a long passphrase 1")
    monkeypatch.delenv("ANBU_USER")
    monkeypatch.delenv("ANBU_PASSWORD")
    # Not signed in: refused (there is no terminal to ask at).
    assert main(["--db", db_url, "keys", "import", str(forged), "--replace"]) == 1
    assert "로그인" in capsys.readouterr().err
    # An administrator signed in, but the keys are not this database's: refused.
    from tests.conftest import TEST_PASSWORD, TEST_USER

    monkeypatch.setenv("ANBU_USER", TEST_USER)
    monkeypatch.setenv("ANBU_PASSWORD", TEST_PASSWORD)
    assert main(["--db", db_url, "keys", "import", str(forged), "--replace"]) == 1
    assert "이 데이터베이스의 키가 아닙니다" in capsys.readouterr().err
    assert secrets.load_keys(ctx.identity) == working
    # The database's own keys go in (on a new PC: no sign-in, and none is needed).
    assert main(["--db", db_url, "keys", "import", str(genuine)]) == 0


def test_a_removed_key_check_does_not_make_new_keys_over_ciphertext(
    ctx: AppContext, office: dict[str, Any], db_url: str, memory_keyring: Any
) -> None:
    from sqlalchemy import delete

    from db.models import AppMeta
    from desktop.context import KeyCheckMissingError, WrongKeysError, open_database
    from desktop.security import secrets
    from desktop.security.protect import KeySet

    identity = ctx.identity
    working = secrets.load_keys(identity)
    with ctx.sessions.begin() as session:
        session.execute(delete(AppMeta).where(AppMeta.key == "key_check"))
    memory_keyring.delete_password(secrets.SERVICE, f"database-keys:{identity}")
    with pytest.raises(KeyCheckMissingError, match="새 키를 만들지 않았습니다"):
        open_database(db_url)
    assert secrets.load_keys(identity) is None  # nothing generated
    secrets.store_keys(identity, KeySet.generate())  # a PC holding other keys
    with pytest.raises(WrongKeysError):
        open_database(db_url)
    assert working is not None
    secrets.store_keys(identity, working)  # the right keys: the check is put back
    with open_database(db_url) as again, again.session() as session:
        assert session.get(AppMeta, "key_check") is not None


# -- restore ------------------------------------------------------------------------------


def _run(*argv: str) -> int:
    from desktop.cli import main

    return main(list(argv))


def test_restore_is_an_administrator_s_logged_act_and_keeps_the_log(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.conftest import BACKEND, TEST_PASSWORD, TEST_USER

    if BACKEND != "sqlite":
        assert _run("--db", db_url, "db", "restore", str(tmp_path / "x.anbu")) == 1
        assert "SQLite" in capsys.readouterr().err  # PostgreSQL: pg_dump, by the server's admin
        return
    from desktop.context import open_database

    assert _run("--db", db_url, "demo", "--households", "5") == 0
    copy = tmp_path / "backup.anbu"
    assert _run("--db", db_url, "db", "backup", str(copy)) == 0
    assert _run("--db", db_url, "cases", "--json") == 0  # a row written after the backup
    with open_database(db_url) as ctx, ctx.session() as session:
        before = session.scalars(select(AccessLog.detail).order_by(AccessLog.id)).all()
    # Nobody signed in, and a worker: refused, nothing changed.
    monkeypatch.delenv("ANBU_USER")
    monkeypatch.delenv("ANBU_PASSWORD")
    assert _run("--db", db_url, "db", "restore", str(copy)) == 1
    from db.models import StaffUser
    from tests.conftest import as_tester

    with open_database(db_url) as ctx, ctx.session() as session:
        worker = session.scalars(
            select(StaffUser.username).where(StaffUser.role == Role.WORKER)
        ).first()
    assert worker is not None
    monkeypatch.setenv("ANBU_USER", worker)
    monkeypatch.setenv("ANBU_PASSWORD", accounts.DEMO_PASSWORD)
    capsys.readouterr()
    assert _run("--db", db_url, "db", "restore", str(copy)) == 1
    assert "권한으로는" in capsys.readouterr().err
    assert not list(Path(db_url.removeprefix("sqlite:///")).parent.glob("*.before-restore-*"))

    monkeypatch.setenv("ANBU_USER", "admin")  # the demo's administrator
    monkeypatch.setenv("ANBU_PASSWORD", accounts.DEMO_PASSWORD)
    capsys.readouterr()
    assert _run("--db", db_url, "db", "restore", str(copy)) == 0, capsys.readouterr().err
    with open_database(db_url) as ctx:
        ctx.actor = as_tester(ctx)
        with ctx.session() as session:
            after = session.scalars(select(AccessLog.detail).order_by(AccessLog.id)).all()
        assert audit.verify(ctx).ok
    # Nothing of the log went back in time: every row is there, then the restore's own.
    assert after[: len(before)] == before
    assert any("백업" in (d or "") and "되돌림" in (d or "") for d in after[len(before) :])
    [kept] = Path(db_url.removeprefix("sqlite:///")).parent.glob("*.before-restore-*")
    with open_database(f"sqlite:///{kept}") as old, old.session() as session:
        last = session.scalars(select(AccessLog.detail).order_by(AccessLog.id.desc())).first()
    assert last is not None and "이 데이터베이스를 바꿈" in last
    monkeypatch.setenv("ANBU_USER", TEST_USER)
    monkeypatch.setenv("ANBU_PASSWORD", TEST_PASSWORD)


def test_a_backup_of_another_database_is_refused_unless_told(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import BACKEND

    if BACKEND != "sqlite":
        pytest.skip("restore is SQLite's (PostgreSQL: pg_dump)")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert _run("--db", other, "demo", "--households", "5") == 0
    copy = tmp_path / "other.anbu"
    import os

    from desktop.security.accounts import DEMO_PASSWORD

    os.environ["ANBU_USER"], os.environ["ANBU_PASSWORD"] = "admin", DEMO_PASSWORD
    try:
        assert _run("--db", other, "db", "backup", str(copy)) == 0
    finally:
        from tests.conftest import TEST_PASSWORD, TEST_USER

        os.environ["ANBU_USER"], os.environ["ANBU_PASSWORD"] = TEST_USER, TEST_PASSWORD
    capsys.readouterr()
    assert _run("--db", db_url, "db", "restore", str(copy)) == 1
    assert "다른 데이터베이스의 것입니다" in capsys.readouterr().err
    assert not list(Path(db_url.removeprefix("sqlite:///")).parent.glob("*.before-restore-*"))


def test_a_backup_killed_midway_leaves_no_plain_copy_in_the_shared_temp_folder(
    db_url: str, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys
    import tempfile

    from tests.conftest import BACKEND

    if BACKEND != "sqlite":
        pytest.skip("backups are SQLite's")
    assert _run("--db", db_url, "demo", "--households", "5") == 0
    shared = Path(tempfile.gettempdir())
    before = {p.name for p in shared.glob("anbu-backup-*")}
    killed = (
        "import os, sys\n"
        "import desktop.upkeep.backup as b\n"
        "def die(*a, **k):\n"
        "    os._exit(9)\n"  # killed after the plain copy is made, before it is sealed
        "b._seal = die\n"
        "from desktop.cli import main\n"
        f"main(['--db', {db_url!r}, 'db', 'backup', {str(tmp_path / 'b.anbu')!r}])\n"
    )
    env = dict(os.environ)
    # The subprocess cannot share the in-memory keyring: it gets the keys through a file.
    from desktop.context import open_database
    from desktop.security import keyfile

    with open_database(db_url) as ctx:
        keyfile.export_keys(ctx.identity, "a long passphrase 1", tmp_path / "k.anbukey")
    helper = tmp_path / "run.py"
    helper.write_text(
        "import keyring\n"
        "from tests.helpers.keyring_memory import MemoryKeyring\n"
        "keyring.set_keyring(MemoryKeyring())\n"
        "from desktop.security import keyfile\n"
        f"keyfile.import_keys(__import__('pathlib').Path({str(tmp_path / 'k.anbukey')!r}), "
        "'a long passphrase 1')\n" + killed,
        encoding="utf-8",
    )
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])  # the tests' helpers
    result = subprocess.run([sys.executable, str(helper)], env=env, capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    assert {p.name for p in shared.glob("anbu-backup-*")} == before  # nothing in /tmp
    work = Path(os.environ["ANBU_DATA_DIR"]) / "work"
    [left] = list(work.iterdir())
    [copy] = list(left.iterdir())
    if os.name == "posix":
        assert work.stat().st_mode & 0o077 == 0 and copy.stat().st_mode & 0o077 == 0
    assert _run("--db", db_url, "cases", "--json") == 0  # the next start clears it
    assert not left.exists()


# -- a file and its log row ---------------------------------------------------------------


def test_no_printed_or_exported_file_exists_without_its_log_row(
    ctx: AppContext, office: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from db.enums import AccessAction
    from desktop import reporting
    from desktop.reporting import Period

    record = audit.record

    def locked(session: Any, ctx: AppContext, action: AccessAction, *args: Any, **kw: Any) -> Any:
        if action in (AccessAction.PRINT, AccessAction.DOWNLOAD):  # another PC holds the lock
            raise OperationalError("INSERT INTO access_log", {}, Exception("database is locked"))
        return record(session, ctx, action, *args, **kw)

    _as(ctx, "leeboss")
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    out = tmp_path / "out"
    out.mkdir()
    makers = {
        "council.pdf": lambda p: reporting.write_council(ctx, period, p, reason="회의"),
        "council.xlsx": lambda p: reporting.write_council(ctx, period, p, reason="회의"),
        "card.pdf": lambda p: reporting.write_case_card(ctx, _case(ctx, "B-1"), p, reason="보관"),
        "city.xlsx": lambda p: reporting.export_city(ctx, period, p, reason="보고"),
        "cases.xlsx": lambda p: reporting.export_cases(ctx, p, reason="정리", reveal=True),
    }
    monkeypatch.setattr(audit, "record", locked)
    for name, make in makers.items():
        with pytest.raises(OperationalError):
            make(out / name)
        assert list(out.iterdir()) == [], name  # neither the file nor a staging copy
    monkeypatch.setattr(audit, "record", record)
    before = len(audit_rows(ctx))
    for name, make in makers.items():
        make(out / name)
    assert sorted(p.name for p in out.iterdir()) == sorted(makers)
    assert len(audit_rows(ctx)) == before + len(makers)


def test_an_unsigned_head_is_never_signed_over_nor_a_cut_tail_grown_back_unseen(
    ctx: AppContext, office: dict[str, Any]
) -> None:
    from sqlalchemy import text

    from db.models import AppMeta
    from desktop.context import open_database
    from tests.conftest import as_tester
    from tests.helpers.audit import append_only_dropped

    _as(ctx, "kim")
    _views(ctx, _case(ctx, "A-1"), 3)
    with ctx.session() as session:
        rows = list(session.scalars(select(AccessLog).order_by(AccessLog.id)))
    keep = rows[:-3]
    with append_only_dropped(ctx), ctx.engine.begin() as connection:
        connection.execute(text("DELETE FROM access_log WHERE id > :id"), {"id": keep[-1].id})
        connection.execute(
            update(AppMeta)
            .where(AppMeta.key == "audit_head")
            .values(value=f"{len(keep)}:{keep[-1].entry_hash}")
        )
    # Work goes on (and the tail grows back past its old length) on this PC and on one
    # that never saw the log; a start does not sign the head either.
    _views(ctx, _case(ctx, "A-1"), 5)
    with open_database(ctx.engine.url.render_as_string(hide_password=False)) as again:
        again.actor = as_tester(again)
        assert not audit.verify(again).ok
    ctx.actor = as_tester(ctx)
    assert not audit.verify(ctx).ok


def test_a_held_case_someone_took_up_is_asked_about_not_moved_by_an_import(
    ctx: AppContext, office: dict[str, Any], tmp_path: Path
) -> None:
    _as(ctx, "lee")
    import_records(ctx, tmp_path, [call("B-3", "최말순", "010-5555-0303")])
    held = _case(ctx, "B-3")  # no address, no rule placed it: 좌2동 holds it
    actions.assign(ctx, [held], ctx.actor.staff_id if ctx.actor else None)
    _as(ctx, "kim")  # a later call about the same phone, on 좌1동's road
    import_records(
        ctx, tmp_path, [call("A-9", "최말순", "010-5555-0303", 주소="해운대구 좌동순환로 9")]
    )
    with ctx.session() as session:
        case = session.get(Case, held)
        assert case is not None and case.centre_id == _centre_id(ctx, B)
        assert case.proposed_centre_id == _centre_id(ctx, A)


def test_a_suggestion_of_another_centre_cannot_be_decided(
    ctx: AppContext, office: dict[str, Any], tmp_path: Path
) -> None:
    from tests.helpers.linking import report

    _as(ctx, "lee")
    address = "부산광역시 해운대구 양운로 11, 101동 1203호"
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소=address, 위도="35.1731", 경도="129.1736")],
    )
    import_records(ctx, tmp_path, [report("R-2", 주소=address, 위도="35.17311", 경도="129.17361")])
    [item] = decisions.review_queue(ctx)
    suggestion = item.candidates[0].suggestion_id
    _as(ctx, "kim")
    assert decisions.review_queue(ctx) == []
    for decide in (decisions.accept, decisions.reject):
        with pytest.raises(AccessDeniedError, match="제안"):  # refused before any work
            decide(ctx, suggestion, reason="남의 센터")
    _as(ctx, "lee")
    decisions.reject(ctx, suggestion, reason="다른 세대")  # its own centre decides
