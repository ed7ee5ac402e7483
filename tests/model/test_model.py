"""The model loads from YAML and refuses an inconsistent schema with a message naming the fault."""

import copy
from typing import Any

import pytest

from dadkhah.errors import InputError, InvalidModel
from dadkhah.model import Model, default_model
from dadkhah.model.model import HERE, _read

ENTITY_TYPES = [
    "Allegation",
    "CanonicalVictim",  # the linkage service's
    "Event",
    "EvidenceItem",
    "Involvement",
    "Match",  # the linkage service's
    "Organization",
    "Person",
    "Place",
    "Position",
    "Presence",
    "Source",
    "Testimony",
    "Violation",
]


def test_the_shipped_model_has_every_entity_type() -> None:
    model = default_model()
    assert sorted(n for n, s in model.schemas.items() if not s.abstract) == ENTITY_TYPES


def test_inherited_properties_and_ranges() -> None:
    model = default_model()
    person = model.schema("person")  # case-insensitive lookup
    assert "note" in person.properties  # from Thing
    assert person.get("name").multiple
    assert model.schema("Involvement").get("actor").range == ("Person", "Organization")
    assert model.schema("Violation").get("act").clean("Enforced disappearance") == "enforced_disappearance"


def test_vocabularies_hold_the_acts_and_roles_the_issue_names() -> None:
    model = default_model()
    acts = set(model.vocabularies["acts"].terms)
    assert {
        "execution",
        "enforced_disappearance",
        "arbitrary_detention",
        "torture",
        "sexual_violence",
    } <= acts
    roles = set(model.vocabularies["involvement_roles"].terms)
    assert {"ordered", "carried_out", "participated", "aided", "commanded"} <= roles


def test_unknown_type_is_an_input_error_naming_the_field() -> None:
    with pytest.raises(InputError) as error:
        default_model().schema("Victim")
    assert error.value.problem.field == "type"
    with pytest.raises(InputError):
        default_model().schema("Thing")  # abstract types cannot be created


def _specs() -> tuple[dict[str, Any], dict[str, Any]]:
    specs = {k: v for p in sorted((HERE / "schema").glob("*.yaml")) for k, v in _read(p).items()}
    vocabs = {p.stem: _read(p) for p in sorted((HERE / "vocab").glob("*.yaml"))}
    return copy.deepcopy(specs), vocabs


BREAKAGES = [
    (
        "unknown type",
        lambda s: s["Person"]["properties"]["name"].update(type="colour"),
        "unknown type 'colour'",
    ),
    (
        "range to nowhere",
        lambda s: s["Violation"]["properties"]["victim"].update(range="Victim"),
        "unknown schema 'Victim'",
    ),
    ("entity without range", lambda s: s["Violation"]["properties"]["victim"].pop("range"), "needs a range"),
    (
        "range on a string",
        lambda s: s["Person"]["properties"]["occupation"].update(range="Person"),
        "only entity properties",
    ),
    (
        "unknown vocabulary",
        lambda s: s["Violation"]["properties"]["act"].update(vocab="crimes"),
        "unknown vocabulary 'crimes'",
    ),
    (
        "required not a property",
        lambda s: s["Person"].update(required=["surname"]),
        "required names unknown property 'surname'",
    ),
    (
        "caption not a property",
        lambda s: s["Place"].update(caption=["label"]),
        "caption names unknown property",
    ),
    ("no caption", lambda s: s["Place"].pop("caption"), "Place: needs a caption"),
    ("extends nothing", lambda s: s["Person"].update(extends=["Agent"]), "extends unknown schema 'Agent'"),
    ("cycle", lambda s: s["Thing"].update(extends=["Person"]), "inheritance cycle"),
    (
        "redefinition",
        lambda s: s["Person"]["properties"].update(note={"label": "N", "type": "text"}),
        "redefines the one from Thing",
    ),
    (
        "bad sensitivity",
        lambda s: s["Person"]["properties"]["contact"].update(sensitivity="secret"),
        "unknown sensitivity 'secret'",
    ),
    (
        "typo in a key",
        lambda s: s["Person"]["properties"]["name"].update(mutliple=True),
        "unknown key 'mutliple'",
    ),
    ("no label", lambda s: s["Event"].pop("label"), "Event: needs a label"),
    (
        "label in an unknown language",
        lambda s: s["Person"]["properties"]["name"].update(label_de="Name"),
        "'label_de' names no known language",
    ),
    (
        "empty Persian label",
        lambda s: s["Person"]["properties"]["name"].update(label_fa=" "),
        "Person.name: 'label_fa' must be non-empty text",
    ),
    (
        "Persian plural not text",
        lambda s: s["Event"].update(plural_fa=["x"]),
        "'plural_fa' must be non-empty",
    ),
]


@pytest.mark.parametrize(("description", "breaks", "message"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_inconsistent_schema_is_refused_with_a_clear_message(
    description: str, breaks: Any, message: str
) -> None:
    specs, vocabs = _specs()
    breaks(specs)
    with pytest.raises(InvalidModel, match=message):
        Model.from_specs(specs, vocabs)


def test_the_unbroken_specs_load() -> None:
    specs, vocabs = _specs()
    assert Model.from_specs(specs, vocabs).schema("Person").name == "Person"


def test_a_vocabulary_without_terms_is_refused() -> None:
    specs, vocabs = _specs()
    vocabs["acts"] = {"label": "Acts", "terms": {}}
    with pytest.raises(InvalidModel, match="vocabulary acts"):
        Model.from_specs(specs, vocabs)


def test_labels_have_persian_translations_and_fall_back_to_english() -> None:
    model = default_model()
    person = model.schema("Person")
    assert (person.label_in("fa"), person.plural_in("fa")) == ("شخص", "افراد")
    assert person.get("birthDate").label_in("fa") == "تاریخ تولد"
    assert person.get("birthDate").label_in("en") == "Birth date"
    assert model.schema("EvidenceItem").get("sha256").label_in("fa") == "SHA-256"  # untranslated: English
    genders = model.vocabularies["genders"]
    female = genders.terms["female"]
    assert (female.label_in("fa"), female.label_in("en")) == ("زن", "Female")
    assert genders.clean("زن") == "female"  # a Persian label is accepted like the English one
    assert person.get("name").to_dict()["label_fa"] == "نام"
    # every property and vocabulary term but the two hash names has its Persian label
    untranslated = [
        f"{s.name}.{p.name}" for s in model.schemas.values() for p in s.properties.values() if not p.labels
    ]
    assert sorted(set(untranslated)) == ["EvidenceItem.sha256", "EvidenceItem.sha512"]
    assert all(t.labels.get("fa") for v in model.vocabularies.values() for t in v.terms.values())


def test_a_vocabulary_term_with_a_label_in_an_unknown_language_is_refused() -> None:
    specs, vocabs = _specs()
    vocabs = copy.deepcopy(vocabs)
    vocabs["genders"]["terms"]["male"]["label_xx"] = "M"
    with pytest.raises(InvalidModel, match="vocabulary genders: term male: 'label_xx'"):
        Model.from_specs(specs, vocabs)
    vocabs["genders"]["terms"]["male"] = {"label": "Male", "label_fa": ""}
    with pytest.raises(InvalidModel, match="'label_fa' must be non-empty text"):
        Model.from_specs(specs, vocabs)
