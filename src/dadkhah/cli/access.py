"""Access commands: the case key (keys, unlock), users, recipient profiles and the access audit."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dadkhah.access import audit, keys, users
from dadkhah.access.unlocking import (
    ENV_KEY_FILE,
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    credential_from_env,
    interactive,
    prompt_passphrase,
)
from dadkhah.case import Case
from dadkhah.cli.app import app
from dadkhah.cli.common import (
    CaseOption,
    JsonOption,
    console,
    open_case,
    print_json,
    require_admin,
    text,
)
from dadkhah.errors import InputError, LockedError

keys_app = typer.Typer(help="The case key that encrypts witnesses' identities.", no_args_is_help=True)
user_app = typer.Typer(help="Users of the case, their roles and clearance.", no_args_is_help=True)
profile_app = typer.Typer(
    help="Recipient profiles: who receives material, for what purpose.", no_args_is_help=True
)
app.add_typer(keys_app, name="keys")
app.add_typer(user_app, name="user")
app.add_typer(profile_app, name="profile")

ENV_USER_PASSWORD = "DADKHAH_USER_PASSWORD"  # noqa: S105 (a variable name, not a secret)


def _warn(message: str) -> None:
    sys.stderr.write(message.rstrip() + "\n")


# -- the case key -----------------------------------------------------------------------------


def create_case_key(case: Case, key_file: Path | None) -> dict[str, Any]:
    """Give a new case its key: a key file if asked, else a passphrase, else (non-interactive, no
    passphrase) a key file inside the case folder with a loud warning that it must be moved."""
    env = os.environ
    if key_file is None and env.get(ENV_KEY_FILE):
        key_file = Path(env[ENV_KEY_FILE]).expanduser()
        if key_file.is_file():
            keys.init_keyring(case.keys_path, case.id, keys.KeyFile(key_file))
            return {"kind": "key-file", "path": str(key_file)}
    if key_file is not None:
        path = keys.create_key_file(key_file)
        keys.init_keyring(case.keys_path, case.id, keys.KeyFile(path))
        _warn(f"The case key opens with the key file {path}. Keep it off this machine when not in use.")
        return {"kind": "key-file", "path": str(path)}
    if env.get(ENV_PASSPHRASE):
        keys.init_keyring(case.keys_path, case.id, keys.Passphrase(env[ENV_PASSPHRASE]))
        return {"kind": "passphrase"}
    if interactive():
        credential = prompt_passphrase("Passphrase for the new case key: ", confirm=True)
        keys.init_keyring(case.keys_path, case.id, credential)
        return {"kind": "passphrase"}
    path = keys.create_key_file(case.keys_path / keys.IN_CASE_KEY_FILE)
    keys.init_keyring(case.keys_path, case.id, keys.KeyFile(path))
    _warn(
        "WARNING: no passphrase was given, so the case key opens with a key file INSIDE the case "
        f"folder:\n  {path}\nAnyone who copies the folder can read witnesses' identities. Move the "
        f"file off this machine and set {ENV_KEY_FILE} to its new place, or protect the key with a "
        f"passphrase instead: {ENV_NEW_PASSPHRASE}=... dadkhah keys rotate"
    )
    return {"kind": "key-file", "path": str(path), "inside_case": True}


def _current_credential(case: Case) -> keys.Credential:
    found = credential_from_env(case.keys_path)
    if found is not None:
        return found
    if interactive():
        return prompt_passphrase()
    raise LockedError(f"no key given: set {ENV_PASSPHRASE} or {ENV_KEY_FILE}")


def _new_credential(new_key_file: Path | None) -> keys.Credential:
    if new_key_file is not None:
        return keys.KeyFile(keys.create_key_file(new_key_file))
    if os.environ.get(ENV_NEW_PASSPHRASE):
        return keys.Passphrase(os.environ[ENV_NEW_PASSPHRASE])
    if interactive():
        return prompt_passphrase("New passphrase: ", confirm=True)
    raise InputError(f"give the new key: --new-key-file PATH, or {ENV_NEW_PASSPHRASE}", field="new")


@keys_app.command("init")
def keys_init(
    ctx: typer.Context,
    key_file: Annotated[
        Path | None,
        typer.Option("--key-file", help="Write a new key file here instead of using a passphrase."),
    ] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Create the case key (for a case made with --no-key); the passphrase comes from
    DADKHAH_PASSPHRASE or a prompt."""
    with open_case(ctx, case) as opened:
        require_admin(ctx, opened)
        how = create_case_key(opened, key_file)
    if json_out:
        print_json(how)
    else:
        console().print(text(f"Created the case key ({how['kind']})."))


