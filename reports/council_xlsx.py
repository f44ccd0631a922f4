"""The council packet as a workbook, for the council secretary who adjusts the papers
before printing: the same figures and the same masked agenda, each sheet printing to A4
as it is."""

from __future__ import annotations

from pathlib import Path

from reports import xlsx
from reports.model import CouncilPacket


def write_council_xlsx(packet: CouncilPacket, path: Path) -> None:
    book = xlsx.new_workbook()
    intro = [
        f"{packet.centre_name} · 회의일 {packet.meeting_on.isoformat()} · 자료 기간 {packet.period}",
        f"작성 {packet.prepared_by} {packet.prepared_at.strftime('%Y-%m-%d %H:%M')} · "
        "개인정보는 가려져 있습니다. 회의 후 회수해 파기합니다.",
    ]

    # 1. Figures: one table per block, each under its own heading.
    summary = book.create_sheet("주요 현황")
    months = packet.months
    widths = [26] + [11] * max(len(months) + 1, 3)
    xlsx.prepare_sheet(summary, widths, header_row_number=len(intro) + 2)
    used = xlsx.title_rows(summary, f"{packet.dong} 365 안전협의체 회의 자료 — 주요 현황", intro)
    summary.append([])
    summary.append(xlsx.header_row(summary, ["채널", *months, "합계"]))
    used += 2
    for name, counts in packet.alerts_by_channel:
        summary.append(
            [
                xlsx.text_cell(summary, name),
                *[xlsx.number_cell(summary, c) for c in counts],
                xlsx.number_cell(summary, sum(counts)),
            ]
        )
        used += 1
    column_totals = [sum(c) for c in zip(*(v for _, v in packet.alerts_by_channel), strict=True)]
    summary.append(
        [xlsx.text_cell(summary, "합계", font=xlsx.HEADER_FONT)]
        + [xlsx.number_cell(summary, c, fill=xlsx.TOTAL_FILL) for c in column_totals]
        + [xlsx.number_cell(summary, packet.total_alerts, fill=xlsx.TOTAL_FILL)]
    )
    summary.append([])
    summary.append(xlsx.header_row(summary, ["위기유형", *months, "합계"]))
    used += 3
    for name, counts in packet.alerts_by_crisis:
        summary.append(
            [
                xlsx.text_cell(summary, name),
                *[xlsx.number_cell(summary, c) for c in counts],
                xlsx.number_cell(summary, sum(counts)),
            ]
        )
        used += 1
    summary.append([])
    summary.append(xlsx.header_row(summary, ["사례 상태", "사례 수"]))
    used += 2
    for label, count in packet.cases_by_status:
        summary.append([xlsx.text_cell(summary, label), xlsx.number_cell(summary, count)])
        used += 1
    if packet.closures:
        summary.append([])
        summary.append(xlsx.header_row(summary, ["종결·비해당 사유", "비해당", "종결", "계"]))
        used += 2
        for line in packet.closures:
            font = xlsx.HEADER_FONT if line.group else xlsx.BODY_FONT
            fill = xlsx.TOTAL_FILL if line.group else None
            summary.append(
                [
                    xlsx.text_cell(summary, f"    {line.label}" if line.part else line.label,
                                   font=font),
                    *(
                        xlsx.number_cell(summary, n, font=font, fill=fill)
                        for n in (line.not_applicable, line.closed, line.total)
                    ),
                ]
            )  # fmt: skip
            used += 1
    summary.append([])
    summary.append(xlsx.header_row(summary, ["항목", "건수"]))
    used += 2
    for label, count in (
        ("새 사례", packet.new_cases),
        ("공공 지원 연계", packet.support_public),
        ("민간 지원 연계", packet.support_private),
        ("처리기한 초과", packet.overdue),
    ):
        summary.append([xlsx.text_cell(summary, label), xlsx.number_cell(summary, count)])
        used += 1
    xlsx.finish_sheet(summary, max(len(months) + 2, 4), len(intro) + 2, used)

    # 2. The agenda, masked.
    agenda = book.create_sheet("논의 안건")
    columns = ["번호", "대상", "위험도", "상황", "지금까지의 지원", "협의체에 요청하는 사항"]
    widths = [6, 30, 8, 48, 30, 32]
    xlsx.prepare_sheet(agenda, widths, header_row_number=len(intro) + 2, landscape=True)
    used = xlsx.title_rows(agenda, f"{packet.dong} 365 안전협의체 — 논의 안건", intro)
    agenda.append([])
    agenda.append(xlsx.header_row(agenda, columns))
    used += 2
    for number, entry in enumerate(packet.agenda, start=1):
        row = [
            xlsx.number_cell(agenda, number),
            xlsx.text_cell(agenda, entry.label),
            xlsx.text_cell(agenda, entry.risk),
            xlsx.text_cell(agenda, entry.situation),
            xlsx.text_cell(agenda, "\n".join(entry.support) or "없음"),
            xlsx.text_cell(agenda, entry.question),
        ]
        for cell in row[1:]:
            cell.alignment = xlsx.WRAP
        texts = [entry.label, entry.risk, entry.situation, "\n".join(entry.support) or "없음"]
        # Tall enough for its longest text: a printed row never hides its end.
        agenda.row_dimensions[used + 1].height = xlsx.fitted_height(
            zip([*texts, entry.question], widths[1:], strict=True)
        )
        agenda.append(row)
        used += 1
    xlsx.finish_sheet(agenda, len(columns), len(intro) + 2, used)

    # 3. Last meeting's decisions and whether each was followed up.
    follow = book.create_sheet("지난 회의 이행")
    columns = ["회의일", "대상", "결정", "후속 조치", "기한", "이행"]
    xlsx.prepare_sheet(
        follow, [12, 30, 36, 36, 12, 8], header_row_number=len(intro) + 2, landscape=True
    )
    used = xlsx.title_rows(
        follow, f"{packet.dong} 365 안전협의체 — 지난 회의 결정 사항과 이행", intro
    )
    follow.append([])
    follow.append(xlsx.header_row(follow, columns))
    used += 2
    for item in packet.follow_ups:
        row = [
            xlsx.text_cell(follow, item.meeting_on.isoformat()),
            xlsx.text_cell(follow, item.label),
            xlsx.text_cell(follow, item.decision),
            xlsx.text_cell(follow, item.follow_up or "-"),
            xlsx.text_cell(follow, item.due.isoformat() if item.due else "-"),
            xlsx.text_cell(follow, "완료" if item.done else "미완료"),
        ]
        for cell in row[1:4]:
            cell.alignment = xlsx.WRAP
        follow.append(row)
        used += 1
    xlsx.finish_sheet(follow, len(columns), len(intro) + 2, used)
    xlsx.save_workbook(book, path)
