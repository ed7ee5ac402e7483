"""Turn list records into comparison columns: name keys, date intervals, folded places.

Normalisation happens here, in Python, once per record; splink then compares the prepared
columns in SQL on DuckDB or Spark. Column prefixes: ``n_`` name, ``f_`` father's name,
``birth_`` and ``death_`` partial dates, ``x_`` other fields.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial as partial_fn
from typing import Any

import pandas as pd

from dadkhah.linkage.dates import Calendar, PartialDate, parse_partial_date
from dadkhah.linkage.order import infer_order, readings
from dadkhah.linkage.spec import FIELDS, FieldKind
from dadkhah.names import NormalizedName, Part, fold_text, normalize_name, token_key

DATE_GROUPS = {
    "birth": ("birth_date", "birth_year"),
    "death": ("death_date", "death_year"),
    "arrest": ("arrest_date", "arrest_year"),
}
_ALNUM = re.compile(r"[^0-9a-z]")
_DOUBLED = re.compile(r"(.)\1+")  # keys collapse doubled letters within a word; joins must too


@dataclass(frozen=True)
class Prepared:
    """The comparison table and what it holds."""

    frame: pd.DataFrame
    has_names: bool
    has_father: bool
    dates: tuple[str, ...]  # "birth", "death"
    others: dict[str, FieldKind]  # x_<field> → kind
    unparsed_dates: int
    partial_dates: frozenset[str] = frozenset()  # date groups with some value coarser than a day


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip()


def _text(value: object) -> str | None:
    return None if _blank(value) else str(value)


def _name(text: str, part: Part) -> NormalizedName:
    return normalize_name(text, part)  # cached there


def _name_columns(given: str | None, surname: str | None, full: str | None) -> dict[str, object]:
    father: str | None = None
    if given is not None or surname is not None:
        g = _name(given, "given") if given else None
        s = _name(surname, "surname") if surname else None
        given_keys = g.keys if g else ()
        surname_keys = s.keys if s else ()
        given_text = g.latin if g else None
        surname_text = s.latin if s else None
        stem = s.surname_stem if s else ""
    elif full is not None:
        n = _name(full, "full")
        given_keys, surname_keys = n.given_keys, n.surname_keys
        latin = n.latin.split()
        given_text = " ".join(latin[: len(given_keys)]) or None
        surname_text = " ".join(latin[len(given_keys) :]) or None
        stem = n.surname_stem
        father = n.father
    else:
        given_keys, surname_keys, given_text, surname_text, stem = (), (), None, None, ""
    keys = given_keys + surname_keys
    return {
        "n_concat": _DOUBLED.sub(r"\1", "".join(keys)) or None,  # split or joined differently
        "n_given": " ".join(given_keys) or None,
        "n_given1": given_keys[0] if given_keys else None,
        "n_surname": " ".join(surname_keys) or None,
        "n_full": " ".join(keys) or None,
        "n_sorted": " ".join(sorted(keys)) or None,
        "n_stem": stem or None,
        "n_given_tokens": list(dict.fromkeys(given_keys)) or None,
        "n_given_text": given_text or None,
        "n_surname_text": surname_text or None,
        "father_from_name": father,
    }


def _joined_name_columns(joined: str) -> dict[str, object]:
    given, surname, full = (part or None for part in joined.split("\x1f"))
    return _name_columns(given, surname, full)


def _father_columns(text: str | None) -> dict[str, object]:
    if text is None:
        return {"f_key": None, "f_key1": None}
    n = _name(text, "given")
    return {"f_key": " ".join(n.keys) or None, "f_key1": n.keys[0] if n.keys else None}


def _date_columns(prefix: str, value: object, *, calendar: Calendar) -> dict[str, object]:
    """Columns of one partial date; ``unparsed`` says a value was present but not understood."""
    text = _text(value)
    parsed: PartialDate | None = parse_partial_date(text, calendar) if text else None
    digits = re.sub(r"\D", "", fold_text(text)) if text else ""
    if parsed is None:
        # An impossible but complete date (19561332) still shows typos against a good one.
        code = digits if len(digits) == 8 else None
        return {f"{prefix}_lo": None, f"{prefix}_hi": None, f"{prefix}_day": code,
                f"{prefix}_year": None, "unparsed": text is not None}  # fmt: skip
    day = parsed.code if parsed.precision_days == 1 else None
    year = parsed.year if parsed.precision_days <= 366 else None
    return {f"{prefix}_lo": parsed.lo, f"{prefix}_hi": parsed.hi, f"{prefix}_day": day,
            f"{prefix}_year": year, "unparsed": False}  # fmt: skip


# Words that say what kind of place it is, not which: "Evin Prison" is "اوین".
PLACE_WORDS = frozenset(
    fold_text(w)
    for w in ("prison", "jail", "zendan", "زندان", "ندامتگاه", "central", "markazi", "مرکزی",
              "city", "shahr", "شهر", "province", "ostan", "استان")
)  # fmt: skip


def place_key(text: str) -> str | None:
    """Cross-script key of a place name, its words run together (Ghezel Hesar, قزل‌حصار) and
    generic words (prison, city) left out."""
    words = [w for w in re.findall(r"[\w']+", fold_text(text)) if w not in PLACE_WORDS]
    key = ""
    for i, word in enumerate(words):
        part = token_key(word, initial=i == 0)
        key += part[1:] if key and part and key[-1] == part[0] else part
    return key or None


def _other(kind: FieldKind, value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    folded = fold_text(text)
    if kind in ("identifier", "code"):
        return _ALNUM.sub("", folded) or None
    if kind in ("place", "shared"):
        return place_key(folded)
    return folded or None


def _column(records: pd.DataFrame, name: str) -> pd.Series:
    if name not in records.columns:
        return pd.Series([None] * len(records), index=records.index, dtype=object)
    return records[name].map(_text)


# Above this many distinct values, the work is spread over forked worker processes (Linux).
# The workers only run the pure-Python name code; they never touch a database connection
# the parent may hold. (forkserver or spawn would re-import the caller's main script.)
PARALLEL_FROM = 50_000


def _apply_all(fn: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    return [fn(v) for v in values]


def map_values(fn: Callable[[Any], Any], todo: list[Any]) -> list[Any]:
    """``[fn(v) for v in todo]``, spread over forked processes when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_FROM and workers > 1 and sys.platform == "linux":
        size = -(-len(todo) // (workers * 4))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [row for part in pool.map(partial_fn(_apply_all, fn), chunks) for row in part]
    return _apply_all(fn, todo)


def _per_value(values: pd.Series, fn: Callable[[Any], dict[str, object]]) -> pd.DataFrame:
    """Apply ``fn`` once per distinct value (lists repeat names, places and dates a lot)."""
    codes, uniques = pd.factorize(values.fillna("\x00"), sort=False)
    todo = [None if u == "\x00" else u for u in uniques]
    return pd.DataFrame(map_values(fn, todo)).iloc[codes].reset_index(drop=True)


def _full_names_in_order(given: pd.Series, surname: pd.Series, full: pd.Series) -> pd.Series:
    """Full names (where no given name or surname column says the order) with the surname
    put first where the names of all the lists say so (:func:`infer_order`)."""
    alone = full.notna() & given.isna() & surname.isna()
    if not alone.any():
        return full
    ordered = infer_order(full[alone].tolist(), partial_fn(map_values, readings))
    out = full.copy()
    out[alone] = ordered
    return out


def _other_column(column: str, kind: FieldKind, value: object) -> dict[str, object]:
    return {column: _other(kind, value)}


def prepare(records: pd.DataFrame, calendar: Calendar = "auto") -> Prepared:
    """Compute comparison columns for ``records`` (columns ``source``, ``record_id`` and fields)."""
    records = records.reset_index(drop=True)
    present = [f for f in FIELDS if f in records.columns]
    has_names = any(f in present for f in ("name", "given_name", "surname"))
    parts: list[pd.DataFrame] = [records[["source", "record_id"]]]
    father = _column(records, "father_name")
    if has_names:
        given, surname, full = (_column(records, f) for f in ("given_name", "surname", "name"))
        full = _full_names_in_order(given, surname, full)
        joined = given.fillna("") + "\x1f" + surname.fillna("") + "\x1f" + full.fillna("")
        names = _per_value(joined, _joined_name_columns)
        father = father.fillna(names.pop("father_from_name"))
        parts.append(names)
    has_father = bool(father.notna().any())
    if has_father:
        parts.append(_per_value(father, _father_columns))
    dates = tuple(g for g, fields in DATE_GROUPS.items() if any(f in present for f in fields))
    unparsed = 0
    partial: set[str] = set()
    for group in dates:
        date_field, year_field = DATE_GROUPS[group]
        value = _column(records, date_field).fillna(_column(records, year_field))
        table = _per_value(value, partial_fn(_date_columns, group, calendar=calendar))
        unparsed += int(table.pop("unparsed").sum())
        if ((table[f"{group}_hi"] - table[f"{group}_lo"]).fillna(0) > 0).any():
            partial.add(group)
        for suffix in ("lo", "hi", "year"):
            table[f"{group}_{suffix}"] = table[f"{group}_{suffix}"].astype("Int64")
        parts.append(table)
    others = {
        f"x_{f}": FIELDS[f]
        for f in present
        if FIELDS[f] not in ("name", "given", "surname", "father", "date", "year")
    }
    for column, kind in others.items():
        values = _column(records, column[2:])
        parts.append(_per_value(values, partial_fn(_other_column, column, kind)))
    frame = pd.concat(parts, axis=1)
    return Prepared(frame, has_names, has_father, dates, others, unparsed, frozenset(partial))
