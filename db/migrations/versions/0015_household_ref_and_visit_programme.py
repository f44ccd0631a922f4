"""households.household_ref (대상자번호: the number the lists sent out carry and the AI's
and the carriers' files bring back) and the 안부 살핌 우편 programme on visit_plans
(대상구분, 우체국, what to bring, when the household joined)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

import db.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases (no copy of a large table).
    op.add_column("households", sa.Column("household_ref", sa.String(12)))
    op.create_index("ux_households_ref", "households", ["household_ref"], unique=True)
    items = sa.JSON().with_variant(JSONB(), "postgresql")
    op.add_column("visit_plans", sa.Column("target_group", sa.String(20)))
    op.add_column("visit_plans", sa.Column("post_office", sa.String(40)))
    op.add_column("visit_plans", sa.Column("items", items))
    op.add_column("visit_plans", sa.Column("enrolled_at", db.types.UTCDateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("visit_plans") as batch:
        for column in ("enrolled_at", "items", "post_office", "target_group"):
            batch.drop_column(column)
    op.drop_index("ux_households_ref", table_name="households")
    with op.batch_alter_table("households") as batch:
        batch.drop_column("household_ref")
