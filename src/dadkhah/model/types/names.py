"""Names of people, organisations and places, in any script, kept exactly as written."""

from __future__ import annotations

from dadkhah.model.types.common import PropertyType


class NameType(PropertyType):
    """A name as written (NFC, tidy whitespace); search uses cross-script keys from ``dadkhah.names``."""

    name = "name"
    max_length = 512
