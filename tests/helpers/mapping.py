"""An office with places on the map, set up as a real one is: an administrator, two
centres with their 행정동 boundaries, a worker each and a reader, and the citizen app's
reports (each with the point the citizen picked) imported by a worker. The points fall in
~100 m cells of known counts, so that what the map and the council's page show can be
checked cell by cell."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.enums import Role
from db.models import Alert
from desktop.address import CELL_LAT, CELL_LON
from desktop.context import AppContext
from desktop.intake.service import import_file
from desktop.office import centres
from desktop.security import accounts
from tests.desktop.test_office import BOUNDARIES, A, B, box  # noqa: F401  (one copy of the dongs)

PASSWORD = "office-pass-1"
USERS = {"kim": (Role.WORKER, A), "lee": (Role.WORKER, B), "rho": (Role.READER, A)}


def cell_middle(latitude: float, longitude: float) -> tuple[float, float]:
    """The middle of the ~100 m cell ``(latitude, longitude)`` falls in."""
    return (
        (math.floor(latitude / CELL_LAT) + 0.5) * CELL_LAT,
        (math.floor(longitude / CELL_LON) + 0.5) * CELL_LON,
    )


# 좌1동's cells and how many reports each holds: two to show, two to suppress.
A_CELLS = {
    "P": (cell_middle(35.1620, 129.1620), 5),
    "Q": (cell_middle(35.1650, 129.1650), 3),
    "R": (cell_middle(35.1680, 129.1630), 2),
    "S": (cell_middle(35.1640, 129.1680), 1),
}
B_CELL = (cell_middle(35.1650, 129.1750), 2)


@dataclass
class PlacedOffice:
    url: str
    folder: Path
    cells: dict[str, list[int]] = field(default_factory=dict)  # cell -> its cases
    b_cases: list[int] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)  # 좌1동's cases with no place

    def context(self, user: str) -> AppContext:
        from desktop.context import open_database

        ctx = open_database(self.url)
        accounts.sign_in(ctx, user, PASSWORD)
        return ctx

    @property
    def a_placed(self) -> list[int]:
        return sorted(case for cases in self.cells.values() for case in cases)


def _report(number: int, latitude: float, longitude: float) -> dict[str, str]:
    return {
        "신고번호": f"M-{number}",
        "신고일시": "2026-11-16 09:00",
        "대상자명": f"주민{number:02d}",
        "주소": f"부산광역시 해운대구 좌동로 {100 + 2 * number}",
        "위도": f"{latitude:.6f}",
        "경도": f"{longitude:.6f}",
        "위기유형": "경제,고립",
        "긴급여부": "Y" if number % 4 == 0 else "N",
    }


def _source_case(ctx: AppContext, source_id: str) -> int:
    with ctx.session() as session:
        case_id = session.scalar(select(Alert.case_id).where(Alert.source_id == source_id))
    assert case_id is not None, source_id
    return case_id


def set_up(ctx: AppContext, url: str, folder: Path) -> PlacedOffice:
    """The office in ``ctx``'s database at ``url`` (its first administrator signed in)."""
    boundaries = folder / "hangjeongdong.geojson"
    boundaries.write_text(json.dumps(BOUNDARIES, ensure_ascii=False), encoding="utf-8")
    for code, name in ((A, "좌1동"), (B, "좌2동")):
        centres.add_centre(ctx, code, name=name, gu="해운대구")
        centres.cover(ctx, code, boundaries=[boundaries])
    for user, (role, centre) in USERS.items():
        accounts.add_user(ctx, user, PASSWORD, role=role, centre=centre)
    office = PlacedOffice(url, folder)
    reports: list[tuple[str, dict[str, str]]] = []
    number = 0
    for cell, ((latitude, longitude), count) in A_CELLS.items():
        for i in range(count):
            number += 1
            # A few metres apart, as neighbours' reports of one block are.
            reports.append((cell, _report(number, latitude + i * 0.00005, longitude)))
    (latitude, longitude), count = B_CELL
    for i in range(count):
        number += 1
        reports.append(("B", _report(number, latitude + i * 0.00005, longitude)))
    app = folder / "app.jsonl"
    app.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for _cell, r in reports), "utf-8"
    )
    calls = folder / "calls.jsonl"
    calls.write_text(
        "".join(
            json.dumps(
                {
                    "상담ID": f"MC-{n}",
                    "통화일시": "2026-11-17 10:00",
                    "대상자명": f"통화{n}",
                    "연락처": f"010-3000-000{n}",
                    "통화결과": "연결",
                    "도움요청": "Y",
                },
                ensure_ascii=False,
            )
            + "\n"
            for n in (1, 2)
        ),
        "utf-8",
    )
    admin = ctx.actor
    accounts.sign_in(ctx, "kim", PASSWORD)  # a worker of 좌1동 imports, as in an office
    import_file(ctx, app)
    import_file(ctx, calls)
    for cell, report in reports:
        case_id = _source_case(ctx, report["신고번호"])
        if cell == "B":
            office.b_cases.append(case_id)
        else:
            office.cells.setdefault(cell, []).append(case_id)
    office.unplaced = sorted(_source_case(ctx, f"MC-{n}") for n in (1, 2))
    ctx.actor = admin
    return office
