"""Map errors to a message on stderr and an exit code: the CLI's one place for it."""

from __future__ import annotations

import sys
from typing import Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from dadkhah.errors import DadkhahError


def _stderr() -> Console:
    # Built per call so that test capture (which swaps sys.stderr) sees the output.
    return Console(file=sys.stderr, highlight=False, soft_wrap=True, emoji=False)


# Joiners and the left-to-right/right-to-left marks belong to Persian and Arabic text; the bidi
# embeddings, overrides and isolates can make a terminal show text in a misleading order.
_KEPT_FORMAT = frozenset("\u200c\u200d\u200e\u200f")


def safe_text(text: str) -> str:
    """Neutralise control characters that hostile input could smuggle into a message or table."""
    return "".join(
        ch if ch.isprintable() or ch in "\n\t" or ch in _KEPT_FORMAT else f"\\x{ord(ch):02x}" for ch in text
    )


def report(error: DadkhahError) -> int:
    """Print an error for a person at a terminal and return its exit code."""
    _stderr().print(f"[bold red]error:[/] {escape(safe_text(str(error)))}")
    return error.exit_code


_commands: dict[int, Any] = {}  # Typer builds its own (vendored) click commands


def run_guarded(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the app and turn every expected failure into an exit code."""
    # Typer rebuilds its click command tree on every call; build it once per process.
    command = _commands.setdefault(id(app), typer.main.get_command(app))
    try:
        result = command.main(args=args, standalone_mode=False, prog_name="dadkhah")
    except DadkhahError as error:
        return report(error)
    except (typer.Abort, click.exceptions.Abort):
        _stderr().print("aborted")
        return 130
    except KeyboardInterrupt:
        _stderr().print("interrupted")
        return 130
    except (typer.TyperException, click.ClickException) as error:
        # Usage errors (unknown option, missing argument) from Typer's own click or from click.
        show = getattr(error, "show", None)
        if show is not None:
            show(file=sys.stderr)
        else:
            _stderr().print(f"error: {escape(safe_text(str(error)))}")
        return int(getattr(error, "exit_code", 2))
    return result if isinstance(result, int) else 0
