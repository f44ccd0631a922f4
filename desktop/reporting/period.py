"""The period a paper covers, and the error a paper that cannot be made raises."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from db.enums import Channel
from db.errors import UserError
from desktop.timeutil import KST, to_kst

CHANNEL_ORDER = (
    Channel.APP,
    Channel.AI_CALL,
    Channel.CARRIER,
    Channel.BIGDATA,
)  # the papers' column order


class ReportError(UserError):
    """A paper that cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class Period:
    """Whole days in Korea time, both ends included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ReportError("기간의 끝이 시작보다 앞섭니다.")
        if (self.last - self.first).days > 366 * 3:
            raise ReportError("기간은 3년을 넘을 수 없습니다.")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), KST)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.last + timedelta(days=1), time(), KST)

    @staticmethod
    def month(text: str) -> Period:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise ReportError(f"달은 2026-11처럼 적어 주십시오: '{text}'")
        year, month = int(match[1]), int(match[2])
        following = date(year + month // 12, month % 12 + 1, 1)
        return Period(date(year, month, 1), following - timedelta(days=1))

    def months(self) -> list[str]:
        out: list[str] = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            out.append(f"{year}-{month:02d}")
            year, month = year + month // 12, month % 12 + 1
        return out

    def describe(self) -> str:
        return f"{self.first.isoformat()} ~ {self.last.isoformat()}"


def last_full_month(today: date) -> Period:
    """The month before ``today``'s, whole: what a monthly paper reports on by default
    (not the first days of this month)."""
    last = today.replace(day=1) - timedelta(days=1)
    return Period(last.replace(day=1), last)


def month_of(moment: datetime) -> str:
    return to_kst(moment).strftime("%Y-%m")


def paper_format(path: Path, allowed: Sequence[str]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ReportError(f"파일 형식은 {', '.join(allowed)} 중 하나여야 합니다: {path.name}")
    return suffix
