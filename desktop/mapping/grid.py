"""The masked map of the council's papers: counts per ~100 m cell, never a small one.

Cells are those of ``desktop.address.geo_cell`` (0.0009° of latitude by 0.0011° of
longitude, about 100 m at Busan's latitude), or blocks of them when the paper is too
small for 100 m cells to be read. A cell with fewer than ``MIN_SHOWN`` cases is
suppressed: the paper marks it without its number, and the number is not handed to the
paper at all (a hidden number is still in the file). When only one cell is suppressed,
the smallest shown cell is suppressed too, so that no total printed elsewhere lets a
reader subtract the one small number out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.address import CELL_LAT, CELL_LON

MIN_SHOWN = 3


@dataclass(frozen=True)
class Cell:
    """One cell of the grid: its row and column (of ``size`` × ``size`` base cells) and
    the number of cases it holds, or None when that number is suppressed."""

    row: int
    col: int
    size: int
    shown: int | None

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees."""
        south = self.row * self.size * CELL_LAT
        west = self.col * self.size * CELL_LON
        return west, south, west + self.size * CELL_LON, south + self.size * CELL_LAT


def masked_cells(points: Iterable[tuple[float, float]], *, size: int = 1) -> list[Cell]:
    """The cells the ``(latitude, longitude)`` points fall in, each with its count when at
    least ``MIN_SHOWN``, by row then column."""
    counts: Counter[tuple[int, int]] = Counter(
        (
            math.floor(latitude / (CELL_LAT * size)),
            math.floor(longitude / (CELL_LON * size)),
        )
        for latitude, longitude in points
    )
    suppressed = {key for key, count in counts.items() if count < MIN_SHOWN}
    if len(suppressed) == 1 and len(counts) > 1:
        smallest = min((count, key) for key, count in counts.items() if key not in suppressed)
        suppressed.add(smallest[1])
    return [
        Cell(row, col, size, None if (row, col) in suppressed else count)
        for (row, col), count in sorted(counts.items())
    ]
