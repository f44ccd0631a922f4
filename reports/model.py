"""The plain objects the papers are made from. No database, no Qt: ``desktop.reporting``
fills them, the writers beside this module read them. Every text in them is untrusted
(citizens and staff wrote it); the writers escape it for their format."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class AgendaEntry:
    label: str  # masked: 김○○ / 70대 / 1인가구 / 좌동로 일대
    situation: str
    support: list[str]
    question: str
    risk: str


@dataclass
class FollowUp:
    meeting_on: date
    label: str
    decision: str
    follow_up: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class ClosureLine:
    """One reason cases ended for, counted as 비해당 and as 종결 (``desktop.reporting.
    closures``): a reason, 소재 파악 필요's subtotal (``group``) and its parts (``part``),
    or the 합계."""

    label: str
    not_applicable: int
    closed: int
    part: bool = False
    group: bool = False

    @property
    def total(self) -> int:
        return self.not_applicable + self.closed


@dataclass
class MapCell:
    """A cell of the council's map, in metres from the map's south-west corner, with the
    number of cases it holds, or None: fewer than three, so no number is printed (and
    none is handed to the writer)."""

    west: float
    south: float
    east: float
    north: float
    shown: int | None


@dataclass
class CouncilMap:
    """The masked map of the open cases: counts per cell on the centre's boundary, and
    the roads of a base layer for finding one's way (never a household's point)."""

    width_m: float
    height_m: float
    cell_m: int  # the cells' side: 100 m, or a multiple on a large 행정동
    boundary: list[list[tuple[float, float]]] = field(default_factory=list)
    cells: list[MapCell] = field(default_factory=list)
    roads: list[list[tuple[float, float]]] = field(default_factory=list)
    road_labels: list[tuple[str, float, float]] = field(default_factory=list)  # name, x, y


@dataclass
class CouncilPacket:
    dong: str
    centre_name: str
    meeting_on: date
    period: str
    prepared_by: str
    prepared_at: datetime
    months: list[str]
    alerts_by_channel: list[tuple[str, list[int]]]  # channel -> count per month
    alerts_by_crisis: list[tuple[str, list[int]]]  # crisis type -> count per month
    cases_by_status: list[tuple[str, int]]
    support_public: int
    support_private: int
    overdue: int
    new_cases: int
    agenda: list[AgendaEntry] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    # the channel chart's months: the six ending with the period's last
    trend_months: list[str] = field(default_factory=list)
    trend_by_channel: list[tuple[str, list[int]]] = field(default_factory=list)
    map: CouncilMap | None = None  # the open cases per ~100 m cell (one page)
    # why the cases closed in the period ended (비해당 in staff words first), and the 합계
    closures: list[ClosureLine] = field(default_factory=list)

    @property
    def total_alerts(self) -> int:
        return sum(sum(counts) for _, counts in self.alerts_by_channel)


@dataclass
class CaseCard:
    case_id: int
    centre: str
    status: str
    risk: str
    assigned_to: str
    opened_at: datetime
    closed_at: datetime | None
    address: str
    household_type: str
    persons: list[str]
    timeline: list[tuple[datetime, str, str, str, str]]  # when, channel, source id, types, text
    counselling: list[tuple[datetime, str, str, str]]
    support: list[str]
    history: list[tuple[datetime, str, str, str]]
    printed_by: str
    printed_at: datetime


# The city statistics: one row per 행정동, the channels (the channel a case was found
# through) as columns, then what became of the cases.
CITY_MEASURES: tuple[tuple[str, str], ...] = (
    ("verified", "확인"),
    ("counselled", "상담"),
    ("support_public", "공공 지원연계"),
    ("support_private", "민간 지원연계"),
    ("closed", "종결"),
    ("pending", "진행중"),
    ("overdue", "기한초과"),
)


@dataclass
class CityCaseRow:
    case_id: int
    dong: str
    channel: str
    opened_on: date
    status: str
    risk: str
    crisis_types: list[str]
    name: str  # masked unless the export was made with reveal
    verified: bool
    counselled: bool
    support_public: int
    support_private: int
    closed: bool
    overdue: bool
    closed_on: date | None
    code: str = ""  # the centre's 행정기관코드 ("" for a case no centre holds)
    gu: str = ""  # the centre's 구·군
    closure: str = ""  # the closure reason's stored code ("" while open, or none given)
    closure_label: str = ""  # and its words (종결 사유 / 비해당 사유)


# The 통계 sheet's closure-reason columns after the measures: a header and the stored codes
# it adds up (소재 파악 필요 adds its three parts); ``desktop.reporting.closures`` fills it.
ClosureColumns = list[tuple[str, tuple[str, ...]]]


Place = tuple[str, str, str]  # (구·군, 행정동, 행정기관코드)


@dataclass
class CityRow:
    """One 행정동 (or a 구·군's subtotal, or the city's total)."""

    gu: str
    dong: str
    code: str = ""
    alerts: Counter[str] = field(default_factory=Counter)  # channel -> alerts
    received: Counter[str] = field(default_factory=Counter)  # channel -> cases
    verified: int = 0
    counselled: int = 0
    support_public: int = 0
    support_private: int = 0
    closed: int = 0
    pending: int = 0
    overdue: int = 0
    crisis: Counter[str] = field(default_factory=Counter)  # 위기유형 -> cases
    closures: Counter[str] = field(default_factory=Counter)  # closure reason code -> cases

    def add(self, case: CityCaseRow) -> None:
        self.received[case.channel] += 1
        if case.closed and case.closure:
            self.closures[case.closure] += 1
        self.verified += case.verified
        self.counselled += case.counselled
        self.support_public += case.support_public
        self.support_private += case.support_private
        self.closed += case.closed
        self.pending += not case.closed
        for kind in case.crisis_types:
            self.crisis[kind] += 1

    def absorb(self, other: CityRow) -> None:
        """Add ``other``'s figures (a subtotal or the total being made)."""
        self.alerts.update(other.alerts)
        self.received.update(other.received)
        self.crisis.update(other.crisis)
        self.closures.update(other.closures)
        for key, _ in CITY_MEASURES:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @property
    def cases(self) -> int:
        return sum(self.received.values())

    def values(self, channels: list[str], closures: ClosureColumns | None = None) -> list[int]:
        """알림 per channel and their sum, 접수 사례 per channel and their sum, each
        measure, then the closed cases by reason: the numbers of one row of the 통계 sheet."""
        return [
            *(self.alerts[c] for c in channels),
            sum(self.alerts.values()),
            *(self.received[c] for c in channels),
            self.cases,
            *(int(getattr(self, key)) for key, _ in CITY_MEASURES),
            *(sum(self.closures[code] for code in codes) for _, codes in closures or []),
        ]


