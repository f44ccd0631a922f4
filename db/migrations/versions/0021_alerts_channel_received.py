"""alerts indexed by channel and when they came in: Today's big-data rounds read the
big-data alerts of the last 200 days (every alert of a district came in within them: the
index of when alone made SQLite read all 180,000 to find the 12,000)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 04:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_alerts_channel_received", "alerts", ["channel", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_alerts_channel_received", table_name="alerts")
