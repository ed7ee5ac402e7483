"""Who is reading: the one notion every output path filters by.

A reader is either a member of the case team (a user, or a role a user previews with ``--as``),
who reads for the purpose of the investigation, or a *recipient* (a profile such as ``public`` or
a national war crimes unit), who reads for the profile's purpose and sees a witness's testimony
only where the witness consented to that use and that recipient.
"""

from __future__ import annotations

from dataclasses import dataclass

from dadkhah.model.types import Sensitivity

#: the purpose of the case team's own reading
INVESTIGATION = "investigation"


@dataclass(frozen=True)
class Reader:
    """A person or recipient reading the case, with the highest sensitivity they may see."""

    name: str
    clearance: Sensitivity = Sensitivity.INTERNAL
    #: whether protected values may be decrypted for this reader (needs clearance PROTECTED too)
    unlocked: bool = False
    #: the team role (admin, investigator, analyst, viewer) when the reader is a team member
    role: str | None = None
    #: the recipient profile when the reader is a recipient; consent then decides on testimony
    profile: str | None = None
    #: what the reading is for: a consent use (investigation, prosecution, un-submission, publication)
    purpose: str = INVESTIGATION
    #: the user actually at the keyboard, when previewing another role or a profile (for the audit)
    user: str | None = None

    def sees(self, sensitivity: Sensitivity) -> bool:
        return sensitivity <= self.clearance

    @property
    def is_recipient(self) -> bool:
        return self.profile is not None

    @property
    def may_decrypt(self) -> bool:
        return self.unlocked and self.clearance >= Sensitivity.PROTECTED

    @property
    def actor(self) -> str:
        """Who is accountable for what this reader sees: the acting user, else the reader."""
        return self.user or self.name

    @classmethod
    def owner(cls, name: str) -> Reader:
        """The case owner: sees everything the case key allows."""
        return cls(name, Sensitivity.PROTECTED, unlocked=True, role="admin", user=name)

    @classmethod
    def public(cls) -> Reader:
        """The general public: public values only, and testimony only where consent covers publication."""
        return cls("public", Sensitivity.PUBLIC, profile="public", purpose="publication")
