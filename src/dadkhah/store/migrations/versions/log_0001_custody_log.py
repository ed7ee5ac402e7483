"""Custody log: leaves, complete-subtree hashes and signed checkpoints, all append-only.

Revision ID: log_0001
Revises:
Depends on: core_0001
"""

from dadkhah.log.migration import downgrade, upgrade

revision = "log_0001"
down_revision = None
branch_labels = ("log",)
depends_on = "core_0001"

__all__ = ["downgrade", "upgrade"]
