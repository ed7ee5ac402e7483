"""A case's custody log: its signing key and origin, appends in the caller's transaction, checkpoints.

``CaseLog`` is what a ``Case`` exposes as ``case.custody``. It holds no connection of its own for
appends: every custody event is appended on the connection of the transaction that writes the
rows it describes (``case.custody.append(writer.conn, event)``), so the two commit together.

Files in the case's ``keys/`` folder:

- ``custody-log.pem`` — the Ed25519 signing key (PKCS #8; encrypted when created with a
  passphrase, from ``DADKHAH_LOG_PASSPHRASE`` or else the case passphrase ``DADKHAH_PASSPHRASE``);
- ``custody-log.pub`` — the public half: the C2SP verifier key line (``origin+keyid+base64``),
  then the PEM. Verification needs only this file, never the passphrase.

The verifier key's name is the log's *origin*, ``<domain>/case/<case id>``; the domain is
``DADKHAH_LOG_DOMAIN`` at ``init`` (default ``dadkhah.local``) and never changes afterwards, since
every checkpoint names it.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Engine

from dadkhah.errors import CaseError, Conflict, InputError, IntegrityError, NotFound
from dadkhah.log.canonical import encode_event
from dadkhah.log.checkpoint import sign_checkpoint
from dadkhah.log.keys import (
    generate_signing_key,
    is_key_protected,
    load_signing_key,
    public_key_pem,
    save_signing_key,
)
from dadkhah.log.note import NoteSigner, VerifierKey
from dadkhah.log.sql import SqlNodeStore, StoredCheckpoint, load_checkpoints, record_checkpoint
from dadkhah.log.subjects import index_subjects, index_subjects_of, leaves_about
from dadkhah.log.tree import LeafRecord, MerkleTree

KEY_FILE = "custody-log.pem"
PUBLIC_FILE = "custody-log.pub"
ENV_LOG_PASSPHRASE = "DADKHAH_LOG_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
ENV_CASE_PASSPHRASE = "DADKHAH_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
ENV_LOG_DOMAIN = "DADKHAH_LOG_DOMAIN"
DEFAULT_DOMAIN = "dadkhah.local"
RETRIES = 5

_DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
_ACTOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+\-]{0,194}")

# One node store per connection: within a transaction it remembers the right edge of the tree,
# so a run of appends costs two INSERTs each and no reads.
_STORES: weakref.WeakKeyDictionary[Connection, SqlNodeStore] = weakref.WeakKeyDictionary()


def node_store(conn: Connection) -> SqlNodeStore:
    store = _STORES.get(conn)
    if store is None:
        store = _STORES[conn] = SqlNodeStore(conn)
    return store


def append_event(conn: Connection, event: Mapping[str, Any]) -> LeafRecord:
    """Append a custody event (see ``custody_event``) in the transaction of ``conn``; index its subjects."""
    leaf = MerkleTree(node_store(conn)).append(encode_event(event))
    index_subjects(conn, leaf.idx, event["subjects"])
    return leaf


def append_events(conn: Connection, events: Sequence[Mapping[str, Any]]) -> list[LeafRecord]:
    """Append custody events in order, as ``append_event`` would one by one, in one write each for
    the leaves, the tree's nodes and the subject index (a folder's ingest appends hundreds)."""
    leaves = MerkleTree(node_store(conn)).append_many([encode_event(event) for event in events])
    index_subjects_of(
        conn, [(leaf.idx, event["subjects"]) for leaf, event in zip(leaves, events, strict=True)]
    )
    return leaves


def actor_id(user: str) -> str:
    """The custody-log actor for a user name: ``user:<name>`` (names outside ASCII are hex-encoded)."""
    if _ACTOR.fullmatch(user):
        return f"user:{user}"
    return "user:x-" + user.encode("utf-8").hex()[:180]


def passphrase_from_env() -> str | None:
    return os.environ.get(ENV_LOG_PASSPHRASE) or os.environ.get(ENV_CASE_PASSPHRASE) or None


@dataclass(frozen=True)
class LogKey:
    """The public half of the case's log key: what a recipient trusts."""

    verifier: VerifierKey
    pem: str

    @property
    def origin(self) -> str:
        return self.verifier.name


