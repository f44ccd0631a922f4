"""``anbu`` — 가져오기: 채널 파일, 보류 기록, 받은 파일 폴더."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from db.enums import Channel
from desktop.cli.terminal import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_UNREADABLE,
    TerminalProgress,
    UsageError,
    open_signed_in,
)
from desktop.intake.channels import CHANNELS  # the channels files are read for


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = commands.add_parser("import", help="채널 파일(csv, xlsx, json, jsonl)을 가져옵니다")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--channel", choices=[c.value for c in CHANNELS], help="채널 (없으면 자동 인식)"
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

    inbox = commands.add_parser("inbox", help="받은 파일 폴더의 파일을 가져와 정리합니다 (한 번)")
    inbox.add_argument("--folder", type=Path, help="폴더 (없으면 설정의 inbox_folder)")


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.intake.ingest import IngestCounts
    from desktop.intake.readers import FileUnreadableError
    from desktop.intake.service import ImportStoppedError, import_file

    channel = Channel(args.channel) if args.channel else None
    exit_code = EXIT_OK
    with open_signed_in(args) as ctx:
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

    with open_signed_in(args) as ctx:
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
        held = 0
        for entry in quarantine.list_entries(ctx):
            held += 1
            if args.json:
                out.write(json.dumps(entry.as_json(), ensure_ascii=False, default=str) + "\n")
            else:
                where = f"{entry.file_name}:{entry.row_number or '-'}"
                print(f"{entry.id:>6}  {where}  {entry.source_id or '(번호 없음)'}", file=out)
                for reason in entry.reasons:
                    print(f"        - {reason}", file=out)
        if not held and not args.json:
            print("보류 중인 기록 없음", file=out)
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
    with open_signed_in(args) as ctx:
        outcomes = scan(ctx, folder)
    for outcome in outcomes:
        print(f"{outcome.summary()} → {outcome.moved_to.parent.name}/", file=out)
    if not outcomes:
        print(f"{folder}: 가져올 파일이 없습니다.", file=out)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_UNREADABLE


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "import": _cmd_import,
    "quarantine": _cmd_quarantine,
    "inbox": _cmd_inbox,
}
