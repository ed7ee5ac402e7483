"""Clustering scored pairs with reviewers' decisions, and pairwise accuracy."""

import pandas as pd
import pytest

from dadkhah.linkage import capture_histories, cluster_pairs, pairwise_accuracy


def test_pairs_above_threshold_are_joined_transitively() -> None:
    labels = cluster_pairs(5, [0, 1, 3], [1, 2, 4], [0.95, 0.99, 0.5], threshold=0.9)
    assert labels.tolist() == [0, 0, 0, 1, 2]


def test_cannot_link_blocks_a_chain_however_strong() -> None:
    # 0-1 and 1-2 are strong, but a reviewer said 0 and 2 are different people.
    labels = cluster_pairs(4, [1, 0, 0], [2, 2, 1], [0.99, 0.97, 0.95], 0.9, cannot_link=[(0, 2)])
    assert labels[1] == labels[2] and labels[0] != labels[2] and labels[0] != labels[1]
    assert len(set(labels.tolist())) == 3


def test_numbering_follows_first_member() -> None:
    labels = cluster_pairs(4, [3], [2], [1.0], 0.5)
    assert labels.tolist() == [0, 1, 2, 2]


def test_pairwise_accuracy_known_values() -> None:
    # Predicted {0,1,2} {3} {4}; truth {0,1} {2,3} {4}: one correct pair of three predicted,
    # one found of two true.
    acc = pairwise_accuracy([0, 0, 0, 1, 2], [0, 0, 1, 1, 2])
    assert (acc.correct_pairs, acc.predicted_pairs, acc.true_pairs) == (1, 3, 2)
    assert acc.precision == pytest.approx(1 / 3) and acc.recall == pytest.approx(0.5)
    assert acc.f1 == pytest.approx(0.4)
    perfect = pairwise_accuracy(["a", "a", "b"], [7, 7, 8])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)


def test_capture_histories() -> None:
    clusters = pd.DataFrame(
        {
            "source": ["amnesty", "families", "amnesty", "families", "families"],
            "record_id": ["1", "9", "2", "7", "8"],
            "cluster_id": [1, 1, 2, 3, 3],  # person 3 is listed twice by the families
        }
    )
    histories = capture_histories(clusters)
    assert histories.to_dict("records") == [
        {"cluster_id": 1, "in_amnesty": 1, "in_families": 1},
        {"cluster_id": 2, "in_amnesty": 1, "in_families": 0},
        {"cluster_id": 3, "in_amnesty": 0, "in_families": 1},
    ]
