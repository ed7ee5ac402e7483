"""Custody log: an index from each event's subjects (items, blobs, bags) to its leaves.

Revision ID: log_0002
Revises: log_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "log_0002"
down_revision = "log_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "log_subjects",
        sa.Column("subject", sa.String(200), primary_key=True),
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_log_subjects_idx", "log_subjects", ["idx"])


def downgrade() -> None:
    raise NotImplementedError("Dadkhah does not downgrade: the custody log is never destroyed")
