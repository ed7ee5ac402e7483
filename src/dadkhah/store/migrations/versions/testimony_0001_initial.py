"""Testimony: the witness registry and append-only testimony segments.

Revision ID: testimony_0001
Revises:
Depends on: core_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "testimony_0001"
down_revision = None
branch_labels = ("testimony",)
depends_on = "core_0001"

ID = sa.String(26)
SEGMENT_ID = sa.String(64)
APPEND_ONLY = ("witnesses", "segments")


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "witnesses",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("person_id", ID, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("registered_at", _utc(), nullable=False),
        sa.Column("registered_by", sa.String(128), nullable=False),
        sa.UniqueConstraint("number", name="uq_witnesses_number"),
        sa.UniqueConstraint("person_id", name="uq_witnesses_person_id"),
    )
    op.create_table(
        "segments",
        sa.Column("id", SEGMENT_ID, primary_key=True),
        sa.Column("testimony_id", ID, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("translation_of", SEGMENT_ID, sa.ForeignKey("segments.id")),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("start", sa.String(16)),
        sa.Column("end", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sensitivity", sa.SmallInteger, nullable=False),
        sa.Column("translator", sa.String(200)),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
    )
    op.create_index("ix_segments_testimony_id", "segments", ["testimony_id"])
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
    raise NotImplementedError("Dadkhah does not downgrade: testimony is never destroyed")
