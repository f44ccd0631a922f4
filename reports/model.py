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


# The city statistics: one row per 행정동 × channel (the channel a case was found through).
CITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("alerts", "알림 수"),
    ("received", "접수 사례"),
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


@dataclass
class CityRow:
    dong: str
    channel: str
    code: str = ""  # 행정기관코드
    alerts: int = 0
    received: int = 0
    verified: int = 0
    counselled: int = 0
    support_public: int = 0
    support_private: int = 0
    closed: int = 0
    pending: int = 0
    overdue: int = 0

    def add(self, case: CityCaseRow) -> None:
        self.received += 1
        self.verified += case.verified
        self.counselled += case.counselled
        self.support_public += case.support_public
        self.support_private += case.support_private
        self.closed += case.closed
        self.pending += not case.closed
        self.overdue += case.overdue

    def values(self) -> list[int]:
        return [int(getattr(self, key)) for key, _ in CITY_COLUMNS]


@dataclass
class CityReport:
    """The statistics, counted from the case rows as they stream past (``add``), plus the
    alerts received per 행정동 × channel, which the query gives up front."""

    period: str
    prepared_at: datetime
    prepared_by: str
    channel_order: list[str]
    # (행정동, 행정기관코드, channel) -> alerts
    alerts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    revealed: bool = False
    _table: dict[tuple[str, str, str], CityRow] = field(default_factory=dict)
    _crisis: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add(self, case: CityCaseRow) -> None:
        key = (case.dong, case.code, case.channel)
        row = self._table.get(key)
        if row is None:
            row = self._table[key] = CityRow(case.dong, case.channel, case.code)
        row.add(case)
        for kind in case.crisis_types:
            self._crisis[(case.dong, case.code, kind)] += 1

    @property
    def rows(self) -> list[CityRow]:
        table = dict(self._table)
        for dong, code, channel in self.alerts:
            table.setdefault((dong, code, channel), CityRow(dong, channel, code))
        for key, row in table.items():
            row.alerts = self.alerts.get(key, 0)
        order = {name: i for i, name in enumerate(self.channel_order)}
        return sorted(table.values(), key=lambda r: (r.dong, r.code, order.get(r.channel, 99)))

    @property
    def by_crisis(self) -> list[tuple[str, str, str, int]]:
        """(행정동, 행정기관코드, 위기유형, cases)."""
        return sorted((dong, code, kind, n) for (dong, code, kind), n in self._crisis.items())

    def totals(self) -> list[int]:
        sums = [0] * len(CITY_COLUMNS)
        for row in self.rows:
            sums = [a + b for a, b in zip(sums, row.values(), strict=True)]
        return sums
