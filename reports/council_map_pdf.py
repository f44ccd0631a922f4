"""The council packet's map page: counts per cell on the centre's boundary (ReportLab
graphics). What is drawn is exactly what ``CouncilMap`` holds: cells, the boundary and a
base layer's roads; a suppressed cell carries no number to draw."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from reports.model import CouncilMap
from reports.pdf import ACCENT, FONT, FONT_BOLD, INK, MUTED, RULE, Styles, para

WIDTH = 174 * mm
MAP_HEIGHT = 190 * mm
SUPPRESSED = colors.HexColor("#e5e7eb")
# Cells by how many cases they hold: the first class whose lower bound the count reaches.
CLASSES = (
    (10, colors.HexColor("#2171b5"), colors.white, "10건 이상"),
    (5, colors.HexColor("#6baed6"), INK, "5~9건"),
    (3, colors.HexColor("#c6dbef"), INK, "3~4건"),
)
ROAD = colors.HexColor("#9aa5b1")
NOTE = (
    "진행 중인 사례가 있는 칸만 색칠했습니다. 3건 미만인 칸은 숫자 없이 회색으로만 "
    "표시하며, 가구 하나하나의 위치는 싣지 않습니다. 관할 경계 밖에 있거나 위치가 "
    "알려지지 않은 사례는 이 지도에 없습니다."
)


def _fill(count: int) -> tuple[colors.Color, colors.Color]:
    for lowest, fill, ink, _label in CLASSES:
        if count >= lowest:
            return fill, ink
    raise ValueError("a shown cell holds at least three cases")


def map_drawing(council_map: CouncilMap) -> Drawing:
    """The map itself: only cells, numbers of shown cells, roads and the boundary."""
    scale = min(WIDTH / council_map.width_m, MAP_HEIGHT / council_map.height_m)
    drawing = Drawing(council_map.width_m * scale, council_map.height_m * scale)
    drawing.add(
        Rect(0, 0, drawing.width, drawing.height, fillColor=None, strokeColor=RULE, strokeWidth=0.5)
    )
    for road in council_map.roads:
        drawing.add(
            PolyLine(
                [value * scale for point in road for value in point],
                strokeColor=ROAD,
                strokeWidth=0.6,
            )
        )
    cell_side = council_map.cell_m * scale
    font_size = max(4.0, min(10.0, cell_side * 0.45))
    for cell in council_map.cells:
        x, y = cell.west * scale, cell.south * scale
        width, height = (cell.east - cell.west) * scale, (cell.north - cell.south) * scale
        if cell.shown is None:
            drawing.add(
                Rect(x, y, width, height, fillColor=SUPPRESSED, strokeColor=None, fillOpacity=0.9)
            )
            continue
        fill, ink = _fill(cell.shown)
        drawing.add(Rect(x, y, width, height, fillColor=fill, strokeColor=None, fillOpacity=0.9))
        drawing.add(
            String(
                x + width / 2,
                y + height / 2 - font_size * 0.35,
                f"{cell.shown}",
                fontName=FONT_BOLD,
                fontSize=font_size,
                fillColor=ink,
                textAnchor="middle",
            )
        )
    for ring in council_map.boundary:
        drawing.add(
            Polygon(
                [value * scale for point in ring for value in point],
                fillColor=None,
                strokeColor=ACCENT,
                strokeWidth=1.2,
            )
        )
    for name, x, y in council_map.road_labels:
        drawing.add(
            String(x * scale, y * scale + 2, name, fontName=FONT, fontSize=6, fillColor=MUTED)
        )
    return drawing


def _legend(council_map: CouncilMap) -> Drawing:
    drawing = Drawing(WIDTH, 12 * mm)
    x = 0.0
    swatches = [(SUPPRESSED, "3건 미만 (숫자 생략)")] + [
        (fill, label) for _lowest, fill, _ink, label in reversed(CLASSES)
    ]
    for fill, label in swatches:
        drawing.add(Rect(x, 6 * mm, 4 * mm, 4 * mm, fillColor=fill, strokeColor=RULE))
        drawing.add(String(x + 5.5 * mm, 6.8 * mm, label, fontName=FONT, fontSize=7.5))
        x += 8 * mm + len(label) * 2.2 * mm
    scale = min(WIDTH / council_map.width_m, MAP_HEIGHT / council_map.height_m)
    metres = next((m for m in (2000, 1000, 500, 200, 100) if m * scale <= 40 * mm), 100)
    left = WIDTH - metres * scale
    drawing.add(Line(left, 1.5 * mm, WIDTH, 1.5 * mm, strokeColor=INK, strokeWidth=1.2))
    for end in (left, WIDTH):
        drawing.add(Line(end, 0.5 * mm, end, 2.5 * mm, strokeColor=INK, strokeWidth=1))
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres} m"
    drawing.add(
        String(WIDTH, 3.5 * mm, label, fontName=FONT, fontSize=7, textAnchor="end", fillColor=INK)
    )
    drawing.add(
        String(
            0,
            0.8 * mm,
            f"한 칸 약 {council_map.cell_m} m · 위가 북쪽",
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    return drawing


def map_page(council_map: CouncilMap, styles: Styles) -> list[Flowable]:
    """The page's flowables: heading, the map, its legend and what it leaves out."""
    heading = para("진행 중 사례의 분포 (작성일 기준)", styles.h2)
    if not council_map.cells and not council_map.boundary:
        return [heading, para("지도에 표시할 진행 중 사례나 관할 경계가 없습니다.", styles.body)]
    parts: list[Flowable] = [heading]
    if not council_map.boundary:
        parts.append(para("관할 경계가 등록되지 않아 사례가 있는 곳만 보입니다.", styles.small))
    parts += [
        map_drawing(council_map),
        Spacer(1, 2 * mm),
        _legend(council_map),
        Spacer(1, 2 * mm),
        para(NOTE, styles.small),
    ]
    return [KeepTogether(parts)]
