"""Probabilistic record linkage of victim lists (Fellegi–Sunter with splink, EM-trained).

Standalone use (no case)::

    records = load_records(["a.csv", "b.xlsx"], id_column="id", mapping={"name": "Full name"})
    result = link_records(records, LinkSpec(threshold=0.9), engine="duckdb")
    result.clusters   # source, record_id, cluster_id
    result.pairs      # source_l, record_id_l, source_r, record_id_r, match_probability, ...

In a case::

    report = link_case(case, author="amir", reader=case.reader("amir"))  # scores, stores, clusters
    queue = review_queue(case, reader)          # pairs waiting for a reviewer
    decide(case, queue[0].match_id, "same", reason="same father and prison", author="amir")
    victims = canonical_victims(case, reader)   # one per person, with the lists that name them

Names are resolved lazily: reading a list file (``read_table``) or writing safe CSV does not
import pandas or splink. See ``docs/linkage.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dadkhah.linkage.case_link import CaseLinkReport, link_case
    from dadkhah.linkage.case_records import CaseRecord, ListRecords, list_records
    from dadkhah.linkage.cluster import Accuracy, capture_histories, cluster_pairs, pairwise_accuracy
    from dadkhah.linkage.csvsafe import FORMULA_PREFIXES, safe_cell, write_csv
    from dadkhah.linkage.dates import Calendar, PartialDate, parse_partial_date
    from dadkhah.linkage.engine import ENGINES, Engine, local_spark_session
    from dadkhah.linkage.files import MAX_CELL_CHARS, Table, cell_problems, read_table
    from dadkhah.linkage.link import Decision, LinkResult, RecordKey, link_records
    from dadkhah.linkage.prepare import place_key
    from dadkhah.linkage.records import load_records, table_records
    from dadkhah.linkage.review import VERDICTS, ReviewPair, decide, recluster_case, review_queue
    from dadkhah.linkage.spec import FIELDS, LinkSpec, parse_mapping
    from dadkhah.linkage.victims import CanonicalVictim, canonical_victims

_WHERE = {
    "CaseLinkReport": "case_link",
    "link_case": "case_link",
    "CaseRecord": "case_records",
    "ListRecords": "case_records",
    "list_records": "case_records",
    "Accuracy": "cluster",
    "capture_histories": "cluster",
    "cluster_pairs": "cluster",
    "pairwise_accuracy": "cluster",
    "FORMULA_PREFIXES": "csvsafe",
    "safe_cell": "csvsafe",
    "write_csv": "csvsafe",
    "Calendar": "dates",
    "PartialDate": "dates",
    "parse_partial_date": "dates",
    "ENGINES": "engine",
    "Engine": "engine",
    "local_spark_session": "engine",
    "MAX_CELL_CHARS": "files",
    "Table": "files",
    "cell_problems": "files",
    "read_table": "files",
    "Decision": "link",
    "LinkResult": "link",
    "RecordKey": "link",
    "link_records": "link",
    "place_key": "prepare",
    "load_records": "records",
    "table_records": "records",
    "VERDICTS": "review",
    "ReviewPair": "review",
    "decide": "review",
    "recluster_case": "review",
    "review_queue": "review",
    "FIELDS": "spec",
    "LinkSpec": "spec",
    "parse_mapping": "spec",
    "CanonicalVictim": "victims",
    "canonical_victims": "victims",
}

__all__ = [
    "Accuracy",
    "Calendar",
    "CanonicalVictim",
    "CaseLinkReport",
    "CaseRecord",
    "Decision",
    "ENGINES",
    "Engine",
    "FIELDS",
    "FORMULA_PREFIXES",
    "LinkResult",
    "LinkSpec",
    "ListRecords",
    "MAX_CELL_CHARS",
    "PartialDate",
    "RecordKey",
    "ReviewPair",
    "Table",
    "VERDICTS",
    "canonical_victims",
    "capture_histories",
    "cell_problems",
    "cluster_pairs",
    "decide",
    "link_case",
    "link_records",
    "list_records",
    "load_records",
    "local_spark_session",
    "pairwise_accuracy",
    "parse_mapping",
    "parse_partial_date",
    "place_key",
    "read_table",
    "recluster_case",
    "review_queue",
    "safe_cell",
    "table_records",
    "write_csv",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'dadkhah.linkage' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"dadkhah.linkage.{module}"), name)
    globals()[name] = value
    return value
