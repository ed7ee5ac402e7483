"""Values drawn from a controlled vocabulary (violation acts, involvement roles, ...)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dadkhah.errors import InvalidValue
from dadkhah.model.types.common import PropertyType


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    description: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    #: the label in other languages (``fa`` → Persian), from ``label_fa`` in the vocabulary file
    labels: dict[str, str] = field(default_factory=dict)

    def label_in(self, lang: str) -> str:
        """The label in ``lang``, or the English one when there is no translation."""
        return self.labels.get(lang) or self.label


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    terms: dict[str, Term]

    def clean(self, raw: str) -> str:
        code = raw.strip().lower().replace(" ", "_").replace("-", "_")
        if code in self.terms:
            return code
        wanted = raw.strip().lower()
        for term in self.terms.values():
            if wanted in (term.label.lower(), *term.labels.values()):
                return term.code
        choices = ", ".join(self.terms)
        raise InvalidValue(f"'{raw[:40]}' is not in the {self.name} vocabulary ({choices})")


class VocabType(PropertyType):
    """One term of a named vocabulary; each property names its vocabulary."""

    name = "vocab"
    max_length = 128
    searchable = False

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary

    def clean_text(self, text: str) -> str:
        if self.vocabulary is None:
            raise InvalidValue("has no vocabulary")
        return self.vocabulary.clean(text)
