"""The ground truth, written beside the case folder's materials and never into the case."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import numpy as np

from dadkhah.demo.dates import sh_numeric
from dadkhah.demo.lists import SPECS, BuiltList
from dadkhah.demo.materials import Truth
from dadkhah.demo.people import TrueVictim
from dadkhah.demo.world import PRISONS

README = """Ground truth of the Dadkhah demonstration case.

Never load these files into a case: they say who every list row really is and how many victims
there really were, which is what linkage and estimation must find out on their own.

victims.csv       every true victim, with canonical Persian and Latin names
list_rows.csv     for each data row of each list: the true victim (row = 1-based data row,
                  line = line of the file, or row of the sheet, holding it)
mentions.csv      victims named in testimony and documents: person id -> true victim
capture.csv       each victim's probability of being on each list, and whether they are
summary.json      true total, list sizes, capture patterns, coverage by prison, parameters
"""


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def write_truth(
    d: Path,
    seed: int,
    scale: float,
    victims: list[TrueVictim],
    probs: np.ndarray,
    captured: np.ndarray,
    built: list[BuiltList],
    mention_victim: dict[str, str],
    mention_source: dict[str, str],
    inconsistencies: list[dict[str, str]],
) -> Truth:
    d.mkdir(parents=True, exist_ok=True)
    (d / "README.txt").write_text(README, encoding="utf-8")
    keys = [s.key for s in SPECS]
    on_lists = {v.id: tuple(f"list:{k}" for k, c in zip(keys, captured[i], strict=True) if c)
                for i, v in enumerate(victims)}  # fmt: skip

    rows = []
    for v in victims:
        t = v.name.title
        rows.append([
            v.id, v.name.given.fa, v.name.surname.fa, v.father.fa, t.fa if t else "",
            v.name.given.canon, v.name.surname.canon, v.father.canon, t.canon if t else "",
            v.gender, v.birth.isoformat(), v.birth.year, v.home_city, f"place:{v.prison}-prison", v.ward,
            f"org:{v.affiliation}" if v.affiliation else "", v.arrest.isoformat(), v.death.isoformat(),
            sh_numeric(v.death, "day", sep="-"), v.knowledge, v.event, v.burial_kind, v.burial or "",
            round(v.visibility, 4), v.visibility_class, ";".join(on_lists[v.id]),
        ])  # fmt: skip
    _csv(d / "victims.csv",
         ["victim_id", "given_fa", "surname_fa", "father_fa", "title_fa", "given_latin", "surname_latin",
          "father_latin", "title_latin", "gender", "birth_date", "birth_year", "home_city", "prison", "ward",
          "affiliation", "arrest_date", "death_date", "death_date_sh", "date_known", "event", "burial_kind",
          "burial_place", "visibility", "visibility_class", "lists"], rows)  # fmt: skip

    row_victim: dict[tuple[str, int], str] = {}
    list_rows = []
    for bl in built:
        id_col = bl.spec.header.index(bl.spec.id_column) if bl.spec.id_column else None
        for i, (vid, dup) in enumerate(bl.row_victims, 1):
            record = bl.spec.rows[i - 1][id_col] if id_col is not None else str(i)
            row_victim[(bl.spec.id, i)] = vid
            list_rows.append([bl.spec.id, i, record, i + 1, vid, int(dup)])
    _csv(d / "list_rows.csv", ["list_id", "row", "record_id", "line", "victim_id", "duplicate"], list_rows)

    _csv(
        d / "mentions.csv",
        ["person_id", "source", "victim_id"],
        [[p, mention_source[p], v] for p, v in sorted(mention_victim.items())],
    )

    _csv(d / "capture.csv",
         ["victim_id", "prison", *(f"p_{k}" for k in keys), *(f"on_{k}" for k in keys)],
         [[v.id, f"place:{v.prison}-prison", *(round(float(x), 4) for x in probs[i]),
           *(int(c) for c in captured[i])] for i, v in enumerate(victims)])  # fmt: skip

    patterns = Counter("".join("1" if c else "0" for c in row) for row in captured)
    prisons = np.array([v.prison for v in victims])
    summary = {
        "note": "Ground truth for evaluation only; never load into a case.",
        "seed": seed,
        "scale": scale,
        "true_total": len(victims),
        "documented_total": int(captured.any(axis=1).sum()),
        "on_no_list": int((~captured.any(axis=1)).sum()),
        "lists": {
            bl.spec.id: {
                "rows": len(bl.spec.rows),
                "victims": int(captured[:, j].sum()),
                "duplicate_rows": sum(dup for _, dup in bl.row_victims),
                "mean_capture_probability": round(float(probs[:, j].mean()), 4),
                "model": {
                    "alpha": SPECS[j].alpha,
                    "beta_visibility": SPECS[j].beta,
                    "prison": SPECS[j].prison,
                    "affiliation": SPECS[j].affiliation,
                    "early_event": SPECS[j].early,
                },
            }
            for j, bl in enumerate(built)
        },  # fmt: skip
        "capture_patterns": {"order": [bl.spec.id for bl in built], "counts": dict(sorted(patterns.items()))},
        "by_prison": {
            f"place:{p.key}-prison": {
                "true_total": int((prisons == p.key).sum()),
                "on_no_list": int((~captured[prisons == p.key].any(axis=1)).sum()),
                "mean_capture_probability": {
                    bl.spec.id: round(float(probs[prisons == p.key, j].mean()), 4)
                    for j, bl in enumerate(built)
                },
            }
            for p in PRISONS
        },
        "testimony_inconsistencies": inconsistencies,
    }
    (d / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return Truth(
        dir=d,
        true_total=len(victims),
        victims_path=d / "victims.csv",
        rows_path=d / "list_rows.csv",
        mentions_path=d / "mentions.csv",
        capture_path=d / "capture.csv",
        summary_path=d / "summary.json",
        row_victim=row_victim,
        mention_victim=dict(mention_victim),
        captured_by=on_lists,
        victim_prison={v.id: f"place:{v.prison}-prison" for v in victims},
    )
