"""Legal analysis: append-only proof links between evidence and allegation elements.

Revision ID: law_0001
Revises:
Depends on: core_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "law_0001"
down_revision = None
branch_labels = ("law",)
depends_on = "core_0001"

ID = sa.String(26)
APPEND_ONLY = ("law_proofs", "law_proof_withdrawals")


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "law_proofs",
        sa.Column("id", ID, primary_key=True),
        sa.Column("allegation_id", ID, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("element", sa.String(64), nullable=False),
        sa.Column("claim_id", ID, sa.ForeignKey("claims.id")),
        sa.Column("item_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("segment_id", sa.String(64)),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("reliability", sa.String(1)),
        sa.Column("credibility", sa.SmallInteger),
        sa.Column("note", sa.Text),
        sa.Column("sensitivity", sa.SmallInteger, nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
        sa.CheckConstraint(
            "(CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN item_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN segment_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="ck_law_proofs_one_target",
        ),
        sa.CheckConstraint("relation IN ('supports', 'contradicts')", name="ck_law_proofs_relation"),
    )
    for column in ("allegation_id", "claim_id", "item_id", "segment_id"):
        op.create_index(f"ix_law_proofs_{column}", "law_proofs", [column])
    op.create_table(
        "law_proof_withdrawals",
        sa.Column("id", ID, primary_key=True),
        sa.Column("proof_id", ID, sa.ForeignKey("law_proofs.id"), nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
        sa.UniqueConstraint("proof_id", name="uq_law_proof_withdrawals_proof_id"),
    )
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
    raise NotImplementedError("Dadkhah does not downgrade: proof links are never destroyed")
