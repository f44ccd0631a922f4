"""Rows written straight to the tables, for the data layer's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from db.enums import Channel, LinkMethod

SEOUL = timezone(timedelta(hours=9))


def alert_row(alert_id: int, source: str) -> dict[str, Any]:
    return {
        "id": alert_id,
        "channel": Channel.AI_CALL,
        "source_id": source,
        "occurred_at": datetime(2026, 11, 3, 10, 0, tzinfo=SEOUL),
        "received_at": datetime(2026, 11, 4, 1, 2, 3, 456789, tzinfo=UTC),
        "batch_id": None,
        "raw_cipher": b"\x00\x01 raw",
        "raw_digest": "d" * 64,
        "fields": {"메모": "=1+2 <&> 😀\n", "n": 3, "none": None},
        "crisis_types": ["식사", "건강"],
        "subject_name": "김똠햏",
        "household_id": None,
        "person_id": None,
        "case_id": None,
        "link_method": LinkMethod.NEW_CASE,
        "link_score": None,
        # revision, urgent and link_reasons are left to the columns' defaults
    }