def city_header(channels: list[str], closures: ClosureColumns | None = None) -> list[str]:
    """The numeric columns of the 통계 sheet, in the order of ``CityRow.values``."""
    return [
        *(f"알림: {c}" for c in channels),
        "알림 계",
        *(f"사례: {c}" for c in channels),
        "접수 사례 계",
        *(label for _, label in CITY_MEASURES),
        *(label for label, _ in closures or []),
    ]


@dataclass
class CityReport:
    """The statistics, counted from the case rows as they stream past (``add``), plus the
    alerts per 행정동 × channel, which the query gives up front. Every centre the export
    covers has its row, cases or not, so every centre's sheet has the same shape."""

    period: str
    prepared_at: datetime
    prepared_by: str
    channel_order: list[str]
    # (구·군, 행정동, 행정기관코드, channel) -> alerts
    alerts: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    # 기한초과, one definition everywhere: the open cases whose 처리기한 has passed when the
    # paper is made, whenever they were received (docs/city-export.md)
    overdue: dict[Place, int] = field(default_factory=dict)
    revealed: bool = False
    places: list[Place] = field(default_factory=list)  # every centre covered
    crisis_order: list[str] = field(default_factory=list)
    closure_columns: ClosureColumns = field(default_factory=list)
    _table: dict[Place, CityRow] = field(default_factory=dict)

    def _row(self, place: Place) -> CityRow:
        row = self._table.get(place)
        if row is None:
            row = self._table[place] = CityRow(*place)
        return row

    def add(self, case: CityCaseRow) -> None:
        self._row((case.gu, case.dong, case.code)).add(case)

    @property
    def rows(self) -> list[CityRow]:
        """One row per 행정동, by 구·군 then 행정동."""
        for place in self.places:
            self._row(place)
        for row in self._table.values():
            row.alerts = Counter()
        for (gu, dong, code, channel), count in self.alerts.items():
            self._row((gu, dong, code)).alerts[channel] += count
        for place, count in self.overdue.items():
            self._row(place).overdue = count
        return sorted(self._table.values(), key=lambda r: (r.gu, r.dong, r.code))

    def grouped(self) -> list[tuple[CityRow, str]]:
        """The rows with a subtotal after each 구·군 and the city's total last, each with
        its kind: "" for a 행정동, "subtotal", "total"."""
        out: list[tuple[CityRow, str]] = []
        total = CityRow("", "합계")
        current: CityRow | None = None
        for row in self.rows:
            if current is None or current.gu != row.gu:
                if current is not None:
                    out.append((current, "subtotal"))
                current = CityRow(row.gu, f"{row.gu or '구·군 미상'} 소계")
            out.append((row, ""))
            current.absorb(row)
            total.absorb(row)
        if current is not None:
            out.append((current, "subtotal"))
        out.append((total, "total"))
        return out

    @property
    def crisis_types(self) -> list[str]:
        """Every type in the fixed order, then any other the alerts named."""
        seen = {kind for row in self._table.values() for kind in row.crisis}
        return [*self.crisis_order, *sorted(seen - set(self.crisis_order))]

    def total(self) -> CityRow:
        return self.grouped()[-1][0]

    @property
    def cases_total(self) -> int:
        return self.total().cases


