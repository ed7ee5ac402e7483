"""Record linkage: one row per linkage run, with its trained model (append-only).

Revision ID: linkage_0001
Revises:
Depends on: core_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "linkage_0001"
down_revision = None
branch_labels = ("linkage",)
depends_on = "core_0001"

ID = sa.String(26)
APPEND_ONLY = ("linkage_runs",)


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "linkage_runs",
        sa.Column("id", ID, primary_key=True),
        sa.Column("source_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("engine", sa.String(16), nullable=False),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("review_low", sa.Float, nullable=False),
        sa.Column("review_high", sa.Float, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("model_sha256", sa.String(64), nullable=False),
        sa.Column("stats", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    op.create_index("ix_linkage_runs_created_at", "linkage_runs", ["created_at"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        if sqlite:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
                )
        else:  # dadkhah_append_only() comes with core_0001
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION dadkhah_append_only()"
            )


def downgrade() -> None:
    raise NotImplementedError("Dadkhah does not downgrade: the record of linkage runs is never destroyed")
