"""Time as the centre lives it: stored in UTC, read and entered in Korea time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

# Korea has kept UTC+9 without daylight saving since 1988; a fixed offset needs no tz database
# (which Windows lacks).
KST = timezone(timedelta(hours=9), "KST")


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_kst(moment: datetime) -> datetime:
    return moment.astimezone(KST)


def format_kst(moment: datetime | None, with_time: bool = True) -> str:
    if moment is None:
        return ""
    local = to_kst(moment)
    return local.strftime("%Y-%m-%d %H:%M") if with_time else local.strftime("%Y-%m-%d")
