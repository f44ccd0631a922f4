"""The ``anbu`` command: with no sub-command it opens the desktop client, with one it works
headless. Messages are Korean; a known problem is a sentence, never a traceback."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from db.enums import Channel, Role
from db.errors import DatabaseProblem, as_told
from db.migrate import (
    ForeignDatabaseError,
    MigrationIntegrityError,
    SchemaState,
    SchemaTooNewError,
    schema_status,
)
from db.queries import count_cases
from desktop import __version__
from desktop.casework.workflow import CaseworkError
from desktop.centres import CentreError
from desktop.config import describe_url, resolve_database_url
from desktop.context import AppContext, KeyCheckMissingError, WrongKeysError, open_database
from desktop.intake.quarantine import QuarantineError
from desktop.linking.merging import LinkingError
from desktop.reporting import ReportError
from desktop.security.access import AccessDeniedError, NotSignedInError, Permission, require
from desktop.security.accounts import AccountError
from desktop.security.keyfile import KeyFileError
from desktop.security.secrets import KeyringUnavailableError, KeysMissingError
from desktop.settings import SettingError
from desktop.timeutil import format_kst
from desktop.upkeep.backup import BackupError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_UNREADABLE = 2

# Problems a person can act on: printed as their message alone.
USER_ERRORS: tuple[type[BaseException], ...] = (
    SchemaTooNewError,
    ForeignDatabaseError,
    MigrationIntegrityError,
    KeyringUnavailableError,
    KeysMissingError,
    WrongKeysError,
    KeyCheckMissingError,
    BackupError,
    QuarantineError,
    SettingError,
    LinkingError,
    AccessDeniedError,
    NotSignedInError,
    AccountError,
    KeyFileError,
    CaseworkError,
    ReportError,
    CentreError,
)


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anbu",
        description="안부데스크 — 위기가구 사례관리. 하위 명령 없이 실행하면 프로그램 창을 엽니다.",
    )
    parser.add_argument("--version", action="version", version=f"안부데스크 {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help="데이터베이스 주소 (sqlite:///파일 또는 postgresql://…)"
    )
    parser.add_argument("--debug", action="store_true", help="오류 시 상세 정보를 출력합니다")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="데이터베이스·키 저장소·PDF·XLSX·Qt가 모두 갖춰졌는지 확인하고 끝냅니다",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="빈 데이터베이스에 부산 가상 데이터를 채웁니다")
    demo.add_argument("--households", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--if-empty", action="store_true", help="사례가 이미 있으면 아무것도 하지 않습니다"
    )

    cases = commands.add_parser("cases", help="사례 목록을 출력합니다 (이름 등은 가려서)")
    cases.add_argument("--json", action="store_true", help="한 줄에 한 사례씩 JSON으로 출력")
    cases.add_argument(
        "--reveal", action="store_true", help="가리지 않은 개인정보 포함 (권한과 사유 필요, 기록됨)"
    )
    cases.add_argument("--reason", help="개인정보를 내려받는 이유 (--reveal과 함께)")

    imp = commands.add_parser("import", help="채널 파일(csv, xlsx, json, jsonl)을 가져옵니다")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--channel", choices=[c.value for c in Channel], help="채널 (없으면 자동 인식)"
    )

    quarantine = commands.add_parser("quarantine", help="검증에 실패해 보류된 기록")
    quarantine.add_argument("--json", action="store_true", help="한 줄에 한 기록씩 JSON으로 출력")
    q_commands = quarantine.add_subparsers(dest="q_command", metavar="ACTION")
    resubmit = q_commands.add_parser("resubmit", help="값을 고쳐 다시 등록합니다")
    resubmit.add_argument("id", type=int)
    resubmit.add_argument(
        "--set", action="append", default=[], metavar="머리글=값", help="고칠 값 (여러 번 가능)"
    )
    discard = q_commands.add_parser("discard", help="기록을 폐기합니다")
    discard.add_argument("id", type=int)

    due = commands.add_parser("due", help="기한이 지났거나 다가오는 사례와 그 이유")
    due.add_argument("--json", action="store_true", help="한 줄에 한 사례씩 JSON으로 출력")
    due.add_argument("--days", type=int, default=7, metavar="N", help="앞으로 N일 안 (기본 7)")

    review = commands.add_parser("review", help="연결 검토 대기 목록과 결정")
    review.add_argument("--json", action="store_true", help="한 줄에 한 알림씩 JSON으로 출력")
    review_commands = review.add_subparsers(dest="review_command", metavar="ACTION")
    for action, text in (("accept", "제안대로 같은 가구로 연결"), ("reject", "다른 가구로 판단")):
        decide = review_commands.add_parser(action, help=text)
        decide.add_argument("suggestion", type=int, metavar="SUGGESTION_ID")
        decide.add_argument("--reason", help="결정 이유")

    case = commands.add_parser("case", help="사례 병합과 알림 분리, 연결 결정 목록")
    case_commands = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    merge = case_commands.add_parser("merge", help="OTHER 사례를 KEEP 사례에 병합")
    merge.add_argument("keep", type=int, metavar="KEEP")
    merge.add_argument("other", type=int, metavar="OTHER")
    merge.add_argument("--reason")
    split = case_commands.add_parser("split", help="알림을 사례에서 분리")
    split.add_argument("case", type=int, metavar="CASE")
    split.add_argument("alerts", type=int, nargs="+", metavar="ALERT_ID")
    split.add_argument("--into", type=int, metavar="CASE", help="옮길 사례 (없으면 새 사례)")
    split.add_argument("--reason")
    transfer = case_commands.add_parser("transfer", help="사례를 다른 행정복지센터로 이관합니다")
    transfer.add_argument("case", type=int, metavar="CASE")
    transfer.add_argument("--to", required=True, metavar="CODE", help="받을 센터 (코드 또는 동)")
    transfer.add_argument("--reason", required=True, help="이관 이유 (기록에 남습니다)")
    confirm = case_commands.add_parser(
        "confirm", help="관할 확인 필요 사례(또는 이사 확인)를 지금 센터의 사례로 확인합니다"
    )
    confirm.add_argument("case", type=int, metavar="CASE")
    listed = case_commands.add_parser(
        "decisions", help="사례의 연결·병합·분리 결정 (자동과 직원), 되돌릴 번호와 함께"
    )
    listed.add_argument("case", type=int, metavar="CASE")
    listed.add_argument("--json", action="store_true", help="한 줄에 결정 하나씩 JSON")

    undo = commands.add_parser("undo", help="연결 결정을 되돌립니다")
    undo.add_argument("decision", type=int, metavar="DECISION_ID")
    undo.add_argument("--reason")

    inbox = commands.add_parser("inbox", help="받은 파일 폴더의 파일을 가져와 정리합니다 (한 번)")
    inbox.add_argument("--folder", type=Path, help="폴더 (없으면 설정의 inbox_folder)")

    config = commands.add_parser("config", help="이 PC의 설정을 보거나 바꿉니다")
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION")
    config_set = config_commands.add_parser("set", help="설정 값을 바꿉니다")
    config_set.add_argument("key")
    config_set.add_argument("value")

    db = commands.add_parser("db", help="데이터베이스 관리")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="스키마를 최신으로 올립니다")
    db_commands.add_parser("check", help="스키마 상태를 확인합니다 (변경하지 않음)")
    backup = db_commands.add_parser("backup", help="암호화된 일관된 백업 파일을 만듭니다 (SQLite)")
    backup.add_argument("file", type=Path)
    restore = db_commands.add_parser("restore", help="백업을 검사한 뒤 데이터베이스를 되돌립니다")
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--other-database", action="store_true", help="다른 데이터베이스의 백업으로 바꿉니다"
    )

    centre = commands.add_parser("centre", help="행정복지센터와 관할 (관리자)")
    centre_commands = centre.add_subparsers(dest="centre_command", required=True)
    centre_add = centre_commands.add_parser("add", help="행정복지센터를 등록합니다")
    centre_add.add_argument("code", metavar="CODE", help="행정기관코드 (숫자 10자리)")
    centre_add.add_argument("--name", required=True, help="행정동 이름 (예: 좌1동)")
    centre_add.add_argument("--gu", required=True, help="구·군 (예: 해운대구)")
    centre_add.add_argument("--phone", help="대표 전화")
    centre_list = centre_commands.add_parser("list", help="행정복지센터와 관할 규칙 목록")
    centre_list.add_argument("--json", action="store_true", help="한 줄에 한 센터씩 JSON")
    centre_edit = centre_commands.add_parser("edit", help="이름, 구·군, 전화를 고칩니다")
    centre_edit.add_argument("code", metavar="CODE")
    centre_edit.add_argument("--name")
    centre_edit.add_argument("--gu")
    centre_edit.add_argument("--phone")
    for action, text in (("disable", "사용을 중지합니다"), ("enable", "다시 사용합니다")):
        centre_commands.add_parser(action, help=text).add_argument("code", metavar="CODE")
    for action, text in (("cover", "관할 규칙을 더합니다"), ("uncover", "관할 규칙을 뺍니다")):
        rule = centre_commands.add_parser(action, help=text)
        rule.add_argument("code", metavar="CODE")
        rule.add_argument(
            "--legal-dong", action="append", default=[], metavar="법정동", help="예: 좌동"
        )
        rule.add_argument(
            "--road",
            action="append",
            default=[],
            metavar="도로",
            help='"도로명[ 시작-끝][ 홀수|짝수]", 예: "좌동순환로 1-99 홀수"',
        )
        rule.add_argument(
            "--boundary",
            action="append",
            default=[],
            metavar="FILE.geojson",
            help="행정동 경계 (GeoJSON, WGS84)"
            + (" 또는 그 파일 이름, *" if action == "uncover" else ""),
        )
    centre_load = centre_commands.add_parser(
        "load", help="구청이 만든 CSV로 센터와 관할을 한꺼번에 등록합니다"
    )
    centre_load.add_argument("file", type=Path, metavar="FILE.csv")

    user = commands.add_parser("user", help="직원 계정")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    user_add = user_commands.add_parser(
        "add", help="계정을 만듭니다 (비밀번호는 입력창 또는 표준 입력)"
    )
    user_add.add_argument("username", metavar="NAME")
    user_add.add_argument("--role", required=True, choices=[r.value for r in Role])
    user_add.add_argument("--display-name", help="화면에 보일 이름")
    user_add.add_argument("--centre", help="소속 행정복지센터 (코드 또는 동 이름)")
    user_commands.add_parser("list", help="계정 목록")
    passwd = user_commands.add_parser("passwd", help="비밀번호를 바꿉니다")
    passwd.add_argument("username", metavar="NAME")
    for action, text in (("disable", "계정 사용을 멈춥니다"), ("enable", "계정을 다시 씁니다")):
        user_commands.add_parser(action, help=text).add_argument("username", metavar="NAME")

    audit_cmd = commands.add_parser("audit", help="개인정보 접속기록")
    audit_commands = audit_cmd.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_commands.add_parser("verify", help="접속기록이 변조되지 않았는지 확인합니다")
    review_log = audit_commands.add_parser("review", help="한 달의 특이 접속 점검표")
    review_log.add_argument("--month", required=True, metavar="YYYY-MM")
    review_log.add_argument("--json", action="store_true")

    keys = commands.add_parser("keys", help="암호화 키 내보내기·복원 (관리자)")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    key_commands.add_parser("export", help="암호 문구로 봉인한 키 파일을 씁니다").add_argument(
        "file", type=Path
    )
    key_import = key_commands.add_parser("import", help="키 파일을 이 PC의 키 저장소에 넣습니다")
    key_import.add_argument("file", type=Path)
    key_import.add_argument("--replace", action="store_true", help="이미 있는 다른 키를 바꿉니다")
    rotate = key_commands.add_parser(
        "rotate",
        help="데이터 암호화 키를 바꾸고 모든 암호화 값을 다시 암호화합니다 (작업 중단 없음)",
    )
    rotate.add_argument(
        "--finish", action="store_true", help="중간에 멈춘 교체를 마칩니다 (새 키를 만들지 않음)"
    )
    forget = key_commands.add_parser(
        "forget-local", help="이 PC의 데이터 폴더에 있는 데이터베이스의 키를 키 저장소에서 지웁니다"
    )
    forget.add_argument("--yes", action="store_true", help="정말 지웁니다 (제거 프로그램이 씀)")

    report = commands.add_parser("report", help="협의체 자료와 사례 카드 (PDF, XLSX)")
    report_commands = report.add_subparsers(dest="report_command", metavar="KIND", required=True)
    council = report_commands.add_parser("council", help="동 365 안전협의체 회의 자료")
    council.add_argument("--from", dest="first", required=True, type=_day, metavar="YYYY-MM-DD")
    council.add_argument("--to", dest="last", required=True, type=_day, metavar="YYYY-MM-DD")
    council.add_argument(
        "--meeting", type=_day, metavar="YYYY-MM-DD", help="회의일 (기본: 기간 끝)"
    )
    council.add_argument("--centre", help="행정복지센터 (코드 또는 동 이름; 기본: 내 센터)")
    card = report_commands.add_parser("case", help="사례 카드 (개인정보 포함, 권한 필요)")
    card.add_argument("case", type=int, metavar="CASE_ID")
    for sub in (council, card):
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        sub.add_argument("--reason", help="출력하는 이유 (필수; 접속기록에 남습니다)")

    export = commands.add_parser("export", help="시·구 보고와 사례 목록 (XLSX)")
    export_commands = export.add_subparsers(dest="export_command", metavar="KIND", required=True)
    city = export_commands.add_parser("city", help="시·구 보고 통계 (행정동 × 채널)")
    city.add_argument("--month", metavar="YYYY-MM")
    city.add_argument("--from", dest="first", type=_day, metavar="YYYY-MM-DD")
    city.add_argument("--to", dest="last", type=_day, metavar="YYYY-MM-DD")
    case_list = export_commands.add_parser("cases", help="사례 목록")
    for sub in (city, case_list):
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        sub.add_argument("--reason", help="내려받는 이유 (필수; 접속기록에 남습니다)")
        sub.add_argument("--reveal", action="store_true", help="이름 등을 가리지 않음 (권한 필요)")

    retention = commands.add_parser("retention", help="보존기간이 지난 종결 사례의 개인정보 익명화")
    retention.add_argument("--years", type=int, help="보존기간 (년, 기본: 설정값 또는 5)")
    retention.add_argument(
        "--apply", action="store_true", help="실제로 익명화합니다 (없으면 미리보기)"
    )
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 2026-11-30처럼 적어 주십시오: '{text}'") from None


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop.config import clear_leftovers, private_files

    private_files()
    try:
        url = resolve_database_url(args.db)
        beside = (
            [Path(url.database).parent]
            if url.get_backend_name() == "sqlite" and url.database
            else []
        )
        clear_leftovers(*beside)
    except Exception:  # a URL that does not parse is told by the command itself
        pass
    if args.self_test:
        from desktop.upkeep.selftest import run as self_test

        return self_test(out, verbose=args.debug)
    if args.command is None:
        from ui.app import run_client  # the GUI is imported only when the client starts

        return run_client(args.db)
    handler = COMMANDS[args.command]
    try:
        return handler(args, out)
    except USER_ERRORS as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `anbu cases --json | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("중단했습니다.", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        if isinstance(told := as_told(exc), DatabaseProblem):  # a full disk, a lost server
            print(f"오류: {told}.", file=sys.stderr)
            return EXIT_ERROR
        print(
            f"오류: 예기치 못한 문제가 생겼습니다 ({type(exc).__name__}: {exc}). "
            "--debug를 붙여 다시 실행하면 자세한 내용이 나옵니다.",
            file=sys.stderr,
        )
        return EXIT_ERROR


class TerminalProgress:
    """One progress line on standard error, redrawn at most a few times a second, and only
    when standard error is a terminal (scripts and logs get the summary alone)."""

    def __init__(self, interval: float = 0.3) -> None:
        self._interval = interval
        self._shown_at = 0.0
        self._width = 0
        self._active = sys.stderr.isatty()

    def show(self, text: str) -> None:
        now = time.perf_counter()
        if self._active and now - self._shown_at >= self._interval:
            self._shown_at = now
            self._width = max(self._width, len(text))
            print(f"\r{text:<{self._width}}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self._active and self._width:
            print("\r" + " " * self._width + "\r", end="", file=sys.stderr, flush=True)
            self._width = 0


def _open(args: argparse.Namespace, *, sign_in: bool = True) -> AppContext:
    """The database, with the account of ``ANBU_USER``/``ANBU_PASSWORD`` (or asked for at
    the terminal) signed in."""
    ctx = open_database(resolve_database_url(args.db))
    if sign_in:
        try:
            _sign_in(ctx)
        except BaseException:
            ctx.close()
            raise
    return ctx


def _sign_in(ctx: AppContext) -> None:
    from desktop.security import accounts

    if not accounts.count_accounts(ctx):
        raise AccountError(
            "이 데이터베이스에는 아직 계정이 없습니다. 먼저 관리자를 만드십시오: "
            "anbu user add 아이디 --role admin"
        )
    username = os.environ.get("ANBU_USER")
    password = os.environ.get("ANBU_PASSWORD")
    if not username or password is None:
        if not sys.stdin.isatty():
            raise NotSignedInError()
        username = username or input("아이디: ")
        password = getpass.getpass("비밀번호: ")
    accounts.sign_in(ctx, username, password)


def _new_secret(prompt: str, env: str) -> str:
    """A new password or passphrase: from ``env``, typed twice at a terminal, or the first
    line of standard input."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin.isatty():
        first = getpass.getpass(f"{prompt}: ")
        if getpass.getpass(f"{prompt} 확인: ") != first:
            raise UsageError("두 번 입력한 값이 다릅니다.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _secret(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(f"{prompt}: ")
    return sys.stdin.readline().rstrip("\r\n")


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.demo import populate

    if args.households < 1:
        raise UsageError("--households는 1 이상이어야 합니다.")
    with _open(args, sign_in=False) as ctx:
        from desktop.security import accounts

        if args.if_empty:
            with ctx.session() as session:
                if count_cases(session):
                    return EXIT_OK  # nothing read, nothing written: no sign-in needed
        if accounts.count_accounts(ctx):
            _sign_in(ctx)  # a database with accounts: only an admin fills it
            require(ctx, Permission.ADMINISTER)
        started = time.perf_counter()
        line = TerminalProgress()
        labels = {"import": "가구별 알림 등록", "cases": "사례 처리"}

        def progress(stage: str, done: int, total: int) -> None:
            line.show(f"{labels.get(stage, stage)}: {done:,}/{total:,}")

        summary = populate(ctx, households=args.households, seed=args.seed, progress=progress)
        line.clear()
        elapsed = time.perf_counter() - started
        print(
            f"데모 데이터를 만들었습니다: 행정복지센터 {summary.centres}곳, 직원 {summary.staff}명, "
            f"가구 {summary.households:,}, 알림 {summary.records.new:,}건, 사례 {summary.cases:,}건 "
            f"({elapsed:.1f}초)",
            file=out,
        )
    return EXIT_OK


def _cmd_cases(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.caselist import iter_cases

    if args.reason and not args.reveal:
        raise UsageError("--reason은 --reveal과 함께 씁니다.")
    with _open(args) as ctx:
        items = iter_cases(ctx, reveal=args.reveal, reason=args.reason)
        if args.json:
            write = out.write
            for item in items:
                write(json.dumps(item, ensure_ascii=False))
                write("\n")
        else:
            for item in items:
                print(
                    f"{item['id']:>7}  {item['status']:<14} {item['risk']:<8} "
                    f"{item['dong'] or '-':<8} {item.get('full_name') or item['name']:<6} "
                    f"{'기한초과' if item['overdue'] else ''}",
                    file=out,
                )
        out.flush()
    return EXIT_OK


def _cmd_db(args: argparse.Namespace, out: TextIO) -> int:
    from db.engine import make_engine
    from db.migrate import upgrade
    from desktop.upkeep import backup

    url = resolve_database_url(args.db)
    if args.db_command == "backup":
        with _open(args) as ctx:
            size = backup.backup(ctx, url, args.file)
        print(f"암호화해 백업했습니다: {args.file} ({size:,} 바이트)", file=out)
        return EXIT_OK
    if args.db_command == "restore":
        current: AppContext | None = None
        if backup.sqlite_file_exists(url):
            try:
                current = _open(args)  # an administrator of the database being replaced
            except (SchemaTooNewError, KeysMissingError, WrongKeysError, KeyCheckMissingError):
                current = None  # beyond opening: an administrator of the backup decides
            except Exception as exc:
                if isinstance(exc, (AccountError, NotSignedInError, AccessDeniedError)):
                    raise
                current = None
        try:
            if current is not None:
                require(current, Permission.ADMINISTER)
            result = backup.restore(
                url, args.file, current=current, sign_in=_sign_in,
                other_database=args.other_database,
            )  # fmt: skip
        finally:
            if current is not None:
                current.close()
        kept = (
            f" 이전 데이터베이스는 {result.previous_kept_as}에 두었습니다."
            if result.previous_kept_as
            else ""
        )
        print(f"{result.created_at} 백업으로 되돌렸습니다: {result.restored_to}.{kept}", file=out)
        return EXIT_OK
    engine = make_engine(url)
    try:
        if args.db_command == "check":
            status = schema_status(engine)
            print(f"{describe_url(url)}: {status.describe()}", file=out)
            return EXIT_OK if status.state is SchemaState.CURRENT else EXIT_ERROR
        status = upgrade(engine)
        print(f"{describe_url(url)}: {status.describe()}", file=out)
        return EXIT_OK
    finally:
        engine.dispose()


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.intake.ingest import IngestCounts
    from desktop.intake.readers import FileUnreadableError
    from desktop.intake.service import ImportStoppedError, import_file

    channel = Channel(args.channel) if args.channel else None
    exit_code = EXIT_OK
    with _open(args) as ctx:
        for path in args.files:
            line = TerminalProgress()

            def progress(
                counts: IngestCounts, name: str = path.name, line: TerminalProgress = line
            ) -> None:
                line.show(f"{name}: {counts.read:,}건 처리")

            try:
                result = import_file(ctx, path, channel=channel, progress=progress)
            except FileUnreadableError as exc:
                line.clear()
                print(f"읽지 못함: {exc}", file=sys.stderr)
                exit_code = EXIT_UNREADABLE
                continue
            except ImportStoppedError as exc:
                line.clear()
                print(f"멈춤: {exc}", file=sys.stderr)
                exit_code = exit_code or EXIT_ERROR
                continue
            line.clear()
            print(result.summary(), file=out)
    return exit_code


def _cmd_quarantine(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.intake import quarantine

    with _open(args) as ctx:
        if args.q_command == "resubmit":
            entry = next((e for e in quarantine.list_entries(ctx) if e.id == args.id), None)
            if entry is None:
                raise UsageError(f"보류 중인 기록 {args.id}번을 찾을 수 없습니다.")
            raw = dict(entry.raw)
            for assignment in args.set:
                header, sep, value = assignment.partition("=")
                if not sep:
                    raise UsageError(f"'{assignment}': 머리글=값 형식이어야 합니다.")
                raw[header] = value
            result = quarantine.resubmit(ctx, args.id, raw)
            if result.accepted:
                print(f"{args.id}번 기록을 다시 등록했습니다.", file=out)
                return EXIT_OK
            print(f"{args.id}번 기록이 아직 올바르지 않습니다:", file=out)
            for reason in result.reasons:
                print(f"  - {reason}", file=out)
            return EXIT_ERROR
        if args.q_command == "discard":
            quarantine.discard(ctx, args.id)
            print(f"{args.id}번 기록을 폐기했습니다.", file=out)
            return EXIT_OK
        for entry in quarantine.list_entries(ctx):
            if args.json:
                out.write(json.dumps(entry.as_json(), ensure_ascii=False, default=str) + "\n")
            else:
                where = f"{entry.file_name}:{entry.row_number or '-'}"
                print(f"{entry.id:>6}  {where}  {entry.source_id or '(번호 없음)'}", file=out)
                for reason in entry.reasons:
                    print(f"        - {reason}", file=out)
        out.flush()
    return EXIT_OK


def _cmd_inbox(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.intake.inbox import scan
    from desktop.settings import INBOX_FOLDER, MachineSettings

    configured = MachineSettings().get(INBOX_FOLDER)
    folder: Path | None = args.folder or (Path(configured) if configured else None)
    if folder is None:
        raise UsageError("받은 파일 폴더가 설정되지 않았습니다: anbu config set inbox_folder 폴더")
    if not folder.is_dir():
        raise UsageError(f"폴더가 없습니다: {folder}")
    with _open(args) as ctx:
        outcomes = scan(ctx, folder)
    for outcome in outcomes:
        print(f"{outcome.summary()} → {outcome.moved_to.parent.name}/", file=out)
    if not outcomes:
        print(f"{folder}: 가져올 파일이 없습니다.", file=out)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_UNREADABLE


def _cmd_config(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.settings import SETTINGS, MachineSettings

    settings = MachineSettings()
    if args.config_command == "set":
        setting = settings.set_text(args.key, args.value)
        print(f"{setting.key} = {settings.get(setting)!r} ({settings.path})", file=out)
        return EXIT_OK
    for setting in SETTINGS.values():
        print(f"{setting.key} = {settings.get(setting)!r}  # {setting.label}", file=out)
    return EXIT_OK


def _cmd_due(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.casework.due import due_items

    if args.days < 0:
        raise UsageError("--days는 0 이상이어야 합니다.")
    with _open(args) as ctx:
        items = due_items(ctx, within_days=args.days)
    for item in items:
        if args.json:
            out.write(json.dumps(item.as_json(), ensure_ascii=False) + "\n")
        else:
            mark = "기한초과" if item.overdue else "예정"
            print(f"사례 {item.case_id:>7}  {mark}  {'; '.join(item.reasons)}", file=out)
    return EXIT_OK


def _cmd_review(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.linking import decisions

    with _open(args) as ctx:
        if args.review_command in ("accept", "reject"):
            act = decisions.accept if args.review_command == "accept" else decisions.reject
            decision = act(ctx, args.suggestion, reason=args.reason)
            print(f"결정 {decision}번으로 기록했습니다 (되돌리기: anbu undo {decision}).", file=out)
            return EXIT_OK
        for item in decisions.review_queue(ctx):
            if args.json:
                out.write(json.dumps(item.as_json(), ensure_ascii=False) + "\n")
                continue
            print(
                f"알림 {item.alert_id} ({item.channel.label} {item.source_id}, {item.name or '이름 없음'})"
                f" — 임시 사례 {item.case_id}",
                file=out,
            )
            for c in item.candidates:
                print(
                    f"  제안 {c.suggestion_id}: 사례 {c.case_id or '-'} {c.name} 점수 {c.score}"
                    f" — {', '.join(c.reasons)}",
                    file=out,
                )
    return EXIT_OK


def _cmd_case(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.casework.detail import case_detail
    from desktop.linking import decisions

    with _open(args) as ctx:
        if args.case_command == "decisions":
            for line in case_detail(ctx, args.case).decisions:
                if args.json:
                    item = {**vars(line), "decided_at": line.decided_at.isoformat()}
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
                else:
                    state = " (되돌림)" if line.undone else ""
                    print(
                        f"결정 {line.id}  {format_kst(line.decided_at)}  {line.kind}{state}  "
                        f"{line.by}  {line.reason}",
                        file=out,
                    )
        elif args.case_command == "transfer":
            from desktop.casework.transfer import transfer_case

            name = transfer_case(ctx, args.case, args.to, args.reason)
            print(f"사례 {args.case}번을 {name}로 이관했습니다.", file=out)
        elif args.case_command == "confirm":
            from desktop.casework.transfer import confirm_centre

            name = confirm_centre(ctx, args.case)
            print(f"사례 {args.case}번을 {name} 관할로 확인했습니다.", file=out)
        elif args.case_command == "merge":
            decision = decisions.merge(ctx, args.keep, args.other, reason=args.reason)
            print(
                f"사례 {args.other}번을 {args.keep}번에 병합했습니다 (결정 {decision}번).", file=out
            )
        else:
            decision, target = decisions.split(
                ctx, args.case, args.alerts, into_case_id=args.into, reason=args.reason
            )
            print(f"알림을 사례 {target}번으로 분리했습니다 (결정 {decision}번).", file=out)
    return EXIT_OK


def _cmd_undo(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.linking import decisions

    with _open(args) as ctx:
        record = decisions.undo(ctx, args.decision, reason=args.reason)
    print(f"결정 {args.decision}번을 되돌렸습니다 (기록 {record}번).", file=out)
    return EXIT_OK


def _cmd_centre(args: argparse.Namespace, out: TextIO) -> int:
    from desktop import centres
    from desktop.security import accounts

    with _open(args, sign_in=False) as ctx:
        # Before the first account exists an office may be set up in either order.
        if accounts.count_accounts(ctx):
            _sign_in(ctx)
        command = args.centre_command
        if command == "list":
            if ctx.actor is None:
                _sign_in(ctx)
            for info in centres.list_centres(ctx):
                if args.json:
                    out.write(json.dumps(info.as_json(), ensure_ascii=False) + "\n")
                else:
                    state = "" if info.active else " (사용 중지)"
                    rules = "; ".join(info.rules) or "관할 규칙 없음"
                    print(f"{info.code}  {info.gu} {info.name}{state}  — {rules}", file=out)
            return EXIT_OK
        if command == "add":
            info = centres.add_centre(ctx, args.code, name=args.name, gu=args.gu, phone=args.phone)
            print(f"{info.title}({info.code})를 등록했습니다.", file=out)
        elif command == "edit":
            info = centres.edit_centre(ctx, args.code, name=args.name, gu=args.gu, phone=args.phone)
            print(f"{info.title}({info.code})를 고쳤습니다.", file=out)
        elif command in ("disable", "enable"):
            info = centres.set_active(ctx, args.code, command == "enable")
            state = "다시 사용합니다" if info.active else "사용을 중지했습니다"
            print(f"{info.title}({info.code}): {state}.", file=out)
        elif command == "cover":
            info = centres.cover(
                ctx, args.code, legal_dongs=args.legal_dong, roads=args.road,
                boundaries=[Path(p) for p in args.boundary],
            )  # fmt: skip
            print(f"{info.title} 관할: {'; '.join(info.rules)}", file=out)
        elif command == "uncover":
            info = centres.uncover(
                ctx, args.code, legal_dongs=args.legal_dong, roads=args.road,
                boundaries=args.boundary,
            )  # fmt: skip
            print(f"{info.title} 관할: {'; '.join(info.rules) or '없음'}", file=out)
        else:
            summary = centres.load_csv(ctx, args.file)
            print(
                f"{args.file.name}: {summary.rows:,}행, 새 센터 {summary.centres_added:,}곳, "
                f"새 관할 규칙 {summary.rules_added:,}개",
                file=out,
            )
    return EXIT_OK


def _cmd_user(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.security import accounts

    with _open(args, sign_in=False) as ctx:
        if args.user_command == "add":
            if accounts.count_accounts(ctx):
                _sign_in(ctx)
            password = _new_secret("새 비밀번호", "ANBU_NEW_PASSWORD")
            user_id = accounts.add_user(
                ctx, args.username, password, role=Role(args.role),
                display_name=args.display_name, centre=args.centre,
            )  # fmt: skip
            print(
                f"계정 '{args.username}'({Role(args.role).label})을 만들었습니다 (번호 {user_id}).",
                file=out,
            )
            return EXIT_OK
        _sign_in(ctx)
        if args.user_command == "list":
            for account in accounts.list_accounts(ctx):
                state = "중지" if not account.active else ("잠김" if account.locked else "사용")
                print(
                    f"{account.username:<16} {account.display_name:<8} {account.role.label:<4} "
                    f"{account.centre or '-'}  {state}",
                    file=out,
                )
        elif args.user_command == "passwd":
            accounts.set_password(
                ctx, args.username, _new_secret("새 비밀번호", "ANBU_NEW_PASSWORD")
            )
            print(f"'{args.username}'의 비밀번호를 바꿨습니다.", file=out)
        else:
            accounts.set_active(ctx, args.username, args.user_command == "enable")
            print(
                f"'{args.username}' 계정을 {'사용' if args.user_command == 'enable' else '중지'}합니다.",
                file=out,
            )
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.security import audit

    with _open(args) as ctx:
        if args.audit_command == "verify":
            result = audit.verify(ctx)
            print(result.describe(), file=out if result.ok else sys.stderr)
            return EXIT_OK if result.ok else EXIT_ERROR
        try:
            findings = audit.review(ctx, args.month)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        for finding in findings:
            if args.json:
                out.write(json.dumps(finding.as_json(), ensure_ascii=False) + "\n")
                continue
            print(
                f"[{finding.kind}] {finding.username}: {finding.count:,}건 — {finding.detail}",
                file=out,
            )
            for example in finding.examples:
                print(f"    {example}", file=out)
        if not findings and not args.json:
            print(f"{args.month}: 특이한 접속이 없습니다.", file=out)
    return EXIT_OK


def _cmd_keys(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.security import keyfile

    if args.keys_command == "rotate":
        from desktop.security import rotation

        with _open(args) as ctx:
            line = TerminalProgress()
            work = rotation.finish if args.finish else rotation.rotate
            report = work(ctx, lambda name, done: line.show(f"{name}: {done:,}"))
            line.clear()
        print(report.describe(), file=out)
        print(
            "공유 데이터베이스라면 다른 PC에 새 키를 옮기십시오: anbu keys export / import",
            file=out,
        )
        return EXIT_OK
    if args.keys_command == "forget-local":
        if not args.yes:
            raise UsageError(
                "키를 지우면 그 데이터베이스는 다시 열 수 없습니다. 정말이면 --yes를 붙이십시오."
            )
        for identity, path in keyfile.forget_local_keys():
            print(f"{path.name}: 키를 지웠습니다 ({identity})", file=out)
        return EXIT_OK
    if args.keys_command == "import":
        from desktop.context import database_keys

        passphrase = _secret("암호 문구", "ANBU_KEY_PASSPHRASE")
        url = resolve_database_url(args.db)
        allowed = False
        if args.replace:  # replacing working keys: an administrator, with the keys in use
            with _open(args) as ctx:
                require(ctx, Permission.ADMINISTER)
                allowed = True
        identity = keyfile.import_keys(
            args.file, passphrase, replace=args.replace, database=database_keys(url),
            replace_allowed=allowed,
        )  # fmt: skip
        print(f"데이터베이스 {identity}의 키를 이 PC의 키 저장소에 넣었습니다.", file=out)
        return EXIT_OK
    with _open(args) as ctx:
        require(ctx, Permission.ADMINISTER)
        passphrase = _new_secret("암호 문구", "ANBU_KEY_PASSPHRASE")
        from db.enums import AccessAction
        from desktop.security import audit

        with audit.logged_file(ctx, args.file, AccessAction.DOWNLOAD, "keys", reason=None) as (
            staging,
            detail,
        ):
            keyfile.export_keys(ctx.identity, passphrase, staging)
            detail.append(f"키 내보내기 {args.file.name}")
    print(f"키를 봉인해 저장했습니다: {args.file} (암호 문구 없이는 열리지 않습니다)", file=out)
    return EXIT_OK


def _cmd_retention(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.upkeep.retention import purge

    with _open(args) as ctx:
        report = purge(ctx, years=args.years, apply=args.apply)
    print(report.describe(), file=out)
    if report.case_ids:
        shown = ", ".join(str(i) for i in report.case_ids[:50])
        more = f" 외 {len(report.case_ids) - 50:,}건" if len(report.case_ids) > 50 else ""
        print(f"사례 번호: {shown}{more}", file=out)
    return EXIT_OK


def _reason(args: argparse.Namespace, what: str) -> str | None:
    """A reason from --reason, or asked for at a terminal."""
    if args.reason or not sys.stdin.isatty():
        return args.reason  # type: ignore[no-any-return]
    return input(f"{what} 이유: ")


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from desktop import reporting

    with _open(args) as ctx:
        if args.report_command == "council":
            period = reporting.Period(args.first, args.last)
            packet = reporting.write_council(
                ctx, period, args.output, reason=_reason(args, "출력하는"),
                meeting_on=args.meeting, centre=args.centre,
            )  # fmt: skip
            print(
                f"{packet.dong} 협의체 자료를 만들었습니다: {args.output} "
                f"(알림 {packet.total_alerts:,}건, 안건 {len(packet.agenda)}건)",
                file=out,
            )
        else:
            reporting.write_case_card(ctx, args.case, args.output, reason=_reason(args, "출력하는"))
            print(f"사례 {args.case}번 카드를 만들었습니다: {args.output}", file=out)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from desktop import reporting

    with _open(args) as ctx:
        if args.export_command == "city":
            if args.month and (args.first or args.last):
                raise UsageError("--month와 --from/--to 중 하나만 쓰십시오.")
            if args.month:
                period = reporting.Period.month(args.month)
            elif args.first and args.last:
                period = reporting.Period(args.first, args.last)
            else:
                raise UsageError("--month YYYY-MM 또는 --from/--to로 기간을 정해 주십시오.")
            report = reporting.export_city(
                ctx, period, args.output, reason=_reason(args, "내려받는"), reveal=args.reveal
            )
            totals = report.totals()
            print(
                f"시·구 보고를 만들었습니다: {args.output} ({report.period}, 사례 {totals[1]:,}건)",
                file=out,
            )
        else:
            count = reporting.export_cases(
                ctx, args.output, reason=_reason(args, "내려받는"), reveal=args.reveal
            )
            print(f"사례 목록 {count:,}건을 내보냈습니다: {args.output}", file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "report": _cmd_report,
    "export": _cmd_export,
    "user": _cmd_user,
    "centre": _cmd_centre,
    "audit": _cmd_audit,
    "keys": _cmd_keys,
    "retention": _cmd_retention,
    "due": _cmd_due,
    "review": _cmd_review,
    "case": _cmd_case,
    "undo": _cmd_undo,
    "inbox": _cmd_inbox,
    "config": _cmd_config,
    "import": _cmd_import,
    "quarantine": _cmd_quarantine,
    "demo": _cmd_demo,
    "cases": _cmd_cases,
    "db": _cmd_db,
}


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