# The 행복e음 hand-off sheet (docs/haengbok-handoff.md): one row a case, in the order a
# worker types it into 행복e음; the last column is where the 처리번호 is written back, and
# these two headers are what ``anbu import-handoff`` reads the filled-in sheet by.
HANDOFF_CASE_HEADER = "사례번호"
HANDOFF_NUMBER_HEADER = "행복e음처리번호"


@dataclass
class HandoffCase:
    """One case that reached a result, in full (the worker's own sheet: never masked)."""

    case_id: int
    name: str
    birth_date: date | None
    sex: str
    phone: str
    address: str
    route: str  # 발굴경로: 복지위기 알림, AI 초기상담, 안부 살핌 우편, 빅데이터 2026-6차
    found_on: date  # 발굴일: the first alert's day
    crisis: str  # 위기유형 (and the big-data list's 위기정보)
    result: str  # 조사결과: 비해당 — 지원 불필요 …
    result_on: date | None
    # 서비스 연계, one line a link in each of the three
    support_kind: list[str]  # 공공 / 민간
    support_place: list[str]  # 서비스 (기관)
    support_dates: list[str]  # 의뢰 2026-11-03 · 결정 … · 제공 …
    counselling: list[str]  # 상담 요약 by date: "2026-11-03 방문: …"
    worker: str
    number: str  # 행복e음 처리번호 when recorded, else ""


@dataclass
class HandoffSheet:
    title: str  # what the sheet holds: "2026-11-20 결과" or "사례 12번"
    centre: str
    prepared_by: str
    prepared_at: datetime
    cases: list[HandoffCase]
