"""``anbu`` — 보안: 접속기록과 암호화 키."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from desktop.cli.terminal import (
    EXIT_ERROR,
    EXIT_OK,
    TerminalProgress,
    UsageError,
    new_secret,
    open_signed_in,
    secret,
)
from desktop.config import resolve_database_url
from desktop.security.access import Permission, require


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.security import audit

    with open_signed_in(args) as ctx:
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

        with open_signed_in(args) as ctx:
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

        passphrase = secret("암호 문구", "ANBU_KEY_PASSPHRASE")
        url = resolve_database_url(args.db)
        allowed = False
        if args.replace:  # replacing working keys: an administrator, with the keys in use
            with open_signed_in(args) as ctx:
                require(ctx, Permission.ADMINISTER)
                allowed = True
        identity = keyfile.import_keys(
            args.file,
            passphrase,
            replace=args.replace,
            database=database_keys(url),
            replace_allowed=allowed,
        )
        print(f"데이터베이스 {identity}의 키를 이 PC의 키 저장소에 넣었습니다.", file=out)
        return EXIT_OK
    with open_signed_in(args) as ctx:
        require(ctx, Permission.ADMINISTER)
        passphrase = new_secret("암호 문구", "ANBU_KEY_PASSPHRASE")
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


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "audit": _cmd_audit,
    "keys": _cmd_keys,
}
