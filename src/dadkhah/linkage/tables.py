"""The linkage table: one row per ``dadkhah link`` run, with the model that scored its pairs.

The pairs themselves, reviewers' decisions and the canonical victims are claims (``Match`` and
``CanonicalVictim`` entities); each claim a run writes cites the run's Source, and this row keeps
what that Source stands for: the trained Fellegi–Sunter model (splink's JSON, with every m and
u), the settings, the counts and the notes. Append-only (triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, String, Table, Text

from dadkhah.store.tables import ID, UtcDateTime, metadata

linkage_runs = Table(
    "linkage_runs",
    metadata,
    Column("id", ID, primary_key=True),
    Column("source_id", ID, ForeignKey("entities.id")),  # the run's Source (None: nothing changed)
    Column("created_at", UtcDateTime, nullable=False),
    Column("author", String(128), nullable=False),
    Column("engine", String(16), nullable=False),
    Column("threshold", Float, nullable=False),
    Column("review_low", Float, nullable=False),
    Column("review_high", Float, nullable=False),
    Column("records", Integer, nullable=False),
    Column("settings", Text, nullable=False),  # JSON: the LinkSpec and the within-list odds
    Column("model", Text, nullable=False),  # JSON: splink's trained model
    Column("model_sha256", String(64), nullable=False),
    Column("stats", Text, nullable=False),  # JSON: counts, and what the run changed
    Column("notes", Text, nullable=False),  # JSON list
)

APPEND_ONLY = ("linkage_runs",)

__all__ = ["APPEND_ONLY", "linkage_runs"]
