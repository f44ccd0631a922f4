"""council_agenda_items.share_sensitive: the worker marks an item whose sensitive details
(자살위험, health) the council needs on paper; unmarked, they are withheld

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("council_agenda_items") as batch:
        batch.add_column(
            sa.Column("share_sensitive", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("council_agenda_items") as batch:
        batch.drop_column("share_sensitive")
