"""Which community centre an alert belongs to (관할), by the centres' territory rules.

In order, as 행복e음 assigns a report: the report's coordinates fall inside a centre's
boundary; its road (and building number) matches a road rule; its 법정동 matches a 법정동
rule. The first of these that any centre matches decides; two centres matching at the
same level do not guess (the case waits for a person). A 법정동 is often split between
several 행정동 (좌동 → 좌1동…좌4동), which is why it comes last.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import Routing, TerritoryKind
from db.errors import UserError
from db.models import CommunityCentre, TerritoryRule
from desktop.address import AddressKey
from desktop.korean import joined, quoted


class TerritoryError(UserError):
    """A territory rule or boundary that cannot be used; the message says why."""


@dataclass(frozen=True)
class RoadRule:
    """``좌동순환로``, ``좌동순환로 1-99``, ``좌동순환로 100- 짝수``: a road, optionally a range of
    building numbers (inclusive; either end open) and one side of the road."""

    road: str
    number_from: int | None = None
    number_to: int | None = None
    parity: str | None = None  # "odd", "even"

    def matches(self, road: str | None, number: str | None) -> bool:
        if road != self.road:
            return False
        if self.number_from is None and self.number_to is None and self.parity is None:
            return True
        main = _main_number(number)
        if main is None:
            return False
        if self.number_from is not None and main < self.number_from:
            return False
        if self.number_to is not None and main > self.number_to:
            return False
        return self.parity is None or (main % 2 == 1) == (self.parity == "odd")

    @property
    def ranged(self) -> bool:
        return self.number_from is not None or self.number_to is not None or bool(self.parity)

    @property
    def label(self) -> str:
        parts = [self.road]
        if self.number_from is not None or self.number_to is not None:
            first = "" if self.number_from is None else str(self.number_from)
            last = "" if self.number_to is None else str(self.number_to)
            parts.append(f"{first}-{last}")
        if self.parity:
            parts.append("홀수" if self.parity == "odd" else "짝수")
        return " ".join(parts)


_RANGE = re.compile(r"^(\d+)?\s*[-~]\s*(\d+)?$")
_PARITY = {"홀수": "odd", "짝수": "even", "odd": "odd", "even": "even"}


def parse_road_rule(text: str) -> RoadRule:
    """A road rule as an administrator types it: ``도로명[ 시작-끝][ 홀수|짝수]``."""
    words = unicodedata.normalize("NFKC", text).split()
    parity = None
    number_from = number_to = None
    if words and words[-1] in _PARITY:
        parity = _PARITY[words.pop()]
    if words and (match := _RANGE.match(words[-1])) and (match[1] or match[2]):
        words.pop()
        number_from = int(match[1]) if match[1] else None
        number_to = int(match[2]) if match[2] else None
    elif words and words[-1].isdigit() and len(words) > 1:
        number_from = number_to = int(words.pop())
    road = "".join(words)
    if not road or not re.search(r"(로|길)$", road):
        raise TerritoryError(
            f"도로 규칙 {joined(quoted(text), '을')} 알아볼 수 없습니다. '도로명[ 시작-끝][ 홀수|짝수]'로 "
            "적어 주십시오 (예: '좌동순환로 1-99 홀수')."
        )
    if number_from is not None and number_to is not None and number_from > number_to:
        raise TerritoryError(f"도로 규칙 '{text}'의 건물번호 범위가 거꾸로입니다.")
    return RoadRule(road, number_from, number_to, parity)


def _main_number(number: str | None) -> int | None:
    """The main building number: 10 of ``10-2``."""
    if not number:
        return None
    head = number.split("-", 1)[0]
    return int(head) if head.isdigit() else None


# -- boundaries ------------------------------------------------------------------------

_NAME_KEYS = ("adm_nm", "name", "adm_name", "행정동", "emd_kor_nm")


def read_boundary(text: str, *, code: str, name: str, gu: str) -> BaseGeometry:
    """The (Multi)Polygon of one centre from GeoJSON text: a geometry, a Feature, or a
    FeatureCollection (such as the official 행정동 boundary file, which holds every
    행정동: the feature whose properties carry the centre's code or name is taken)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise TerritoryError("경계 파일이 GeoJSON이 아닙니다 (JSON으로 읽을 수 없음).") from None
    if not isinstance(data, dict):
        raise TerritoryError("경계 파일이 GeoJSON이 아닙니다.")
    features: list[dict[str, Any]]
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = [f for f in data.get("features") or [] if isinstance(f, dict)]
    elif kind == "Feature":
        features = [data]
    else:
        features = [{"type": "Feature", "properties": {}, "geometry": data}]
    polygons = [f for f in features if _is_polygon(f.get("geometry"))]
    if not polygons:
        raise TerritoryError("경계 파일에 면(Polygon 또는 MultiPolygon)이 없습니다.")
    if len(polygons) > 1:
        polygons = [f for f in polygons if _names_centre(f, code=code, name=name, gu=gu)]
        if len(polygons) != 1:
            found = "여럿" if polygons else "없음"
            raise TerritoryError(
                f"경계 파일에 면이 여럿이라 행정기관코드 {code} 또는 '{gu} {name}'인 것을 "
                f"찾았으나 {found}입니다. 이 센터의 경계만 담은 파일을 주십시오."
            )
    try:
        geometry = shape(polygons[0]["geometry"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise TerritoryError("경계 파일의 좌표를 읽을 수 없습니다.") from None
    if geometry.is_empty:
        raise TerritoryError("경계 파일의 면이 비어 있습니다.")
    minx, miny, maxx, maxy = geometry.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise TerritoryError(
            "경계 파일의 좌표가 경도·위도(WGS84)가 아닙니다 (투영 좌표계로 보입니다). "
            "WGS84(EPSG:4326)로 변환한 파일을 주십시오."
        )
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    return geometry


def _is_polygon(geometry: object) -> bool:
    return isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon")


def _names_centre(feature: dict[str, Any], *, code: str, name: str, gu: str) -> bool:
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        return False
    values = {str(v).strip() for v in properties.values() if v is not None}
    if code in values:
        return True
    for key in _NAME_KEYS:
        text = str(properties.get(key) or "").strip()
        if text and (text == name or text.endswith(f"{gu} {name}")):
            return True
    return False


# -- routing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where an alert belongs: a centre and the rule that chose it, or why none did."""

    centre_id: int | None
    routing: Routing
    note: str  # in words, for the case pane: "도로 좌동순환로 (좌1동)"

    @property
    def firm(self) -> bool:
        return not self.routing.needs_confirmation


PENDING_NOTE = "관할 확인 필요"


@dataclass(frozen=True)
class _Centre:
    id: int
    gu: str
    dong: str


class Router:
    """The territory rules of every active centre, loaded once per import."""

    def __init__(self, centres: dict[int, _Centre], rules: list[TerritoryRule]) -> None:
        self.centres = centres
        self._roads: dict[str, list[tuple[RoadRule, _Centre]]] = {}
        self._legal: dict[str, list[_Centre]] = {}
        boundaries: list[BaseGeometry] = []
        self._boundary_centres: list[_Centre] = []
        for rule in rules:
            centre = centres.get(rule.centre_id)
            if centre is None:
                continue  # a disabled centre places nothing
            if rule.kind is TerritoryKind.ROAD and rule.road:
                road = RoadRule(rule.road, rule.number_from, rule.number_to, rule.parity)
                self._roads.setdefault(rule.road, []).append((road, centre))
            elif rule.kind is TerritoryKind.LEGAL_DONG and rule.legal_dong:
                self._legal.setdefault(rule.legal_dong, []).append(centre)
            elif rule.kind is TerritoryKind.BOUNDARY and rule.boundary:
                geometry = shape(json.loads(rule.boundary))
                shapely.prepare(geometry)
                boundaries.append(geometry)
                self._boundary_centres.append(centre)
        self._tree = shapely.STRtree(boundaries) if boundaries else None
        self._boundaries = boundaries

    @classmethod
    def load(cls, session: Session) -> Router:
        centres = {
            c.id: _Centre(c.id, c.gu, c.dong)
            for c in session.scalars(select(CommunityCentre).where(CommunityCentre.active))
        }
        rules = list(session.scalars(select(TerritoryRule).order_by(TerritoryRule.id)))
        return cls(centres, rules)

    @property
    def empty(self) -> bool:
        return not (self._roads or self._legal or self._boundaries)

    def dong_of(self, centre_id: int | None) -> str | None:
        centre = self.centres.get(centre_id) if centre_id is not None else None
        return centre.dong if centre else None

    def place(
        self, key: AddressKey, latitude: float | None, longitude: float | None
    ) -> Placement | None:
        """The centre a rule places an alert in; ``None`` when no rule does; a placement
        with ``Routing.AMBIGUOUS`` when two centres match at the deciding level."""
        if self._tree is not None and latitude is not None and longitude is not None:
            # The tree narrows by bounding box; the prepared polygons answer containment
            # (a predicate in the query would prepare the point, not the polygons).
            hits = {
                self._boundary_centres[int(i)].id: self._boundary_centres[int(i)]
                for i in self._tree.query(shapely.Point(longitude, latitude))
                if shapely.intersects_xy(self._boundaries[int(i)], longitude, latitude)
            }
            if hits:
                return _decide(hits, Routing.BOUNDARY, lambda c: f"경계 ({c.dong})")
        if key.road:
            placed = self._by_road(key.gu, key.road, key.number, "")
            branch = _BRANCH.match(key.road)
            if placed is None and branch is not None:
                # 해운대로10번길 leaves 해운대로 at its building 10: with no rule of its
                # own, it lies where that stretch of the main road does.
                placed = self._by_road(key.gu, branch[1], branch[2], f", {branch[2]}번길")
            if placed is not None:
                return placed
        if key.legal_dong and key.legal_dong in self._legal:
            centres = {
                c.id: c for c in self._legal[key.legal_dong] if key.gu is None or key.gu == c.gu
            }
            if centres:
                dong = key.legal_dong
                return _decide(centres, Routing.LEGAL_DONG, lambda c: f"법정동 {dong} ({c.dong})")
        return None

    def _by_road(
        self, gu: str | None, road: str, number: str | None, suffix: str
    ) -> Placement | None:
        matched = [
            (rule, centre)
            for rule, centre in self._roads.get(road, ())
            if (gu is None or gu == centre.gu) and rule.matches(road, number)
        ]
        if any(rule.ranged for rule, _ in matched):  # a range says more than the road
            matched = [(rule, centre) for rule, centre in matched if rule.ranged]
        if not matched:
            return None
        centres = {centre.id: centre for _, centre in matched}
        label = matched[0][0].label
        return _decide(centres, Routing.ROAD, lambda c: f"도로 {label} ({c.dong}{suffix})")


_BRANCH = re.compile(r"^(.+?(?:로|길))(\d+)번길$")


def _decide(centres: dict[int, _Centre], routing: Routing, note: Any) -> Placement:
    if len(centres) == 1:
        (centre,) = centres.values()
        return Placement(centre.id, routing, note(centre))
    names = "·".join(sorted(c.dong for c in centres.values()))
    return Placement(
        None, Routing.AMBIGUOUS, f"{PENDING_NOTE}: {routing.label} 규칙으로 {names} 모두 해당"
    )


def pending(centre_dong: str | None) -> str:
    """The note of a case no rule placed, held by the importer's centre (or by none)."""
    holder = f"{centre_dong} 행정복지센터가 임시로 맡음" if centre_dong else "관리자가 임시로 맡음"
    return f"{PENDING_NOTE}: 관할 규칙에 맞는 센터가 없어 {holder}"
