"""Value types. Each has ``clean()``, which returns the stored form or raises ``InvalidValue``."""

from dadkhah.model.types.common import PropertyType
from dadkhah.model.types.dates import DateType, Edtf, parse_edtf
from dadkhah.model.types.geo import CountryType, PointType
from dadkhah.model.types.names import NameType
from dadkhah.model.types.sensitivity import Sensitivity, SensitivityType
from dadkhah.model.types.simple import (
    BooleanType,
    EntityType,
    HashType,
    IdentifierType,
    IntegerType,
    LanguageType,
    MimeType,
    NumberType,
    StringType,
    TextType,
    UrlType,
)
from dadkhah.model.types.vocab import Term, VocabType, Vocabulary

#: one instance of each plain type, by name; ``vocab`` is made per property
REGISTRY: dict[str, PropertyType] = {
    t.name: t
    for t in (
        StringType(),
        TextType(),
        NameType(),
        IdentifierType(),
        DateType(),
        NumberType(),
        IntegerType(),
        BooleanType(),
        EntityType(),
        CountryType(),
        PointType(),
        LanguageType(),
        UrlType(),
        HashType(),
        MimeType(),
        SensitivityType(),
    )
}

__all__ = [
    "REGISTRY",
    "BooleanType",
    "CountryType",
    "DateType",
    "Edtf",
    "EntityType",
    "HashType",
    "IdentifierType",
    "IntegerType",
    "LanguageType",
    "MimeType",
    "NameType",
    "NumberType",
    "PointType",
    "PropertyType",
    "Sensitivity",
    "SensitivityType",
    "StringType",
    "Term",
    "TextType",
    "UrlType",
    "VocabType",
    "Vocabulary",
    "parse_edtf",
]
