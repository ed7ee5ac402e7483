"""Evidence vault: append-only capture records (one per acquisition of an item).

Revision ID: vault_0001
Revises:
Depends on: log_0002
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "vault_0001"
down_revision = None
branch_labels = ("vault",)
depends_on = ("core_0001", "log_0002")

ID = sa.String(26)


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "vault_captures",
        sa.Column("id", ID, primary_key=True),
        sa.Column("item_id", ID, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("leaf_idx", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("original_path", sa.Text),
        sa.Column("file_mtime_ns", sa.BigInteger),
        sa.Column("source_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
    )
    op.create_index("ix_vault_captures_item_id", "vault_captures", ["item_id"])
    op.create_index("ix_vault_captures_sha256", "vault_captures", ["sha256"])
    op.create_index("ix_vault_captures_original_path", "vault_captures", ["original_path"])
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER vault_captures_no_{action.lower()} BEFORE {action} ON vault_captures "
                "BEGIN SELECT RAISE(ABORT, 'vault_captures are append-only'); END"
            )
    else:  # dadkhah_append_only() comes with core_0001
        op.execute(
            "CREATE TRIGGER vault_captures_append_only BEFORE UPDATE OR DELETE ON vault_captures "
            "FOR EACH ROW EXECUTE FUNCTION dadkhah_append_only()"
        )


def downgrade() -> None:
    raise NotImplementedError("Dadkhah does not downgrade: capture records are never destroyed")
