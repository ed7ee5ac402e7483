"""In a case, the Spark engine (local mode) runs the same model as DuckDB and stores the same pairs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from linkage_world import fill

from dadkhah.case import Case
from dadkhah.linkage import LinkSpec, canonical_victims, link_case, local_spark_session
from dadkhah.linkage.matches import read_matches

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


def test_spark_and_duckdb_link_a_case_alike(tmp_path: Path) -> None:
    base = tmp_path / "base"
    with Case.init(base, owner="tester") as case:
        # Names, fathers' names and death dates: each field costs Spark seconds of planning.
        fill(case, n_people=100, only=("list1", "list2"), fields=("full_name", "father_name", "death_date"))
    shutil.copytree(base, tmp_path / "spark")
    # Few EM iterations and a small u sample: Spark pays per query; the point is that both
    # engines compute the same thing.
    tuning = LinkSpec(em_max_iterations=5, u_max_pairs=20_000)
    found = {}
    for engine, path in (("duckdb", base), ("spark", tmp_path / "spark")):
        session = None
        if engine == "spark":
            session = local_spark_session(cores=2, memory="1g")
            session.conf.set("spark.sql.adaptive.enabled", "false")
        with Case.open(path) as case:
            report = link_case(case, author="tester", engine=engine, spark=session, tuning=tuning)  # type: ignore[arg-type]
            assert report.engine == engine and report.pairs_stored > 20
            with case.reading() as conn:
                pairs = {m.pair: m.probability for m in read_matches(conn).values()}
            people = sorted(frozenset(r.person_id for r in v.records) for v in canonical_victims(case))
        found[engine] = (pairs, people)
    (duck_pairs, duck_people), (spark_pairs, spark_people) = found["duckdb"], found["spark"]
    assert duck_people == spark_people
    assert duck_pairs.keys() == spark_pairs.keys()
    assert max(abs((duck_pairs[k] or 0) - (spark_pairs[k] or 0)) for k in duck_pairs) <= 1e-4
