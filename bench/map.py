"""The map tab with 20,000 open cases in one centre: how long the map takes to come, and
the time of a frame while it is panned (offscreen, Qt's raster painter, as on an office
PC without a graphics card to speak of).

Figures:
  map.points                 open cases with a place on the map
  map.scene_s                the map's data asked for (query, projection, traced roads)
  map.first_frame_ms         the map's items made and first painted, whole
  map.pan_frame_ms           a pan step (12, 7 px) -> painted, median      target < 16 ms
  map.pan_frame_max_ms       the slowest of 150 pan steps
  map.pan_frame_one_item_ms  the same pan with each layer one item of the whole map (the
                             design the tiles replace; median, and _max_ms)
  map.zoom_frame_ms          a wheel step of zoom -> painted (the caches redrawn), median
  map.select_ms              a lasso around a quarter of the points -> the cases in it
  map.select_list_ms         the case list's query for those cases (the list's filter)
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.registry import Figure
from db.bulk import insert_rows
from db.enums import CaseStatus, RiskLevel, Routing
from db.models import Case, Household, table
from db.queries import CaseFilter
from desktop.caselist.service import CaseListService
from desktop.context import AppContext, open_database
from desktop.mapping.service import MapScene, MapService
from desktop.office import centres
from desktop.security.access import Actor

POINTS = int(os.environ.get("ANBU_BENCH_MAP_POINTS", "20000"))
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
# A 행정동 of about 2.2 km by 2.2 km, its households along a grid of streets.
WEST, SOUTH, SIDE = 129.150, 35.155, 0.024
STREETS = 24
PAN_STEPS = 150


def _fill(ctx: AppContext) -> int:
    """One centre with its boundary and ``POINTS`` open cases, each household on a street
    (building keys and places as imports leave them), rows written straight in."""
    with tempfile.TemporaryDirectory(prefix="anbu-bench-map-") as folder:
        boundary = Path(folder) / "boundary.geojson"
        ring = [
            [WEST, SOUTH],
            [WEST + SIDE, SOUTH],
            [WEST + SIDE, SOUTH + SIDE],
            [WEST, SOUTH + SIDE],
            [WEST, SOUTH],
        ]
        boundary.write_text(json.dumps({"type": "Polygon", "coordinates": [ring]}))
        info = centres.add_centre(ctx, "2635051000", name="벤치1동", gu="해운대구")
        centres.cover(ctx, info.code, boundaries=[boundary])
    rng = random.Random(27)
    households, cases = [], []
    risks = list(RiskLevel)
    opened = NOW - timedelta(days=20)
    for index in range(1, POINTS + 1):
        street = rng.randrange(STREETS)
        number = rng.randrange(1, 400)
        along = number / 400 * SIDE
        across = (street + 0.5) / STREETS * SIDE + (0.00008 if number % 2 else -0.00008)
        east_west = street % 2 == 0
        lat = SOUTH + (across if east_west else along) + rng.uniform(-0.00005, 0.00005)
        lon = WEST + (along if east_west else across) + rng.uniform(-0.00005, 0.00005)
        households.append(
            {
                "id": index,
                "centre_id": info.id,
                "building_key": f"해운대구|벤치{street + 1}로|{number}",
                "dong_name": "벤치1동",
                "latitude": lat,
                "longitude": lon,
                "routing": Routing.BOUNDARY,
                "created_at": opened,
            }
        )
        cases.append(
            {
                "id": index,
                "household_id": index,
                "centre_id": info.id,
                "status": CaseStatus.RECEIVED,
                "risk": rng.choices(risks, (10, 25, 45, 20))[0],
                "opened_at": opened,
                "due_at": opened + timedelta(days=14),
                "routing": Routing.BOUNDARY,
                "updated_at": opened,
                "version": 1,
            }
        )
    with ctx.sessions.begin() as session:
        insert_rows(session, table(Household), households)
        insert_rows(session, table(Case), cases)
    return POINTS


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run(url: str) -> list[Figure]:
    from PySide6.QtTest import QTest

    from ui import map_canvas
    from ui.app import make_application
    from ui.map_canvas import MapCanvas

    ctx = open_database(url)
    ctx.clock = lambda: NOW
    ctx.actor = Actor.system("bench")
    try:
        _fill(ctx)
        service = MapService(ctx)
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            scene = service.scene(logged=False)
            timings.append(time.perf_counter() - began)
        figures: list[Figure] = [
            ("map.points", float(len(scene.points)), "points"),
            ("map.scene_s", statistics.median(timings), "s"),
        ]

        application = make_application()

        def canvas_of(scene: MapScene) -> tuple[MapCanvas, float]:
            """A canvas showing ``scene`` and the ms of its first whole painting."""
            canvas = MapCanvas()
            canvas.resize(1200, 800)
            canvas.show()
            QTest.qWaitForWindowExposed(canvas)
            application.processEvents()
            began = time.perf_counter()
            canvas.show_map(scene)
            canvas.viewport().repaint()
            first = (time.perf_counter() - began) * 1000
            # In to a street's scale: a kilometre across the window.
            canvas.zoom(2.5)
            canvas.viewport().repaint()
            return canvas, first

        def pan(canvas: MapCanvas) -> list[float]:
            bars = canvas.horizontalScrollBar(), canvas.verticalScrollBar()
            frames = []
            for step in range(PAN_STEPS):
                sign = 1 if (step // 50) % 2 == 0 else -1  # back and forth, in the map
                began = time.perf_counter()
                bars[0].setValue(bars[0].value() + sign * 12)
                bars[1].setValue(bars[1].value() + sign * 7)
                canvas.viewport().repaint()
                frames.append(time.perf_counter() - began)
            return frames

        canvas, first = canvas_of(scene)
        frames = pan(canvas)
        zooms = []
        for step in range(12):
            began = time.perf_counter()
            canvas.zoom(1.25 if step % 2 == 0 else 0.8)
            canvas.viewport().repaint()
            zooms.append(time.perf_counter() - began)
        canvas.close()
        tiles, map_canvas.TILE_M = map_canvas.TILE_M, 1e9  # one tile: the whole map
        try:
            whole, _first = canvas_of(scene)
            whole_frames = pan(whole)
            whole.close()
        finally:
            map_canvas.TILE_M = tiles
        figures += [
            ("map.first_frame_ms", first, "ms"),
            ("map.pan_frame_ms", _median_ms(frames), "ms"),
            ("map.pan_frame_max_ms", max(frames) * 1000, "ms"),
            ("map.pan_frame_one_item_ms", _median_ms(whole_frames), "ms"),
            ("map.pan_frame_one_item_max_ms", max(whole_frames) * 1000, "ms"),
            ("map.zoom_frame_ms", _median_ms(zooms), "ms"),
        ]

        # A lasso around a quarter of the area (its south-west), a ring of 40 corners.
        x0, y0 = scene.projection.xy(SOUTH + SIDE / 4, WEST + SIDE / 4)
        radius = SIDE * 111_000 / 4 * 1.1
        ring = [
            (x0 + radius * math.cos(a * math.pi / 20), y0 + radius * math.sin(a * math.pi / 20))
            for a in range(40)
        ]
        began = time.perf_counter()
        chosen = service.selected(scene, ring)
        figures.append(("map.select_ms", (time.perf_counter() - began) * 1000, "ms"))
        listing = CaseListService(ctx)
        began = time.perf_counter()
        listed = listing.ids(CaseFilter(case_ids=frozenset(chosen)))
        figures.append(("map.select_list_ms", (time.perf_counter() - began) * 1000, "ms"))
        assert len(listed) == len(chosen) > POINTS / 8, (len(listed), len(chosen))
        return figures
    finally:
        ctx.close()
