"""The custody log's schema change, for the log's Alembic revision to call.

The revision file lives with the other migrations (``store/migrations/versions/log_0001_*.py``,
``branch_labels=("log",)``, ``depends_on="core_0001"``) and delegates here, so the log's DDL sits
beside its table definitions. Like the core's claims, the three tables refuse UPDATE and DELETE in
the database itself; on PostgreSQL through the core's ``dadkhah_append_only()`` trigger function.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dadkhah.log.tables import APPEND_ONLY


def upgrade() -> None:
    from dadkhah.store.tables import UtcDateTime

    op.create_table(
        "log_leaves",
        sa.Column(
            "idx", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=False
        ),
        sa.Column("leaf_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "log_nodes",
        sa.Column("level", sa.SmallInteger, primary_key=True, autoincrement=False),
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "log_checkpoints",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("signed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_log_checkpoints_size", "log_checkpoints", ["size"])
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION dadkhah_append_only()"
            )
        else:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
                )


def downgrade() -> None:
    raise NotImplementedError("Dadkhah does not downgrade: the custody log is never destroyed")


__all__ = ["downgrade", "upgrade"]
