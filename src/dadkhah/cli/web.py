"""``dadkhah serve``: the web application; ``dadkhah token`` and ``dadkhah totp``: how people and
scripts sign in to it. Accounts themselves are ``dadkhah user add|passwd|role``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from dadkhah.cli.app import app
from dadkhah.cli.common import (
    CaseOption,
    JsonOption,
    acting_member,
    case_path,
    console,
    open_case,
    print_json,
    require_admin,
    text,
)

token_app = typer.Typer(help="API tokens for scripts using the web API.", no_args_is_help=True)
totp_app = typer.Typer(
    help="The optional second factor (TOTP) for signing in to the web application.", no_args_is_help=True
)
app.add_typer(token_app, name="token")
app.add_typer(totp_app, name="totp")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: [web] host, 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port (default: [web] port, 8642).")
    ] = None,
    case: CaseOption = None,
) -> None:
    """Serve the case in the browser: the JSON API under /api/v1 and the web interface.

    Users sign in with the passwords set by 'dadkhah user passwd'. The case key comes from
    DADKHAH_KEY_FILE or DADKHAH_PASSPHRASE; without it no one sees a protected value.
    """
    from dadkhah.web.server import serve as run

    run(case_path(ctx, case), host, port)


def _self_or_admin(ctx: typer.Context, opened: object, user: str) -> str:
    who = acting_member(ctx, opened)  # type: ignore[arg-type]
    if who.name != user:
        require_admin(ctx, opened)  # type: ignore[arg-type]
    return who.name


@token_app.command("add")
def token_add(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="The user the token acts as.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")],
    days: Annotated[int | None, typer.Option(min=1, max=3650, help="Expire after this many days.")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Make an API token (printed once; only its hash is kept). Admins make tokens for anyone."""
    from dadkhah.web import accounts

    with open_case(ctx, case) as opened:
        by = _self_or_admin(ctx, opened, user)
        with opened.writer(by) as w:
            secret, token = accounts.create_token(w.conn, user, label, by=by, days=days)
    if json_out:
        print_json({"token": secret, **token.to_dict()})
        return
    console().print(text(secret, "bold"))
    console().print(
        text(
            f"Token {token.id} for {user}. Send it as 'Authorization: Bearer <token>'; it is not shown again."
        )
    )


@token_app.command("list")
def token_list(
    ctx: typer.Context,
    user: Annotated[str | None, typer.Option(help="Only this user's tokens.")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """List API tokens (never their secrets; admins only, or your own with --user)."""
    from dadkhah.web import accounts

    with open_case(ctx, case) as opened:
        who = acting_member(ctx, opened)
        if user != who.name:
            require_admin(ctx, opened)
        with opened.reading() as conn:
            found = accounts.list_tokens(conn, user)
    if json_out:
        print_json([t.to_dict() for t in found])
        return
    table = Table("id", "user", "label", "created", "status", box=None)
    for t in found:
        table.add_row(
            text(t.id, "dim"),
            text(t.user),
            text(t.label),
            text(t.created_at.strftime("%Y-%m-%d")),
            text("revoked" if t.revoked_at else "active"),
        )
    console().print(table)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[str, typer.Argument(metavar="ID", help="The token's id.")],
    case: CaseOption = None,
) -> None:
    """Revoke a token at once (admins, or the token's own user)."""
    from dadkhah.web import accounts

    with open_case(ctx, case) as opened:
        who = acting_member(ctx, opened)
        mine = None if who.role.manages else who.name
        with opened.writer(who.name) as w:
            made = accounts.revoke_token(w.conn, token_id, by=who.name, user=mine)
    console().print(text(f"Revoked {made.id} ({made.user})."))


@totp_app.command("enable")
def totp_enable(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="The user to give a second factor.")],
    code: Annotated[str | None, typer.Option(help="Confirm with a code from the app (second step).")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Give a user a TOTP second factor: first prints the seed for their app, then (with --code) confirms."""
    from dadkhah.web import accounts

    with open_case(ctx, case) as opened:
        by = _self_or_admin(ctx, opened, user)
        with opened.writer(by) as w:
            if code is not None:
                accounts.confirm_totp(w.conn, user, code, keys=opened.keys_path)
                result = {"user": user, "totp": True}
            else:
                seed, uri = accounts.start_totp(w.conn, user, by=by, keys=opened.keys_path)
                result = {"user": user, "secret": seed, "uri": uri}
    if json_out:
        print_json(result)
    elif code is not None:
        console().print(text(f"{user} now signs in with a code from their authenticator app."))
    else:
        console().print(
            text(
                f"Add this to the authenticator app of {user}:\n  {result['uri']}\n"
                f"then confirm: dadkhah totp enable {user} --code NNNNNN"
            )
        )


@totp_app.command("disable")
def totp_disable(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="The user whose second factor is removed.")],
    case: CaseOption = None,
) -> None:
    """Remove a user's second factor (admins, e.g. for a lost phone)."""
    from dadkhah.web import accounts

    with open_case(ctx, case) as opened:
        by = require_admin(ctx, opened)
        with opened.writer(by) as w:
            accounts.remove_totp(w.conn, user, by=by)
    console().print(text(f"{user} signs in with a password only."))
