"""persons.phone_kind: a landline a family shares, or a mobile

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 19:40:00

Persons recorded before this revision keep an unknown kind (the number is sealed; a
migration has no key to read it): the linker compares their numbers as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        batch.add_column(sa.Column("phone_kind", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        batch.drop_column("phone_kind")
