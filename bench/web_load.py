"""Web load benchmark: 32 concurrent clients reading entities and searching, over HTTP.

Builds the fictional demonstration case, serves it with ``dadkhah serve`` in a separate process,
and has 32 concurrent clients (asyncio, one API token for a viewer) each send a mix of entity
reads (``GET /api/v1/entities/{id}``) and searches (``POST /api/v1/search``). Prints throughput and
p50/p99 latency beside two anchors measured in the same run:

* the same reads done in-process, without HTTP (``entity_view`` and ``search`` through the same
  redaction), sequentially on one core: what the work costs without the web layer;
* a static endpoint (``GET /api/v1/health``) under the same 32 clients: what HTTP, the guard-free
  path and the event loop cost alone.

    .venv/bin/python bench/web_load.py --quick            # SQLite, demo at scale 0.1
    .venv/bin/python bench/web_load.py                    # SQLite, the full demonstration case
    .venv/bin/python bench/web_load.py --postgres         # the same case copied to PostgreSQL
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import MetaData, create_engine, insert, select, text

from dadkhah.access.users import add_user, get_user
from dadkhah.case import Case
from dadkhah.store.reading import entity_view
from dadkhah.store.search import search
from dadkhah.store.tables import claims, entities
from dadkhah.web import accounts
from dadkhah.web.server import free_port

PG_URL = os.environ.get("DADKHAH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CLIENTS = 32


def build(folder: Path, scale: float) -> Path:
    from dadkhah.demo.build import build_demo

    build_demo(folder / "case", scale=scale)
    return folder / "case"


def copy_to_postgres(sqlite_case: Path, folder: Path) -> tuple[Path, str]:
    """A PostgreSQL case holding the same rows as ``sqlite_case`` (reads only: keys are not copied)."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    target = Case.init(folder / "pg-case", owner="demo", database_url=PG_URL, database_schema=schema)
    source = Case.open(sqlite_case)
    meta = MetaData()
    meta.reflect(target.engine)
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            present = {r[1] for r in src.execute(text(f"PRAGMA table_info('{table.name}')"))}  # noqa: S608
            columns = [c for c in table.columns if c.name in present and c.computed is None]
            if not columns:
                continue
            names = ", ".join(f'"{c.name}"' for c in columns)
            rows = [
                dict(zip([c.name for c in columns], r, strict=True))
                for r in src.execute(text(f'SELECT {names} FROM "{table.name}"'))
            ]  # noqa: S608
            for start in range(0, len(rows), 5000):
                if rows[start : start + 5000]:
                    dst.execute(insert(table), rows[start : start + 5000])
    source.close()
    target.close()
    return folder / "pg-case", schema


def prepare(case_path: Path) -> tuple[str, list[str], list[str]]:
    """A viewer with an API token; entity ids and search queries to ask for."""
    with Case.open(case_path) as case:
        with case.writer() as w:
            if get_user(w.conn, "bench-viewer") is None:
                add_user(w.conn, "bench-viewer", "viewer", by=case.owner, owner=case.owner)
            token, _ = accounts.create_token(w.conn, "bench-viewer", "load benchmark", by=case.owner)
        with case.reading() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    select(entities.c.id).where(
                        entities.c.schema.in_(["Person", "Event", "Place", "Violation"])
                    )
                )
            ]
            names = [
                r[0]
                for r in conn.execute(
                    select(claims.c.value)
                    .where(claims.c.prop == "name", claims.c.sensitivity < 2)
                    .limit(2000)
                )
            ]
    rng = random.Random(1988)
    queries = [" ".join(n.split()[:2]) for n in rng.sample(names, min(200, len(names)))]
    return token, rng.sample(ids, min(2000, len(ids))), queries


def in_process(case_path: Path, ids: list[str], queries: list[str], n: int) -> list[float]:
    """The anchor: the same reads, in-process, through the same redaction, one after another."""
    latencies = []
    with Case.open(case_path) as case:
        reader = case.reader("bench-viewer")
        for i in range(n):
            started = time.perf_counter()
            with case.redacted(reader) as (conn, red):
                if i % 2 == 0:
                    entity_view(conn, case.model, ids[i % len(ids)], red.reader, redact=red)
                else:
                    search(conn, queries[i % len(queries)], red.reader, limit=20, redact=red)
            latencies.append(time.perf_counter() - started)
    return latencies


async def load(
    url: str, token: str, ids: list[str], queries: list[str], per_client: int, static: bool = False
) -> tuple[list[float], float, int]:
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120, limits=limits) as client:

        async def worker(k: int) -> None:
            nonlocal errors
            rng = random.Random(k)
            for i in range(per_client):
                started = time.perf_counter()
                if static:
                    response = await client.get("/api/v1/health")
                elif (i + k) % 2 == 0:
                    response = await client.get(f"/api/v1/entities/{rng.choice(ids)}")
                else:
                    response = await client.post("/api/v1/search", json={"q": rng.choice(queries)})
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(CLIENTS)))
        elapsed = time.perf_counter() - began
    return latencies, elapsed, errors


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def serve(case_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    dadkhah = Path(sys.executable).with_name("dadkhah")
    process = subprocess.Popen(
        [str(dadkhah), "serve", "--case", str(case_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not start")


def run(backend: str, case_path: Path, per_client: int) -> None:
    token, ids, queries = prepare(case_path)
    anchor = in_process(case_path, ids, queries, per_client * 4)
    process, url = serve(case_path)
    try:
        asyncio.run(load(url, token, ids, queries, 3))  # warm up
        ours, elapsed, errors = asyncio.run(load(url, token, ids, queries, per_client))
        health, health_elapsed, _ = asyncio.run(load(url, token, ids, queries, per_client, static=True))
    finally:
        process.terminate()
        process.wait(timeout=10)
    anchor_rate = len(anchor) / sum(anchor)
    rate = len(ours) / elapsed
    print(f"\n{backend}: {len(ids)} entities, {CLIENTS} clients × {per_client} requests, {errors} errors")
    print(f"{'':34}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for label, speed, found in (
        ("ours: HTTP entity reads + search", rate, ours),
        ("anchor: same reads in-process", anchor_rate, anchor),
        ("anchor: HTTP static /health", len(health) / health_elapsed, health),
    ):
        print(f"{label:34}{speed:10.1f}{pct(found, 0.5):10.1f}{pct(found, 0.99):10.1f}")
    print(f"ratio ours / in-process throughput: {rate / anchor_rate:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="demo at scale 0.1, fewer requests")
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    args = parser.parse_args()
    scale = args.scale if args.scale is not None else (0.1 if args.quick else 1.0)
    per_client = 15 if args.quick else 60
    folder = Path(tempfile.mkdtemp(prefix="dadkhah-web-bench-"))
    try:
        case_path = build(folder, scale)
        print(f"demonstration case at scale {scale}")
        run("SQLite", case_path, per_client)
        if args.postgres:
            pg_path, schema = copy_to_postgres(case_path, folder)
            try:
                run("PostgreSQL", pg_path, per_client)
            finally:
                engine = create_engine(PG_URL)
                with engine.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