@keys_app.command("rotate")
def keys_rotate(
    ctx: typer.Context,
    new_key_file: Annotated[
        Path | None, typer.Option("--new-key-file", help="Protect the key with a new key file written here.")
    ] = None,
    keep_data_key: Annotated[
        bool, typer.Option("--keep-data-key", help="Only re-wrap; seal new values with the same data key.")
    ] = False,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Re-wrap the case key for a new passphrase (DADKHAH_NEW_PASSPHRASE or a prompt) or key file.

    The current passphrase or key file (DADKHAH_PASSPHRASE, DADKHAH_KEY_FILE) stops working. A new
    data key seals values recorded from now on; earlier values stay readable.
    """
    with open_case(ctx, case) as opened:
        require_admin(ctx, opened)
        current = _current_credential(opened)
        new = _new_credential(new_key_file)
        state = keys.rotate(opened.keys_path, opened.id, current, new, new_data_key=not keep_data_key)
        log_key = _rewrap_log_key(opened, current, new)
        in_case = opened.keys_path / keys.IN_CASE_KEY_FILE
        removed = isinstance(current, keys.KeyFile) and current.path.resolve() == in_case.resolve()
        if removed:
            in_case.unlink()
    if json_out:
        print_json(state.to_dict() | {"removed_in_case_key_file": removed, "log_key": log_key})
        return
    if log_key.startswith("UNCHANGED"):
        _warn(f"The custody log's signing key: {log_key}.")
    elif log_key != "unprotected":
        console().print(text(f"The custody log's signing key: {log_key}."))
    console().print(text(f"Rotated: the key now opens only with the new {new.describe()}."))
    console().print(text(f"{state.data_keys} data keys; new values are sealed with {state.current}."))
    if removed:
        console().print(text(f"Removed the old key file {in_case} from the case folder."))
    _warn(
        "Destroy old copies of keys/keyring.json and keys/custody-log.pem (e.g. in backups): "
        "they still open with the old key."
    )


def _rewrap_log_key(case: Case, current: keys.Credential, new: keys.Credential) -> str:
    """The custody log's signing key was encrypted with the case passphrase unless it has its
    own (DADKHAH_LOG_PASSPHRASE): it follows the case passphrase, or checkpoints would need the
    passphrase this rotation retired."""
    from dadkhah.log.case_log import ENV_LOG_PASSPHRASE
    from dadkhah.log.keys import is_key_protected, rewrap_signing_key

    path = case.custody.key_path
    if not path.is_file() or not is_key_protected(path):
        return "unprotected"
    if os.environ.get(ENV_LOG_PASSPHRASE):
        return f"unchanged (it has its own passphrase, {ENV_LOG_PASSPHRASE})"
    if not isinstance(current, keys.Passphrase) or not isinstance(new, keys.Passphrase):
        return (
            "UNCHANGED: it still opens with the retired passphrase (a key file cannot protect it); "
            f"whoever knows that passphrase can sign checkpoints. Give it its own with {ENV_LOG_PASSPHRASE}"
        )
    try:
        rewrap_signing_key(path, current.text, new.text)
    except LockedError:
        return "unchanged (it opens with a passphrase other than the case's)"
    except OSError as exc:
        return f"UNCHANGED ({exc.strerror}): it still opens with the retired passphrase"
    return "now opens with the new passphrase"


@keys_app.command("status")
def keys_status(ctx: typer.Context, case: CaseOption = None, json_out: JsonOption = False) -> None:
    """How the case key is protected (no secret is shown)."""
    with open_case(ctx, case) as opened:
        if not keys.has_keyring(opened.keys_path):
            data: dict[str, Any] = {"key": None}
        else:
            data = keys.status(opened.keys_path).to_dict()
            data["key_file_inside_case"] = (opened.keys_path / keys.IN_CASE_KEY_FILE).is_file()
            data["unlocked"] = opened.protector is not None
    if json_out:
        print_json(data)
        return
    if data.get("key") is None and "slots" not in data:
        console().print(
            text("This case has no key: protected values cannot be recorded. Run 'dadkhah keys init'.")
        )
        return
    console().print(
        text(f"Keyring {data['path']}, created {data['created']}, rotated {data['rotated'] or 'never'}")
    )
    console().print(
        text(f"{data['data_keys']} data key(s); new values sealed with {data['current_data_key']}")
    )
    for slot in data["slots"]:
        detail = slot.get("fingerprint") or ", ".join(f"{k}={v}" for k, v in slot.get("kdf", {}).items())
        console().print(text(f"  opens with: {slot['kind']} ({detail})"))
    if data["key_file_inside_case"]:
        console().print(
            text("WARNING: the key file is inside the case folder; move it off this machine.", "red")
        )


@app.command()
def unlock(ctx: typer.Context, case: CaseOption = None, json_out: JsonOption = False) -> None:
    """Check that the key you give opens the case.

    Every command unlocks for itself, from DADKHAH_KEY_FILE, DADKHAH_PASSPHRASE or (at a terminal)
    a prompt; this command only tells you whether that key is right. A wrong key exits with 7.
    """
    with open_case(ctx, case) as opened:
        protector = keys.unlock(opened.keys_path, opened.id, _current_credential(opened))
    if json_out:
        print_json({"unlocked": True, "data_keys": len(protector.key_ids), "current": protector.current})
    else:
        console().print(text(f"The key opens this case ({len(protector.key_ids)} data key(s))."))


# -- users ------------------------------------------------------------------------------------


def _password(prompt: bool) -> str | None:
    if os.environ.get(ENV_USER_PASSWORD):
        return os.environ[ENV_USER_PASSWORD]
    if prompt:
        if not interactive():
            raise InputError(f"no password: set {ENV_USER_PASSWORD} or run at a terminal", field="password")
        import getpass

        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat it: ") != first:
            raise InputError("the two passwords differ", field="password")
        return first
    return None


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (no spaces).")],
    role: Annotated[str, typer.Option("--role", help="admin, investigator, analyst or viewer.")],
    clearance: Annotated[
        str | None, typer.Option(help="Highest sensitivity they may see (default: the role's highest).")
    ] = None,
    password: Annotated[
        bool, typer.Option("--password", help=f"Set a password (from {ENV_USER_PASSWORD} or a prompt).")
    ] = False,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add a user (admins only)."""
    with open_case(ctx, case) as opened:
        by = require_admin(ctx, opened)
        with opened.writer(by) as w:
            made = users.add_user(
                w.conn,
                name,
                role,
                by=by,
                owner=opened.owner,
                clearance=clearance,
                password=_password(password),
            )
    if json_out:
        print_json(made.to_dict())
    else:
        console().print(text(f"Added {made.name}: {made.role}, clearance {made.clearance.label}"))


@user_app.command("list")
def user_list(ctx: typer.Context, case: CaseOption = None, json_out: JsonOption = False) -> None:
    """List users with their role and clearance."""
    with open_case(ctx, case) as opened, opened.reading() as conn:
        found = users.list_users(conn, opened.owner)
    if json_out:
        print_json([u.to_dict() for u in found])
        return
    table = Table("user", "role", "clearance", "password", "status", box=None)
    for u in found:
        table.add_row(
            text(u.name, "bold"),
            text(u.role),
            text(u.clearance.label),
            text("set" if u.has_password else "-"),
            text("disabled" if u.disabled else "active"),
        )
    console().print(table)


@user_app.command("role")
def user_role(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[str, typer.Argument(help="admin, investigator, analyst or viewer.")],
    clearance: Annotated[str | None, typer.Option(help="Clearance (default: the role's highest).")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Change a user's role and clearance (admins only)."""
    with open_case(ctx, case) as opened:
        by = require_admin(ctx, opened)
        with opened.writer(by) as w:
            made = users.set_role(w.conn, name, role, by=by, owner=opened.owner, clearance=clearance)
    if json_out:
        print_json(made.to_dict())
    else:
        console().print(text(f"{made.name}: {made.role}, clearance {made.clearance.label}"))


@user_app.command("passwd")
def user_passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    case: CaseOption = None,
) -> None:
    """Set a user's password for the web application (from DADKHAH_USER_PASSWORD or a prompt).

    Admins set anyone's; a user may set their own.
    """
    with open_case(ctx, case) as opened:
        from dadkhah.cli.common import acting_member

        who = acting_member(ctx, opened)
        if who.name != name:
            require_admin(ctx, opened)
        secret = _password(True)
        assert secret is not None
        with opened.writer(who.name) as w:
            users.set_password(w.conn, name, secret, by=who.name, owner=opened.owner)
    console().print(text(f"Password set for {name}."))


@user_app.command("disable")
def user_disable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="User name.")], case: CaseOption = None
) -> None:
    """Disable a user (admins only); their past work stays attributed to them."""
    _set_disabled(ctx, case, name, True)


