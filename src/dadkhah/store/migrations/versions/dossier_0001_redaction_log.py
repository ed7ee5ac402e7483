"""Case files: the record of every dossier made and its redaction log (append-only).

Revision ID: dossier_0001
Revises:
Depends on: core_0001
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "dossier_0001"
down_revision = None
branch_labels = ("dossier",)
depends_on = "core_0001"

ID = sa.String(26)
APPEND_ONLY = ("dossiers", "dossier_redactions")


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", ID, primary_key=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("recipient", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("clearance", sa.String(16), nullable=False),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("html_sha256", sa.String(64), nullable=False),
        sa.Column("pdf_sha256", sa.String(64)),
        sa.Column("exhibits", sa.Integer, nullable=False),
        sa.Column("bag_id", ID),
        sa.Column("leaves", sa.Text, nullable=False),
    )
    op.create_table(
        "dossier_redactions",
        sa.Column("dossier_id", ID, sa.ForeignKey("dossiers.id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(64)),
        sa.Column("reason", sa.Text, nullable=False),
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
    raise NotImplementedError("Dadkhah does not downgrade: the record of case files is never destroyed")
