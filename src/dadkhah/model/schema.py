"""Schemas (entity types) and their properties, compiled from the YAML specs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from dadkhah.errors import InputError, InvalidValue
from dadkhah.model.types import REGISTRY, PropertyType, Sensitivity, VocabType, Vocabulary


class PropertySpec(TypedDict):
    """A property as written in a schema YAML file."""

    label: str
    label_fa: NotRequired[str]
    type: str
    description: NotRequired[str]
    multiple: NotRequired[bool]
    range: NotRequired[str | list[str]]
    vocab: NotRequired[str]
    sensitivity: NotRequired[str]


class SchemaSpec(TypedDict):
    """An entity type as written in a schema YAML file."""

    label: str
    label_fa: NotRequired[str]
    plural: NotRequired[str]
    plural_fa: NotRequired[str]
    description: NotRequired[str]
    abstract: NotRequired[bool]
    extends: NotRequired[list[str]]
    caption: NotRequired[list[str]]
    featured: NotRequired[list[str]]
    required: NotRequired[list[str]]
    properties: NotRequired[dict[str, PropertySpec]]


@dataclass(frozen=True)
class Property:
    """One property of a schema: its type, whether it holds several values, its default sensitivity."""

    schema: str
    name: str
    label: str
    type: PropertyType
    description: str = ""
    multiple: bool = False
    range: tuple[str, ...] = ()
    sensitivity: Sensitivity | None = None
    #: the label in other languages (``fa`` → Persian), from ``label_fa`` in the schema file
    labels: dict[str, str] = field(default_factory=dict)

    def label_in(self, lang: str) -> str:
        """The label in ``lang``, or the English one when there is no translation."""
        return self.labels.get(lang) or self.label

    @property
    def qname(self) -> str:
        return f"{self.schema}:{self.name}"

    @property
    def vocabulary(self) -> Vocabulary | None:
        return self.type.vocabulary if isinstance(self.type, VocabType) else None

    def clean(self, raw: object) -> str:
        """Clean a raw value for this property; the error names the property."""
        try:
            return self.type.clean(raw)
        except InvalidValue as error:
            raise InvalidValue(error.problem.reason, field=self.name) from None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "label": self.label, "type": self.type.name}
        data.update({f"label_{lang}": text for lang, text in sorted(self.labels.items())})
        if self.description:
            data["description"] = self.description
        if self.multiple:
            data["multiple"] = True
        if self.range:
            data["range"] = list(self.range)
        if self.vocabulary is not None:
            data["vocab"] = self.vocabulary.name
        if self.sensitivity is not None:
            data["sensitivity"] = self.sensitivity.label
        return data


@dataclass
class Schema:
    """An entity type with its own and inherited properties."""

    name: str
    label: str
    plural: str
    description: str
    abstract: bool
    extends: tuple[str, ...]
    caption: tuple[str, ...]
    featured: tuple[str, ...]
    required: tuple[str, ...]
    properties: dict[str, Property] = field(default_factory=dict)
    #: every schema this one is, itself included (filled in by the Model)
    ancestry: frozenset[str] = frozenset()
    #: the label and plural in other languages (``fa`` → Persian), from ``label_fa`` and ``plural_fa``
    labels: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, str] = field(default_factory=dict)

    def label_in(self, lang: str) -> str:
        """The label in ``lang``, or the English one when there is no translation."""
        return self.labels.get(lang) or self.label

    def plural_in(self, lang: str) -> str:
        """The plural in ``lang``, or the English one when there is no translation."""
        return self.plurals.get(lang) or self.plural

    def get(self, name: str) -> Property:
        try:
            return self.properties[name]
        except KeyError:
            known = ", ".join(sorted(self.properties))
            raise InputError(
                f"{self.name} has no property '{name[:60]}' (it has: {known})", field=name
            ) from None

    def is_a(self, other: str) -> bool:
        return other in self.ancestry

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            **{f"label_{lang}": text for lang, text in sorted(self.labels.items())},
            "plural": self.plural,
            **{f"plural_{lang}": text for lang, text in sorted(self.plurals.items())},
            "description": self.description,
            "extends": list(self.extends),
            "caption": list(self.caption),
            "featured": list(self.featured),
            "required": list(self.required),
            "properties": {name: prop.to_dict() for name, prop in self.properties.items()},
        }


def compile_property(schema: str, name: str, spec: PropertySpec, vocabs: dict[str, Vocabulary]) -> Property:
    """Build a Property; the caller has already checked the spec (see ``model.check_specs``)."""
    type_name = spec["type"]
    ptype: PropertyType = VocabType(vocabs[spec["vocab"]]) if type_name == "vocab" else REGISTRY[type_name]
    raw_range = spec.get("range", [])
    ranges = (raw_range,) if isinstance(raw_range, str) else tuple(raw_range)
    level = spec.get("sensitivity")
    return Property(
        schema=schema,
        name=name,
        label=spec["label"],
        type=ptype,
        description=spec.get("description", "").strip(),
        multiple=bool(spec.get("multiple", False)),
        range=ranges,
        sensitivity=Sensitivity.parse(level) if level else None,
        labels=translations(spec, "label"),
    )


#: the languages a label can be translated into, besides English (the ``label``): ``label_fa``, ...
TRANSLATED = ("fa",)


def translations(spec: Any, key: str) -> dict[str, str]:
    """``{lang: text}`` from the ``<key>_<lang>`` entries of a spec (``label_fa`` → ``{"fa": ...}``)."""
    return {lang: str(spec[f"{key}_{lang}"]) for lang in TRANSLATED if spec.get(f"{key}_{lang}")}
