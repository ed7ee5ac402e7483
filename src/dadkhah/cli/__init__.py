"""The ``dadkhah`` command line."""

from dadkhah.cli.app import app, main, run

__all__ = ["app", "main", "run"]
