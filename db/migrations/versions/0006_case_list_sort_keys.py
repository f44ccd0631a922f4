"""case list sort keys: status and risk ranks computed by the database, and an index per
sort key with the id that breaks ties

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out as they were when this revision was made (db.models.rank_of makes them).
STATUS_RANK = (
    "CASE status WHEN 'received' THEN 0 WHEN 'verifying' THEN 1 WHEN 'counselling' THEN 2 "
    "WHEN 'support' THEN 3 WHEN 'monitoring' THEN 4 WHEN 'closed' THEN 5 "
    "WHEN 'not_applicable' THEN 6 END"
)
RISK_RANK = "CASE risk WHEN 'urgent' THEN 0 WHEN 'crisis' THEN 1 WHEN 'caution' THEN 2 WHEN 'watch' THEN 3 END"
SORT_INDEXES = {
    "ix_cases_status_rank": ["status_rank", "id"],
    "ix_cases_risk_rank": ["risk_rank", "id"],
    "ix_cases_opened": ["opened_at", "id"],
    "ix_cases_due": ["due_at", "id"],
    "ix_cases_last_alert": ["last_alert_at", "id"],
}


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no table copy). SQLite can add a generated column only
    # as VIRTUAL (computed when read, and kept in the indexes below); PostgreSQL before 18
    # only as STORED.
    stored = op.get_bind().dialect.name == "postgresql"
    for name, expression in (("status_rank", STATUS_RANK), ("risk_rank", RISK_RANK)):
        op.add_column(
            "cases", sa.Column(name, sa.Integer(), sa.Computed(expression, persisted=stored))
        )
    op.drop_index("ix_cases_opened_at", table_name="cases")
    op.drop_index("ix_cases_due_at", table_name="cases")
    for name, columns in SORT_INDEXES.items():
        op.create_index(name, "cases", columns)
    op.drop_index("ix_persons_household_id", table_name="persons")
    op.create_index("ix_persons_household_first", "persons", ["household_id", "id", "name"])


def downgrade() -> None:
    op.drop_index("ix_persons_household_first", table_name="persons")
    op.create_index("ix_persons_household_id", "persons", ["household_id"])
    for name in SORT_INDEXES:
        op.drop_index(name, table_name="cases")
    op.create_index("ix_cases_due_at", "cases", ["due_at"])
    op.create_index("ix_cases_opened_at", "cases", ["opened_at"])
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("risk_rank")
        batch_op.drop_column("status_rank")
