"""The custody log: sign checkpoints, print proofs, leaves and the public key; verify the case."""

from __future__ import annotations

import base64
import getpass
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from dadkhah.cli.app import app
from dadkhah.cli.common import (
    CaseOption,
    JsonOption,
    acting_member,
    console,
    open_case,
    print_json,
    progress,
    read_text_file,
    text,
)
from dadkhah.errors import InputError, IntegrityError, NotFound
from dadkhah.log.case_log import ENV_LOG_PASSPHRASE, passphrase_from_env
from dadkhah.vault.items import item_subject

log_app = typer.Typer(
    help="The custody log: checkpoints, proofs, leaves, the public key.", no_args_is_help=True
)
app.add_typer(log_app, name="log")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _passphrase(protected: bool) -> str | None:
    """The signing key's passphrase: from the environment, else asked at a terminal."""
    found = passphrase_from_env()
    if found or not protected:
        return found
    if sys.stdin.isatty():
        return getpass.getpass("Passphrase of the custody-log signing key: ")
    return None  # load_signing_key then says the key is locked, naming what to set


@log_app.command("checkpoint")
def checkpoint_command(ctx: typer.Context, case: CaseOption = None, json_out: JsonOption = False) -> None:
    """Sign a checkpoint of the log now (origin, size, root hash) and print it as a signed note."""
    with open_case(ctx, case) as opened:
        cp = opened.custody.checkpoint(_passphrase(opened.custody.is_protected()))
    if json_out:
        print_json(cp.to_dict())
    else:
        sys.stdout.write(cp.note)


