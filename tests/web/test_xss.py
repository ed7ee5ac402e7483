"""Script stored in every text field renders as text: no page carries it as markup."""

from __future__ import annotations

import re

import pytest

from dadkhah.case import Case
from dadkhah.model import Sensitivity

PAYLOADS = (
    '<script>alert("x1")</script>',
    '"><img src=x onerror=alert("x2")>',
    "javascript:alert('x3')",
    "{{7*7}}<svg/onload=alert('x4')>",
)
TEXT_TYPES = {"string", "text", "name", "identifier"}
SAMPLES = {"country": "XA", "date": "1988", "point": "35.0,51.0", "integer": "1", "language": "fa"}
REFS = {
    "Person": "victim",
    "Place": "prison",
    "Event": "event",
    "Organization": "commission",
    "Source": "report",
    "Violation": "violation",
    "EvidenceItem": "photo",
    "Testimony": "testimony",
    "Thing": "victim",
}


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _store_everywhere(case: Case, world) -> list[str]:  # type: ignore[no-untyped-def]
    """A payload in every text property of every entity type; returns the entities made."""
    made = []
    with case.writer() as w:
        source = w.create("Source", {"title": PAYLOADS[0], "kind": "report"})
        for schema in case.model.schemas.values():
            if schema.abstract:
                continue
            values: dict[str, object] = {}
            for prop in schema.properties.values():
                if prop.type.name in TEXT_TYPES and (prop.sensitivity or 0) < Sensitivity.PROTECTED:
                    values[prop.name] = PAYLOADS[len(values) % len(PAYLOADS)]
            for req in schema.required:
                prop = schema.properties[req]
                if prop.type.name == "entity":
                    values[req] = world[REFS[prop.range[0]]]
                elif prop.vocabulary is not None:
                    values[req] = next(iter(prop.vocabulary.terms))
                elif prop.type.name in SAMPLES:
                    values[req] = SAMPLES[prop.type.name]
                else:
                    values.setdefault(req, PAYLOADS[1])
            with w.conn.begin_nested():
                made.append(w.create(schema.name, values, source=source))
        w.claim(world["victim"], "name", PAYLOADS[1], source=source)
        w.claim(world["event"], "title", PAYLOADS[0], source=source)
        w.claim(world["prison"], "name", PAYLOADS[3], source=source)
    return made


def _unsafe(html: str) -> list[str]:
    found = []
    for payload in PAYLOADS:
        if payload in html and payload != PAYLOADS[2]:  # plain text "javascript:" is harmless as text
            found.append(payload)
    if re.search(r"<script>alert|<img src=x|<svg/onload", html):
        found.append("raw tag")
    if re.search(r'href="javascript:', html, re.I):
        found.append("javascript: link")
    return found


def test_stored_payloads_render_inert(case: Case, world, client_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    made = _store_everywhere(case, world)
    assert len(made) >= 10
    client = client_for("admin")
    upload = client.post(
        "/api/v1/evidence",
        content=b"plain text evidence\n",
        headers={"X-Filename": "%3Cscript%3Ealert(1)%3C%2Fscript%3E.txt", "X-Title": PAYLOADS[1]},
    )
    assert upload.status_code == 201, upload.text
    pages = ["/", "/entities", "/evidence", f"/evidence/{upload.json()['id']}", "/testimonies", "/custody"]
    pages += [f"/entities/{e}" for e in made if not e.startswith("x")]
    pages += [f"/entities/{world[k]}" for k in ("victim", "event", "prison")]
    for path in pages:
        response = client.get(path, headers={"accept": "text/html"}, follow_redirects=True)
        assert response.status_code == 200, path
        assert not _unsafe(response.text), (path, _unsafe(response.text))
        if path.startswith("/entities/"):  # the payload is there, as text
            assert (
                "&lt;script&gt;" in response.text or "&lt;img" in response.text or "&lt;svg" in response.text
            )
    for query in ("alert", "script", "onerror"):
        response = client.post("/search", data={"q": query}, headers={"accept": "text/html"})
        assert response.status_code == 200
        assert not _unsafe(response.text)
    # JSON answers carry the text as JSON strings; the pages' script inserts them as text nodes.
    assert client.get("/api/v1/timeline").headers["content-type"].startswith("application/json")


def test_pages_forbid_inline_script(client_for, world) -> None:  # type: ignore[no-untyped-def]
    response = client_for("admin").get("/", headers={"accept": "text/html"})
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text)  # every script has a src
    assert not re.search(r"<[^>]+\son[a-z]+=", response.text)  # no inline event handlers
