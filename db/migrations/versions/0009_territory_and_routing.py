"""community centres managed as data: territory rules (관할), how each case and household
was placed (routing), transfers between centres (이관), centres disabled rather than deleted;
a session epoch per account (disabling it or changing its password ends its sessions)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "territory_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("legal_dong", sa.String(length=30), nullable=True),
        sa.Column("road", sa.String(length=60), nullable=True),
        sa.Column("number_from", sa.Integer(), nullable=True),
        sa.Column("number_to", sa.Integer(), nullable=True),
        sa.Column("parity", sa.String(length=4), nullable=True),
        sa.Column("boundary", sa.Text(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"],
            ["community_centres.id"],
            name=op.f("fk_territory_rules_centre_id_community_centres"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territory_rules")),
    )
    with op.batch_alter_table("territory_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_territory_rules_centre_id"), ["centre_id"], unique=False
        )
    with op.batch_alter_table("community_centres", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("routing", sa.String(length=24), nullable=True))
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("quarantined_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("centre_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_quarantined_records_centre_id"), ["centre_id"], unique=False
        )
    # A held record of before belongs to the centre of whoever imported its file.
    op.execute(
        "UPDATE quarantined_records SET centre_id = (SELECT s.centre_id FROM import_batches b "
        "JOIN staff_users s ON s.id = b.staff_id WHERE b.id = quarantined_records.batch_id)"
    )
    # Plain ALTER TABLE ADD COLUMN: a batch would copy the table, and SQLite cannot copy
    # its computed sort keys that way.
    op.add_column("cases", sa.Column("routing", sa.String(length=24), nullable=True))
    op.add_column("cases", sa.Column("routing_note", sa.Text(), nullable=True))
    op.add_column(
        "cases", sa.Column("transferred_at", db.types.UTCDateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "cases",
        sa.Column("transfer_unseen", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("cases", sa.Column("proposed_centre_id", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("proposed_note", sa.Text(), nullable=True))
    # What a database from before knew: a case with a centre was placed by the demo or by
    # hand; one without is waiting for a person to say whose it is.
    for name in ("cases", "households"):
        op.execute(f"UPDATE {name} SET routing = 'confirmed' WHERE centre_id IS NOT NULL")
        op.execute(f"UPDATE {name} SET routing = 'pending' WHERE centre_id IS NULL")


def downgrade() -> None:
    for column in (
        "proposed_note",
        "proposed_centre_id",
        "transfer_unseen",
        "transferred_at",
        "routing_note",
        "routing",
    ):
        op.drop_column("cases", column)
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_column("routing")
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.drop_column("session_epoch")
    with op.batch_alter_table("quarantined_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantined_records_centre_id"))
        batch_op.drop_column("centre_id")
    with op.batch_alter_table("community_centres", schema=None) as batch_op:
        batch_op.drop_column("active")
    with op.batch_alter_table("territory_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_territory_rules_centre_id"))
    op.drop_table("territory_rules")
