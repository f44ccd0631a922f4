"""행복e음 hand-off: the cases waiting for their 처리번호 (행복e음 입력 대기) by a partial index
(only the results not yet entered), and the 처리번호s recorded (one number, one case), by a
partial index too: a plain one would hold every case without a number, and SQLite took it for
"IS NULL" over the waiting cases' own index

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out as the models state it (db.models.HANDOFF_WAITING_SQL; a test checks).
WAITING = (
    "haengbok_eum_no IS NULL AND status IN ('support', 'monitoring', 'closed', "
    "'not_applicable') AND (closure_reason IS NULL OR closure_reason NOT IN ('recorded', "
    "'duplicate'))"
)

NUMBERED = sa.text("haengbok_eum_no IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_haengbok_eum_no",
            ["haengbok_eum_no"],
            unique=False,
            sqlite_where=NUMBERED,
            postgresql_where=NUMBERED,
        )
        batch_op.create_index(
            "ix_cases_handoff_waiting",
            ["centre_id", "id"],
            unique=False,
            sqlite_where=sa.text(WAITING),
            postgresql_where=sa.text(WAITING),
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_handoff_waiting")
        batch_op.drop_index("ix_cases_haengbok_eum_no")
