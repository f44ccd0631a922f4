"""The dong 365 safety council's meeting papers as an A4 PDF (ReportLab platypus)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from reports.council_map_pdf import map_page
from reports.model import CouncilPacket
from reports.pdf import (
    ACCENT,
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
    Styles,
    para,
    table,
    write_pdf,
)

SERIES = [colors.HexColor(c) for c in ("#1d4e89", "#e07a1f", "#2f9e62", "#b83280", "#6b7280")]
WIDTH = 174 * mm  # A4 less the margins
PRIVACY_NOTE = "개인정보는 가려져 있습니다 · 회의 후 회수"


def _figures(packet: CouncilPacket, styles: Styles) -> Table:
    cells = [
        ("기간 중 알림", f"{packet.total_alerts:,}건"),
        ("새 사례", f"{packet.new_cases:,}건"),
        ("지원 연계 (공공 / 민간)", f"{packet.support_public:,} / {packet.support_private:,}건"),
        ("처리기한 초과", f"{packet.overdue:,}건"),
    ]
    data = [
        [para(label, styles.small) for label, _ in cells],
        [para(value, styles.h1) for _, value in cells],
    ]
    box = Table(data, colWidths=[WIDTH / 4] * 4)
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def _channel_chart(packet: CouncilPacket) -> Drawing:
    drawing = Drawing(WIDTH, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = WIDTH - 60 * mm, 44 * mm
    series = packet.trend_by_channel or packet.alerts_by_channel
    months = packet.trend_months or packet.months
    chart.data = [counts or [0] for _, counts in series] or [[0]]
    chart.categoryAxis.categoryNames = [m[2:].replace("-", ".") for m in months]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.strokeColor = RULE
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = SERIES[index % len(SERIES)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = WIDTH - 44 * mm, 50 * mm
    legend.fontName = FONT
    legend.fontSize = 8
    legend.alignment = "right"
    legend.colorNamePairs = [
        (SERIES[i % len(SERIES)], f"{name} ({sum(counts):,})")
        for i, (name, counts) in enumerate(series)
    ]
    drawing.add(legend)
    drawing.add(
        String(
            0, 58 * mm, "채널별 알림 (최근 6개월)", fontName=FONT_BOLD, fontSize=9, fillColor=INK
        )
    )
    return drawing


def _crisis_chart(packet: CouncilPacket) -> Drawing:
    # Every type the period's alerts name (at most eleven): the agenda may print any of
    # them, and a chart that dropped one would hide it.
    top = [(name, sum(counts)) for name, counts in packet.alerts_by_crisis if sum(counts)]
    height = max(30, 9 * len(top) + 16) * mm / 1.6
    drawing = Drawing(WIDTH, height + 10 * mm)
    drawing.add(
        String(
            0,
            height + 5 * mm,
            "위기유형별 알림 (기간 합계)",
            fontName=FONT_BOLD,
            fontSize=9,
            fillColor=INK,
        )
    )
    if not top:
        drawing.add(
            String(
                0,
                height / 2,
                "기간 중 위기유형이 기록된 알림이 없습니다.",
                fontName=FONT,
                fontSize=8,
                fillColor=MUTED,
            )
        )
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 28 * mm, 4 * mm
    chart.width, chart.height = WIDTH - 40 * mm, height - 6 * mm
    chart.data = [[count for _, count in reversed(top)]]
    chart.categoryAxis.categoryNames = [name for name, _ in reversed(top)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _closure_table(packet: CouncilPacket, styles: Styles) -> list[Flowable]:
    """Why the period's closed cases ended: 비해당 in the words staff use, then 종결's."""
    if not packet.closures:
        return []
    rows = [
        [f"\u00a0\u00a0\u00a0· {x.label}" if x.part else x.label, x.not_applicable, x.closed,
         x.total]
        for x in packet.closures
    ]  # fmt: skip
    box = table(
        ["사유", "비해당", "종결", "계"],
        rows,
        [78 * mm, 32 * mm, 32 * mm, 32 * mm],
        styles,
        numeric=(1, 2, 3),
        zebra=False,
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f5f7fa"))
                for i, x in enumerate(packet.closures, start=1)
                if x.group
            ]
        )
    )
    return [
        KeepTogether(
            [
                para("종결·비해당 사유 (기간 중 종결된 사례)", styles.h2),
                box,
                para(
                    "기록만(위기 징후 없는 알림)은 세지 않습니다. 소재 파악 필요는 연락두절·빈집·"
                    "정보 불일치를 더한 수입니다.",
                    styles.small,
                ),
            ]
        )
    ]


def build_story(packet: CouncilPacket) -> list[Flowable]:
    styles = Styles()
    story: list[Flowable] = [
        Spacer(1, 50 * mm),
        para(f"{packet.dong} 365 안전협의체", styles.subtitle),
        Spacer(1, 4 * mm),
        para("회의 자료", styles.title),
        Spacer(1, 20 * mm),
    ]
    cover = Table(
        [
            [para("회의일", styles.body), para(packet.meeting_on.isoformat(), styles.body)],
            [para("자료 기간", styles.body), para(packet.period, styles.body)],
            [
                para("작성", styles.body),
                para(f"{packet.centre_name} {packet.prepared_by}", styles.body),
            ],
            [
                para("작성일시", styles.body),
                para(packet.prepared_at.strftime("%Y-%m-%d %H:%M"), styles.body),
            ],
        ],
        colWidths=[35 * mm, 95 * mm],
        hAlign="CENTER",
    )
    cover.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
            ]
        )
    )
    story += [
        cover,
        Spacer(1, 30 * mm),
        para(
            "이 자료의 개인정보는 가려져 있습니다(이름 첫 글자, 연령대, 가구형태, 도로 단위 위치). "
            "위원은 회의에서 알게 된 내용을 밖에 알리지 않으며, 자료는 회의 후 회수해 파기합니다 "
            "(개인정보 보호법).",
            styles.small,
        ),
        PageBreak(),
        para("1. 주요 현황", styles.h1),
        _figures(packet, styles),
        Spacer(1, 6 * mm),
        _channel_chart(packet),
        Spacer(1, 4 * mm),
        _crisis_chart(packet),
        CondPageBreak(60 * mm),
        para("사례 상태 (기간 말까지 접수된 사례)", styles.h2),
        table(
            ["상태", *[label for label, _ in packet.cases_by_status]],
            [["사례 수", *[count for _, count in packet.cases_by_status]]],
            [22 * mm]
            + [(WIDTH - 22 * mm) / len(packet.cases_by_status)] * len(packet.cases_by_status),
            styles,
            numeric=range(1, len(packet.cases_by_status) + 1),
            zebra=False,
        ),
        *_closure_table(packet, styles),
        para("월별 알림 (채널)", styles.h2),
        table(
            ["채널", *packet.months, "합계"],
            [[name, *counts, sum(counts)] for name, counts in packet.alerts_by_channel]
            + [
                [
                    "합계",
                    *[sum(c) for c in zip(*(v for _, v in packet.alerts_by_channel), strict=True)],
                    packet.total_alerts,
                ]
            ],
            [30 * mm]
            + [(WIDTH - 48 * mm) / max(1, len(packet.months))] * len(packet.months)
            + [18 * mm],
            styles,
            numeric=range(1, len(packet.months) + 2),
        ),
    ]
    if packet.map is not None:
        story += [PageBreak(), *map_page(packet.map, styles)]
    story += [
        PageBreak(),
        para("2. 논의 안건", styles.h1),
    ]
    if packet.agenda:
        story.append(
            table(
                ["번호", "대상", "상황", "지금까지의 지원", "협의체에 요청하는 사항"],
                [
                    [
                        str(n),
                        f"{e.label}\n(위험도 {e.risk})",
                        e.situation,
                        "\n".join(e.support) or "없음",
                        e.question,
                    ]
                    for n, e in enumerate(packet.agenda, start=1)
                ],
                [10 * mm, 36 * mm, 56 * mm, 36 * mm, 36 * mm],
                styles,
            )
        )
    else:
        story.append(para("이번 회의에 올린 안건이 없습니다.", styles.body))
    story += [Spacer(1, 6 * mm), para("3. 지난 회의 결정 사항과 이행", styles.h1)]
    if packet.follow_ups:
        story.append(
            table(
                ["회의일", "대상", "결정", "후속 조치", "기한", "이행"],
                [
                    [
                        f.meeting_on.isoformat(),
                        f.label,
                        f.decision,
                        f.follow_up or "-",
                        f.due.isoformat() if f.due else "-",
                        "완료" if f.done else "미완료",
                    ]
                    for f in packet.follow_ups
                ],
                [22 * mm, 34 * mm, 40 * mm, 42 * mm, 22 * mm, 14 * mm],
                styles,
            )
        )
    else:
        story.append(para("지난 회의의 결정 사항이 없습니다.", styles.body))
    sign = Table(
        [
            [
                para(h, styles.cell_head)
                for h in ("작성 (담당자)", "검토 (팀장)", "확인 (협의체 위원장)")
            ],
            ["", "", ""],
        ],
        colWidths=[WIDTH / 3] * 3,
        rowHeights=[8 * mm, 22 * mm],
    )
    sign.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
            ]
        )
    )
    story += [
        Spacer(1, 8 * mm),
        KeepTogether(
            [
                para("4. 확인", styles.h1),
                sign,
                Spacer(1, 2 * mm),
                para("날짜: ________년 ____월 ____일", styles.small),
            ]
        ),
    ]
    return story


def write_council_pdf(packet: CouncilPacket, path: Path | BinaryIO) -> None:
    write_pdf(
        path,
        build_story(packet),
        title=f"{packet.dong} 365 안전협의체 회의 자료 {packet.meeting_on.isoformat()}",
        header=f"{packet.centre_name} · 365 안전협의체 {packet.meeting_on.isoformat()}",
        note=PRIVACY_NOTE,
        footer=f"안부데스크 · 작성 {packet.prepared_at.strftime('%Y-%m-%d %H:%M')}",
    )
