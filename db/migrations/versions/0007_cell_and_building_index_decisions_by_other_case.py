"""households by grid cell and building (the cell index also finds the households known
by their place alone, with no building, in a cell); link decisions by their other case
(a case's decisions are listed in its pane); cases by the case they were merged into
(the case list leaves those out)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 09:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index(
            "ix_households_cell_building", ["geo_cell", "building_key"], unique=False
        )
        batch_op.drop_index("ix_households_geo_cell")
    with op.batch_alter_table("link_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_link_decisions_other_case_id", ["other_case_id"], unique=False)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_merged_into_id", ["merged_into_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_merged_into_id")
    with op.batch_alter_table("link_decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_link_decisions_other_case_id")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index("ix_households_geo_cell", ["geo_cell"], unique=False)
        batch_op.drop_index("ix_households_cell_building")
