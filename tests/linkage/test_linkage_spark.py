"""The Spark engine (local mode) runs the same model as DuckDB and finds the same people."""

import shutil

import pytest

from dadkhah.linkage import LinkSpec, link_records, local_spark_session, pairwise_accuracy
from dadkhah.linkage.synthetic import victim_lists

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


def test_spark_and_duckdb_agree_on_a_small_list() -> None:
    # Names, fathers' names and death dates only: each field costs Spark seconds of planning.
    records = victim_lists(80, seed=5).drop(columns=["birth_year", "prison"])
    # Few EM iterations and a small u sample: Spark pays per query, and the point here is
    # that both engines compute the same thing, not the best model.
    spec = LinkSpec(em_max_iterations=5, u_max_pairs=20_000)
    duck = link_records(records.drop(columns=["person_id"]), spec, engine="duckdb")
    session = local_spark_session(cores=2, memory="1g")
    session.conf.set("spark.sql.adaptive.enabled", "false")  # re-planning costs more than it saves here
    spark = link_records(records.drop(columns=["person_id"]), spec, engine="spark", spark=session)
    assert spark.clusters["cluster_id"].tolist() == duck.clusters["cluster_id"].tolist()
    merged = duck.pairs.merge(spark.pairs, on=["source_l", "record_id_l", "source_r", "record_id_r"])
    assert len(merged) == len(duck.pairs) == len(spark.pairs)
    assert (merged["match_probability_x"] - merged["match_probability_y"]).abs().max() < 1e-6
    acc = pairwise_accuracy(spark.clusters["cluster_id"], records["person_id"])
    assert acc.precision >= 0.95 and acc.f1 >= 0.8
