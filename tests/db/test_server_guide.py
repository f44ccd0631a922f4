"""The 구청 server guide (docs/gucheong-server.md), its commands run as it gives them: a PC
connects as the app role; a second PC is refused until the keys are moved to it with
``anbu keys export`` / ``import``; a lost PC's account is disabled; a PC told to verify the
server's certificate refuses a server that cannot prove itself, in Korean; a backup is
dumped by the owner, encrypted, and restored into a scratch database that opens with the
keys and whose access log verifies."""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import make_url

from db.engine import make_engine, with_search_path
from desktop.cli import main
from tests.conftest import BACKEND
from tests.helpers.keyring_memory import MemoryKeyring
from tests.helpers.linking import call

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="the 구청 server is PostgreSQL")
A = "2635051000"
PASSPHRASE = "a long passphrase 1"


class PC:
    """``anbu`` on one PC: its own data folder; signed in as ``user`` (or nobody)."""

    def __init__(self, url: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.url, self.home, self.monkeypatch = url, home, monkeypatch

    def run(
        self, user: str | None, *argv: str, capsys: pytest.CaptureFixture[str]
    ) -> tuple[int, str, str]:
        self.monkeypatch.setenv("ANBU_DATA_DIR", str(self.home / "data"))
        self.monkeypatch.setenv("ANBU_CONFIG_DIR", str(self.home / "config"))
        if argv[:2] == ("user", "add"):  # each account's password is its name's
            self.monkeypatch.setenv("ANBU_NEW_PASSWORD", f"{argv[2]}-pass-1")
        self.monkeypatch.setenv("ANBU_KEY_PASSPHRASE", PASSPHRASE)
        if user is None:
            self.monkeypatch.delenv("ANBU_USER", raising=False)
            self.monkeypatch.delenv("ANBU_PASSWORD", raising=False)
        else:
            self.monkeypatch.setenv("ANBU_USER", user)
            self.monkeypatch.setenv("ANBU_PASSWORD", f"{user}-pass-1")
        capsys.readouterr()
        out = io.StringIO()
        code = main(["--db", self.url, *argv], stdout=out)
        return code, out.getvalue(), capsys.readouterr().err


def _office(pc: PC, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first PC, as the app role: the first administrator, a centre, its worker, a
    case imported by her."""
    import json

    steps: list[tuple[str | None, list[str]]] = [
        (None, ["user", "add", "admin", "--role", "admin"]),
        ("admin", ["centre", "add", A, "--name", "좌1동", "--gu", "해운대구"]),
        ("admin", ["centre", "cover", A, "--road", "좌동순환로"]),
        ("admin", ["user", "add", "kim", "--role", "worker", "--centre", A]),
    ]
    for user, argv in steps:
        code, _out, err = pc.run(user, *argv, capsys=capsys)
        assert code == 0, (argv, err)
    calls = tmp_path / "calls.jsonl"
    record = call("A-1", "김민준", "010-5555-0101", 주소="해운대구 좌동순환로 5")
    calls.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    code, _out, err = pc.run("kim", "import", str(calls), capsys=capsys)
    assert code == 0, err


def test_a_second_pc_gets_the_keys_and_a_lost_pc_s_account_is_ended(
    owner_and_app: tuple[str, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _owner, app_url, _role = owner_and_app
    first = PC(app_url, tmp_path / "pc1", monkeypatch)
    _office(first, tmp_path, capsys)
    sealed = tmp_path / "keys.anbukey"
    code, out, err = first.run("admin", "keys", "export", str(sealed), capsys=capsys)
    assert code == 0 and sealed.exists(), err

    keyring.set_keyring(MemoryKeyring())  # the second PC: a keyring of its own, empty
    second = PC(app_url, tmp_path / "pc2", monkeypatch)
    code, out, err = second.run("kim", "cases", capsys=capsys)
    assert code == 1 and "암호화 키가 이 PC의 키 저장소에 없습니다" in err  # told, in Korean
    code, out, err = second.run(None, "keys", "import", str(sealed), capsys=capsys)
    assert code == 0 and "키 저장소에 넣었습니다" in out, err
    code, out, err = second.run("kim", "cases", "--json", capsys=capsys)
    assert code == 0 and '"status"' in out and "김○○" in out, err

    # The second PC is lost: its user's account is disabled; it can do nothing more.
    code, out, err = first.run("admin", "user", "disable", "kim", capsys=capsys)
    assert code == 0, err
    code, out, err = second.run("kim", "cases", capsys=capsys)
    assert code == 1 and out == "" and "사용이 중지된 계정" in err


def test_a_pc_that_verifies_the_server_refuses_one_that_cannot_prove_itself(
    owner_and_app: tuple[str, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The test server has no certificate: ``sslmode=verify-full`` must not connect."""
    _owner, app_url, _role = owner_and_app
    strict = make_url(app_url).update_query_dict({"sslmode": "verify-full"})
    pc = PC(strict.render_as_string(hide_password=False), tmp_path / "pc", monkeypatch)
    code, out, err = pc.run("kim", "cases", capsys=capsys)
    assert code == 1 and out == ""
    assert "데이터베이스 서버에 연결할 수 없습니다" in err and "root.crt" in err


def _libpq(url: str) -> tuple[str, str]:
    """The plain libpq URL of ``url`` (for pg_dump) and the schema its search_path names."""
    parsed = make_url(url)
    options = str(parsed.query.get("options", ""))
    schema = options.removeprefix("-csearch_path=")
    plain = parsed.set(drivername="postgresql", query={})
    return plain.render_as_string(hide_password=False), schema


@pytest.fixture
def scratch_database(owner_and_app: tuple[str, str, str]) -> Iterator[str]:
    """An empty database beside the test's, dropped afterwards (the guide's monthly
    restore is tried into one)."""
    owner_url, _app, _role = owner_and_app
    name = f"anbu_restore_{uuid.uuid4().hex[:8]}"
    admin = make_engine(owner_url)
    try:
        with admin.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                f'CREATE DATABASE "{name}"'
            )
    except Exception:
        admin.dispose()
        pytest.skip("this PostgreSQL account may not create a scratch database")
    try:
        yield make_url(owner_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
            )
        admin.dispose()


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "gpg")),
    reason="needs pg_dump, pg_restore and gpg",
)
def test_a_backup_is_dumped_encrypted_and_restored_into_a_scratch_database(
    owner_and_app: tuple[str, str, str],
    scratch_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner_url, app_url, _role = owner_and_app
    pc = PC(app_url, tmp_path / "pc1", monkeypatch)
    _office(pc, tmp_path, capsys)
    code, cases_before, err = pc.run("admin", "cases", "--json", capsys=capsys)
    assert code == 0, err

    # As the owner, on the server: pg_dump, encrypted before it leaves (gpg --symmetric).
    source, schema = _libpq(owner_url)
    dump, sealed, opened = tmp_path / "anbu.dump", tmp_path / "anbu.dump.gpg", tmp_path / "back"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}", source],
        check=True,
    )
    gnupg = tmp_path / "gnupg"
    gnupg.mkdir(mode=0o700)
    gpg = ["gpg", "--homedir", str(gnupg), "--batch", "--yes", "--pinentry-mode", "loopback"]
    gpg += ["--passphrase", PASSPHRASE]
    subprocess.run(
        [*gpg, "--symmetric", "--cipher-algo", "AES256", "-o", str(sealed), str(dump)],
        check=True,
        capture_output=True,
    )
    assert dump.read_bytes().startswith(b"PGDMP") and not sealed.read_bytes().startswith(b"PGDMP")
    dump.unlink()

    # The monthly restore test: decrypted and restored into a scratch database.
    subprocess.run(
        [*gpg, "--decrypt", "-o", str(opened), str(sealed)], check=True, capture_output=True
    )
    target, _ = _libpq(scratch_database)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(opened)], check=True)
    restored = PC(with_search_path(scratch_database, schema), tmp_path / "pc1", monkeypatch)
    code, out, err = restored.run("admin", "audit", "verify", capsys=capsys)
    assert code == 0 and "모두 맞습니다" in out, err
    code, cases_after, err = restored.run("admin", "cases", "--json", capsys=capsys)
    assert code == 0 and cases_after == cases_before, err
