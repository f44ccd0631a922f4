"""cases merged into another by a partial index (only the merged ones): SQLite, without
statistics, took the plain index for "not merged" and read nearly every case through it

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGED = sa.text("merged_into_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_merged_into_id")
        batch_op.create_index(
            "ix_cases_merged",
            ["merged_into_id"],
            unique=False,
            sqlite_where=MERGED,
            postgresql_where=MERGED,
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_merged")
        batch_op.create_index("ix_cases_merged_into_id", ["merged_into_id"], unique=False)
