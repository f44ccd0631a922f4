"""``insert_rows`` writes exactly what SQLAlchemy's own executemany writes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert, select

from db.bulk import insert_rows
from db.enums import LinkMethod
from db.models import Alert, table
from desktop.context import AppContext
from tests.helpers.rows import alert_row


def _stored(ctx: AppContext, alert_id: int) -> tuple[Any, ...]:
    with ctx.sessions() as session:
        row = session.execute(select(Alert).where(Alert.id == alert_id)).scalar_one()
        return tuple(
            getattr(row, c.key) for c in table(Alert).columns if c.key not in ("id", "source_id")
        )


def test_rows_read_back_the_same_as_through_sqlalchemy(ctx: AppContext) -> None:
    with ctx.sessions.begin() as session:
        session.execute(insert(table(Alert)), [alert_row(1, "A")])
        insert_rows(session, table(Alert), [alert_row(2, "B")])
    assert _stored(ctx, 2) == _stored(ctx, 1)
    with ctx.sessions() as session:
        alert = session.get(Alert, 2)
        assert alert is not None
        assert alert.occurred_at == datetime(2026, 11, 3, 1, 0, tzinfo=UTC)
        assert (alert.revision, alert.urgent, alert.link_reasons) == (1, False, [])
        assert alert.link_method is LinkMethod.NEW_CASE


def test_rows_with_different_columns_are_refused(ctx: AppContext) -> None:
    short = alert_row(2, "B")
    del short["subject_name"]
    with ctx.sessions.begin() as session, pytest.raises(ValueError, match="same columns"):
        insert_rows(session, table(Alert), [alert_row(1, "A"), short])
