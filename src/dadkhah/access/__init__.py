"""Access: who reads, what they may see, and the key that protects witnesses' identities.

- :class:`Reader` — a team member or a recipient, with clearance and purpose;
- roles, recipient profiles and consent uses (``access.roles``); users and profiles stored in a
  case (``access.users``);
- witnesses' consent as an append-only history (``access.consent``);
- the case keyring and AES-256-GCM encryption of protected values (``access.keys``,
  ``access.crypto``) and unlocking a process (``access.unlocking``);
- :class:`Redaction`, the one place that decides what a reader may see (``access.redaction``);
- the audit of protected reads (``access.audit``).

Only :class:`Reader` is imported eagerly: the store imports it, and the rest import the store.
"""

from __future__ import annotations

import importlib
from typing import Any

from dadkhah.access.reader import INVESTIGATION, Reader

_LAZY = {
    "ANY_RECIPIENT": "roles",
    "BUILTIN_PROFILES": "roles",
    "Profile": "roles",
    "ROLES": "roles",
    "Role": "roles",
    "USES": "roles",
    "AesGcmProtector": "crypto",
    "Credential": "keys",
    "KdfParams": "keys",
    "KeyFile": "keys",
    "Passphrase": "keys",
    "create_key_file": "keys",
    "init_keyring": "keys",
    "rotate": "keys",
    "unlock": "keys",
    "ConsentEvent": "consent",
    "ConsentState": "consent",
    "record_consent": "consent",
    "withdraw_consent": "consent",
    "Redaction": "redaction",
    "segment_testimony": "redaction",
    "User": "users",
    "add_profile": "users",
    "add_user": "users",
    "resolve_reader": "users",
    "verify_password": "users",
}

__all__ = ["INVESTIGATION", "Reader", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dadkhah.access' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dadkhah.access.{module}"), name)
