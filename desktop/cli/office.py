"""``anbu`` — 사무실: 행정복지센터와 관할, 직원 계정, 이 PC의 설정."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from db.enums import Role
from desktop.cli.terminal import (
    EXIT_OK,
    new_secret,
    open_signed_in,
    terminal_sign_in,
)
from desktop.korean import joined


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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

    config = commands.add_parser("config", help="이 PC의 설정을 보거나 바꿉니다")
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION")
    config_set = config_commands.add_parser("set", help="설정 값을 바꿉니다")
    config_set.add_argument("key")
    config_set.add_argument("value")


def _cmd_centre(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.office import centres
    from desktop.security import accounts

    with open_signed_in(args, sign_in=False) as ctx:
        # Before the first account exists an office may be set up in either order.
        if accounts.count_accounts(ctx):
            terminal_sign_in(ctx)
        command = args.centre_command
        if command == "list":
            if ctx.actor is None:
                terminal_sign_in(ctx)
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
            print(f"{joined(f'{info.title}({info.code})', '을')} 등록했습니다.", file=out)
        elif command == "edit":
            info = centres.edit_centre(ctx, args.code, name=args.name, gu=args.gu, phone=args.phone)
            print(f"{joined(f'{info.title}({info.code})', '을')} 고쳤습니다.", file=out)
        elif command in ("disable", "enable"):
            info = centres.set_active(ctx, args.code, command == "enable")
            state = "다시 사용합니다" if info.active else "사용을 중지했습니다"
            print(f"{info.title}({info.code}): {state}.", file=out)
        elif command == "cover":
            info = centres.cover(
                ctx,
                args.code,
                legal_dongs=args.legal_dong,
                roads=args.road,
                boundaries=[Path(p) for p in args.boundary],
            )
            print(f"{info.title} 관할: {'; '.join(info.rules)}", file=out)
        elif command == "uncover":
            info = centres.uncover(
                ctx,
                args.code,
                legal_dongs=args.legal_dong,
                roads=args.road,
                boundaries=args.boundary,
            )
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

    with open_signed_in(args, sign_in=False) as ctx:
        if args.user_command == "add":
            if accounts.count_accounts(ctx):
                terminal_sign_in(ctx)
            password = new_secret("새 비밀번호", "ANBU_NEW_PASSWORD")
            user_id = accounts.add_user(
                ctx,
                args.username,
                password,
                role=Role(args.role),
                display_name=args.display_name,
                centre=args.centre,
            )
            made = f"계정 '{args.username}'({Role(args.role).label})"
            print(f"{joined(made, '을')} 만들었습니다 (번호 {user_id}).", file=out)
            return EXIT_OK
        terminal_sign_in(ctx)
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
                ctx, args.username, new_secret("새 비밀번호", "ANBU_NEW_PASSWORD")
            )
            print(f"'{args.username}'의 비밀번호를 바꿨습니다.", file=out)
        else:
            accounts.set_active(ctx, args.username, args.user_command == "enable")
            print(
                f"'{args.username}' 계정을 {'사용' if args.user_command == 'enable' else '중지'}합니다.",
                file=out,
            )
    return EXIT_OK


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


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "centre": _cmd_centre,
    "user": _cmd_user,
    "config": _cmd_config,
}
