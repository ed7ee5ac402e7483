"""Web application: login sessions, API tokens and TOTP second factors (hashes, never secrets).

Revision ID: web_0001
Revises:
Depends on: access_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "web_0001"
down_revision = None
branch_labels = ("web",)
depends_on = "access_0001"


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(128), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
    )
    op.create_index("ix_web_sessions_user_name", "web_sessions", ["user_name"])
    op.create_table(
        "web_tokens",
        sa.Column("id", sa.String(26), primary_key=True),
        sa.Column("user_name", sa.String(128), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("expires_at", _utc()),
        sa.Column("revoked_at", _utc()),
    )
    op.create_index("ix_web_tokens_user_name", "web_tokens", ["user_name"])
    op.create_table(
        "web_totp",
        sa.Column("user_name", sa.String(128), sa.ForeignKey("users.name"), primary_key=True),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("confirmed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_step", sa.String(20)),
    )


def downgrade() -> None:
    op.drop_table("web_totp")
    op.drop_table("web_tokens")
    op.drop_table("web_sessions")
