"""Comparison columns: names by key, dates as intervals, places across scripts."""

import pandas as pd
import pytest

from dadkhah.linkage import place_key
from dadkhah.linkage import prepare as prepare_module
from dadkhah.linkage.prepare import prepare
from dadkhah.linkage.synthetic import victim_lists


def test_columns_of_one_person_in_three_spellings() -> None:
    records = pd.DataFrame(
        {
            "source": ["a", "b", "c"],
            "record_id": ["1", "1", "1"],
            "name": ["محمدرضا حسینی", "Hosseini, Mohammadreza", "Seyyed Mohamad Reza Hoseyni, son of Ali"],
            "death_date": ["1367/05/12", "1988-08-03", "1367"],
            "prison": ["اوین", "Evin Prison", "EVIN"],
        }
    )
    frame = prepare(records).frame
    assert set(frame["n_given"]) == {"mhmd rz"} and set(frame["n_surname"]) == {"hsini"}
    assert set(frame["n_stem"]) == {"hsin"}
    assert frame["f_key"].tolist() == [None, None, "ali"]  # from "son of Ali"
    assert frame["death_day"].tolist() == ["19880803", "19880803", None]
    assert frame["death_lo"].iloc[2] <= frame["death_lo"].iloc[0] <= frame["death_hi"].iloc[2]
    assert set(frame["x_prison"]) == {"avin"}


def test_place_key_drops_generic_words() -> None:
    assert place_key("Gohardasht Prison") == place_key("زندان گوهردشت") == place_key("gohardasht")
    assert place_key("prison") is None


def test_parallel_preparation_gives_the_same_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    records = victim_lists(120, seed=3).drop(columns=["person_id"])
    sequential = prepare(records).frame
    monkeypatch.setattr(prepare_module, "PARALLEL_FROM", 10)
    parallel = prepare(records).frame
    pd.testing.assert_frame_equal(sequential, parallel)
