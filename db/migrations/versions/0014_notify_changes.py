"""PostgreSQL: a change to case data notifies the other clients (LISTEN anbu_changes)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 08:55:00

The payload is the table's name only: never personal data. One notification per statement
(and PostgreSQL folds equal ones of a transaction into one), so a large import is one
message, not thousands. SQLite needs nothing: its file's data_version tells a reader.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "cases",
    "alerts",
    "link_suggestions",
    "counselling_records",
    "case_status_changes",
    "support_links",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION anbu_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('anbu_changes', TG_TABLE_NAME);
            RETURN NULL;
        END
        $$
        """
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION anbu_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_notify ON {table}")
    op.execute("DROP FUNCTION anbu_notify_change()")
