"""Testimony: the witness registry, interviews, segments, translations and consent.

The Python API the demonstration loader and other services call (all writes take an open
:class:`~dadkhah.store.Writer`, so they commit with everything else or not at all)::

    person, code = register_witness(w, names=["..."], contacts=["..."], location="...",
                                    relatives=[Relative("...", "brother", "...")],
                                    risk="high", measures=["pseudonym"])
    t = add_testimony(w, witness=code, date="2019-05-04", language="fa",
                      interviewers=["..."], interpreter="...", place=place_id,
                      recording=Path("interview.ogg"), blobs=case.blobs)
    ids = add_segments(w, t, [SegmentText("...", "00:00:00", "00:01:10"), "..."])
    add_translation(w, ids[0], "...", language="en", translator="...")
    cite(w, ids[0], victim_id, "deathDate", "1988-07-30")     # a claim located in the segment
    record_consent(w, code, uses=["investigation", "prosecution"],
                   recipients=["national-war-crimes-unit"], effective="2019-05-04")
    withdraw_consent(w, code, recipients=["national-war-crimes-unit"], effective="2021-01-10")

Reading goes through a :class:`~dadkhah.access.Redaction` (``with case.redacted(reader) as
(conn, red)``): :func:`view_testimony`, :func:`compare_statements`, :func:`export_testimony`,
:func:`witness_view`, :func:`witness_rows`.
"""

from dadkhah.testimony.recording import (
    SEGMENT_SENSITIVITY,
    SegmentText,
    add_segments,
    add_testimony,
    add_translation,
    cite,
    link_prior,
    parse_segments,
    record_consent,
    timestamp,
    translate,
    withdraw_consent,
)
from dadkhah.testimony.views import (
    compare_statements,
    consent_history,
    export_testimony,
    export_text,
    list_testimonies,
    view_testimony,
    witness_rows,
    witness_view,
)
from dadkhah.testimony.witnesses import (
    Relative,
    WitnessRecord,
    add_measure,
    list_witnesses,
    register_witness,
    resolve_witness,
    set_risk,
)

__all__ = [
    "Relative",
    "SEGMENT_SENSITIVITY",
    "SegmentText",
    "WitnessRecord",
    "add_measure",
    "add_segments",
    "add_testimony",
    "add_translation",
    "cite",
    "consent_history",
    "export_testimony",
    "export_text",
    "link_prior",
    "compare_statements",
    "list_testimonies",
    "list_witnesses",
    "parse_segments",
    "record_consent",
    "register_witness",
    "resolve_witness",
    "set_risk",
    "timestamp",
    "translate",
    "view_testimony",
    "withdraw_consent",
    "witness_rows",
    "witness_view",
]
