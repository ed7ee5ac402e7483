"""The custody transparency log.

Every custody event is a leaf (RFC 8785 canonical JSON) in an append-only Merkle tree hashed as
RFC 9162 says; the tree's state is published as C2SP tlog-checkpoints signed with the case's
Ed25519 key. Inclusion proofs show an event is in the log; consistency proofs show a later log
extends an earlier one. See ``docs/custody-log.md``.
"""

from dadkhah.log.canonical import (
    EVENT_KINDS,
    canonical_json,
    custody_event,
    decode_event,
    encode_event,
    rfc3339_utc,
)
from dadkhah.log.checkpoint import Checkpoint, open_checkpoint, parse_checkpoint_body, sign_checkpoint
from dadkhah.log.keys import (
    generate_signing_key,
    is_key_protected,
    load_signing_key,
    public_key_bytes,
    public_key_pem,
    save_signing_key,
    verifier_key,
)
from dadkhah.log.merkle import EMPTY_ROOT, ProofError, leaf_hash, node_hash, tree_hash
from dadkhah.log.note import NoteSigner, VerifierKey, open_note, parse_note, sign_note
from dadkhah.log.tree import LeafRecord, MemoryNodeStore, MerkleTree, NodeRecord, NodeStore
from dadkhah.log.verify import (
    LogVerification,
    verify_consistency,
    verify_inclusion,
    verify_leaves,
    verify_log,
)

__all__ = [
    "EMPTY_ROOT",
    "EVENT_KINDS",
    "Checkpoint",
    "LeafRecord",
    "LogVerification",
    "MemoryNodeStore",
    "MerkleTree",
    "NodeRecord",
    "NoteSigner",
    "NodeStore",
    "ProofError",
    "VerifierKey",
    "canonical_json",
    "custody_event",
    "decode_event",
    "encode_event",
    "generate_signing_key",
    "is_key_protected",
    "leaf_hash",
    "load_signing_key",
    "node_hash",
    "open_checkpoint",
    "open_note",
    "parse_checkpoint_body",
    "parse_note",
    "public_key_bytes",
    "public_key_pem",
    "rfc3339_utc",
    "save_signing_key",
    "sign_checkpoint",
    "sign_note",
    "tree_hash",
    "verifier_key",
    "verify_consistency",
    "verify_inclusion",
    "verify_leaves",
    "verify_log",
]