@log_app.command("proof")
def proof_command(
    ctx: typer.Context,
    item: Annotated[
        str | None, typer.Argument(help="Evidence item (or any subject id, e.g. blob:sha256:…).")
    ] = None,
    index: Annotated[int | None, typer.Option("--index", help="A leaf index instead of an item.")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Inclusion proofs of an item's custody events (or of one leaf) in the latest checkpoint."""
    if (item is None) == (index is None):
        raise InputError("give an item or --index N", field="item")
    with open_case(ctx, case) as opened, opened.reading() as conn:
        latest = opened.custody.latest(conn)
        tree = opened.custody.tree(conn)
        if index is not None:
            indices = [index]
        else:
            assert item is not None
            subject = item if ":" in item else item_subject(item.upper())
            indices = opened.custody.leaves_about(conn, [subject])
            if not indices:
                raise NotFound(f"no custody event names {subject[:80]}")
        proofs: list[dict[str, Any]] = []
        for i in indices:
            if i >= latest.size:
                raise NotFound(
                    f"leaf {i} is newer than the latest checkpoint (size {latest.size}); "
                    "run 'dadkhah log checkpoint' first"
                )
            leaf = tree.leaf(i)
            proofs.append(
                {
                    "index": i,
                    "leaf": _b64(leaf.data),
                    "leaf_hash": _b64(leaf.leaf_hash),
                    "proof": [_b64(h) for h in tree.inclusion_proof(i, latest.size)],
                }
            )
    if json_out:
        print_json({"checkpoint": latest.to_dict(), "proofs": proofs})
        return
    write = sys.stdout.write  # base64 only: nothing to escape, and no line may be wrapped
    write(f"checkpoint {latest.seq} (size {latest.size}):\n{latest.note}\n")
    for p in proofs:
        write(f"leaf {p['index']}: {p['leaf']}\n  leaf hash: {p['leaf_hash']}\n  proof:\n")
        write("".join(f"    {h}\n" for h in p["proof"]))


@log_app.command("consistency")
def consistency_command(
    ctx: typer.Context,
    old_size: Annotated[int, typer.Argument(help="Size of the earlier tree (from a checkpoint you hold).")],
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """The proof that the log of OLD_SIZE leaves is a prefix of the latest checkpoint's log."""
    with open_case(ctx, case) as opened, opened.reading() as conn:
        latest = opened.custody.latest(conn)
        if not 0 <= old_size <= latest.size:
            raise InputError(
                f"must be between 0 and the latest checkpoint's size {latest.size}", field="OLD_SIZE"
            )
        proof = opened.custody.tree(conn).consistency_proof(old_size, latest.size)
    if json_out:
        print_json({"old_size": old_size, "checkpoint": latest.to_dict(), "proof": [_b64(h) for h in proof]})
        return
    sys.stdout.write(latest.note + "\n" + "".join(f"{_b64(h)}\n" for h in proof))


@log_app.command("leaves")
def leaves_command(
    ctx: typer.Context,
    start: Annotated[int, typer.Option("--from", help="First leaf index.")] = 0,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many leaves.")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Print leaves (base64 of their exact bytes), so anyone can recompute the tree."""
    if start < 0:
        raise InputError("must not be negative", field="--from")
    with open_case(ctx, case) as opened, opened.reading() as conn:
        tree = opened.custody.tree(conn)
        stop = tree.size if limit is None else min(tree.size, start + max(limit, 0))
        write = sys.stdout.write
        if json_out:
            write("[")
            for n, leaf in enumerate(tree.leaves(start, stop)):
                entry = {
                    "index": leaf.idx,
                    "leaf": _b64(leaf.data),
                    "recorded_at": leaf.recorded_at.isoformat(),
                }
                write(("," if n else "") + "\n  " + json.dumps(entry))
            write("\n]\n")
        else:
            for leaf in tree.leaves(start, stop):
                write(f"{leaf.idx} {_b64(leaf.data)}\n")


@log_app.command("key")
def key_command(
    ctx: typer.Context,
    create: Annotated[
        bool, typer.Option("--create", help="Create the signing key if the case has none (older cases).")
    ] = False,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Print the log's public key: the verifier key line and the PEM. Give these to recipients."""
    with open_case(ctx, case) as opened:
        if create and not opened.custody.has_key():
            opened.custody.create_key(passphrase_from_env())
        public = opened.custody.public_key()
        protected = opened.custody.is_protected()
    if json_out:
        print_json(
            {
                "origin": public.origin,
                "verifier_key": str(public.verifier),
                "pem": public.pem,
                "protected": protected,
            }
        )
        return
    sys.stdout.write(f"{public.verifier}\n{public.pem}")
    if not protected:
        sys.stderr.write(
            "note: the signing key is not protected by a passphrase "
            f"(set {ENV_LOG_PASSPHRASE} when creating a case)\n"
        )


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    no_record: Annotated[bool, typer.Option("--no-record", help="Do not log a 'verified' event.")] = False,
    key: Annotated[
        Path | None,
        typer.Option(
            "--key",
            help="The log's public key as you received it ('dadkhah log key'): checkpoints are "
            "checked against it, not against the key in the case folder.",
        ),
    ] = None,
    checkpoints: Annotated[
        list[Path] | None,
        typer.Option(
            "--checkpoint",
            help="A signed checkpoint you received earlier (repeatable): the log must still extend it.",
        ),
    ] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Re-hash every blob, recompute the log, check every checkpoint; exit 0 only if all holds.

    Without --key and --checkpoint this trusts the public key in the case folder, so it proves
    nothing against whoever holds the folder: a recipient verifies with what they received apart.
    """
    from dadkhah.log.note import VerifierKey
    from dadkhah.vault.verify import verify_case

    trusted = VerifierKey.parse(_first_line(key, "--key")) if key is not None else None
    held = [(f"the checkpoint in {p}", read_text_file(p, "--checkpoint")) for p in checkpoints or []]
    with open_case(ctx, case) as opened:
        who = acting_member(ctx, opened).name
        with progress("Verifying", None) as bar:
            report = verify_case(
                opened,
                progress=lambda stage, n: bar.advance(n),
                record=not no_record,
                author=who,
                trusted_key=trusted,
                held=held,
            )
    if json_out:
        print_json(report.to_dict())
        if not report.ok:
            raise typer.Exit(IntegrityError.exit_code)
        return
    out = console()
    out.print(
        text(
            f"custody log: {report.leaves} leaves, {report.checkpoints} checkpoint(s), "
            f"{report.signed_size} leaves signed; root {report.root}"
        )
    )
    out.print(
        text(f"evidence: {report.items} item(s), {report.blobs} file(s), {report.bytes} bytes re-hashed")
    )
    for note in report.notes:
        out.print(text(f"note: {note}", "yellow"))
    if report.ok and not report.key_trusted:
        note = f"note: checked against the key in the case folder ({report.key}); give --key and "
        out.print(text(note + "--checkpoint to verify without trusting its holder", "yellow"))
    elif report.ok:
        out.print(text(f"key {report.key} as given; {report.held} checkpoint(s) received earlier still hold"))
        if not report.held:
            warning = "note: without a checkpoint received earlier (--checkpoint), a history "
            out.print(text(warning + "rewritten by whoever holds the signing key is not detected", "yellow"))
    if not report.ok:
        raise IntegrityError(f"{len(report.problems)} problem(s):\n  " + "\n  ".join(report.problems))
    out.print(text("verified: every file, leaf and checkpoint holds", "green"))


def _first_line(path: Path, option: str) -> str:
    """The verifier key line: the first line of what 'dadkhah log key' prints (the PEM follows)."""
    lines = [line for line in read_text_file(path, option).splitlines() if line.strip()]
    if not lines:
        raise InputError(f"{path} is empty", field=option)
    return lines[0]
