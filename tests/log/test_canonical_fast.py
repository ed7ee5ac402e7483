"""The fast encoding of canonical JSON (the standard library's, for plain values) gives exactly
the bytes ``rfc8785`` gives, and leaves everything else to it."""

from __future__ import annotations

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from dadkhah.errors import InputError
from dadkhah.log.canonical import canonical_json, plain_json

_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"])  # lone surrogates: see the test below
    | st.sampled_from(['"', "\\", "\x00", "\x1f", "\x7f", "\u2028", "\ufeff", "é", "م", "😀"])
)
_KEYS = st.text(st.characters(max_codepoint=127), max_size=8)
_SCALARS = st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | _TEXT
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_plain_values_encode_as_rfc_8785_does(value: object) -> None:
    assert plain_json(value)
    assert canonical_json(value) == rfc8785.dumps(value)


@pytest.mark.parametrize(
    "value",
    [
        {"é": 1, "e": 2, "z": 3},  # non-ASCII keys: sorted by UTF-16 units
        {"\U0001f600": 1, "\uff61": 2},  # where code points and UTF-16 units disagree
        [2**53, -(2**53)],  # beyond the safe range
        {"x": (1, 2)},  # a tuple
        {"k": 1.0},  # no float is plain
    ],
)
def test_other_values_are_left_to_rfc_8785(value: object) -> None:
    assert not plain_json(value)
    try:
        expected: bytes | None = rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError):
        expected = None
    if expected is None:
        with pytest.raises(InputError):
            canonical_json(value)
    else:
        assert canonical_json(value) == expected


def test_lone_surrogates_and_non_string_keys_are_refused_as_before() -> None:
    for value in ({"a": "\ud800"}, {1: "a"}, {"a": float("nan")}):
        with pytest.raises(InputError):
            canonical_json(value)
