"""The export formats by name, as the command line offers them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dadkhah.exchange.csv_export import export_csv
from dadkhah.exchange.ecourt import export_ecourt
from dadkhah.exchange.ftm import export_ftm
from dadkhah.exchange.geojson import export_geojson
from dadkhah.exchange.jsonl import export_jsonl
from dadkhah.exchange.memorial import export_memorial

#: format name -> (export function, what OUT is)
EXPORTS: dict[str, tuple[Callable[..., Any], str]] = {
    "ftm": (export_ftm, "a file of FollowTheMoney JSON lines"),
    "csv": (export_csv, "a folder with one CSV file per entity type"),
    "jsonl": (export_jsonl, "a file of JSON lines with claims and provenance"),
    "geojson": (export_geojson, "a GeoJSON file of places, events and violations"),
    "ecourt": (export_ecourt, "a folder with evidence.xlsx and evidence.csv"),
    "memorial": (export_memorial, "a folder holding the static memorial site"),
}

__all__ = ["EXPORTS"]
