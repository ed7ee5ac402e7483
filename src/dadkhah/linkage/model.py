"""The splink model: comparisons, blocking rules and training, built from the prepared columns.

Comparisons (each only when its columns exist):

* **given_name**, **surname** — on cross-script keys: same key; (given) swapped with the
  surname, counted once, in the given-name comparison;
  key one edit apart; first given name equal (Mohammad Reza / Mohammad) or same surname stem
  (Hosseini / Hosseinzadeh); close romanised spelling; (given) a word shared. Equality levels
  are term-frequency adjusted: agreeing on Mohammad proves less than agreeing on a rare name.
* **father** — exact key (TF), first word, close.
* **birth**, **death** — partial dates by precision: same day; one typo; compatible within a
  month; compatible within a year (1367 SH against 1988-08-03); overlapping; within a year;
  within five years (birth only).
* places and prisons — exact with term-frequency adjustment (a prison shared by hundreds of
  victims is weak evidence), close spelling for places; identifiers and codes with up to one
  or two edits; categories exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from dadkhah.linkage.prepare import Prepared
from dadkhah.linkage.spec import LinkSpec


def _custom(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label_for_charts=label)


_SWAPPED = "n_given_l = n_surname_r AND n_surname_l = n_given_r"


def _given_comparison() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="given_name",
        comparison_description="Given names by cross-script key",
        comparison_levels=[
            cll.NullLevel("n_given"),
            cll.ExactMatchLevel("n_given").configure(
                tf_adjustment_column="n_given", label_for_charts="same key"
            ),
            _custom(_SWAPPED, "swapped with surname").configure(u_probability=1e-5),
            cll.LevenshteinLevel("n_given", 1).configure(label_for_charts="key one edit apart"),
            _custom("n_given1_l = n_given1_r", "first given name equal").configure(
                tf_adjustment_column="n_given1"
            ),
            cll.JaroWinklerLevel("n_given_text", 0.88).configure(label_for_charts="close spelling"),
            cll.ArrayIntersectLevel("n_given_tokens", 1).configure(label_for_charts="a word shared"),
            cll.ElseLevel(),
        ],
    )


def _surname_comparison() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_description="Surname by cross-script key",
        comparison_levels=[
            cll.NullLevel("n_surname"),
            cll.ExactMatchLevel("n_surname").configure(
                tf_adjustment_column="n_surname", label_for_charts="same key"
            ),
            _custom("n_concat_l = n_concat_r", "same name split differently (Hasan Tabar, Hasantabar)"),
            cll.LevenshteinLevel("n_surname", 1).configure(label_for_charts="key one edit apart"),
            _custom("n_stem_l = n_stem_r", "same stem (Hosseini, Hosseinzadeh)").configure(
                tf_adjustment_column="n_stem"
            ),
            cll.JaroWinklerLevel("n_surname_text", 0.88).configure(label_for_charts="close spelling"),
            cll.ElseLevel(),
        ],
    )


def _father_comparison() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="father",
        comparison_description="Father's name keys",
        comparison_levels=[
            cll.NullLevel("f_key"),
            cll.ExactMatchLevel("f_key").configure(tf_adjustment_column="f_key"),
            cll.LevenshteinLevel("f_key", 1).configure(label_for_charts="key one edit apart"),
            _custom("f_key1_l = f_key1_r", "first word equal"),
            cll.JaroWinklerLevel("f_key", 0.88),
            cll.ElseLevel(),
        ],
    )


def _date_comparison(prefix: str, wide: bool, partial: bool) -> ComparisonCreator:
    lo_l, lo_r, hi_l, hi_r = (f"{prefix}_{s}" for s in ("lo_l", "lo_r", "hi_l", "hi_r"))
    overlap = f"{lo_l} <= {hi_r} AND {lo_r} <= {hi_l}"
    width = f"greatest({hi_l} - {lo_l}, {hi_r} - {lo_r})"
    gap = f"greatest({lo_l}, {lo_r}) - least({hi_l}, {hi_r})"
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        _custom(
            f"({lo_l} IS NULL AND {prefix}_day_l IS NULL) OR ({lo_r} IS NULL AND {prefix}_day_r IS NULL)",
            "null",
        ).configure(is_null_level=True),
        cll.ExactMatchLevel(f"{prefix}_day").configure(
            tf_adjustment_column=f"{prefix}_day", label_for_charts="same day"
        ),
        cll.LevenshteinLevel(f"{prefix}_day", 1).configure(label_for_charts="one typo"),
    ]
    if partial:  # levels no pair can reach when every date is a full date
        levels += [
            _custom(f"{overlap} AND {width} <= 31", "compatible within a month"),
            _custom(f"{overlap} AND {width} <= 366", "compatible within a year"),
            _custom(overlap, "overlapping"),
        ]
    levels.append(_custom(f"{gap} <= 366", "within a year"))
    if wide:
        levels.append(_custom(f"{gap} <= 1830", "within five years"))
    levels.append(cll.ElseLevel())
    return cl.CustomComparison(
        output_column_name=prefix,
        comparison_description=f"{prefix} date by precision",
        comparison_levels=levels,
    )


def _other_comparison(column: str, kind: str) -> ComparisonCreator:
    """Comparisons of the other fields, by kind (see :data:`dadkhah.linkage.spec.FIELDS`)."""
    if kind == "shared":
        return cl.CustomComparison(
            output_column_name=column,
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column).configure(tf_adjustment_column=column),
                cll.ElseLevel(),
            ],
        )
    if kind == "place":
        return cl.CustomComparison(
            output_column_name=column,
            comparison_levels=[
                cll.NullLevel(column),
                cll.ExactMatchLevel(column).configure(tf_adjustment_column=column),
                cll.LevenshteinLevel(column, 1),
                cll.ElseLevel(),
            ],
        )
    if kind == "category":
        return cl.ExactMatch(column)
    if kind == "identifier":
        return cl.LevenshteinAtThresholds(column, [1, 2])
    if kind == "code":
        return cl.LevenshteinAtThresholds(column, [1]).configure(term_frequency_adjustments=True)
    return cl.JaroWinklerAtThresholds(column, [0.92]).configure(term_frequency_adjustments=True)


def comparisons(prepared: Prepared) -> list[ComparisonCreator | dict[str, Any]]:
    out: list[ComparisonCreator | dict[str, Any]] = []
    if prepared.has_names:
        out += [_given_comparison(), _surname_comparison()]
    if prepared.has_father:
        out.append(_father_comparison())
    for group in prepared.dates:
        out.append(_date_comparison(group, group == "birth", group in prepared.partial_dates))
    for column, kind in prepared.others.items():
        out.append(_other_comparison(column, kind))
    return out


@dataclass(frozen=True)
class Rule:
    """A blocking rule: ``columns`` must be equal; ``loose`` must be equal unless one is unknown
    (so that refining a rule by birth year keeps the records without one); ``swapped`` pairs a
    given name with the other record's surname and vice versa."""

    columns: tuple[str, ...]
    loose: str | None = None
    swapped: bool = False

    @property
    def label(self) -> str:
        parts = (["given↔surname"] if self.swapped else []) + list(self.columns)
        return "+".join(parts + ([f"{self.loose}?"] if self.loose else []))

    def sql(self, across_sources: bool = False) -> BlockingRuleCreator | str:
        if not (across_sources or self.loose or self.swapped):
            return block_on(*self.columns)
        conditions = [f"l.{c} = r.{c}" for c in self.columns]
        if self.swapped:
            conditions[:0] = ["l.n_given1 = r.n_surname", "l.n_surname = r.n_given1"]
        if self.loose:
            c = self.loose
            conditions.append(f"(l.{c} = r.{c} OR l.{c} IS NULL OR r.{c} IS NULL)")
        if across_sources:
            conditions.append("l.source <> r.source")
        return " AND ".join(conditions)

    def creator(self) -> BlockingRuleCreator | str:
        return self.sql(False)


