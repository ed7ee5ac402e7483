"""A case: one folder with ``dadkhah.toml``, the database (or a pointer to PostgreSQL), ``blobs/``, ``keys/``.

``Case`` composes the core: the model, the store's engine, the blob store, the settings. Services
take a ``Case``; they write through :meth:`Case.writer` so that their rows, claims and custody-log
leaves commit together or not at all.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from dadkhah.access import Reader
from dadkhah.access import redaction as _redaction
from dadkhah.errors import CaseError, LockedError
from dadkhah.log.case_log import CaseLog, passphrase_from_env
from dadkhah.model import Model, Sensitivity, default_model
from dadkhah.settings import FILENAME, Settings
from dadkhah.store import engine as engines
from dadkhah.store.blobs import LocalBlobStore
from dadkhah.store.reading import EntityView, entity_view, redaction
from dadkhah.store.search import SearchHit, search
from dadkhah.store.summary import Summary, summarize
from dadkhah.store.writer import Protector, Writer, new_id


class Case:
    """An open case."""

    def __init__(self, path: Path, settings: Settings, engine: Engine, model: Model) -> None:
        self.path = path
        self.settings = settings
        self.engine = engine
        self.model = model
        self.blobs = LocalBlobStore(path / settings.get("blobs", "path"))
        self.keys_path = path / settings.get("keys", "path")
        #: the custody log: signing key, appends in a writer's transaction, checkpoints
        self.custody = CaseLog(engine, self.keys_path, str(settings.get("case", "id")))
        #: set by the access layer once the case key is unlocked
        self.protector: Protector | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    @classmethod
    def init(
        cls,
        path: Path,
        *,
        name: str | None = None,
        owner: str | None = None,
        database_url: str | None = None,
        database_schema: str | None = None,
    ) -> Case:
        """Create a new, empty case in ``path`` (which must not already hold one)."""
        path = path.resolve()
        if (path / FILENAME).exists():
            raise CaseError(f"{path} already holds a case")
        if path.exists() and not path.is_dir():
            raise CaseError(f"{path} is a file, not a folder")
        path.mkdir(parents=True, exist_ok=True)
        case_id = new_id()
        values: dict[str, dict[str, object]] = {
            "case": {
                "id": case_id,
                "name": name or path.name,
                "owner": owner or _os_user(),
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        }
        if database_url:
            values["database"] = {"url": database_url, "schema": database_schema or ""}
        settings = Settings(values)
        for folder in (settings.get("blobs", "path"), settings.get("keys", "path")):
            (path / folder).mkdir(exist_ok=True)
        (path / settings.get("keys", "path")).chmod(0o700)
        case = cls._connect(path, settings)
        # The log's signing key, encrypted with DADKHAH_LOG_PASSPHRASE or else DADKHAH_PASSPHRASE.
        case.custody.create_key(passphrase_from_env())
        settings.write(path)
        return case

    @classmethod
    def open(cls, path: Path) -> Case:
        path = path.resolve()
        return cls._connect(path, Settings.read(path))

    @classmethod
    def _connect(cls, path: Path, settings: Settings) -> Case:
        engine = engines.make_engine(
            settings.get("database", "url"), base=path, schema=settings.get("database", "schema") or None
        )
        engines.migrate(engine)
        return cls(path, settings, engine, default_model())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- identity -----------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return str(self.settings.get("case", "id"))

    @property
    def name(self) -> str:
        return str(self.settings.get("case", "name"))

    @property
    def owner(self) -> str:
        return str(self.settings.get("case", "owner"))

    def reader(self, name: str | None = None, *, view_as: str | None = None) -> Reader:
        """The reader for user ``name`` (default: the owner), or what they would see ``view_as`` a
        role (admin, investigator, analyst, viewer) or a recipient profile (e.g. ``public``)."""
        from dadkhah.access.users import resolve_reader

        with self.reading() as conn:
            return resolve_reader(
                conn, owner=self.owner, user=name, view_as=view_as, unlocked=self.protector is not None
            )

    # -- the case key ---------------------------------------------------------------------------

    def unlock(self, passphrase: str | None = None, *, key_file: Path | None = None) -> None:
        """Open the case key with a passphrase or a key file, so protected values can be read and written.

        With neither, the environment is used (``DADKHAH_KEY_FILE``, ``DADKHAH_PASSPHRASE``); a wrong
        credential raises ``LockedError``.
        """
        from dadkhah.access.keys import KeyFile, Passphrase, unlock
        from dadkhah.access.unlocking import credential_from_env

        if key_file is not None:
            credential: KeyFile | Passphrase | None = KeyFile(key_file)
        elif passphrase is not None:
            credential = Passphrase(passphrase)
        else:
            credential = credential_from_env(self.keys_path)
        if credential is None:
            raise LockedError("no passphrase or key file given to unlock the case")
        self.protector = unlock(self.keys_path, self.id, credential)

    def lock(self) -> None:
        """Forget the case key in this process."""
        self.protector = None

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def writer(self, author: str | None = None) -> Iterator[Writer]:
        """A writer in one transaction: everything written inside commits together or not at all."""
        level = Sensitivity.parse(self.settings.get("case", "default_sensitivity"))
        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                yield Writer(
                    conn,
                    self.model,
                    author or self.owner,
                    default_sensitivity=level,
                    protector=self.protector,
                )

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for a consistent read."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # -- reading ------------------------------------------------------------------------------

    @contextmanager
    def redacted(self, reader: Reader | None = None) -> Iterator[tuple[Connection, _redaction.Redaction]]:
        """A consistent read filtered for ``reader``; protected values it decrypted are then audited.

        Every output of the case goes through one of these (see ``dadkhah.access.redaction``).
        """
        reader = reader or self.reader()
        with self.reading() as conn:
            red = redaction(conn, reader, self.protector)
            yield conn, red
        self.audit_reveals(red)

    def audit_reveals(self, red: _redaction.Redaction, action: str = "reveal") -> None:
        """Record in the access audit which protected values a redaction decrypted (ids, never values)."""
        entity_ids, claim_ids, segment_ids = red.revealed()
        if not (claim_ids or segment_ids):
            return
        from dadkhah.access import audit

        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                audit.record(
                    conn,
                    actor=red.reader.actor,
                    reader=red.reader.name,
                    action=action,
                    entity_ids=entity_ids,
                    claim_ids=claim_ids,
                    segment_ids=segment_ids,
                )

    def view(self, entity_id: str, reader: Reader | None = None, *, history: bool = False) -> EntityView:
        with self.redacted(reader) as (conn, red):
            return entity_view(conn, self.model, entity_id, red.reader, history=history, redact=red)

    def search(
        self, query: str, reader: Reader | None = None, *, schema: str | None = None, limit: int = 20
    ) -> list[SearchHit]:
        if schema:
            schema = self.model.schema(schema).name
        with self.redacted(reader) as (conn, red):
            return search(conn, query, red.reader, schema=schema, limit=limit, redact=red)

    def summary(self, reader: Reader | None = None) -> Summary:
        with self.redacted(reader) as (conn, red):
            return summarize(conn, self.model, red.reader, redact=red)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "owner"
