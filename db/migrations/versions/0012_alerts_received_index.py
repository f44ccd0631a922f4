"""alerts.received_at indexed: Today asks what came in since the last working day

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_alerts_received_at", "alerts", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_alerts_received_at", table_name="alerts")
