"""The domain model: every schema and vocabulary, loaded from YAML and checked for consistency."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from dadkhah.errors import InputError, InvalidModel
from dadkhah.model.schema import TRANSLATED, Schema, SchemaSpec, compile_property, translations
from dadkhah.model.types import REGISTRY, Sensitivity, Term, Vocabulary

HERE = Path(__file__).parent
_SCHEMA_KEYS = {
    "label",
    "plural",
    *(f"{key}_{lang}" for key in ("label", "plural") for lang in TRANSLATED),
    "description",
    "abstract",
    "extends",
    "caption",
    "featured",
    "required",
    "properties",
}
_PROPERTY_KEYS = {
    "label",
    *(f"label_{lang}" for lang in TRANSLATED),
    "type",
    "description",
    "multiple",
    "range",
    "vocab",
    "sensitivity",
}


class Model:
    """All entity types and vocabularies. Build with :meth:`load`; it raises InvalidModel if inconsistent."""

    def __init__(self, schemas: dict[str, Schema], vocabularies: dict[str, Vocabulary]) -> None:
        self.schemas = schemas
        self.vocabularies = vocabularies

    @classmethod
    def load(cls, schema_dir: Path = HERE / "schema", vocab_dir: Path = HERE / "vocab") -> Model:
        specs = {k: v for path in sorted(schema_dir.glob("*.yaml")) for k, v in _read(path).items()}
        vocab_specs = {path.stem: _read(path) for path in sorted(vocab_dir.glob("*.yaml"))}
        return cls.from_specs(cast(dict[str, SchemaSpec], specs), vocab_specs)

    @classmethod
    def from_specs(cls, specs: Mapping[str, SchemaSpec], vocab_specs: Mapping[str, Any]) -> Model:
        vocabularies = {name: _vocabulary(name, spec) for name, spec in vocab_specs.items()}
        problems = check_specs(specs, vocabularies)
        if problems:
            raise InvalidModel("the schema is inconsistent:\n  " + "\n  ".join(problems))
        return cls(_compile(specs, vocabularies), vocabularies)

    def schema(self, name: str) -> Schema:
        """The schema called ``name`` (case-insensitive); InputError if there is none."""
        found = self.schemas.get(name) or next(
            (s for s in self.schemas.values() if s.name.lower() == name.lower()), None
        )
        if found is None or found.abstract:
            known = ", ".join(n for n, s in sorted(self.schemas.items()) if not s.abstract)
            raise InputError(f"there is no entity type '{name[:60]}' (types: {known})", field="type")
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "schemas": {n: s.to_dict() for n, s in self.schemas.items() if not s.abstract},
            "vocabularies": {
                n: {"label": v.label, "terms": {c: t.label for c, t in v.terms.items()}}
                for n, v in self.vocabularies.items()
            },
        }


@cache
def default_model() -> Model:
    """The model shipped with Dadkhah, loaded once per process."""
    return Model.load()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise InvalidModel(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise InvalidModel(f"{path.name}: expected a mapping at the top")
    return data


def _vocabulary(name: str, spec: Any) -> Vocabulary:
    if not isinstance(spec, dict) or not isinstance(spec.get("terms"), dict) or not spec["terms"]:
        raise InvalidModel(f"vocabulary {name}: needs a non-empty 'terms' mapping")
    terms = {}
    for code, term in spec["terms"].items():
        if not isinstance(term, dict) or "label" not in term:
            raise InvalidModel(f"vocabulary {name}: term {code} needs a label")
        problems = _check_labels(f"vocabulary {name}: term {code}", term, ("label",))
        if problems:
            raise InvalidModel(problems[0])
        extra = {k: v for k, v in term.items() if k != "description" and not k.startswith("label")}
        terms[str(code)] = Term(
            str(code),
            str(term["label"]),
            str(term.get("description", "")),
            extra,
            labels=translations(term, "label"),
        )
    return Vocabulary(name, str(spec.get("label", name)), terms)


def check_specs(specs: Mapping[str, SchemaSpec], vocabs: Mapping[str, Vocabulary]) -> list[str]:
    """Every inconsistency in the specs, as messages; empty when the model is sound."""
    problems: list[str] = []
    for name, spec in specs.items():
        if not isinstance(spec, dict):
            problems.append(f"{name}: expected a mapping")
            continue
        for key in set(spec) - _SCHEMA_KEYS:
            problems.append(f"{name}: unknown key '{key}'")
        if "label" not in spec:
            problems.append(f"{name}: needs a label")
        problems.extend(_check_labels(name, spec, ("label", "plural")))
        for parent in spec.get("extends", []):
            if parent not in specs:
                problems.append(f"{name}: extends unknown schema '{parent}'")
        for prop, pspec in (spec.get("properties") or {}).items():
            problems.extend(_check_property(name, prop, pspec, specs, vocabs))
    if problems:
        return problems
    for name, spec in specs.items():
        try:
            props = _all_properties(name, specs, ())
        except InvalidModel as error:
            problems.append(str(error))
            continue
        for key in ("caption", "featured", "required"):
            for prop in spec.get(key, []):  # type: ignore[attr-defined]
                if prop not in props:
                    problems.append(f"{name}: {key} names unknown property '{prop}'")
        if not spec.get("abstract") and not spec.get("caption"):
            problems.append(f"{name}: needs a caption")
    return problems


def _check_property(
    schema: str, prop: str, spec: Any, specs: Mapping[str, SchemaSpec], vocabs: Mapping[str, Vocabulary]
) -> list[str]:
    where = f"{schema}.{prop}"
    if not isinstance(spec, dict):
        return [f"{where}: expected a mapping"]
    problems = [f"{where}: unknown key '{key}'" for key in set(spec) - _PROPERTY_KEYS]
    if "label" not in spec:
        problems.append(f"{where}: needs a label")
    problems.extend(_check_labels(where, spec, ("label",)))
    ptype = spec.get("type")
    if ptype != "vocab" and ptype not in REGISTRY:
        problems.append(f"{where}: unknown type '{ptype}'")
    if ptype == "vocab" and spec.get("vocab") not in vocabs:
        problems.append(f"{where}: unknown vocabulary '{spec.get('vocab')}'")
    if ptype == "entity":
        ranges = spec.get("range")
        ranges = [ranges] if isinstance(ranges, str) else ranges
        if not ranges:
            problems.append(f"{where}: an entity property needs a range")
        for target in ranges or []:
            if target not in specs:
                problems.append(f"{where}: range names unknown schema '{target}'")
    elif "range" in spec:
        problems.append(f"{where}: only entity properties have a range")
    if "sensitivity" in spec:
        try:
            Sensitivity.parse(spec["sensitivity"])
        except InputError:
            problems.append(f"{where}: unknown sensitivity '{spec['sensitivity']}'")
    return problems


def _check_labels(where: str, spec: Mapping[str, Any], keys: tuple[str, ...]) -> list[str]:
    """Translated labels (``label_fa``, ...) are non-empty text, for a language the model knows."""
    problems = []
    for key in spec:
        base, _, lang = str(key).rpartition("_")
        if base in keys and lang not in TRANSLATED:
            problems.append(f"{where}: '{key}' names no known language (known: {', '.join(TRANSLATED)})")
        elif base in keys and (not isinstance(spec[key], str) or not spec[key].strip()):
            problems.append(f"{where}: '{key}' must be non-empty text")
    return problems


def _all_properties(name: str, specs: Mapping[str, SchemaSpec], seen: tuple[str, ...]) -> dict[str, str]:
    """Property name → defining schema, walking ``extends``; detects cycles and clashes."""
    if name in seen:
        raise InvalidModel(f"{name}: inheritance cycle {' -> '.join((*seen, name))}")
    found: dict[str, str] = {}
    for parent in specs[name].get("extends", []):
        for prop, owner in _all_properties(parent, specs, (*seen, name)).items():
            if found.get(prop, owner) != owner:
                raise InvalidModel(f"{name}: property '{prop}' inherited from both {found[prop]} and {owner}")
            found[prop] = owner
    for prop in specs[name].get("properties") or {}:
        if prop in found:
            raise InvalidModel(f"{name}: property '{prop}' redefines the one from {found[prop]}")
        found[prop] = name
    return found


def _ancestry(name: str, specs: Mapping[str, SchemaSpec]) -> frozenset[str]:
    result = {name}
    for parent in specs[name].get("extends", []):
        result |= _ancestry(parent, specs)
    return frozenset(result)


def _compile(specs: Mapping[str, SchemaSpec], vocabs: dict[str, Vocabulary]) -> dict[str, Schema]:
    schemas: dict[str, Schema] = {}
    for name, spec in specs.items():
        owners = _all_properties(name, specs, ())
        props = {}
        for prop, owner in owners.items():
            pspec = specs[owner]["properties"][prop]
            props[prop] = compile_property(name, prop, pspec, vocabs)
        schemas[name] = Schema(
            name=name,
            label=spec["label"],
            plural=spec.get("plural", spec["label"] + "s"),
            description=" ".join(spec.get("description", "").split()),
            abstract=bool(spec.get("abstract", False)),
            extends=tuple(spec.get("extends", [])),
            caption=tuple(spec.get("caption", [])),
            featured=tuple(spec.get("featured", [])),
            required=tuple(spec.get("required", [])),
            properties=props,
            ancestry=_ancestry(name, specs),
            labels=translations(spec, "label"),
            plurals=translations(spec, "plural"),
        )
    return schemas
