"""How a process gets the case key: an environment variable, a key file, or a prompt.

In order of precedence:

1. ``DADKHAH_KEY_FILE`` — the path of a key file;
2. ``DADKHAH_PASSPHRASE`` — the passphrase itself (for scripts and CI; a shell history or process
   listing can expose it, so prefer a key file or the prompt by hand);
3. ``keys/case.key`` inside the case, if ``dadkhah init`` had to generate one there (it warns that
   the file must be moved off the machine);
4. at an interactive terminal (never in CI), a passphrase prompt — asked only when a command first
   needs a protected value.

Without any of these the case is *locked*: everything else works, protected values are hidden and
cannot be written.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from dadkhah.access.crypto import AesGcmProtector, DeferredProtector
from dadkhah.access.keys import IN_CASE_KEY_FILE, Credential, KeyFile, Passphrase, has_keyring, unlock
from dadkhah.errors import InputError, LockedError
from dadkhah.store.writer import Protector

ENV_PASSPHRASE = "DADKHAH_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
ENV_KEY_FILE = "DADKHAH_KEY_FILE"
ENV_NEW_PASSPHRASE = "DADKHAH_NEW_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)


def interactive() -> bool:
    """Whether a person is at the terminal to answer a prompt (never in CI)."""
    return sys.stdin.isatty() and not os.environ.get("CI")


def credential_from_env(keys_dir: Path, environ: Mapping[str, str] | None = None) -> Credential | None:
    env = os.environ if environ is None else environ
    if env.get(ENV_KEY_FILE):
        return KeyFile(Path(env[ENV_KEY_FILE]).expanduser())
    if env.get(ENV_PASSPHRASE):
        return Passphrase(env[ENV_PASSPHRASE])
    in_case = keys_dir / IN_CASE_KEY_FILE
    if in_case.is_file():
        return KeyFile(in_case)
    return None


def prompt_passphrase(prompt: str = "Case passphrase: ", *, confirm: bool = False) -> Passphrase:
    if not interactive():
        raise LockedError(f"no passphrase: set {ENV_PASSPHRASE} or {ENV_KEY_FILE}")
    text = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != text:
        raise InputError("the two passphrases differ", field="passphrase")
    return Passphrase(text)


def protector_for_process(keys_dir: Path, case_id: str, *, prompt: bool | None = None) -> Protector | None:
    """The protector a command runs with: unlocked now, unlocked on first use at a prompt, or none.

    A wrong credential from the environment is refused at once, with a message saying so.
    """
    if not has_keyring(keys_dir):
        return None
    credential = credential_from_env(keys_dir)
    if credential is not None:
        return unlock(keys_dir, case_id, credential)
    if prompt if prompt is not None else interactive():

        def ask() -> AesGcmProtector:
            return unlock(keys_dir, case_id, prompt_passphrase())

        return DeferredProtector(ask)
    return None
