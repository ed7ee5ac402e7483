"""Scoring the demonstration case against the ground truth beside it (never inside it).

The generator writes, beside a case at PATH, ``PATH.truth/list_rows.csv``: for every data row of
every list, the true victim; and ``PATH.truth/summary.json`` with the true total. A list record is
found there by its list and its row (the row its claims cite); a list is recognised by its title.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dadkhah.case import Case
from dadkhah.demo.lists import FORMATS
from dadkhah.errors import CaseError
from dadkhah.linkage import Accuracy, canonical_victims, list_records, pairwise_accuracy


def true_total(truth_dir: Path) -> int:
    """How many victims the demonstration invented, listed or not."""
    return int(json.loads((truth_dir / "summary.json").read_text(encoding="utf-8"))["true_total"])


def truth_of_records(case: Case, truth_dir: Path) -> dict[str, str]:
    """Person id of each list record → the id of the true victim it describes."""
    with (truth_dir / "list_rows.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r["list_id"], int(r["row"])): r["victim_id"] for r in csv.DictReader(f)}
    records = list_records(case)
    key_of: dict[str, str] = {}
    for list_id, title in records.lists.items():
        found = [f"list:{k}" for k, fmt in FORMATS.items() if title.endswith(fmt.title)]
        if not found:
            raise CaseError(f"the list '{title}' is not one of the demonstration's")
        key_of[list_id] = found[0]
    out = {}
    for person, record in records.records.items():
        if record.locator is None or record.locator.row is None:
            raise CaseError(f"list record {person} cites no row of its list")
        out[person] = rows[(key_of[record.list_id], record.locator.row)]
    return out


def linkage_accuracy(case: Case, truth_dir: Path) -> Accuracy:
    """Pairwise precision, recall and F1 of the case's canonical victims against the truth."""
    truth = truth_of_records(case, truth_dir)
    predicted = {r.person_id: v.id for v in canonical_victims(case) for r in v.records}
    people = sorted(truth)
    return pairwise_accuracy([predicted[p] for p in people], [truth[p] for p in people])
