"""Core tables: entities, append-only claims and retractions, full-text search.

Revision ID: core_0001
Revises:
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "core_0001"
down_revision = None
branch_labels = ("core",)
depends_on = None

ID = sa.String(26)
APPEND_ONLY = ("entities", "claims", "retractions")


def _utc() -> sa.types.TypeEngine[datetime]:
    from dadkhah.store.tables import UtcDateTime

    return UtcDateTime()


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", ID, primary_key=True),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
    )
    op.create_index("ix_entities_schema", "entities", ["schema"])
    op.create_table(
        "claims",
        sa.Column("id", ID, primary_key=True),
        sa.Column("entity_id", ID, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("prop", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("original", sa.Text),
        sa.Column("ref", ID),
        sa.Column("date_lo", sa.String(10)),
        sa.Column("date_hi", sa.String(10)),
        sa.Column("source_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("locator", sa.Text),
        sa.Column("evidence_id", ID, sa.ForeignKey("entities.id")),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
        sa.Column("sensitivity", sa.SmallInteger, nullable=False),
        sa.Column("supersedes", ID, sa.ForeignKey("claims.id")),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_claims_entity_id_prop", "claims", ["entity_id", "prop"])
    op.create_index("ix_claims_ref", "claims", ["ref"])
    op.create_index("ix_claims_source_id", "claims", ["source_id"])
    op.create_index("ix_claims_supersedes", "claims", ["supersedes"])
    op.create_table(
        "retractions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("claim_id", ID, sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("recorded_at", _utc(), nullable=False),
        sa.UniqueConstraint("claim_id", name="uq_retractions_claim_id"),
    )
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", ID, sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("sensitivity", sa.SmallInteger, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("keys", sa.Text, nullable=False),
        sa.UniqueConstraint("claim_id", name="uq_search_docs_claim_id"),
    )
    op.create_index("ix_search_docs_entity_id", "search_docs", ["entity_id"])
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_extras()
    else:
        _postgresql_extras()


def _sqlite_extras() -> None:
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(text, keys, content='search_docs', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
        "INSERT INTO search_fts(rowid, text, keys) VALUES (new.id, new.text, new.keys); END"
    )
    op.execute(
        "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, text, keys) "
        "VALUES ('delete', old.id, old.text, old.keys); END"
    )


def _postgresql_extras() -> None:
    op.execute(
        "CREATE FUNCTION dadkhah_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION '% are append-only', TG_TABLE_NAME; END $$"
    )
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION dadkhah_append_only()"
        )
    op.execute(
        "ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
        "(setweight(to_tsvector('simple', text), 'A') || setweight(to_tsvector('simple', keys), 'B')) STORED"
    )
    op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")


def downgrade() -> None:
    raise NotImplementedError("Dadkhah does not downgrade: claims are never destroyed")