def _pairs(frame: pd.DataFrame, rule: Rule, link_only: bool) -> int:
    """Comparisons a rule generates, counted from group sizes (no join). Across-source counts
    are exact for plain rules; a loose column is counted as within and across sources alike."""
    if rule.swapped:
        return 0  # within the groups of the plain (n_surname, n_given1) rule
    keys = frame[list(rule.columns)].dropna()
    if keys.empty:
        return 0
    if rule.loose:
        loose = frame.loc[keys.index, rule.loose]
        grouped = keys.assign(_v=loose.astype("string").fillna("\x00"))
        sizes = grouped.value_counts()
        within = sizes[sizes.index.get_level_values("_v") != "\x00"]
        same = int((within * (within - 1) // 2).sum())
        total = keys.value_counts()
        unknown = keys[loose.isna().to_numpy()].value_counts().reindex(total.index, fill_value=0)
        return same + int((unknown * (total - unknown) + unknown * (unknown - 1) // 2).sum())
    if link_only:  # pairs across sources: (n² − Σ n_source²) / 2 per group
        counts = keys.assign(_s=frame.loc[keys.index, "source"]).value_counts()
        squares = pd.DataFrame({"n": counts, "sq": counts.astype("int64") ** 2})
        per_group = squares.groupby(level=list(range(len(rule.columns)))).sum()
        return int(((per_group["n"] ** 2 - per_group["sq"]) // 2).sum())
    sizes = keys.value_counts()
    return int((sizes * (sizes - 1) // 2).sum())


def pair_budget(spec: LinkSpec, n_records: int) -> int:
    """Comparisons allowed per blocking rule: ``spec.max_pairs_per_rule`` or 20 per record."""
    return spec.max_pairs_per_rule or max(2_000_000, 20 * n_records)


def _refine(frame: pd.DataFrame, rule: Rule, budget: int, link_only: bool) -> tuple[Rule | None, int]:
    """Narrow ``rule`` until it fits the budget: by birth year (loosely), then strictly by
    father's name, birth year, death year and given name."""
    count = _pairs(frame, rule, link_only)
    steps: list[Rule] = []
    if "birth_year" in frame.columns and "birth_year" not in rule.columns and not rule.loose:
        steps.append(Rule(rule.columns, "birth_year", rule.swapped))
    for extra in ("f_key1", "birth_year", "death_year", "n_given1"):
        if extra in frame.columns and extra not in rule.columns:
            base = steps[-1] if steps else rule
            loose = None if base.loose == extra else base.loose
            steps.append(Rule((*base.columns, extra), loose, rule.swapped))
    for step in steps:
        if count <= budget:
            break
        rule, count = step, _pairs(frame, step, link_only)
    return (rule, count) if count <= budget else (None, count)


def prediction_rules(prepared: Prepared, spec: LinkSpec) -> tuple[list[Rule], list[str]]:
    """Blocking rules for prediction, each narrowed until it fits the pair budget."""
    frame = prepared.frame
    cols = set(frame.columns)
    candidates: list[Rule] = []
    if prepared.has_names:
        candidates += [Rule(("n_surname", "n_given1")), Rule((), swapped=True)]
        candidates += [Rule(("n_stem", "n_given1")), Rule(("n_concat",))]
        for extra in ("birth_year", "f_key1", "x_prison"):  # a typo in the given name
            if extra in cols:
                candidates.append(Rule(("n_surname", extra)))
        for extra in ("f_key1", "birth_year", "x_prison"):  # a typo in the surname
            if extra in cols:
                candidates.append(Rule(("n_given1", extra)))
    for c in ("birth_day", "x_national_id", "x_postcode"):
        if c in cols:
            candidates.append(Rule((c,)))
    budget = pair_budget(spec, len(frame))
    link_only = spec.link_type == "link_only"
    notes: list[str] = []
    rules: list[Rule] = []
    for candidate in candidates:
        rule, count = _refine(frame, candidate, budget, link_only)
        if rule is None:
            notes.append(f"blocking on {candidate.label} dropped: {count:,} pairs even when narrowed")
            continue
        if rule != candidate:
            notes.append(f"blocking on {candidate.label} narrowed to {rule.label} ({count:,} pairs)")
        if all((set(r.columns), r.loose, r.swapped) != (set(rule.columns), rule.loose, rule.swapped)
               for r in rules):  # fmt: skip
            rules.append(rule)
    return rules, notes


def training_rules(prepared: Prepared, spec: LinkSpec) -> list[Rule]:
    """EM blocking rules: one on names (trains the rest), others that leave names free."""
    frame = prepared.frame
    cols = set(frame.columns)
    rules: list[Rule] = []
    if prepared.has_names:
        # On the columns the name comparisons use, so that EM leaves them alone here: a
        # block where every name agrees cannot tell how often matches disagree on names.
        rules.append(Rule(("n_given", "n_surname")))
    budget = pair_budget(spec, len(frame)) // 2
    options: tuple[tuple[str, ...], ...] = (
        ("birth_day",),
        ("x_national_id",),
        ("f_key", "death_day"),
        ("x_postcode", "x_locality"),
        ("x_postcode",),
        ("f_key", "birth_year"),
    )
    for option in options:
        if not set(option) <= cols:
            continue
        if "f_key" in option:
            option = _specific(frame, option)
        count = _pairs(frame, Rule(option), False)
        if 0 < count <= budget:
            rules.append(Rule(option))
    unique = {frozenset(r.columns): r for r in reversed(rules)}  # narrowing may meet
    return [r for r in rules if unique[frozenset(r.columns)] is r]


# A father's name and a date shared by many victims make a loose block: hundreds die on one
# day and many fathers are called Mohammad. EM on a block where most pairs are strangers takes
# strangers for matches and learns that matches often disagree on names. Such blocks are
# narrowed by the fields below while enough pairs remain to train on.
_NARROWING = ("x_prison", "birth_year", "death_day", "death_year")
MIN_TRAINING_PAIRS = 100


def _specific(frame: pd.DataFrame, option: tuple[str, ...]) -> tuple[str, ...]:
    floor = max(MIN_TRAINING_PAIRS, len(frame) // 50)
    for extra in _NARROWING:
        if extra in frame.columns and extra not in option and frame[extra].notna().any():
            narrower = (*option, extra)
            if _pairs(frame, Rule(narrower), False) >= floor:
                option = narrower
    return option


def near_certain_columns(prepared: Prepared) -> list[tuple[str, ...]]:
    """Column sets on which agreement all but proves a match (same full name and birth date,
    father's name, death date or birth year; same national id)."""
    cols = set(prepared.frame.columns)
    out: list[tuple[str, ...]] = []
    if "x_national_id" in cols:
        out.append(("x_national_id",))
    if prepared.has_names:
        for extra in ("birth_day", "f_key", "death_day", "birth_year"):
            if extra in cols:
                out.append(("n_full", extra))
    if not out and prepared.has_names:
        out.append(("n_full",))
    return out


def deterministic_rules(prepared: Prepared) -> list[str | BlockingRuleCreator]:
    """Near-certain matches, to estimate the share of pairs that match (λ)."""
    return [block_on(*columns) for columns in near_certain_columns(prepared)]


def within_list_odds(prepared: Prepared) -> float:
    """How much likelier two records of different lists are to match than two of one list,
    inverted: a list names each victim about once, so two of its records that agree on a
    name are less often one person than two records of different lists. Estimated from the
    near-certain pairs within and across lists (smoothed), between 0.02 and 1."""
    frame = prepared.frame
    within_hits = across_hits = 0
    for columns in near_certain_columns(prepared):
        keys = frame[[*columns, "source"]].dropna()
        per_source = keys.value_counts()
        per_key = per_source.groupby(level=list(range(len(columns)))).sum()
        within_hits += int((per_source * (per_source - 1) // 2).sum())
        squares = (per_source.astype("int64") ** 2).groupby(level=list(range(len(columns)))).sum()
        across_hits += int(((per_key.astype("int64") ** 2 - squares) // 2).sum())
    sizes = frame["source"].value_counts().astype("int64")
    within_pairs = int((sizes * (sizes - 1) // 2).sum())
    across_pairs = (int(sizes.sum()) ** 2 - int((sizes**2).sum())) // 2
    if not within_pairs or not across_pairs:
        return 1.0
    ratio = ((within_hits + 1) / within_pairs) / ((across_hits + 1) / across_pairs)
    return min(1.0, max(0.02, ratio))


def settings(prepared: Prepared, spec: LinkSpec, rules: list[Rule], link_only: bool) -> SettingsCreator:
    """The splink settings. All lists are one table (``uid`` numbers its rows); linking only
    across lists adds ``l.source <> r.source`` to every blocking rule."""
    rules_sql: list[BlockingRuleCreator | dict[str, Any]] = []
    for rule in rules:
        sql = rule.sql(link_only)
        rules_sql.append({"blocking_rule": sql} if isinstance(sql, str) else sql)
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="uid",
        comparisons=comparisons(prepared),
        blocking_rules_to_generate_predictions=rules_sql,
        max_iterations=spec.em_max_iterations,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
