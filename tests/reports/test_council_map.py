"""The council's masked map page: counts per ~100 m cell on the boundary, and never a
cell with fewer than three cases shown as a number, in the data handed to the writer or
in the PDF's text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.graphics.shapes import Polygon, PolyLine, Rect, String

from desktop.context import AppContext
from desktop.reporting import Period, write_council
from desktop.reporting.council import council_packet
from reports.council_map_pdf import map_drawing
from tests.conftest import FIXED_NOW
from tests.helpers import mapping
from tests.helpers.mapping import PlacedOffice

PERIOD = Period(date(2026, 11, 1), date(2026, 11, 30))
HEADING = "진행 중 사례의 분포"
LEGEND = "3건 미만 (숫자 생략)"


@pytest.fixture
def office(ctx: AppContext, db_url: str, tmp_path: Path) -> PlacedOffice:
    return mapping.set_up(ctx, db_url, tmp_path)


def _as(office: PlacedOffice, user: str) -> AppContext:
    ctx = office.context(user)
    ctx.clock = lambda: FIXED_NOW
    return ctx


def _numbers_on_the_map(pdf: Path) -> list[int]:
    """The whole numbers printed between the map page's heading and its legend: on the
    map itself."""
    document = pdfium.PdfDocument(pdf.read_bytes())
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            everything = text.get_text_range()
            if HEADING not in everything:
                continue
            top = text.get_charbox(everything.index(HEADING))[1]  # the heading's bottom
            bottom = text.get_charbox(everything.index(LEGEND))[3]  # the legend's top
            width, _height = document[index].get_size()
            inside = text.get_text_bounded(0, bottom + 0.5, width, top - 0.5)
            return [int(n) for n in re.findall(r"(?<![\w.])\d+(?![\w.])", inside)]
    finally:
        document.close()
    raise AssertionError("no map page")


def test_the_council_map_counts_cells_and_never_shows_one_below_three(
    office: PlacedOffice, tmp_path: Path
) -> None:
    kim = _as(office, "kim")
    try:
        packet = council_packet(kim, PERIOD, centre="좌1동")
        path = tmp_path / "council.pdf"
        write_council(kim, PERIOD, path, reason="11월 회의", centre="좌1동")
    finally:
        kim.close()
    council_map = packet.map
    assert council_map is not None and council_map.cell_m == 100
    # The data the writer gets: the small counts are not there to be printed.
    assert sorted(c.shown for c in council_map.cells if c.shown is not None) == [3, 5]
    assert len([c for c in council_map.cells if c.shown is None]) == 2  # R (2) and S (1)
    assert sum(c.shown or 0 for c in council_map.cells) == 8  # never 11: R and S unsaid
    assert len(council_map.boundary) == 1  # 좌1동 only: 좌2동's cell is not on its page
    # What the page prints on the map: exactly the shown counts.
    assert sorted(_numbers_on_the_map(path)) == [3, 5]


def test_the_map_draws_cells_and_lines_never_a_point(office: PlacedOffice) -> None:
    kim = _as(office, "kim")
    try:
        council_map = council_packet(kim, PERIOD, centre="좌1동").map
    finally:
        kim.close()
    assert council_map is not None
    drawing = map_drawing(council_map)
    scale = drawing.width / council_map.width_m
    cell_side = 100 * scale * 0.99  # a cell's side on paper, less rounding
    kinds = {type(shape) for shape in drawing.contents}
    assert kinds <= {Rect, String, PolyLine, Polygon}
    rects = [shape for shape in drawing.contents if isinstance(shape, Rect)][1:]  # the frame
    assert len(rects) == 4 and all(min(r.width, r.height) >= cell_side for r in rects)
    assert sorted(s.text for s in drawing.contents if isinstance(s, String)) == ["3", "5"]


def test_a_reader_prints_the_same_masked_map(office: PlacedOffice, tmp_path: Path) -> None:
    rho = _as(office, "rho")
    try:
        path = tmp_path / "council.pdf"
        write_council(rho, PERIOD, path, reason="회의 준비", centre="좌1동")
    finally:
        rho.close()
    assert sorted(_numbers_on_the_map(path)) == [3, 5]


def test_a_centre_with_no_boundary_and_no_case_says_so(ctx: AppContext, tmp_path: Path) -> None:
    from desktop.office import centres

    centres.add_centre(ctx, "2635053000", name="좌3동", gu="해운대구")
    packet = council_packet(ctx, PERIOD, centre="좌3동")
    assert packet.map is not None and not packet.map.cells and not packet.map.boundary
    path = tmp_path / "empty.pdf"
    write_council(ctx, PERIOD, path, reason="회의", centre="좌3동")
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    assert "지도에 표시할 진행 중 사례나 관할 경계가 없습니다" in text