@user_app.command("enable")
def user_enable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="User name.")], case: CaseOption = None
) -> None:
    """Enable a disabled user again (admins only)."""
    _set_disabled(ctx, case, name, False)


def _set_disabled(ctx: typer.Context, case: Path | None, name: str, disabled: bool) -> None:
    with open_case(ctx, case) as opened:
        by = require_admin(ctx, opened)
        with opened.writer(by) as w:
            users.set_disabled(w.conn, name, disabled, by=by, owner=opened.owner)
    console().print(text(f"{name} is {'disabled' if disabled else 'enabled'}."))


# -- recipient profiles -----------------------------------------------------------------------


@profile_app.command("add")
def profile_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile name, e.g. un-fact-finding-mission.")],
    label: Annotated[str, typer.Option(help="Full name of the recipient.")],
    purpose: Annotated[
        str,
        typer.Option(
            help="What they use material for: investigation, prosecution, un-submission, publication."
        ),
    ],
    clearance: Annotated[str, typer.Option(help="Highest sensitivity they may receive.")] = "internal",
    description: Annotated[str, typer.Option(help="Notes on the recipient.")] = "",
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Define a recipient profile (admins only)."""
    with open_case(ctx, case) as opened:
        by = require_admin(ctx, opened)
        with opened.writer(by) as w:
            made = users.add_profile(
                w.conn,
                name,
                label=label,
                clearance=clearance,
                purpose=purpose,
                by=by,
                description=description,
            )
    if json_out:
        print_json(made.to_dict())
    else:
        console().print(text(f"Added profile {made.name}: {made.clearance.label}, for {made.purpose}"))


@profile_app.command("list")
def profile_list(ctx: typer.Context, case: CaseOption = None, json_out: JsonOption = False) -> None:
    """List recipient profiles (the built-in 'public' first)."""
    with open_case(ctx, case) as opened, opened.reading() as conn:
        found = users.list_profiles(conn)
    if json_out:
        print_json([p.to_dict() for p in found])
        return
    table = Table("profile", "label", "clearance", "purpose", box=None)
    for p in found:
        table.add_row(text(p.name, "bold"), text(p.label), text(p.clearance.label), text(p.purpose))
    console().print(table)


# -- the audit --------------------------------------------------------------------------------


@app.command("audit")
def audit_command(
    ctx: typer.Context,
    entity: Annotated[str | None, typer.Option(help="Only records naming this entity.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="Most records to show.")] = 50,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Who decrypted protected values, and who changed access (admins only; ids, never values)."""
    with open_case(ctx, case) as opened:
        require_admin(ctx, opened)
        with opened.reading() as conn:
            found = audit.records(conn, limit=limit, entity_id=entity.upper() if entity else None)
    if json_out:
        print_json([r.to_dict() for r in found])
        return
    table = Table("when", "who", "as", "action", "entities", "values", box=None)
    for r in found:
        table.add_row(
            text(r.at.strftime("%Y-%m-%d %H:%M:%S")),
            text(r.actor),
            text(r.reader),
            text(r.action),
            text(", ".join(r.entity_ids)[:80] or r.detail[:80]),
            text(str(len(r.claim_ids) + len(r.segment_ids))),
        )
    console().print(table)
