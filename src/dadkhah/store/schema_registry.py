"""Import every module that declares tables, so ``metadata`` is complete for Alembic autogenerate."""

import importlib

TABLE_MODULES = (
    "dadkhah.store.tables",
    "dadkhah.law.tables",
    "dadkhah.access.tables",
    "dadkhah.testimony.tables",
    "dadkhah.log.tables",
    "dadkhah.log.subjects",
    "dadkhah.vault.tables",
    "dadkhah.dossier.tables",
    "dadkhah.web.tables",
    "dadkhah.linkage.tables",
)

for _name in TABLE_MODULES:
    importlib.import_module(_name)
