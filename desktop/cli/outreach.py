"""``anbu`` — 안부 살핌 우편 대상 관리와 빅데이터 차수: visits, rounds."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TextIO

from desktop.cli.terminal import EXIT_OK, open_signed_in
from desktop.intake.channels import DELIVERED_ITEMS, TARGET_GROUPS


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    visits = commands.add_parser("visits", help="안부 살핌 우편 대상 가구 (집배원 방문)")
    visit_commands = visits.add_subparsers(dest="visits_command", metavar="ACTION", required=True)
    enrol = visit_commands.add_parser("enrol", help="사례의 가구를 방문 대상으로 정합니다")
    enrol.add_argument("case", type=int, metavar="CASE")
    enrol.add_argument("--group", required=True, choices=TARGET_GROUPS, help="대상구분")
    enrol.add_argument(
        "--weeks", required=True, type=int, choices=(1, 2, 3, 4), help="방문 주기 (주)"
    )
    enrol.add_argument("--office", required=True, help="방문할 우체국")
    enrol.add_argument(
        "--items",
        default="종량제봉투",
        help=f"전달물품, 쉼표로 구분 ({', '.join(DELIVERED_ITEMS)}; 기본 종량제봉투)",
    )
    stop = visit_commands.add_parser("stop", help="사례의 가구를 방문 대상에서 뺍니다")
    stop.add_argument("case", type=int, metavar="CASE")
    rounds = commands.add_parser("rounds", help="빅데이터 발굴차수별 남은 조사와 조사기한")
    rounds.add_argument("--json", action="store_true", help="한 줄에 차수 하나씩 JSON")


def _cmd_visits(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.outreach import visits

    with open_signed_in(args) as ctx:
        if args.visits_command == "enrol":
            items = [i.strip() for i in args.items.split(",") if i.strip()]
            plan = visits.enrol(
                ctx,
                args.case,
                target_group=args.group,
                cycle_days=args.weeks * 7,
                post_office=args.office,
                items=items,
            )
            print(
                f"사례 {args.case}번 가구를 안부 살핌 우편 대상으로 정했습니다: {plan.target_group}, "
                f"{args.weeks}주마다, {plan.post_office}",
                file=out,
            )
        else:
            visits.leave(ctx, args.case)
            print(f"사례 {args.case}번 가구를 방문 대상에서 뺐습니다.", file=out)
    return EXIT_OK


def _cmd_rounds(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.outreach.rounds import open_rounds

    with open_signed_in(args) as ctx:
        rounds = open_rounds(ctx)
    for r in rounds:
        print(json.dumps(r.as_json(), ensure_ascii=False) if args.json else r.text, file=out)
    if not rounds and not args.json:
        print("조사할 사람이 남은 빅데이터 차수가 없습니다.", file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "visits": _cmd_visits,
    "rounds": _cmd_rounds,
}
