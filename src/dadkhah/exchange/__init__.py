"""Imports and exports: victim lists in; FtM, CSV, JSON lines, GeoJSON, e-Court metadata and the
memorial site out. Every export reads the case through one redaction (:func:`read_snapshot`).

- :func:`import_rows` — victim-list rows to entities (``exchange.victims``);
- :func:`export_ftm`, :func:`export_csv`, :func:`export_jsonl`, :func:`export_geojson`,
  :func:`export_ecourt`, :func:`export_memorial` — one per format, each ``(case, out, reader)``;
- :func:`import_jsonl` — a ``jsonl`` export into another case, with no loss;
- :func:`number_exhibits` — evidence items as exhibits with ICC-style evidence reference numbers.

The exports are imported on first use, so that importing this package stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

from dadkhah.exchange.victims import FIELDS, ImportResult, ListSpec, PlaceResolver, import_rows

_LAZY = {
    "EXPORTS": "formats",
    "ExportSummary": "output",
    "EntityRecord": "snapshot",
    "Snapshot": "snapshot",
    "read_snapshot": "snapshot",
    "Exhibit": "exhibits",
    "DEFAULT_PREFIX": "exhibits",
    "check_prefix": "exhibits",
    "number_exhibits": "exhibits",
    "vault_items": "exhibits",
    "format_date": "i18n",
    "export_csv": "csv_export",
    "export_ecourt": "ecourt",
    "export_ftm": "ftm",
    "export_geojson": "geojson",
    "export_jsonl": "jsonl",
    "import_jsonl": "jsonl",
    "export_memorial": "memorial",
}

__all__ = ["FIELDS", "ImportResult", "ListSpec", "PlaceResolver", "import_rows", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dadkhah.exchange' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dadkhah.exchange.{module}"), name)
