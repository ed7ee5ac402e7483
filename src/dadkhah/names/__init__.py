"""Personal names in Persian, Arabic and Latin script: folding, parsing and cross-script keys.

A leaf module: it imports nothing from Dadkhah but ``dadkhah.errors``.

* ``fold_text(text)`` — fold any text for search (case, diacritics, Arabic/Persian letter
  variants, tatweel, zero-width characters, digits).
* ``script_of(text)`` — ``"arabic"``, ``"latin"``, ``"mixed"`` or ``"other"``.
* ``normalize_name(text, part="full")`` — a :class:`NormalizedName`: titles apart, given names,
  surname, father's name, per-word keys, a Latin form.
* ``name_keys(text)`` — ASCII search keys of a name (index these).
* ``name_query_variants(text)`` — alternative key sets for a query (match any one in full).

See ``docs/names.md`` for the rules and the search contract.
"""

from dadkhah.names.fold import Script, fold_text, script_of
from dadkhah.names.lexicon import token_key
from dadkhah.names.parse import (
    MAX_QUERY_VARIANTS,
    NormalizedName,
    Part,
    name_keys,
    name_query_variants,
    normalize_name,
)

__all__ = [
    "MAX_QUERY_VARIANTS",
    "NormalizedName",
    "Part",
    "Script",
    "fold_text",
    "name_keys",
    "name_query_variants",
    "normalize_name",
    "script_of",
    "token_key",
]
