from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from db.enums import Role
from db.models import StaffUser
from desktop.context import AppContext


def test_datetimes_come_back_aware_utc_whatever_zone_went_in(ctx: AppContext) -> None:
    kst = timezone(timedelta(hours=9))
    with ctx.sessions.begin() as session:
        session.add(
            StaffUser(
                username="u",
                display_name="u",
                role=Role.WORKER,
                created_at=datetime(2026, 11, 3, 9, 0, tzinfo=kst),
            )
        )
    with ctx.session() as session:
        created = session.scalar(select(StaffUser.created_at).where(StaffUser.username == "u"))
    assert created == datetime(2026, 11, 3, 0, 0, tzinfo=UTC)
    assert created is not None and created.utcoffset() == timedelta(0)


def test_naive_datetime_is_refused(ctx: AppContext) -> None:
    with pytest.raises(StatementError), ctx.sessions.begin() as session:
        session.add(
            StaffUser(
                username="u",
                display_name="u",
                role=Role.WORKER,
                created_at=datetime(2026, 11, 3, 9, 0),
            )
        )
        session.flush()


def test_enums_are_stored_as_their_codes(ctx: AppContext) -> None:
    from sqlalchemy import text

    with ctx.sessions.begin() as session:
        session.add(
            StaffUser(
                username="u", display_name="u", role=Role.SUPERVISOR, created_at=datetime.now(UTC)
            )
        )
    with ctx.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT role FROM staff_users WHERE username = 'u'")).scalar()
            == "supervisor"
        )
    assert Role.SUPERVISOR.label == "팀장"
