"""each case keeps its warnings (a missed carrier visit, three unanswered AI calls, a new
case of a closed household) so that Today reads them with the case; indexes for Today's
이관 받음 and 이사 확인 and for the review queue

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 12:30:00

The warnings are worked out here as desktop.casework.warnings worked them out when this
revision was made (written out, so that the migration stays as it is when that module
changes).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = ("received", "verifying", "counselling", "support", "monitoring")
UNANSWERED = ("거절", "결번", "미응답")  # desktop.casework.risk.UNANSWERED
UNSEEN = sa.text("transfer_unseen IS 1")  # as SQLAlchemy writes the query's test
PROPOSED = sa.text("proposed_centre_id IS NOT NULL")

cases = sa.table(
    "cases",
    sa.column("id", sa.Integer),
    sa.column("household_id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("closure_reason", sa.String),
    sa.column("merged_into_id", sa.Integer),
    sa.column("visit_due_at", sa.DateTime),
    sa.column("calls_unanswered", sa.Boolean),
    sa.column("reopens_case_id", sa.Integer),
)
plans = sa.table(
    "visit_plans",
    sa.column("id", sa.Integer),
    sa.column("household_id", sa.Integer),
    sa.column("next_due_at", sa.DateTime),
    sa.column("active", sa.Boolean),
)
alerts = sa.table(
    "alerts",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("channel", sa.String),
    sa.column("occurred_at", sa.DateTime),
    sa.column("fields", sa.JSON),
)


def upgrade() -> None:
    op.add_column("cases", sa.Column("visit_due_at", db.types.UTCDateTime(timezone=True)))
    op.add_column(
        "cases",
        sa.Column("calls_unanswered", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("cases", sa.Column("reopens_case_id", sa.Integer()))
    _backfill()
    postgresql = op.get_bind().dialect.name == "postgresql"
    unseen = sa.text("transfer_unseen IS true") if postgresql else UNSEEN
    op.create_index(
        "ix_cases_transfer_unseen",
        "cases",
        ["transfer_unseen"],
        sqlite_where=unseen,
        postgresql_where=unseen,
    )
    op.create_index(
        "ix_cases_proposed_centre",
        "cases",
        ["proposed_centre_id"],
        sqlite_where=PROPOSED,
        postgresql_where=PROPOSED,
    )
    op.create_index("ix_alerts_id_case_occurred", "alerts", ["id", "case_id", "occurred_at"])
    if not postgresql:
        # SQLite's planner takes a new index only once the statistics know it.
        op.execute("ANALYZE cases")
        op.execute("ANALYZE alerts")


def _backfill() -> None:
    other = cases.alias("other")
    # The visit plan's next visit, on the household's newest case open or kept as 기록만.
    carrier = (
        sa.select(sa.func.max(other.c.id))
        .select_from(other.join(plans, plans.c.household_id == other.c.household_id))
        .where(
            plans.c.active.is_(True),
            sa.or_(other.c.status.in_(OPEN), other.c.closure_reason == "recorded"),
            other.c.merged_into_id.is_(None),
        )
        .group_by(plans.c.id)
    )
    next_visit = (
        sa.select(plans.c.next_due_at)
        .where(plans.c.household_id == cases.c.household_id, plans.c.active.is_(True))
        .scalar_subquery()
    )
    op.execute(sa.update(cases).where(cases.c.id.in_(carrier)).values(visit_due_at=next_visit))
    # The last three AI calls of an open case, all unanswered.
    ranked = (
        sa.select(
            alerts.c.case_id,
            alerts.c.fields["call_result"].as_string().label("result"),
            sa.func.row_number()
            .over(
                partition_by=alerts.c.case_id,
                order_by=(alerts.c.occurred_at.desc(), alerts.c.id.desc()),
            )
            .label("position"),
        )
        .where(alerts.c.channel == "ai_call", alerts.c.case_id.is_not(None))
        .subquery()
    )
    unanswered = sa.case((ranked.c.result.in_(UNANSWERED), 1), else_=0)
    three = (
        sa.select(ranked.c.case_id)
        .where(ranked.c.position <= 3)
        .group_by(ranked.c.case_id)
        .having(sa.func.count() == 3, sa.func.sum(unanswered) == 3)
    )
    op.execute(
        sa.update(cases)
        .where(cases.c.status.in_(OPEN), cases.c.id.in_(three))
        .values(calls_unanswered=True)
    )
    # An open case opened after the household's latest closed case.
    latest_closed = (
        sa.select(sa.func.max(other.c.id))
        .where(
            other.c.household_id == cases.c.household_id,
            other.c.status == "closed",
            other.c.merged_into_id.is_(None),
        )
        .scalar_subquery()
    )
    op.execute(
        sa.update(cases)
        .where(
            cases.c.status.in_(OPEN),
            cases.c.merged_into_id.is_(None),
            cases.c.id > latest_closed,
        )
        .values(reopens_case_id=latest_closed)
    )


def downgrade() -> None:
    op.drop_index("ix_alerts_id_case_occurred", table_name="alerts")
    op.drop_index("ix_cases_proposed_centre", table_name="cases")
    op.drop_index("ix_cases_transfer_unseen", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("reopens_case_id")
        batch.drop_column("calls_unanswered")
        batch.drop_column("visit_due_at")
