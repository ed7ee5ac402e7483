"""Persistence of entities, claims, search and blobs (SQLite by default, PostgreSQL for teams)."""

from dadkhah.store.blobs import BlobInfo, BlobStore, LocalBlobStore
from dadkhah.store.reading import (
    EntityView,
    PropertyView,
    ValueView,
    captions,
    entity_claims,
    is_current,
    load_claim,
)
from dadkhah.store.records import Claim, Locator, Retraction, Status, resolve
from dadkhah.store.search import SearchHit
from dadkhah.store.summary import Summary
from dadkhah.store.tables import metadata
from dadkhah.store.writer import NewClaim, Protector, Writer, new_id

__all__ = [
    "BlobInfo",
    "BlobStore",
    "Claim",
    "EntityView",
    "LocalBlobStore",
    "Locator",
    "NewClaim",
    "PropertyView",
    "Protector",
    "Retraction",
    "SearchHit",
    "Status",
    "Summary",
    "ValueView",
    "Writer",
    "captions",
    "entity_claims",
    "is_current",
    "load_claim",
    "metadata",
    "new_id",
    "resolve",
]
