"""Verification's quick reading of custody leaves agrees with ``decode_event``, the authority."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dadkhah.errors import IntegrityError
from dadkhah.log.canonical import custody_event, decode_event, encode_event
from dadkhah.vault.verify import VerifyReport, _event

GOOD = encode_event(
    custody_event(
        "ingested",
        at=datetime(2024, 3, 1, 12, 0, 5, 123456, tzinfo=UTC),
        actor="user:ana",
        subjects=["item:01HV0000000000000000000000", "blob:sha256:" + "ab" * 32],
        hashes={"sha256": "ab" * 32, "sha512": "cd" * 64},
        fields={"size": 12, "new_content": True, "media_type": "text/plain", "notes": {"b": [1, None]}},
    )
)
VARIANTS = {
    "as written": GOOD,
    "a day that does not exist": GOOD.replace(b"2024-03-01", b"2024-02-30"),
    "a month that does not exist": GOOD.replace(b"2024-03-01", b"2024-13-01"),
    "a personal-data field name": GOOD.replace(b'"size"', b'"name"'),
    "a field name out of form": GOOD.replace(b'"size"', b'"Size"'),
    "an integer beyond 2^53": GOOD.replace(b'"size":12', b'"size":%d' % 2**60),
    "an integer at 2^53 - 1": GOOD.replace(b'"size":12', b'"size":%d' % (2**53 - 1)),
    "a float": GOOD.replace(b'"size":12', b'"size":1.5'),
    "NaN": GOOD.replace(b'"size":12', b'"size":NaN'),
    "a non-ASCII nested key": GOOD.replace(b'{"b":', '{"\U0001f600":'.encode()),
    "another version": GOOD.replace(b'"v":1', b'"v":2'),
    "an extra member": GOOD.replace(b'{"actor"', b'{"extra":1,"actor"'),
    "upper-case hex": GOOD.replace(b"ab" * 32 + b'","sha512"', b"AB" * 32 + b'","sha512"'),
    "an unknown hash": GOOD.replace(b'"sha512"', b'"md5"'),
    "a space": GOOD.replace(b'"size":12', b'"size": 12'),
    "keys out of order": GOOD.replace(b'"new_content":true,"notes"', b'"notes"').replace(
        b',"size"', b',"new_content":true,"size"'
    ),
    "a name as the actor": GOOD.replace(b'"user:ana"', b'"Ana Example"'),
    "no fields": GOOD[: GOOD.index(b',"fields"')] + GOOD[GOOD.index(b',"hashes"') :],
    "empty fields": GOOD[: GOOD.index(b'"fields":') + 9] + b"{}" + GOOD[GOOD.index(b',"hashes"') :],
    "not UTF-8": GOOD.replace(b"text/plain", b"text/\xff"),
    "an escaped lone surrogate": GOOD.replace(b"text/plain", b"text/\\ud800"),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_the_quick_reading_accepts_exactly_what_decode_event_accepts(name: str) -> None:
    data = VARIANTS[name]
    try:
        expected = decode_event(data, index=7)
    except IntegrityError:
        expected = None
    report = VerifyReport()
    got = _event(data, 7, report)
    assert got == expected
    assert (report.problems == []) == (expected is not None)
    if expected is None:
        assert report.problems[0].startswith("leaf 7 ")


def test_the_variants_cover_both_verdicts() -> None:
    verdicts = set()
    for data in VARIANTS.values():
        try:
            decode_event(data)
            verdicts.add(True)
        except IntegrityError:
            verdicts.add(False)
    assert verdicts == {True, False}
