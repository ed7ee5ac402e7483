"""Entity and claim ids: ULIDs as python-ulid spells them, strictly increasing within a process."""

from __future__ import annotations

import random
import time

from ulid import ULID

from dadkhah.store.writer import _Ulids, new_id, new_ids


def test_ids_are_ulids_of_now_and_strictly_increasing() -> None:
    before = time.time()
    ids = [new_id(), *new_ids(5000), new_id(), *new_ids(3)]
    after = time.time()
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    values = [int(ULID.from_str(i)) for i in ids]
    assert all(str(ULID.from_int(v)) == i for v, i in zip(values, ids, strict=True))
    assert all(before * 1000 - 2 <= v >> 80 <= after * 1000 + 2 for v in (values[0], values[-1]))  # ms
    # within one millisecond the next id is the last one plus one, as python-ulid makes them
    same_ms = [(a, b) for a, b in zip(values, values[1:], strict=False) if a >> 80 == b >> 80]
    assert same_ms and all(b == a + 1 for a, b in same_ms)


def test_any_value_is_spelled_as_python_ulid_spells_it() -> None:
    rng = random.Random(8493)
    future = (time.time_ns() // 1_000_000 + 10**9) << 80  # later than now: taken as "the last plus one"
    for value in [future, (1 << 128) - 1, *(future | rng.getrandbits(80) for _ in range(200))]:
        ulids = _Ulids()
        ulids._last = value - 1
        assert ulids.take(1) == [str(ULID.from_int(value))]


def test_a_clock_that_steps_back_never_makes_an_id_go_back() -> None:
    ulids = _Ulids()
    ulids._last = ((time.time_ns() // 1_000_000 + 60_000) << 80) | 5  # issued a minute "ahead"
    first, second = ulids.take(2)
    assert int(ULID.from_str(first)) == ulids._last - 1 and first < second
