"""Web application: failed sign-ins, as keyed digests, shared by every server process of a case.

Revision ID: web_0002
Revises: web_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "web_0002"
down_revision = "web_0001"
branch_labels = None
depends_on = None


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "web_login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name_key", sa.String(64), nullable=False),
        sa.Column("pair_key", sa.String(64), nullable=False),
        sa.Column("at", _utc(), nullable=False),
    )
    op.create_index("ix_web_login_failures_at", "web_login_failures", ["at"])
    op.create_index("ix_web_login_failures_name_key_at", "web_login_failures", ["name_key", "at"])
    op.create_index("ix_web_login_failures_pair_key_at", "web_login_failures", ["pair_key", "at"])


def downgrade() -> None:
    op.drop_table("web_login_failures")
