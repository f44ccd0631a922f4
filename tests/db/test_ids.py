"""Ids reserved before a bulk insert are new, distinct, and not handed out twice."""

from __future__ import annotations

from sqlalchemy import func, select

from db.bulk import insert_rows
from db.engine import WRITE_LOCK
from db.ids import reserve_ids
from db.models import Alert, table
from desktop.context import AppContext
from tests.helpers.rows import alert_row


def test_reserved_ids_are_unused_distinct_and_never_handed_out_again(ctx: AppContext) -> None:
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        assert reserve_ids(session, table(Alert), 0) == []
        first = reserve_ids(session, table(Alert), 300)
        assert len(set(first)) == 300
        insert_rows(session, table(Alert), [alert_row(n, f"S{n}") for n in first])
        second = reserve_ids(session, table(Alert), 5)
        assert len(set(second)) == 5 and not set(second) & set(first)
        assert min(second) > max(first)
        insert_rows(session, table(Alert), [alert_row(n, f"T{n}") for n in second])
    with ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 305
