from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from dadkhah.errors import InputError, IntegrityError
from dadkhah.log.canonical import (
    EVENT_KINDS,
    canonical_json,
    custody_event,
    decode_event,
    encode_event,
    parse_rfc3339_utc,
    rfc3339_utc,
)

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"  # SHA-256("test")
AT = datetime(2024, 3, 1, 12, 30, 5, 250000, tzinfo=UTC)


def test_rfc_8785_example_serialises_as_published() -> None:
    # RFC 8785 §3.2.2 input and §3.2.3 output.
    text = (
        '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",'
        ' "literals": [null, true, false]}'
    )
    want = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
    want += '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    assert canonical_json(json.loads(text)) == want.encode()


def test_values_canonical_json_cannot_hold_are_input_errors() -> None:
    with pytest.raises(InputError, match="canonical JSON"):
        canonical_json({"n": float("nan")}, field="fields")
    with pytest.raises(InputError, match="canonical JSON"):
        canonical_json({"n": 2**53 + 1})


def test_event_is_canonical_with_sorted_members_and_utc_time() -> None:
    event = custody_event(
        "ingested",
        at=AT.astimezone(timezone(timedelta(hours=3, minutes=30))),  # Tehran time, same instant
        actor="user:01HVUSER",
        subjects=["01HVITEM0000000000000000", f"blob:sha256:{SHA}"],
        hashes={"sha256": SHA},
        fields={"method": "upload", "size": 4},
    )
    assert encode_event(event) == (
        b'{"actor":"user:01HVUSER","at":"2024-03-01T12:30:05.250000Z",'
        b'"fields":{"method":"upload","size":4},'
        b'"hashes":{"sha256":"' + SHA.encode() + b'"},"kind":"ingested",'
        b'"subjects":["01HVITEM0000000000000000","blob:sha256:' + SHA.encode() + b'"],"v":1}'
    )
    assert decode_event(encode_event(event)) == event


def test_every_kind_of_the_vocabulary_is_accepted_and_nothing_else() -> None:
    vocabulary = {
        "collected", "ingested", "derived", "opened", "exported",
        "transferred", "verified", "imported", "accessed",
    }  # fmt: skip
    assert vocabulary == EVENT_KINDS
    for kind in EVENT_KINDS:
        custody_event(kind, at=AT, actor="u1", subjects=[])
    with pytest.raises(InputError, match="field 'kind'"):
        custody_event("deleted", at=AT, actor="u1", subjects=[])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"actor": "Maryam Ahmadi"}, "actor"),  # a (fictional) name is not an id
        ({"subjects": ["W-0042", "Reza K."]}, "subjects\\[1\\]"),
        ({"subjects": "W-0042"}, "subjects"),
        ({"at": datetime(2024, 3, 1, 12, 0)}, "at"),  # naive time
        ({"hashes": {"md5": "0" * 32}}, "hashes"),
        ({"hashes": {"sha256": SHA.upper()}}, "hashes.sha256"),
        ({"fields": {"name": "anything"}}, "name"),
        ({"fields": {"location": "anything"}}, "location"),
        ({"fields": {"Bad Key": 1}}, "fields"),
        ({"fields": {"ratio": float("inf")}}, "fields"),
    ],
)
def test_bad_events_are_refused_naming_the_field(kwargs: dict, field: str) -> None:
    args = {"at": AT, "actor": "u1", "subjects": ["W-0042"]} | kwargs
    with pytest.raises(InputError, match=f"field '{field}'"):
        custody_event("opened", **args)


def test_time_form_is_unique() -> None:
    assert rfc3339_utc(AT) == "2024-03-01T12:30:05.250000Z"
    assert parse_rfc3339_utc("2024-03-01T12:30:05.250000Z") == AT
    for text in [
        "2024-03-01T12:30:05.25Z",
        "2024-03-01T12:30:05.250000+00:00",
        "2024-03-01 12:30:05.250000Z",
    ]:
        with pytest.raises(InputError):
            parse_rfc3339_utc(text)


@pytest.mark.parametrize(
    ("leaf", "reason"),
    [
        (b"\xff", "leaf 3 is not UTF-8 JSON"),
        (b'{"v": 1}', "not in RFC 8785 canonical form"),
        (b"[1]", "not a version 1 custody event"),
        (
            b'{"actor":"u1","at":"2024-03-01T12:30:05.250000Z","kind":"opened","subjects":[],"v":1,"x":1}',
            "members",
        ),
        (
            b'{"actor":"u 1","at":"2024-03-01T12:30:05.250000Z","kind":"opened","subjects":[],"v":1}',
            "not a valid",
        ),
    ],
)
def test_decoding_names_a_leaf_that_dadkhah_did_not_write(leaf: bytes, reason: str) -> None:
    with pytest.raises(IntegrityError, match=reason):
        decode_event(leaf, index=3)
