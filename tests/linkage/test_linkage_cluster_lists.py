"""Clustering records of several lists: a list names each person about once."""

from dadkhah.linkage import cluster_pairs


def test_two_records_of_one_list_do_not_join_through_another_list() -> None:
    # 0 and 2 are namesakes on list A; 1 on list B matches both strongly. Their own pair
    # (0.1) says they are two people: only the stronger link (0-1) is kept.
    labels = cluster_pairs(3, [0, 1, 0], [1, 2, 2], [0.99, 0.95, 0.1], 0.9, sources=["A", "B", "A"])
    assert labels.tolist() == [0, 0, 1]


def test_a_duplicate_within_a_list_joins_when_its_own_pair_allows() -> None:
    # Their own pair (0.6) is below the threshold but more likely one person than two.
    labels = cluster_pairs(3, [0, 1, 0], [1, 2, 2], [0.99, 0.95, 0.6], 0.9, sources=["A", "B", "A"])
    assert labels.tolist() == [0, 0, 0]


def test_one_list_is_deduplicated_by_chains_as_before() -> None:
    labels = cluster_pairs(3, [0, 1], [1, 2], [0.99, 0.95], 0.9, sources=["A", "A", "A"])
    assert labels.tolist() == [0, 0, 0]


def test_a_reviewers_same_comes_first_and_the_models_chain_yields() -> None:
    # A reviewer joined 1 (list B) and 2 (list A); the model's 0-1 would bring 0 (list A) in
    # without any evidence on 0 and 2 themselves.
    labels = cluster_pairs(3, [0, 1], [1, 2], [0.99, 1.0], 0.9, sources=["A", "B", "A"], same=[(1, 2)])
    assert labels.tolist() == [0, 1, 1]
    # Two records of one list a reviewer called the same are joined whatever their score.
    labels = cluster_pairs(2, [0], [1], [1.0], 0.9, sources=["A", "A"], same=[(0, 1)])
    assert labels.tolist() == [0, 0]
