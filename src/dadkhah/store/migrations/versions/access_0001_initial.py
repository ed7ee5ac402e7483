"""Access: users, recipient profiles, append-only consent and audit of protected reads.

Revision ID: access_0001
Revises:
Depends on: core_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "access_0001"
down_revision = None
branch_labels = ("access",)
depends_on = "core_0001"

ID = sa.String(26)
APPEND_ONLY = ("consents", "access_audit")


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(128), primary_key=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("clearance", sa.SmallInteger, nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    )
    op.create_table(
        "profiles",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("clearance", sa.SmallInteger, nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "consents",
        sa.Column("id", ID, primary_key=True),
        sa.Column("witness_id", ID, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("testimony_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("uses", sa.Text, nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("effective", sa.String(32), nullable=False),
        sa.Column("evidence_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("note", sa.Text),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
    )
    op.create_index("ix_consents_witness_id", "consents", ["witness_id"])
    op.create_table(
        "access_audit",
        sa.Column("id", ID, primary_key=True),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("reader", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity_ids", sa.Text, nullable=False),
        sa.Column("claim_ids", sa.Text, nullable=False),
        sa.Column("segment_ids", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_access_audit_at", "access_audit", ["at"])
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "sqlite":
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
                )
        else:  # the trigger function comes with core_0001
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION dadkhah_append_only()"
            )


def downgrade() -> None:
    raise NotImplementedError("Dadkhah does not downgrade: consent and audit records are never destroyed")
