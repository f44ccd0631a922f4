"""The ``anbu`` command: with no sub-command it opens the desktop client, with one it works
headless. Messages are Korean; a known problem is a sentence, never a traceback.

One module a command group (``cases``, ``intake``, ``office``, ``mapping``, ``security``,
``upkeep``, ``papers``), each with its ``add_parsers`` and ``COMMANDS``; ``terminal`` holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from db.errors import DatabaseProblem, UserError, as_told
from desktop import __version__
from desktop.cli import cases, intake, mapping, office, outreach, papers, security, upkeep
from desktop.cli.terminal import EXIT_ERROR, EXIT_OK
from desktop.config import resolve_database_url
from desktop.korean import fix_particles

GROUPS = (cases, intake, office, mapping, security, upkeep, papers, outreach)
COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    name: handler for group in GROUPS for name, handler in group.COMMANDS.items()
}


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

    for group in GROUPS:
        group.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop.paths import clear_leftovers, private_files

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
    except UserError as exc:
        print(f"오류: {fix_particles(str(exc))}", file=sys.stderr)
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
            "오류: 예기치 못한 문제가 생겼습니다. "
            "--debug를 붙여 다시 실행하면 자세한 내용이 나옵니다.",
            f"({type(exc).__name__})",
            sep="\n",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
