"""link_records on synthetic lists with known truth: accuracy, decisions, empty names."""

import pandas as pd
import pytest

from dadkhah.errors import InputError, InvalidData
from dadkhah.linkage import Decision, LinkResult, LinkSpec, link_records, pairwise_accuracy
from dadkhah.linkage.synthetic import victim_lists


@pytest.fixture(scope="module")
def lists() -> pd.DataFrame:
    return victim_lists(300, seed=7)


@pytest.fixture(scope="module")
def linked(lists: pd.DataFrame) -> LinkResult:
    return link_records(lists.drop(columns=["person_id"]), LinkSpec())


def test_synthetic_lists_are_linked_accurately(lists: pd.DataFrame, linked: LinkResult) -> None:
    # Three lists of 300 fictional people written in Persian script and romanisations, with
    # typos, missing fields, both calendars and shared prisons.
    acc = pairwise_accuracy(linked.clusters["cluster_id"], lists["person_id"])
    assert acc.precision >= 0.97
    assert acc.recall >= 0.8
    assert acc.f1 >= 0.9


def test_result_shape(lists: pd.DataFrame, linked: LinkResult) -> None:
    clusters = linked.clusters
    assert list(clusters.columns) == ["source", "record_id", "cluster_id"]
    assert len(clusters) == len(lists)
    assert clusters["cluster_id"].iloc[0] == 1 and clusters["cluster_id"].min() == 1
    pairs = linked.pairs
    assert {"source_l", "record_id_l", "source_r", "record_id_r", "match_probability"} <= set(pairs)
    assert pairs["match_probability"].between(0.05, 1).all()
    assert linked.model["comparisons"] and linked.stats["records"] == len(lists)
    # Every record of a multi-record cluster is held there by a pair at the threshold.
    strong = pairs[pairs["match_probability"] >= 0.9]
    linked_ids = set(strong["record_id_l"]) | set(strong["record_id_r"])
    multi = clusters[clusters["cluster_id"].duplicated(keep=False)]
    assert set(multi["record_id"]) <= linked_ids


def test_cross_script_spellings_of_one_person_are_linked() -> None:
    records = pd.DataFrame(
        {
            "source": ["a", "b", "c", "a", "b"],
            "record_id": ["1", "1", "1", "2", "2"],
            "name": [
                "محمدرضا حسینی",
                "Mohammadreza Hosseini",
                "Seyyed Mohamad Reza Hoseyni, son of Ali",
                "Zahra Karimi",
                "فاطمه احمدی",
            ],
            "father_name": ["علی", "Ali", None, "Hassan", "Mehdi"],
            "death_date": ["1367/05/12", "1988-08-03", "1988", "1988-08-20", "1367/06/01"],
        }
    )
    result = link_records(records, LinkSpec(threshold=0.5))
    cid = dict(
        zip(
            result.clusters["source"] + result.clusters["record_id"],
            result.clusters["cluster_id"],
            strict=True,
        )
    )
    assert cid["a1"] == cid["b1"] == cid["c1"]
    assert len({cid["a1"], cid["a2"], cid["b2"]}) == 3


def test_decisions_override_the_model(lists: pd.DataFrame, linked: LinkResult) -> None:
    strong = linked.pairs[linked.pairs["match_probability"] >= 0.99].iloc[0]
    left, right = (strong.source_l, strong.record_id_l), (strong.source_r, strong.record_id_r)
    other = lists[lists["person_id"] != lists.set_index(["source", "record_id"]).loc[left, "person_id"]]
    stranger = (other.iloc[0]["source"], other.iloc[0]["record_id"])
    decisions = [Decision(left, right, "different"), Decision(left, stranger, "same")]
    result = link_records(lists.drop(columns=["person_id"]), LinkSpec(), decisions=decisions)
    cid = result.clusters.set_index(["source", "record_id"])["cluster_id"]
    assert cid[left] != cid[right]
    assert cid[left] == cid[stranger]
    verdicts = result.pairs.set_index(["record_id_l", "record_id_r"])["decision"]
    assert "different" in set(verdicts) and "same" in set(verdicts)


def test_link_only_compares_across_lists_only(lists: pd.DataFrame, linked: LinkResult) -> None:
    assert (linked.pairs["source_l"] == linked.pairs["source_r"]).any()  # duplicates within lists
    result = link_records(lists.drop(columns=["person_id"]), LinkSpec(link_type="link_only"))
    assert len(result.pairs) and (result.pairs["source_l"] != result.pairs["source_r"]).all()


def test_records_without_a_name() -> None:
    records = pd.DataFrame(
        {
            "source": ["a.csv", "a.csv", "b.csv"],
            "record_id": ["1", "2", "1"],
            "line": [2, 3, 2],
            "name": ["Ali Karimi", "  --  ", "Ali Karimi"],
        }
    )
    with pytest.raises(InvalidData) as err:
        link_records(records)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.field) == ("a.csv", 3, "name")
    skipped = link_records(records, LinkSpec(empty_names="skip", threshold=0.5))
    assert len(skipped.clusters) == 3  # left out of linking, still listed on its own
    assert skipped.clusters["cluster_id"].nunique() >= 2


def test_bad_records() -> None:
    with pytest.raises(InputError, match="record_id"):
        link_records(pd.DataFrame({"source": ["a"], "name": ["Ali"]}))
    with pytest.raises(InvalidData, match="duplicated"):
        link_records(pd.DataFrame({"source": ["a", "a"], "record_id": ["1", "1"], "name": ["A", "B"]}))
    with pytest.raises(InputError, match="no name field"):
        link_records(pd.DataFrame({"source": ["a"], "record_id": ["1"], "prison": ["Evin"]}))
    with pytest.raises(InputError, match="threshold"):
        LinkSpec(threshold=1.5)


def test_linking_is_deterministic(lists: pd.DataFrame, linked: LinkResult) -> None:
    again = link_records(lists.drop(columns=["person_id"]), LinkSpec())
    assert again.clusters.equals(linked.clusters)


def test_review_queue_is_the_undecided_band(linked: LinkResult) -> None:
    queue = linked.review_queue(0.2)
    p = queue["match_probability"]
    assert len(queue) and p.between(0.2, 0.9, inclusive="left").all()
    assert p.is_monotonic_decreasing and (queue["decision"] == "").all()
    assert len(linked.review_queue(0.2, 1.01)) == (linked.pairs["match_probability"] >= 0.2).sum()
