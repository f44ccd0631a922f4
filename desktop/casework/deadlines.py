"""Deadlines, in working days where the rule is about office work.

Working days skip weekends and Korean public holidays, substitute holidays included
(the ``holidays`` package's calendar, not a hand-typed list). The rules are configurable
per database (every PC sharing it follows the same rules) with these defaults:

- 긴급 (urgent): first contact within 1 working day;
- a citizen app report: counselling within 14 days of the report (calendar days, as the
  programme sets it);
- any other alert showing a concern (위기·주의): first contact within 7 working days;
- a big-data target (복지사각지대 발굴대상자): its round's 조사기한 is the case's deadline
  (the end of that working day); only 긴급 asks for first contact sooner.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
import holidays.countries.south_korea  # loaded with this module: see _holidays

from db.enums import Channel, RiskLevel
from db.models import META_RULES, AppMeta
from desktop.security.access import Permission, require
from desktop.timeutil import KST

if TYPE_CHECKING:
    from desktop.context import AppContext


@dataclass(frozen=True)
class DeadlineRules:
    urgent_contact_working_days: int = 1
    app_counselling_days: int = 14
    concern_contact_working_days: int = 7
    due_soon_days: int = 7  # "due this week" lists look this far ahead

    @staticmethod
    def load(ctx: AppContext) -> DeadlineRules:
        with ctx.session() as session:
            meta = session.get(AppMeta, META_RULES)
        if meta is None:
            return DeadlineRules()
        stored = json.loads(meta.value)
        known = {f.name for f in fields(DeadlineRules)}
        return DeadlineRules(**{k: int(v) for k, v in stored.items() if k in known})

    def save(self, ctx: AppContext) -> None:
        require(ctx, Permission.RULES)
        for name, value in asdict(self).items():
            if not 0 <= value <= 365:
                raise ValueError(f"{name}: {value}일은 범위(0–365)를 벗어납니다")
        with ctx.sessions.begin() as session:
            session.merge(AppMeta(key=META_RULES, value=json.dumps(asdict(self))))


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    # The country's module is imported with this one: left to the first day asked, the
    # package loaded its country modules then (0.1 s), which held the client's first
    # Today back by 0.3 s beside the window being drawn.
    calendar: holidays.HolidayBase = holidays.country_holidays("KR", years=year)
    return calendar


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    """The end of the working day ``days`` working days after ``start`` (Korea time)."""
    return _working_day_end(start.astimezone(KST).date(), days)


@lru_cache(maxsize=4096)
def _working_day_end(day: date, days: int) -> datetime:
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return datetime.combine(day, time(18, 0), KST)


def first_deadlines(
    channel: Channel,
    occurred_at: datetime,
    risk: RiskLevel,
    received_at: datetime,
    rules: DeadlineRules,
    investigate_by: date | None = None,
) -> tuple[datetime | None, datetime | None]:
    """(first contact due, counselling due) for a case opened by one alert;
    ``investigate_by`` is a big-data round's 조사기한."""
    first_contact = None
    if risk is RiskLevel.URGENT:
        first_contact = add_working_days(received_at, rules.urgent_contact_working_days)
    elif risk in (RiskLevel.CRISIS, RiskLevel.CAUTION) and channel is not Channel.BIGDATA:
        first_contact = add_working_days(received_at, rules.concern_contact_working_days)
    counselling = None
    if channel is Channel.APP:
        counselling = occurred_at + timedelta(days=rules.app_counselling_days)
    elif channel is Channel.BIGDATA and investigate_by is not None:
        counselling = datetime.combine(investigate_by, time(18, 0), KST)
    return first_contact, counselling
