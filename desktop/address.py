"""Korean addresses written many ways, reduced to keys that compare.

``부산광역시 해운대구 좌동로 10, 101동 1203호``, ``부산 해운대구 좌동로10 101-1203`` and
``해운대구 좌동로 10 (좌동, OO아파트) 101동 1203호`` all give the building key
``해운대구|좌동로|10`` and the unit ``101-1203``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

_SIDO = re.compile(r"^(?:부산광역시\s*|부산시\s*|부산\s+)")  # not the 부산 of 부산진구
_PARENS = re.compile(r"\(([^)]*)\)")
_GU = re.compile(r"(?:^|\s)([가-힣]{1,4}(?:구|군))(?=\s|$)")
# Bounded repetitions: the keys fit their columns whatever is typed (db.models).
_ROAD = re.compile(
    r"([가-힣0-9.]{1,40}?(?:로|길)(?:\s*\d{1,5}(?:번)?길)?)\s*(\d{1,5}(?:-\d{1,5})?)"
    r"(?!\s*(?:동|호|층))"
)
_LOT = re.compile(
    r"([가-힣]{1,12}\d{0,2}(?:동|리|가))\s*(산\s*)?(\d{1,5}(?:-\d{1,5})?)\s*(?:번지)?"
)
_UNIT_DONG_HO = re.compile(r"(\d{1,6})\s*동\s*(\d{1,6})\s*호")
_UNIT_DASH = re.compile(r"(?:^|[\s,])(\d{1,4})\s*-\s*(\d{1,5})(?:\s*호)?(?=\s|$|,)")
_UNIT_HO = re.compile(r"(\d{1,6})\s*호")
_BASEMENT = re.compile(r"(?:지하|B)\s*(\d{0,2})\s*(?:층)?", re.IGNORECASE)
_FLOOR = re.compile(r"(\d{1,3})\s*층")
_ROOFTOP = re.compile(r"옥탑")
_SEMI_BASEMENT = re.compile(r"반\s*지하")
# Which flat of a floor, as a 다가구's units are written: 2층 왼쪽, 1층 앞집, 3층 안쪽.
_SIDES = (
    (re.compile(r"왼쪽|좌측|왼편"), "좌"),
    (re.compile(r"오른쪽|우측|오른편"), "우"),
    (re.compile(r"앞\s*(?:집|쪽|채)"), "앞"),
    (re.compile(r"뒤\s*(?:집|쪽|채)|뒷\s*(?:집|채)"), "뒤"),
    (re.compile(r"안\s*(?:집|쪽|채)"), "안"),
    (re.compile(r"바깥\s*(?:집|쪽|채)|밖\s*(?:집|채)"), "밖"),
)
_APARTMENT = re.compile(r"아파트|APT|[Aa]pt")
_DONG_IN_PARENS = re.compile(
    r"^[가-힣]{1,12}\d{0,2}동$"
)  # (a 법정동's name is short: its column too)

# ~100 m cells at Busan's latitude (35° N): 0.0009° of latitude, 0.0011° of longitude.
_CELL_LAT = 0.0009
_CELL_LON = 0.0011
CELL_LAT, CELL_LON = _CELL_LAT, _CELL_LON  # the grid's cell in degrees (the council's map)


@dataclass(frozen=True)
class AddressKey:
    """The comparable parts of an address; any may be missing."""

    gu: str | None
    road: str | None  # road name, with 번길 when present
    number: str | None  # building number, e.g. "10" or "10-2"
    lot: str | None  # 지번: "좌동 1234-5" when no road address was found
    unit: str | None  # "101-1203", "-1203", "B1", "F3", "F2좌" (2층 왼쪽), "RT" (옥탑)
    legal_dong: str | None  # 법정동 named in parentheses or in a lot address
    # The address names an apartment complex (``현대아파트``): hundreds of flats, not a house.
    apartment: bool = False

    @property
    def building_key(self) -> str | None:
        if self.road and self.number:
            return f"{self.gu or ''}|{self.road}|{self.number}"
        if self.lot:
            return f"{self.gu or ''}|{self.lot}"
        return None

    @property
    def address_key(self) -> str | None:
        building = self.building_key
        if building is None:
            return None
        return f"{building}|{self.unit or ''}"


def _unit(text: str) -> str | None:
    if match := _UNIT_DONG_HO.search(text):
        return f"{int(match[1])}-{int(match[2])}"
    if match := _UNIT_DASH.search(text):
        return f"{int(match[1])}-{int(match[2])}"
    if match := _UNIT_HO.search(text):
        return f"-{int(match[1])}"
    side = next((mark for pattern, mark in _SIDES if pattern.search(text)), "")
    if _ROOFTOP.search(text):
        return "RT" + side
    if _SEMI_BASEMENT.search(text):
        return "B1" + side
    if match := _BASEMENT.search(text):
        return f"B{int(match[1] or 1)}{side}"
    if match := _FLOOR.search(text):
        return f"F{int(match[1])}{side}"
    return None


def parse_address(address: str | None, detail: str | None = None) -> AddressKey:
    text = unicodedata.normalize("NFKC", f"{address or ''} {detail or ''}").strip()
    apartment = bool(_APARTMENT.search(text))
    legal_dong = None
    for inner in _PARENS.findall(text):
        for part in re.split(r"[,\s]+", inner):
            if _DONG_IN_PARENS.match(part):
                legal_dong = part
    text = _PARENS.sub(" ", text)
    text = re.sub(r"\s+", " ", _SIDO.sub("", text)).strip()
    gu_match = _GU.search(text)
    gu = gu_match[1] if gu_match else None
    rest = text[gu_match.end() :] if gu_match else text
    road = number = lot = None
    if match := _ROAD.search(rest):
        road = re.sub(r"\s+", "", match[1])
        number = match[2]
        tail = rest[match.end() :]
    elif match := _LOT.search(rest):
        legal_dong = legal_dong or match[1]
        lot = f"{match[1]} {'산' if match[2] else ''}{match[3]}"
        tail = rest[match.end() :]
    else:
        tail = rest
    return AddressKey(gu, road, number, lot, _unit(tail), legal_dong, apartment)


def geo_cell(latitude: float | None, longitude: float | None) -> str | None:
    """The ~100 m grid cell a point falls in (neighbouring cells are ``neighbour_cells``)."""
    if latitude is None or longitude is None:
        return None
    return f"{math.floor(latitude / _CELL_LAT)}:{math.floor(longitude / _CELL_LON)}"


def neighbour_cells(cell: str) -> list[str]:
    lat, lon = (int(part) for part in cell.split(":"))
    return [f"{lat + dy}:{lon + dx}" for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    radius = 6_371_000.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
