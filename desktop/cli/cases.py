"""``anbu`` — 사례: 목록, 기한, 연결 검토, 병합·분리·이관, 되돌리기."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from db.enums import CaseStatus, RiskLevel
from desktop.cli.terminal import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    open_signed_in,
)
from desktop.korean import joined
from desktop.timeutil import format_kst


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cases = commands.add_parser("cases", help="사례 목록을 출력합니다 (이름 등은 가려서)")
    cases.add_argument("--json", action="store_true", help="한 줄에 한 사례씩 JSON으로 출력")
    cases.add_argument(
        "--reveal", action="store_true", help="가리지 않은 개인정보 포함 (권한과 사유 필요, 기록됨)"
    )
    cases.add_argument("--reason", help="개인정보를 내려받는 이유 (--reveal과 함께)")

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

    case = commands.add_parser(
        "case", help="사례 병합과 알림 분리, 이관, 행복e음 처리번호, 연결 결정 목록"
    )
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
    haengbok = case_commands.add_parser(
        "haengbok", help="행복e음에 입력하고 받은 처리번호를 사례에 기록합니다"
    )
    haengbok.add_argument("case", type=int, metavar="CASE")
    haengbok.add_argument("number", nargs="?", metavar="처리번호")
    haengbok.add_argument("--replace", action="store_true", help="이미 있는 다른 처리번호를 바꿈")
    haengbok.add_argument("--clear", action="store_true", help="기록한 처리번호를 지움")
    listed = case_commands.add_parser(
        "decisions", help="사례의 연결·병합·분리 결정 (자동과 직원), 되돌릴 번호와 함께"
    )
    listed.add_argument("case", type=int, metavar="CASE")
    listed.add_argument("--json", action="store_true", help="한 줄에 결정 하나씩 JSON")

    handoff = commands.add_parser(
        "import-handoff",
        help="처리번호를 적어 넣은 행복e음 입력표(xlsx)에서 사례마다 처리번호를 기록합니다",
    )
    handoff.add_argument("file", type=Path, metavar="FILE.xlsx")

    undo = commands.add_parser("undo", help="연결 결정을 되돌립니다")
    undo.add_argument("decision", type=int, metavar="DECISION_ID")
    undo.add_argument("--reason")


def _cmd_cases(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.caselist.listing import iter_cases

    if args.reason and not args.reveal:
        raise UsageError("--reason은 --reveal과 함께 씁니다.")
    with open_signed_in(args) as ctx:
        items = iter_cases(ctx, reveal=args.reveal, reason=args.reason)
        if args.json:
            write = out.write
            for item in items:
                write(json.dumps(item, ensure_ascii=False))
                write("\n")
        else:
            shown = 0
            for item in items:
                if not shown:
                    print(
                        f"{'사례번호':>5}  {'상태':<8} {'위험도':<5} {'행정동':<6} 대상자", file=out
                    )
                shown += 1
                print(
                    f"{item['id']:>9}  {CaseStatus(item['status']).label:<8} "
                    f"{RiskLevel(item['risk']).label:<6} {item['dong'] or '-':<8} "
                    f"{item.get('full_name') or item['name']:<6} "
                    f"{'기한초과' if item['overdue'] else ''}",
                    file=out,
                )
            if not shown:
                print("사례 없음", file=out)
        out.flush()
    return EXIT_OK


def _cmd_due(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.casework.due import due_items

    if args.days < 0:
        raise UsageError("--days는 0 이상이어야 합니다.")
    with open_signed_in(args) as ctx:
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

    with open_signed_in(args) as ctx:
        if args.review_command in ("accept", "reject"):
            act = decisions.accept if args.review_command == "accept" else decisions.reject
            decision = act(ctx, args.suggestion, reason=args.reason)
            print(f"결정 {decision}번으로 기록했습니다 (되돌리기: anbu undo {decision}).", file=out)
            return EXIT_OK
        waiting = 0
        for item in decisions.review_queue(ctx):
            waiting += 1
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
        if not waiting and not args.json:
            print("검토할 알림 없음", file=out)
    return EXIT_OK


def _cmd_case(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.casework.detail import case_detail
    from desktop.linking import decisions

    with open_signed_in(args) as ctx:
        if args.case_command == "decisions":
            for line in case_detail(ctx, args.case).decisions:
                if args.json:
                    item = {
                        **vars(line),
                        "kind": line.kind.label,
                        "decided_at": line.decided_at.isoformat(),
                    }
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
                else:
                    state = " (되돌림)" if line.undone else ""
                    print(
                        f"결정 {line.id}  {format_kst(line.decided_at)}  {line.kind.label}{state}  "
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
        elif args.case_command == "haengbok":
            from desktop.casework.haengbok import normalise_number, record_number

            if args.clear == (args.number is not None):
                raise UsageError("처리번호를 적거나 --clear로 지우십시오 (둘 중 하나).")
            record_number(
                ctx,
                args.case,
                None if args.clear else args.number,
                expected_version=None,
                replace=args.replace or args.clear,
            )
            print(
                f"사례 {args.case}번의 행복e음 처리번호를 지웠습니다."
                if args.clear
                else f"사례 {args.case}번에 행복e음 처리번호 "
                f"{joined(normalise_number(args.number), '을')} "
                "기록했습니다.",
                file=out,
            )
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

    with open_signed_in(args) as ctx:
        record = decisions.undo(ctx, args.decision, reason=args.reason)
    print(f"결정 {args.decision}번을 되돌렸습니다 (기록 {record}번).", file=out)
    return EXIT_OK


def _cmd_import_handoff(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.casework.haengbok import import_numbers

    with open_signed_in(args) as ctx:
        result = import_numbers(ctx, args.file)
    print(result.describe(), file=out)
    for case_id, number in sorted(result.recorded.items()):
        print(f"  사례 {case_id}번: {number}", file=out)
    if not result.refused:
        return EXIT_OK
    for problem in result.refused:
        print(f"  받지 않음 — {problem.describe()}", file=out)
    print(
        "오류: 받지 않은 행이 있습니다 (위). 그 행을 고쳐 다시 가져오면 나머지는 "
        "이미 기록됨으로 넘어갑니다.",
        file=sys.stderr,
    )
    return EXIT_ERROR


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "cases": _cmd_cases,
    "due": _cmd_due,
    "review": _cmd_review,
    "case": _cmd_case,
    "import-handoff": _cmd_import_handoff,
    "undo": _cmd_undo,
}
