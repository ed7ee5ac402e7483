"""Store benchmark: load claims through Dadkhah, then search them.

Prints our load rate beside a plain ``sqlite3`` ``executemany`` of the same rows into a bare table
(no validation, no search index, no foreign keys: the floor), the ratio, and search latency
percentiles over names written in a different spelling or script from the stored one.

    .venv/bin/python bench/store.py            # 1,000,000 claims
    .venv/bin/python bench/store.py --quick    # 100,000 claims
    .venv/bin/python bench/store.py --postgres # the same on the PostgreSQL server
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from dadkhah.case import Case
from dadkhah.store import NewClaim

GIVEN = [
    ("محمد", "Mohammad"),
    ("علی", "Ali"),
    ("حسین", "Hossein"),
    ("رضا", "Reza"),
    ("مهدی", "Mehdi"),
    ("فاطمه", "Fatemeh"),
    ("زهرا", "Zahra"),
    ("مریم", "Maryam"),
    ("حسن", "Hassan"),
    ("جواد", "Javad"),
    ("بهرام", "Bahram"),
    ("کاظم", "Kazem"),
    ("منصور", "Mansour"),
    ("پرویز", "Parviz"),
    ("ناصر", "Naser"),
]
SURNAME = [
    ("حسینی", "Hosseini"),
    ("کریمی", "Karimi"),
    ("رضایی", "Rezaei"),
    ("موسوی", "Mousavi"),
    ("احمدی", "Ahmadi"),
    ("جعفری", "Jafari"),
    ("قاسمی", "Ghasemi"),
    ("صادقی", "Sadeghi"),
    ("رحیمی", "Rahimi"),
    ("نوری", "Nouri"),
    ("یزدانی", "Yazdani"),
    ("تهرانی", "Tehrani"),
    ("شیرازی", "Shirazi"),
    ("کاظمی", "Kazemi"),
    ("بهرامی", "Bahrami"),
]
VARIANTS = {
    "Mohammad": "Mohamad",
    "Hossein": "Hosein",
    "Hosseini": "Hoseini",
    "Mousavi": "Musavi",
    "Ghasemi": "Qasemi",
    "Rezaei": "Rezayi",
    "Nouri": "Nuri",
    "Fatemeh": "Fatima",
    "Mehdi": "Mahdi",
}
CLAIMS_PER_PERSON = 10


def people(count: int, rng: random.Random) -> list[dict[str, list[str]]]:
    out = []
    for _ in range(count):
        g, s, f = rng.choice(GIVEN), rng.choice(SURNAME), rng.choice(GIVEN)
        out.append(
            {
                "name": [f"{g[0]} {s[0]}", f"{g[1]} {s[1]}"],
                "fatherName": [f[0]],
                "gender": [rng.choice(["male", "female"])],
                "birthDate": [str(rng.randint(1930, 1970))],
                "deathDate": [f"1988-{rng.randint(7, 9):02d}-{rng.randint(1, 28):02d}"],
                "occupation": [rng.choice(["teacher", "student", "worker", "engineer", "nurse"])],
                "affiliation": [rng.choice(["Group One", "Group Two", "Group Three"])],
                "nationality": ["XA"],
                "note": [f"record {rng.randint(1, 10**6)}"],
            }
        )
    return out


def load_ours(case: Case, rows: list[dict[str, list[str]]]) -> float:
    start = time.perf_counter()
    with case.writer("bench") as w:
        source = w.create("Source", {"title": "Bench list"})
        ids = w.new_entities("Person", len(rows))
        w.add_many(
            NewClaim(pid, prop, value, source)
            for pid, row in zip(ids, rows, strict=True)
            for prop, values in row.items()
            for value in values
        )
    return time.perf_counter() - start


def load_plain_sqlite(path: Path, rows: list[dict[str, list[str]]]) -> float:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE claims (id TEXT PRIMARY KEY, entity_id TEXT, prop TEXT, value TEXT, source_id TEXT, "
        "author TEXT, recorded_at TEXT, sensitivity INTEGER)"
    )
    now = "2026-01-01T00:00:00"
    records = [
        (uuid.uuid4().hex, str(i), prop, value, "source", "bench", now, 0)
        for i, row in enumerate(rows)
        for prop, values in row.items()
        for value in values
    ]
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)", records)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def search_latencies(case: Case, rng: random.Random, queries: int) -> list[float]:
    times = []
    for _ in range(queries):
        g, s = rng.choice(GIVEN), rng.choice(SURNAME)
        query = rng.choice([f"{VARIANTS.get(g[1], g[1])} {VARIANTS.get(s[1], s[1])}", f"{g[0]} {s[0]}", s[1]])
        start = time.perf_counter()
        case.search(query, limit=20)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="100,000 claims instead of 1,000,000")
    parser.add_argument("--postgres", action="store_true", help="use the PostgreSQL server")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    total = 100_000 if args.quick else 1_000_000
    rng = random.Random(1988)
    rows = people(total // CLAIMS_PER_PERSON, rng)
    claims = sum(len(v) for row in rows for v in row.values())
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            case = Case.init(
                Path(tmp) / "case",
                owner="bench",
                database_url="postgresql+psycopg://postgres@127.0.0.1/test",
                database_schema=schema,
            )
        else:
            case = Case.init(Path(tmp) / "case", owner="bench")
        ours = load_ours(case, rows)
        plain = load_plain_sqlite(Path(tmp) / "plain.db", rows)
        latencies = search_latencies(case, rng, args.queries)
        case.close()
        if args.postgres:
            from sqlalchemy import create_engine, text

            engine = create_engine("postgresql+psycopg://postgres@127.0.0.1/test")
            with engine.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"claims loaded: {claims:,} ({len(rows):,} people) on {backend}")
    print(f"{'':28}{'claims/s':>12}")
    print(f"{'dadkhah (validated + FTS)':28}{claims / ours:>12,.0f}")
    print(f"{'plain sqlite3 executemany':28}{claims / plain:>12,.0f}")
    print(f"ratio ours/plain: {plain / ours:.2f}")
    quantiles = statistics.quantiles(latencies, n=100)
    print(
        f"search over {len(rows):,} people, {len(latencies)} queries: "
        f"p50 {quantiles[49] * 1000:.1f} ms, p95 {quantiles[94] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
