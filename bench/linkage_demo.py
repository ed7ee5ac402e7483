"""The demonstration case's four victim lists: Dadkhah's in-case linkage beside plain splink.

The lists are the fictional demonstration's (``dadkhah.demo``): four documenting groups, each
with its own file format, encoding, script or romanisation, calendar, partial dates, typos and
duplicates. The generator writes them with their ground truth (the true victim of every row).
They enter a fresh, unlinked case by one of two routes:

- ``demo``: as ``dadkhah demo`` loads them (``build_demo``'s steps up to the lists, the rows'
  prisons and burial places resolved against the world's places); the case ``dadkhah demo``
  builds, before its link step.
- ``files``: the four files through ``dadkhah import list``'s service, each with the column map
  and calendar the demo describes and unknown places created, as a team without a gazetteer
  would (``dadkhah.demo.lists.import_list_files``, also used by the tests).

Both sides then get the same records, the case's list records as ``list_records(case).frame()``
gives them, and both are scored pairwise (precision, recall, F1 of the clusters) against the
truth. Floors (the issue): F1 ≥ 0.95 and precision ≥ 0.98, and better than plain splink.

Ours: ``link_case`` on the loaded, not yet linked case; its own time (``report.seconds``:
reading the records from the case, training, scoring, storing the pairs as claims, forming the
canonical victims), the job's peak memory, and the canonical victims scored with
``dadkhah.demo.scoring.linkage_accuracy``, before any reviewer's decision.

Plain splink, as ``bench/linkage_scale.py`` configures it: the name lower-cased and split on the
last space into first name and surname; splink's default ``NameComparison`` on first name,
surname and father's name; exact matches (term-frequency adjusted) on the birth year (the first
four-digit year written in the birth date, a statistician's obvious step), death date, arrest
date, prison, burial place and gender as written; blocking on first name + surname, surname +
birth year, first name + birth year, surname + father's name; λ from near-certain rules, u from
10^6 random pairs, EM on two blocks; clusters at the same threshold (0.9). The four lists are
pooled and deduplicated (``dedupe_only``): splink compares every pair in a block either way, so
this is the same comparison set as ``link_and_dedupe`` across the lists, within-list duplicates
included, as ours links within and across lists. Its time is the job's (splink imported, model
trained, pairs scored, clusters formed); reading a Parquet file of the records is all it adds.

    .venv/bin/python bench/linkage_demo.py [--quick] [--scale 1.0] [--routes demo,files]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from linkage_common import accuracy, child_main, run_child, splink_clusters, table  # noqa: E402

THRESHOLD = 0.9  # link_case's default (dadkhah.linkage.victims.DEFAULT_THRESHOLD)
ROUTES = {"demo": "demo", "files": "bench"}  # route -> the case owner who links
FLOORS = {"f1": 0.95, "precision": 0.98}


def prepare(params: dict[str, Any]) -> dict[str, Any]:
    """Generate the demo's materials, load the four lists into a fresh case by the given route,
    and write the records (with each one's true victim) for plain splink."""
    from dadkhah.case import Case
    from dadkhah.demo.generator import generate
    from dadkhah.demo.lists import import_list_files
    from dadkhah.demo.scoring import truth_of_records
    from dadkhah.linkage import list_records

    demo, truth, case_dir = (Path(params[k]) for k in ("demo", "truth", "case"))
    materials = generate(demo, seed=params["seed"], scale=params["scale"], truth_dir=truth)
    start = time.perf_counter()
    with Case.init(case_dir, owner=params["author"]) as case:
        if params["route"] == "demo":
            _load_as_the_demo(case, materials)
        else:
            import_list_files(case, demo, params["author"])
        loaded = time.perf_counter() - start
        records = list_records(case)
        frame = records.frame()
        victim_of = truth_of_records(case, truth)
    frame["victim"] = frame["record_id"].map(victim_of)
    frame.to_parquet(params["records"])
    return {
        "records": len(frame),
        "lists": len(records.lists),
        "victims": int(frame["victim"].nunique()),
        "load_seconds": loaded,
    }


def _load_as_the_demo(case: Any, materials: Any) -> None:
    """``build_demo``'s steps up to and including the lists (the lists' places are named by the
    claims step; protected witness details need the case key, here a key file inside the case)."""
    from dadkhah.access import keys
    from dadkhah.demo.loader import Loader

    key_file = keys.create_key_file(case.keys_path / keys.IN_CASE_KEY_FILE)
    keys.init_keyring(case.keys_path, case.id, keys.KeyFile(key_file))
    case.unlock(key_file=key_file)
    loader = Loader(case, materials)
    for step in (loader.entities, loader.evidence, loader.witnesses, loader.claims, loader.lists):
        step()


def ours(params: dict[str, Any]) -> dict[str, Any]:
    from dadkhah.case import Case
    from dadkhah.demo.scoring import linkage_accuracy
    from dadkhah.linkage import link_case

    with Case.open(Path(params["case"])) as case:
        report = link_case(case, author=params["author"], threshold=THRESHOLD)
        acc = linkage_accuracy(case, Path(params["truth"]))
    return {
        "seconds": report.seconds,
        "precision": acc.precision,
        "recall": acc.recall,
        "f1": acc.f1,
        "pairs": report.pairs_stored,
        "review": report.review_queue,
    }


def plain_splink(params: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    records = pd.read_parquet(params["records"])
    truth = dict(zip(records["record_id"], records.pop("victim"), strict=True))
    names = records["name"].fillna("").str.lower().str.strip()

    def column(name: str) -> pd.Series:
        """A column as written, lower-cased; missing when no record has it (the frame drops it)."""
        if name not in records:
            return pd.Series(None, index=records.index, dtype="object")
        return records[name].str.lower().str.strip()

    frame = pd.DataFrame(
        {
            "record_id": records["record_id"],
            "first_name": names.str.rsplit(" ", n=1).str[0],
            "surname": names.str.rsplit(" ", n=1).str[-1],
            "father_name": column("father_name"),
            "birth_year": column("birth_date").str.extract(r"(\d{4})", expand=False),
            "death_date": column("death_date"),
            "arrest_date": column("arrest_date"),
            "prison": column("prison"),
            "burial_place": column("burial_place"),
            "gender": column("gender"),
        }
    ).replace({"": None})
    exact = ["birth_year", "death_date", "arrest_date", "prison", "burial_place", "gender"]
    c, pairs = splink_clusters(frame, exact=exact, threshold=THRESHOLD)
    return {**accuracy(c["cluster_id"], c["record_id"].map(truth)), "pairs": pairs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scale 0.2 (about 1,800 list rows)")
    parser.add_argument("--scale", type=float, default=1.0, help="demo scale (1.0: about 9,400 list rows)")
    parser.add_argument("--seed", type=int, default=1988, help="the demo generator's seed")
    parser.add_argument("--routes", default="demo,files", help="how the lists enter the case: demo, files")
    args = parser.parse_args()
    scale = 0.2 if args.quick else args.scale
    routes = args.routes.split(",")
    if not set(routes) <= set(ROUTES):
        parser.error(f"--routes takes {', '.join(ROUTES)}")
    me = Path(__file__)
    rows, notes = [], []
    for route in routes:
        with tempfile.TemporaryDirectory(prefix="dadkhah-bench-") as tmp:
            paths = {k: str(Path(tmp) / k) for k in ("demo", "case")}
            paths |= {"truth": str(Path(tmp) / "demo.truth"), "records": str(Path(tmp) / "records.parquet")}
            paths |= {"author": ROUTES[route]}
            made = run_child(me, "prepare", {**paths, "route": route, "scale": scale, "seed": args.seed})
            a = run_child(me, "ours", paths)
            b = run_child(me, "splink", paths)
        rows.append([
            route, made["records"], made["lists"], made["victims"],
            a["seconds"], a["peak_mib"], a["precision"], a["recall"], a["f1"],
            b["seconds"], b["peak_mib"], b["precision"], b["recall"], b["f1"],
            a["seconds"] / b["seconds"], a["peak_mib"] / b["peak_mib"], a["f1"] / b["f1"],
        ])  # fmt: skip
        met = all(a[k] >= v for k, v in FLOORS.items()) and a["f1"] > b["f1"]
        notes.append(
            f"{route}: loaded in {made['load_seconds']:.1f} s; pairs scored ≥ 0.05: ours {a['pairs']:,}, "
            f"splink {b['pairs']:,}; ours queued {a['review']:,} pairs for review (scores are before any); "
            f"floors (F1 ≥ 0.95, precision ≥ 0.98, F1 above splink's) {'met' if met else 'NOT MET'}"
        )
    print(
        f"The demonstration case's four lists (scale {scale}, seed {args.seed}); "
        f"clusters at p ≥ {THRESHOLD}, 2 cores, DuckDB"
    )
    print(
        table(
            ["route", "records", "lists", "victims", "ours s", "ours MiB", "ours P", "ours R", "ours F1",
             "splink s", "splink MiB", "splink P", "splink R", "splink F1", "time ratio", "memory ratio",
             "F1 ratio"],
            rows,
        )
    )  # fmt: skip
    print("\n".join(notes))


if __name__ == "__main__":
    if not child_main({"prepare": prepare, "ours": ours, "splink": plain_splink}):
        main()