class CaseLog:
    """The custody log of one case."""

    def __init__(self, engine: Engine, keys_path: Path, case_id: str) -> None:
        self.engine = engine
        self.keys_path = keys_path
        self.case_id = case_id

    # -- the key --------------------------------------------------------------------------------

    @property
    def key_path(self) -> Path:
        return self.keys_path / KEY_FILE

    @property
    def public_path(self) -> Path:
        return self.keys_path / PUBLIC_FILE

    def has_key(self) -> bool:
        return self.public_path.is_file()

    def create_key(self, passphrase: str | None = None, *, domain: str | None = None) -> LogKey:
        """Make the case's signing key (once: it is never replaced) and publish its public half."""
        domain = (domain or os.environ.get(ENV_LOG_DOMAIN) or DEFAULT_DOMAIN).strip().lower()
        if not _DOMAIN.fullmatch(domain):
            raise InputError("the log's domain must be a host name such as example.org", field="domain")
        origin = f"{domain}/case/{self.case_id}"
        key = generate_signing_key()
        save_signing_key(key, self.key_path, passphrase)
        public = LogKey(NoteSigner(origin, key).verifier, public_key_pem(key))
        tmp = self.public_path.with_name(f".{PUBLIC_FILE}.{os.getpid()}.tmp")
        tmp.write_text(f"{public.verifier}\n{public.pem}", encoding="ascii")
        tmp.replace(self.public_path)
        return public

    def public_key(self) -> LogKey:
        """The verifier key and PEM, read from ``custody-log.pub`` (no passphrase needed)."""
        try:
            first, _, pem = self.public_path.read_text(encoding="ascii").partition("\n")
        except FileNotFoundError:
            raise CaseError(
                f"the case has no custody-log key ({self.public_path} is missing); "
                "create one with 'dadkhah log key --create'"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CaseError(f"cannot read {self.public_path}: {exc}") from None
        try:
            verifier = VerifierKey.parse(first)
        except InputError as exc:
            raise IntegrityError(f"{self.public_path}: the verifier key is damaged: {exc}") from None
        return LogKey(verifier, pem)

    @property
    def origin(self) -> str:
        return self.public_key().origin

    def is_protected(self) -> bool:
        return is_key_protected(self.key_path)

    def signer(self, passphrase: str | None = None) -> NoteSigner:
        """The signer for checkpoints; the passphrase comes from the argument or the environment."""
        public = self.public_key()
        key: Ed25519PrivateKey = load_signing_key(self.key_path, passphrase or passphrase_from_env())
        signer = NoteSigner(public.origin, key)
        if signer.verifier != public.verifier:
            raise IntegrityError(f"{self.key_path} does not match the published key in {self.public_path}")
        return signer

    # -- appends and reads ----------------------------------------------------------------------

    def append(self, conn: Connection, event: Mapping[str, Any]) -> LeafRecord:
        return append_event(conn, event)

    def tree(self, conn: Connection) -> MerkleTree:
        return MerkleTree(node_store(conn))

    def leaves_about(self, conn: Connection, subjects: Sequence[str]) -> list[int]:
        return leaves_about(conn, subjects)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                yield conn

    def record(self, event: Mapping[str, Any]) -> LeafRecord:
        """Append one event in a transaction of its own (retried if another writer appended first)."""
        for attempt in range(RETRIES):
            try:
                with self._writing() as conn:
                    return append_event(conn, event)
            except Conflict:
                if attempt == RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    # -- checkpoints ----------------------------------------------------------------------------

    def sign(self, conn: Connection, signer: NoteSigner) -> StoredCheckpoint:
        """Sign and keep a checkpoint of the tree as ``conn`` sees it (call inside a write transaction)."""
        tree = self.tree(conn)
        checkpoint = tree.checkpoint(signer.name)
        note = sign_checkpoint(checkpoint, signer)
        signed_at = datetime.now(UTC)
        seq = record_checkpoint(conn, checkpoint, note, signed_at)
        return StoredCheckpoint(seq, checkpoint.size, checkpoint.root_hash, note, signed_at)

    def checkpoint(self, passphrase: str | None = None) -> StoredCheckpoint:
        """Sign and keep a checkpoint of the whole log now."""
        signer = self.signer(passphrase)
        with self._writing() as conn:
            return self.sign(conn, signer)

    def checkpoints(self, conn: Connection | None = None) -> list[StoredCheckpoint]:
        if conn is not None:
            return load_checkpoints(conn)
        with self.engine.connect() as own:
            return load_checkpoints(own)

    def latest(self, conn: Connection) -> StoredCheckpoint:
        kept = load_checkpoints(conn)
        if not kept:
            raise NotFound("the custody log has no signed checkpoint yet; run 'dadkhah log checkpoint'")
        return kept[-1]


__all__ = [
    "DEFAULT_DOMAIN",
    "ENV_LOG_DOMAIN",
    "ENV_LOG_PASSPHRASE",
    "KEY_FILE",
    "PUBLIC_FILE",
    "CaseLog",
    "LogKey",
    "actor_id",
    "append_event",
    "append_events",
    "node_store",
    "passphrase_from_env",
]
