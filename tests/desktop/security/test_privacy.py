"""Accounts, roles, centre scoping, masking, the access log, keys, backups and retention,
all through the services (not the client's buttons)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update

from db.enums import AccessAction, CaseStatus, Role
from db.models import AccessLog, Case, CommunityCentre, Person, StaffUser
from desktop.caselist.listing import iter_cases
from desktop.caselist.service import CaseListService
from desktop.casework.actions import assign
from desktop.casework.detail import CaseDetailService
from desktop.casework.workflow import change_status
from desktop.cli import main
from desktop.context import AppContext, open_database
from desktop.intake.service import import_file
from desktop.security import accounts, audit, keyfile
from desktop.security.access import AccessDeniedError, NotSignedInError
from desktop.security.protect import KeySet
from desktop.upkeep import retention
from tests.conftest import BACKEND, FIXED_NOW, TEST_PASSWORD, TEST_USER
from tests.helpers.audit import append_only_dropped
from tests.helpers.linking import call

PHONES = ("010-5555-0101", "010-5555-0202", "010-5555-0303")


def _centre(ctx: AppContext, code: str, dong: str) -> int:
    with ctx.sessions.begin() as session:
        centre = CommunityCentre(code=code, sido="부산광역시", gu="해운대구", dong=dong)
        session.add(centre)
        session.flush()
        return centre.id


def _import(ctx: AppContext, folder: Path, records: list[dict[str, Any]], centre: int) -> None:
    path = folder / f"calls-{centre}-{len(list(folder.iterdir()))}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    import_file(ctx, path, centre_id=centre)


@pytest.fixture
def two_centres(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    """Centre 좌1동 with a case of 김민준, centre 좌2동 with a case of 박서연; a worker and a
    reader in 좌1동. Returns ids by name."""
    ids = {"a": _centre(ctx, "2635051000", "좌1동"), "b": _centre(ctx, "2635052000", "좌2동")}
    _import(ctx, tmp_path, [call("AI-1", "김민준", PHONES[0])], ids["a"])
    _import(ctx, tmp_path, [call("AI-2", "박서연", PHONES[1])], ids["b"])
    with ctx.session() as session:
        for centre in ("a", "b"):
            ids[f"case_{centre}"] = session.scalars(
                select(Case.id).where(Case.centre_id == ids[centre])
            ).one()
    accounts.add_user(ctx, "worker1", "worker-pass-1", role=Role.WORKER, centre="좌1동")
    accounts.add_user(ctx, "reader1", "reader-pass-1", role=Role.READER, centre="좌1동")
    return ids


def _log_rows(ctx: AppContext) -> int:
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(AccessLog)) or 0


# -- accounts -----------------------------------------------------------------------------


def test_the_first_account_must_be_an_admin_and_later_ones_need_one(ctx: AppContext) -> None:
    with ctx.sessions.begin() as session:
        session.execute(text("DELETE FROM staff_users"))
    ctx.actor = None
    with pytest.raises(accounts.AccountError, match="첫 계정은 관리자"):
        accounts.add_user(ctx, "kim", "good-pass-1", role=Role.WORKER)
    accounts.add_user(ctx, "boss", "good-pass-1", role=Role.ADMIN)
    with pytest.raises(NotSignedInError):
        accounts.add_user(ctx, "kim", "good-pass-1", role=Role.ADMIN)
    with ctx.session() as session:
        stored = session.scalars(select(StaffUser.password_hash)).one()
    assert stored is not None and stored.startswith("$argon2id$") and "good-pass-1" not in stored
    accounts.sign_in(ctx, "boss", "good-pass-1")
    accounts.add_user(ctx, "kim", "good-pass-2", role=Role.ADMIN)


def test_weak_passwords_and_duplicate_names_are_refused(ctx: AppContext) -> None:
    with pytest.raises(accounts.AccountError, match="8자"):
        accounts.add_user(ctx, "kim", "short1", role=Role.ADMIN)
    with pytest.raises(accounts.AccountError, match="글자와 숫자"):
        accounts.add_user(ctx, "kim", "12345678901", role=Role.ADMIN)
    with pytest.raises(accounts.AccountError, match="이미"):
        accounts.add_user(ctx, TEST_USER, "good-pass-1", role=Role.ADMIN)


def test_five_wrong_passwords_lock_the_account_for_a_while(ctx: AppContext) -> None:
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(accounts.AccountError, match="맞지 않습니다"):
            accounts.authenticate(ctx, TEST_USER, "wrong-pass-0")
    with pytest.raises(accounts.AccountError, match="잠겼습니다"):
        accounts.authenticate(ctx, TEST_USER, TEST_PASSWORD)
    ctx.clock = lambda: FIXED_NOW + timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.authenticate(ctx, TEST_USER, TEST_PASSWORD).username == TEST_USER


def test_an_unknown_account_gets_the_same_answer_as_a_wrong_password(ctx: AppContext) -> None:
    with pytest.raises(accounts.AccountError) as unknown:
        accounts.authenticate(ctx, "nobody", "whatever-1")
    with pytest.raises(accounts.AccountError) as wrong:
        accounts.authenticate(ctx, TEST_USER, "whatever-1")
    assert str(unknown.value) == str(wrong.value)


# -- roles and centres ----------------------------------------------------------------------


def test_a_worker_cannot_open_or_change_a_case_of_another_centre(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    accounts.sign_in(ctx, "worker1", "worker-pass-1")
    details = CaseDetailService(ctx)
    assert details.detail(two_centres["case_a"]).id == two_centres["case_a"]
    with pytest.raises(AccessDeniedError, match="다른 행정복지센터"):
        details.detail(two_centres["case_b"])
    with pytest.raises(AccessDeniedError):
        details.reveal(two_centres["case_b"])
    with pytest.raises(AccessDeniedError):
        change_status(ctx, two_centres["case_b"], CaseStatus.VERIFYING, expected_version=None)
    with pytest.raises(AccessDeniedError):
        assign(ctx, [two_centres["case_b"]], None)
    service = CaseListService(ctx)
    from db.queries import CaseFilter

    assert service.ids(CaseFilter()) == [two_centres["case_a"]]
    assert [c["id"] for c in iter_cases(ctx)] == [two_centres["case_a"]]
    # Asking for the other centre by filter changes nothing.
    assert service.ids(CaseFilter(centre_id=two_centres["b"])) == []


def test_a_reader_sees_masked_cases_and_may_change_nothing(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    accounts.sign_in(ctx, "reader1", "reader-pass-1")
    details = CaseDetailService(ctx)
    detail = details.detail(two_centres["case_a"])
    assert detail.persons and "김○○" in detail.persons[0] and "010-****-0101" in detail.persons[0]
    for forbidden in (
        lambda: details.reveal(two_centres["case_a"]),
        lambda: details.raw(detail.timeline[0].alert_id),
        lambda: change_status(
            ctx, two_centres["case_a"], CaseStatus.VERIFYING, expected_version=None
        ),
        lambda: list(iter_cases(ctx, reveal=True, reason="점검")),
        lambda: accounts.add_user(ctx, "x", "good-pass-1", role=Role.ADMIN),
    ):
        with pytest.raises(AccessDeniedError):
            forbidden()


def test_nothing_is_served_to_nobody(ctx: AppContext, two_centres: dict[str, int]) -> None:
    ctx.actor = None
    with pytest.raises(NotSignedInError):
        CaseDetailService(ctx).detail(two_centres["case_a"])
    with pytest.raises(NotSignedInError):
        list(iter_cases(ctx))


# -- masking and the access log --------------------------------------------------------------


def test_lists_are_masked_and_revealing_takes_a_reason_and_is_logged(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    from db.queries import CaseFilter

    service = CaseListService(ctx)
    rows = service.rows(service.ids(CaseFilter()))
    assert sorted(r.name or "" for r in rows) == ["김○○", "박○○"]
    masked = list(iter_cases(ctx))
    assert {c["name"] for c in masked} == {"김○○", "박○○"}
    assert "full_name" not in masked[0] and "phones" not in masked[0]
    with pytest.raises(AccessDeniedError, match="이유"):
        list(iter_cases(ctx, reveal=True))
    before = _log_rows(ctx)
    full = list(iter_cases(ctx, reveal=True, reason="긴급지원 심사 자료"))
    assert {c["full_name"] for c in full} == {"김민준", "박서연"}
    assert sorted(p for c in full for p in c["phones"]) == ["01055550101", "01055550202"]
    assert _log_rows(ctx) == before + 1
    with ctx.session() as session:
        row = session.scalars(select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert row is not None and row.action is AccessAction.DOWNLOAD
    assert row.reason == "긴급지원 심사 자료" and row.username == TEST_USER
    assert row.terminal_host == "test-pc" and row.terminal_ip == "10.0.0.1"


def test_every_view_and_export_adds_exactly_one_log_row(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    details = CaseDetailService(ctx)
    case_id = two_centres["case_a"]
    steps = [
        lambda: details.detail(case_id),
        lambda: details.reveal(case_id),
        lambda: details.raw(details.detail(case_id).timeline[0].alert_id),
        lambda: list(iter_cases(ctx)),
        lambda: list(iter_cases(ctx, reveal=True, reason="점검 자료")),
    ]
    expected = [1, 1, 2, 1, 1]  # the raw view needs the case shown first
    for step, rows in zip(steps, expected, strict=True):
        before = _log_rows(ctx)
        step()
        assert _log_rows(ctx) == before + rows
    with ctx.session() as session:
        subjects = [
            (r.action, r.subject, r.detail)
            for r in session.scalars(select(AccessLog).order_by(AccessLog.id))
        ]
    assert (AccessAction.VIEW, f"case:{case_id}", None) in subjects
    assert (AccessAction.VIEW, f"case:{case_id}", audit.REVEAL) in subjects


def test_a_change_is_logged_in_its_own_transaction(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    before = _log_rows(ctx)
    change_status(ctx, two_centres["case_a"], CaseStatus.VERIFYING, expected_version=None)
    assert _log_rows(ctx) == before + 1
    with pytest.raises(Exception, match="바꿀 수 없습니다"):
        change_status(ctx, two_centres["case_a"], CaseStatus.MONITORING, expected_version=None)
    assert _log_rows(ctx) == before + 1  # refused: no row


def test_the_database_refuses_to_change_the_log(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    CaseDetailService(ctx).detail(two_centres["case_a"])
    with pytest.raises(Exception, match="append-only"), ctx.engine.begin() as connection:
        connection.execute(update(AccessLog).values(reason="고침"))
    with pytest.raises(Exception, match="append-only"), ctx.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM access_log")


@pytest.mark.parametrize("tamper", ["edit", "remove_middle", "remove_last"])
def test_a_tampered_log_is_detected(
    ctx: AppContext, two_centres: dict[str, int], tamper: str
) -> None:
    details = CaseDetailService(ctx)
    for _ in range(3):
        details.detail(two_centres["case_a"])
    assert audit.verify(ctx).ok
    with ctx.session() as session:
        ids = list(session.scalars(select(AccessLog.id).order_by(AccessLog.id)))
    with append_only_dropped(ctx), ctx.engine.begin() as connection:
        if tamper == "edit":
            connection.execute(
                update(AccessLog).where(AccessLog.id == ids[1]).values(subject="case:999")
            )
        else:
            victim = ids[1] if tamper == "remove_middle" else ids[-1]
            connection.execute(text("DELETE FROM access_log WHERE id = :id"), {"id": victim})
    result = audit.verify(ctx)
    assert not result.ok and "변조" in result.describe()
    if tamper != "remove_last":
        assert result.broken_at is not None


def test_the_monthly_review_lists_reveals_outputs_and_off_hours(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    accounts.sign_in(ctx, "worker1", "worker-pass-1")
    night = FIXED_NOW.replace(hour=14)  # 23:00 in Korea
    ctx.clock = lambda: night
    CaseDetailService(ctx).reveal(two_centres["case_a"])
    list(iter_cases(ctx, reveal=True, reason="야간 긴급 출동"))
    accounts.sign_in(ctx, TEST_USER, TEST_PASSWORD)
    findings = audit.review(ctx, "2026-11")
    kinds = {(f.username, f.kind) for f in findings}
    assert {
        ("worker1", "업무시간 외 접근"),
        ("worker1", "개인정보 표시"),
        ("worker1", "출력·다운로드"),
    } <= kinds
    output = next(f for f in findings if f.kind == "출력·다운로드")
    assert "야간 긴급 출동" in output.examples[0]
    with pytest.raises(ValueError, match="2026-11처럼"):
        audit.review(ctx, "11월")


# -- no plaintext on disk ----------------------------------------------------------------------


@pytest.mark.skipif(BACKEND != "sqlite", reason="reads the SQLite file and its WAL")
def test_no_plaintext_phone_in_the_database_file_or_its_wal(
    ctx: AppContext, two_centres: dict[str, int], db_url: str
) -> None:
    path = Path(db_url.removeprefix("sqlite:///"))
    data = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert Path(f"{path}-wal").exists()  # the test reads the live WAL too
    for phone in PHONES[:2]:
        for form in (phone, phone.replace("-", ""), phone[-9:], phone.replace("-", "")[-8:]):
            assert form.encode() not in data, form
    assert "김민준".encode() in data  # names are kept readable (and masked in outputs)


# -- keys, backups, retention --------------------------------------------------------------------


def test_sealed_keys_restore_on_a_new_pc(
    ctx: AppContext, tmp_path: Path, memory_keyring: Any
) -> None:
    sealed = tmp_path / "keys.anbukey"
    keyfile.export_keys(ctx.identity, "a long passphrase 1", sealed)
    assert b"data_key" not in sealed.read_bytes()
    with pytest.raises(keyfile.KeyFileError, match="암호 문구가 맞지 않"):
        keyfile.import_keys(sealed, "wrong passphrase 1")
    from desktop.security import secrets

    original = secrets.load_keys(ctx.identity)
    memory_keyring.delete_password(secrets.SERVICE, f"database-keys:{ctx.identity}")
    assert secrets.load_keys(ctx.identity) is None
    assert keyfile.import_keys(sealed, "a long passphrase 1") == ctx.identity
    assert secrets.load_keys(ctx.identity) == original
    secrets.store_keys(ctx.identity, KeySet.generate())
    with pytest.raises(keyfile.KeyFileError, match="--replace"):
        keyfile.import_keys(sealed, "a long passphrase 1")


def test_retention_anonymises_old_closed_cases_only(
    ctx: AppContext, two_centres: dict[str, int]
) -> None:
    old = two_centres["case_a"]
    long_ago = FIXED_NOW - timedelta(days=6 * 365)
    with ctx.sessions.begin() as session:
        session.execute(
            update(Case).where(Case.id == old).values(status=CaseStatus.CLOSED, closed_at=long_ago)
        )
        session.execute(text("UPDATE alerts SET received_at = :t"), {"t": long_ago})
    preview = retention.purge(ctx, years=5)
    assert preview.case_ids == [old] and not preview.applied
    with ctx.session() as session:
        assert session.scalar(select(func.count()).where(Person.name == "김민준")) == 1
    report = retention.purge(ctx, years=5, apply=True)
    assert report.case_ids == [old] and report.persons == 1 and report.alerts == 1
    assert "익명화했습니다" in report.describe()
    with ctx.session() as session:
        names = set(session.scalars(select(Person.name)))
        phones = session.scalars(select(Person.phone_cipher).where(Person.name.is_(None))).all()
    assert names == {None, "박서연"} and phones == [None]
    assert retention.purge(ctx, years=5).case_ids == []  # nothing left to do
    assert audit.verify(ctx).ok


# -- the command line ---------------------------------------------------------------------------


def run(*args: str, stdin: str | None = None, monkeypatch: Any = None) -> tuple[int, str]:
    import io

    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(list(args), stdout=out), out.getvalue()


def test_cli_first_admin_then_sign_in_reveal_and_verify(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANBU_USER")
    monkeypatch.delenv("ANBU_PASSWORD")
    code, _ = run("--db", empty_url, "cases")
    assert code == 1  # no account yet: told how to make one
    code, text_out = run(
        "--db",
        empty_url,
        "user",
        "add",
        "boss",
        "--role",
        "admin",
        stdin="boss-pass-1\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "관리자" in text_out
    code, _ = run("--db", empty_url, "cases")
    assert code == 1  # not signed in
    monkeypatch.setenv("ANBU_USER", "boss")
    monkeypatch.setenv("ANBU_PASSWORD", "boss-pass-1")
    assert run("--db", empty_url, "demo", "--households", "12")[0] == 0
    code, masked = run("--db", empty_url, "cases", "--json")
    assert code == 0 and "○" in masked and "full_name" not in masked
    assert run("--db", empty_url, "cases", "--json", "--reveal")[0] == 1  # no reason
    code, full = run("--db", empty_url, "cases", "--json", "--reveal", "--reason", "연말 점검")
    assert code == 0 and all("full_name" in json.loads(line) for line in full.splitlines())
    code, verified = run("--db", empty_url, "audit", "verify")
    assert code == 0 and "모두 맞습니다" in verified
    code, listing = run("--db", empty_url, "user", "list")
    assert code == 0 and "boss" in listing and "admin" in listing
    with open_database(empty_url) as ctx:
        accounts.sign_in(ctx, "boss", "boss-pass-1")
        with ctx.session() as session:
            row = session.scalars(
                select(AccessLog).where(AccessLog.action == AccessAction.DOWNLOAD)
            ).one()
        assert row.reason == "연말 점검" and row.username == "boss"


def test_demo_accounts_are_shown_only_for_a_demo_database(ctx: AppContext) -> None:
    assert accounts.demo_accounts(ctx) == ([], None)
    from desktop.demo import DEMO_ADMIN, populate

    populate(ctx, households=8, seed=2)
    shown, password = accounts.demo_accounts(ctx)
    assert password == accounts.DEMO_PASSWORD and DEMO_ADMIN in {a.username for a in shown}
    assert accounts.authenticate(ctx, shown[1].username, password).role is not None


@pytest.mark.skipif(BACKEND != "sqlite", reason="reads the SQLite file and its WAL")
def test_numbers_typed_into_free_text_are_not_kept_in_the_clear(
    ctx: AppContext, tmp_path: Path, db_url: str
) -> None:
    """A citizen writes the neighbour's phone and resident number into the description:
    the raw record keeps them encrypted, the readable copy masked."""
    from tests.helpers.linking import report

    description = "옆집 할머니(연락처 010-7777-8888, 주민번호 400101-2345678)가 며칠째 안 보임"
    path = tmp_path / "app.jsonl"
    path.write_text(
        json.dumps(
            report("R-9", 주소="부산광역시 해운대구 좌동로 10", 상황설명=description),
            ensure_ascii=False,
        )
        + "\n",
        "utf-8",
    )
    import_file(ctx, path)
    with ctx.session() as session:
        from db.models import Alert

        alert = session.scalars(select(Alert)).one()
    assert alert.fields["description"] == (
        "옆집 할머니(연락처 010-****-8888, 주민번호 400101-*******)가 며칠째 안 보임"
    )
    assert alert.source_id == "R-9"
    from desktop.casework.detail import alert_raw

    assert alert_raw(ctx, alert.id)["상황설명"] == description  # as received, for those allowed
    db = Path(db_url.removeprefix("sqlite:///"))
    data = b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal")) if p.exists())
    for form in ("010-7777-8888", "01077778888", "7777-8888", "400101-2345678", "2345678"):
        assert form.encode() not in data, form


def _key_ids(ctx: AppContext) -> set[int]:
    from desktop.security.protect import FieldProtector

    with ctx.session() as session:
        from db.models import Alert

        blobs = [
            *session.scalars(select(Person.phone_cipher).where(Person.phone_cipher.is_not(None))),
            *session.scalars(select(Alert.raw_cipher)),
        ]
    return {FieldProtector.key_id_of(b) for b in blobs}


def test_key_rotation_re_encrypts_everything_and_keeps_it_readable(
    ctx: AppContext, two_centres: dict[str, int], db_url: str
) -> None:
    from desktop.casework.detail import alert_raw
    from desktop.security import rotation, secrets

    before = CaseDetailService(ctx).reveal(two_centres["case_a"])
    old_keys = secrets.load_keys(ctx.identity)
    assert old_keys is not None and _key_ids(ctx) == {1}
    report = rotation.rotate(ctx)
    assert report.key_id == 2 and report.re_encrypted["persons.phone_cipher"] == 2
    assert _key_ids(ctx) == {2}
    keys = secrets.load_keys(ctx.identity)
    assert keys is not None and keys.older == () and keys.index_key == old_keys.index_key
    with open_database(db_url) as again:  # a fresh start reads everything with the new key
        again.actor = ctx.actor
        assert CaseDetailService(again).reveal(two_centres["case_a"]) == before
        assert alert_raw(again, 1)["대상자명"] in ("김민준", "박서연")
        assert audit.verify(again).ok
    # Another PC still holding the old keys is told, and changes nothing.
    secrets.store_keys(ctx.identity, old_keys)
    from desktop.context import WrongKeysError

    with pytest.raises(WrongKeysError):
        open_database(db_url)


def test_a_rotation_stopped_halfway_is_finished_later(
    ctx: AppContext, two_centres: dict[str, int], db_url: str
) -> None:
    from db.models import META_KEY_CHECK, AppMeta
    from desktop.security import rotation, secrets

    keys = secrets.load_keys(ctx.identity)
    assert keys is not None
    rotated = keys.rotated()
    secrets.store_keys(ctx.identity, rotated)  # the keyring was told; the database was not
    with open_database(db_url) as again:  # both keys open the database meanwhile
        again.actor = ctx.actor
        with again.session() as session:
            check = session.get(AppMeta, META_KEY_CHECK)
        assert check is not None and check.value == rotated.check_value()
        assert _key_ids(again) == {1}
        report = rotation.finish(again)
        assert report.re_encrypted["persons.phone_cipher"] == 2 and _key_ids(again) == {2}
        assert len(CaseDetailService(again).reveal(two_centres["case_a"])) == 1
