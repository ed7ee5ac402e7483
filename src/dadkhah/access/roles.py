"""Roles of the case team, recipient profiles, and the uses a witness can consent to.

These are the fixed vocabularies of access control; users and profiles stored in a case refer to
them by code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dadkhah.access.reader import INVESTIGATION
from dadkhah.errors import InputError
from dadkhah.model.types import Sensitivity


@dataclass(frozen=True)
class Role:
    """What a team member may do, and the highest clearance the role can hold."""

    name: str
    max_clearance: Sensitivity
    writes: bool  # may record claims, testimony and consent
    manages: bool  # may manage users, profiles and keys
    description: str


ROLES: dict[str, Role] = {
    r.name: r
    for r in (
        Role("admin", Sensitivity.PROTECTED, True, True, "manages users, profiles and keys; sees everything"),
        Role("investigator", Sensitivity.PROTECTED, True, False, "interviews witnesses; sees identities"),
        Role("analyst", Sensitivity.CONFIDENTIAL, True, False, "analyses facts; never sees identities"),
        Role("viewer", Sensitivity.INTERNAL, False, False, "reads internal material; writes nothing"),
    )
}

#: the uses of testimony a witness can consent to, in the order a consent form lists them
USES: dict[str, str] = {
    INVESTIGATION: "Investigation by the documenting organisation",
    "prosecution": "Criminal prosecution (national or international courts)",
    "un-submission": "Submission to United Nations bodies and mechanisms",
    "publication": "Publication (reports, memorials, media)",
}

#: a consent that names this recipient covers every recipient
ANY_RECIPIENT = "any"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class Profile:
    """A recipient of the case's material, with the clearance and purpose it is given under."""

    name: str
    label: str
    clearance: Sensitivity
    purpose: str
    description: str = ""
    builtin: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "clearance": self.clearance.label,
            "purpose": self.purpose,
            "description": self.description,
            "builtin": self.builtin,
        }


BUILTIN_PROFILES: dict[str, Profile] = {
    "public": Profile(
        "public",
        "The public",
        Sensitivity.PUBLIC,
        "publication",
        "Anyone: public values only, and testimony only where the witness consented to publication.",
        builtin=True,
    ),
}


def role(name: str) -> Role:
    try:
        return ROLES[name.strip().lower()]
    except KeyError:
        raise InputError(f"no role '{name[:40]}' (roles: {', '.join(ROLES)})", field="role") from None


def use(name: str) -> str:
    """A consent use from its code or a close spelling (``UN submission`` → ``un-submission``)."""
    code = re.sub(r"[\s_]+", "-", name.strip().lower())
    if code not in USES:
        raise InputError(f"no consent use '{name[:40]}' (uses: {', '.join(USES)})", field="use")
    return code


def slug(name: str, field: str = "profile") -> str:
    """A profile or recipient name: lower-case letters, digits and hyphens."""
    code = re.sub(r"[\s_]+", "-", name.strip().lower())
    if not _SLUG.match(code):
        raise InputError(
            f"'{name[:40]}' is not a valid name (lower-case letters, digits and hyphens)", field=field
        )
    return code
