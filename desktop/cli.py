"""The ``anbu`` command: with no sub-command it opens the desktop client, with one it works
headless. Messages are Korean; a known problem is a sentence, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from db.enums import Channel
from db.migrate import (
    ForeignDatabaseError,
    MigrationIntegrityError,
    SchemaState,
    SchemaTooNewError,
    schema_status,
)
from db.queries import count_cases
from desktop import __version__
from desktop.backup import BackupError, backup_sqlite
from desktop.config import describe_url, resolve_database_url
from desktop.context import AppContext, WrongKeysError, open_database
from desktop.intake.quarantine import QuarantineError
from desktop.linking.decisions import LinkingError
from desktop.secrets import KeyringUnavailableError, KeysMissingError
from desktop.settings import SettingError

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
    BackupError,
    QuarantineError,
    SettingError,
    LinkingError,
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="빈 데이터베이스에 부산 가상 데이터를 채웁니다")
    demo.add_argument("--households", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--if-empty", action="store_true", help="사례가 이미 있으면 아무것도 하지 않습니다"
    )

    cases = commands.add_parser("cases", help="사례 목록을 출력합니다")
    cases.add_argument("--json", action="store_true", help="한 줄에 한 사례씩 JSON으로 출력")

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

    case = commands.add_parser("case", help="사례 병합과 알림 분리")
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
    backup = db_commands.add_parser("backup", help="일관된 백업 파일을 만듭니다 (SQLite)")
    backup.add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
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


def _open(args: argparse.Namespace) -> AppContext:
    return open_database(resolve_database_url(args.db))


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.demo import populate

    if args.households < 1:
        raise UsageError("--households는 1 이상이어야 합니다.")
    with _open(args) as ctx:
        if args.if_empty:
            with ctx.session() as session:
                if count_cases(session):
                    return EXIT_OK
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

    with _open(args) as ctx:
        if args.json:
            write = out.write
            for item in iter_cases(ctx):
                write(json.dumps(item, ensure_ascii=False))
                write("\n")
        else:
            for item in iter_cases(ctx):
                print(
                    f"{item['id']:>7}  {item['status']:<14} {item['risk']:<8} "
                    f"{item['dong'] or '-':<8} {item['name']:<6} "
                    f"{'기한초과' if item['overdue'] else ''}",
                    file=out,
                )
        out.flush()
    return EXIT_OK


def _cmd_db(args: argparse.Namespace, out: TextIO) -> int:
    from db.engine import make_engine
    from db.migrate import upgrade

    url = resolve_database_url(args.db)
    if args.db_command == "backup":
        size = backup_sqlite(url, args.file)
        print(f"백업했습니다: {args.file} ({size:,} 바이트)", file=out)
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
    from desktop.intake.service import import_file

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
    from desktop.linking import decisions

    with _open(args) as ctx:
        if args.case_command == "merge":
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


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
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
