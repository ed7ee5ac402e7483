"""The domain model: entity types declared as YAML data, value types with ``clean()``."""

from dadkhah.model.model import Model, default_model
from dadkhah.model.schema import Property, Schema
from dadkhah.model.types import REGISTRY, Edtf, PropertyType, Sensitivity, Vocabulary, parse_edtf

__all__ = [
    "REGISTRY",
    "Edtf",
    "Model",
    "Property",
    "PropertyType",
    "Schema",
    "Sensitivity",
    "Vocabulary",
    "default_model",
    "parse_edtf",
]
