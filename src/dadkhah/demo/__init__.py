"""The fictional demonstration case: a seeded, deterministic generator of materials and truth.

``generate(out_dir, seed, scale)`` writes what documenting groups would hold — four victim lists
in four formats, witness testimonies, a witness registry, evidence files, and a manifest of the
researched world (places, institutions, officials, events) — under ``out_dir/materials/``, and the
ground truth under ``out_dir/truth/``. It returns a :class:`Materials` describing all of it in
structured form, every fact with its source, so a loader can build a case without re-parsing.

Every person and organisation is invented; see ``docs/demo.md``.
"""

from dadkhah.demo.generator import generate
from dadkhah.demo.materials import (
    ACTS,
    CONSENT_USES,
    EVENT_KINDS,
    ORGANIZATION_KINDS,
    PLACE_KINDS,
    POSITION_KINDS,
    RECIPIENTS,
    ROLES,
    SOURCE_KINDS,
    AllegationSpec,
    Assertion,
    Consent,
    Event,
    EvidenceFile,
    Involvement,
    Materials,
    Mention,
    Organization,
    Person,
    Place,
    Position,
    Presence,
    ProtectedDetails,
    Ref,
    Relative,
    Segment,
    Source,
    Testimony,
    Text,
    Truth,
    VictimList,
    Violation,
    Withdrawal,
    Witness,
)

__all__ = [
    "ACTS",
    "CONSENT_USES",
    "EVENT_KINDS",
    "ORGANIZATION_KINDS",
    "PLACE_KINDS",
    "POSITION_KINDS",
    "RECIPIENTS",
    "ROLES",
    "SOURCE_KINDS",
    "AllegationSpec",
    "Assertion",
    "Consent",
    "Event",
    "EvidenceFile",
    "Involvement",
    "Materials",
    "Mention",
    "Organization",
    "Person",
    "Place",
    "Position",
    "Presence",
    "ProtectedDetails",
    "Ref",
    "Relative",
    "Segment",
    "Source",
    "Testimony",
    "Text",
    "Truth",
    "VictimList",
    "Violation",
    "Withdrawal",
    "Witness",
    "generate",
]
