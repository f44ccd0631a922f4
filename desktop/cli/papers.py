"""``anbu`` — 문서: 협의체 자료, 사례 카드, 시·구 보고, 사례 목록."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from desktop.cli.terminal import (
    EXIT_OK,
    UsageError,
    day,
    open_signed_in,
    reason_for,
)


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="협의체 자료와 사례 카드 (PDF, XLSX)")
    report_commands = report.add_subparsers(dest="report_command", metavar="KIND", required=True)
    council = report_commands.add_parser("council", help="동 365 안전협의체 회의 자료")
    council.add_argument("--from", dest="first", required=True, type=day, metavar="YYYY-MM-DD")
    council.add_argument("--to", dest="last", required=True, type=day, metavar="YYYY-MM-DD")
    council.add_argument("--meeting", type=day, metavar="YYYY-MM-DD", help="회의일 (기본: 기간 끝)")
    council.add_argument("--centre", help="행정복지센터 (코드 또는 동 이름; 기본: 내 센터)")
    card = report_commands.add_parser("case", help="사례 카드 (개인정보 포함, 권한 필요)")
    card.add_argument("case", type=int, metavar="CASE_ID")
    for sub in (council, card):
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        sub.add_argument("--reason", help="출력하는 이유 (필수; 접속기록에 남습니다)")

    export = commands.add_parser("export", help="시·구 보고, 사례 목록, 행복e음 입력표 (XLSX)")
    export_commands = export.add_subparsers(dest="export_command", metavar="KIND", required=True)
    city = export_commands.add_parser("city", help="시·구 보고 통계 (행정동 × 채널)")
    city.add_argument("--month", metavar="YYYY-MM")
    city.add_argument("--from", dest="first", type=day, metavar="YYYY-MM-DD")
    city.add_argument("--to", dest="last", type=day, metavar="YYYY-MM-DD")
    case_list = export_commands.add_parser("cases", help="사례 목록")
    for sub in (city, case_list):
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        sub.add_argument("--reason", help="내려받는 이유 (필수; 접속기록에 남습니다)")
        sub.add_argument("--reveal", action="store_true", help="이름 등을 가리지 않음 (권한 필요)")
    visits = export_commands.add_parser(
        "visits", help="우체국에 보낼 안부 살핌 우편 방문 명단 (이번 주기)"
    )
    visits.add_argument("--office", help="우체국 (없으면 모든 우체국)")
    visits.add_argument(
        "--until", type=day, metavar="YYYY-MM-DD", help="이날까지 방문할 가구 (기본: 앞으로 7일)"
    )
    calls = export_commands.add_parser("calls", help="AI 초기상담에 보낼 통화 명단")
    calls.add_argument("--on", type=day, metavar="YYYY-MM-DD", help="통화할 날 (기본: 내일)")
    for sub in (visits, calls):
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        sub.add_argument("--reason", help="내보내는 이유 (필수; 접속기록에 남습니다)")
    handoff = export_commands.add_parser(
        "handoff",
        help="행복e음 입력표: 결과가 나온 사례를 입력 순서대로 (개인정보 포함, 권한 필요)",
    )
    handoff.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    handoff.add_argument("--reason", help="내려받는 이유 (필수; 접속기록에 남습니다)")
    which = handoff.add_mutually_exclusive_group()
    which.add_argument("--case", type=int, metavar="N", help="사례 하나")
    which.add_argument(
        "--day", type=day, metavar="YYYY-MM-DD", help="그날 결과가 나온 사례 (기본: 오늘)"
    )


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from desktop import reporting

    with open_signed_in(args) as ctx:
        if args.report_command == "council":
            period = reporting.Period(args.first, args.last)
            packet = reporting.write_council(
                ctx,
                period,
                args.output,
                reason=reason_for(args, "출력하는"),
                meeting_on=args.meeting,
                centre=args.centre,
            )
            print(
                f"{packet.dong} 협의체 자료를 만들었습니다: {args.output} "
                f"(알림 {packet.total_alerts:,}건, 안건 {len(packet.agenda)}건)",
                file=out,
            )
        else:
            reporting.write_case_card(
                ctx, args.case, args.output, reason=reason_for(args, "출력하는")
            )
            print(f"사례 {args.case}번 카드를 만들었습니다: {args.output}", file=out)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from desktop import reporting

    with open_signed_in(args) as ctx:
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
                ctx, period, args.output, reason=reason_for(args, "내려받는"), reveal=args.reveal
            )
            print(
                f"시·구 보고를 만들었습니다: {args.output} ({report.period}, 사례 {report.cases_total:,}건)",
                file=out,
            )
        elif args.export_command == "visits":
            from desktop.outreach.visits import export_visits

            listed = export_visits(
                ctx,
                args.output,
                office=args.office,
                reason=reason_for(args, "내보내는"),
                until=args.until,
            )
            print(
                f"방문 명단 {len(listed.rows):,}가구를 만들었습니다: {args.output} "
                f"({args.office or '모든 우체국'}, {listed.until.isoformat()}까지)",
                file=out,
            )
        elif args.export_command == "calls":
            from desktop.outreach.calls import export_calls

            called = export_calls(ctx, args.output, reason=reason_for(args, "내보내는"), on=args.on)
            print(f"{called.summary}: {args.output}", file=out)
        elif args.export_command == "handoff":
            sheet = reporting.export_handoff(
                ctx,
                args.output,
                reason=reason_for(args, "내려받는"),
                case_id=args.case,
                day=args.day,
            )
            print(
                f"행복e음 입력표를 만들었습니다: {args.output} ({sheet.title}, {len(sheet.cases):,}건)",
                file=out,
            )
        else:
            count = reporting.export_cases(
                ctx, args.output, reason=reason_for(args, "내려받는"), reveal=args.reveal
            )
            print(f"사례 목록 {count:,}건을 내보냈습니다: {args.output}", file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "report": _cmd_report,
    "export": _cmd_export,
}
