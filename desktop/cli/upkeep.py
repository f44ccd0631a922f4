"""``anbu`` — 관리: 데이터베이스, 보존기간, 데모 데이터."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from db.migrate import (
    SchemaState,
    SchemaTooNewError,
    schema_status,
)
from db.queries import count_cases
from desktop.cli.terminal import (
    EXIT_ERROR,
    EXIT_OK,
    TerminalProgress,
    UsageError,
    open_signed_in,
    terminal_sign_in,
)
from desktop.config import describe_url, resolve_database_url
from desktop.context import AppContext, KeyCheckMissingError, WrongKeysError
from desktop.security.access import AccessDeniedError, NotSignedInError, Permission, require
from desktop.security.accounts import AccountError
from desktop.security.secrets import KeysMissingError


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help="데이터베이스 관리")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("create", help="새 데이터베이스를 만듭니다 (없는 폴더도)")
    db_commands.add_parser("upgrade", help="스키마를 최신으로 올립니다")
    db_commands.add_parser("check", help="스키마 상태를 확인합니다 (변경하지 않음)")
    grant = db_commands.add_parser(
        "grant",
        help="PostgreSQL 앱 역할에 사례 데이터 읽기·쓰기만 줍니다 (소유자 계정의 --db로 실행)",
    )
    grant.add_argument("role", help="프로그램이 접속할 역할 (예: anbu_app)")
    backup = db_commands.add_parser("backup", help="암호화된 일관된 백업 파일을 만듭니다 (SQLite)")
    backup.add_argument("file", type=Path)
    restore = db_commands.add_parser("restore", help="백업을 검사한 뒤 데이터베이스를 되돌립니다")
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--other-database", action="store_true", help="다른 데이터베이스의 백업으로 바꿉니다"
    )

    retention = commands.add_parser("retention", help="보존기간이 지난 종결 사례의 개인정보 익명화")
    retention.add_argument("--years", type=int, help="보존기간 (년, 기본: 설정값 또는 5)")
    retention.add_argument(
        "--apply", action="store_true", help="실제로 익명화합니다 (없으면 미리보기)"
    )

    demo = commands.add_parser("demo", help="빈 데이터베이스에 부산 가상 데이터를 채웁니다")
    demo.add_argument("--households", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--if-empty", action="store_true", help="사례가 이미 있으면 아무것도 하지 않습니다"
    )


def _cmd_db(args: argparse.Namespace, out: TextIO) -> int:
    from db.engine import make_engine
    from db.migrate import upgrade
    from desktop.upkeep import backup

    url = resolve_database_url(args.db, create=args.db_command in ("create", "restore"))
    if args.db_command == "create":
        from desktop.context import open_database

        if backup.sqlite_file_exists(url):
            raise UsageError(f"이미 있는 데이터베이스입니다: {describe_url(url)}")
        with open_database(url):
            pass
        print(f"데이터베이스를 만들었습니다: {describe_url(url)}", file=out)
        return EXIT_OK
    if args.db_command == "backup":
        with open_signed_in(args) as ctx:
            size = backup.backup(ctx, url, args.file)
        print(f"암호화해 백업했습니다: {args.file} ({size:,} 바이트)", file=out)
        return EXIT_OK
    if args.db_command == "restore":
        current: AppContext | None = None
        if backup.sqlite_file_exists(url):
            try:
                current = open_signed_in(args)  # an administrator of the database being replaced
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
                url,
                args.file,
                current=current,
                sign_in=terminal_sign_in,
                other_database=args.other_database,
            )
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
        if args.db_command == "grant":
            from db.roles import grant_app_role

            schema = grant_app_role(engine, args.role)
            print(
                f"{args.role} 역할에 {schema} 스키마의 사례 데이터 읽기·쓰기를 주었습니다 "
                "(스키마 변경·트리거·TRUNCATE·접속기록 수정과 삭제는 할 수 없습니다).",
                file=out,
            )
            return EXIT_OK
        if args.db_command == "check":
            status = schema_status(engine)
            print(f"{describe_url(url)}: {status.describe()}", file=out)
            return EXIT_OK if status.state is SchemaState.CURRENT else EXIT_ERROR
        status = upgrade(engine)
        print(f"{describe_url(url)}: {status.describe()}", file=out)
        return EXIT_OK
    finally:
        engine.dispose()


def _cmd_retention(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.upkeep.retention import purge

    with open_signed_in(args) as ctx:
        report = purge(ctx, years=args.years, apply=args.apply)
    print(report.describe(), file=out)
    if report.case_ids:
        shown = ", ".join(str(i) for i in report.case_ids[:50])
        more = f" 외 {len(report.case_ids) - 50:,}건" if len(report.case_ids) > 50 else ""
        print(f"사례 번호: {shown}{more}", file=out)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.demo import populate

    if args.households < 1:
        raise UsageError("--households는 1 이상이어야 합니다.")
    with open_signed_in(args, sign_in=False) as ctx:
        from desktop.security import accounts

        if args.if_empty:
            with ctx.session() as session:
                if count_cases(session):
                    return EXIT_OK  # nothing read, nothing written: no sign-in needed
        if accounts.count_accounts(ctx):
            terminal_sign_in(ctx)  # a database with accounts: only an admin fills it
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


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "db": _cmd_db,
    "retention": _cmd_retention,
    "demo": _cmd_demo,
}
