"""The public case file leaves out every protected value and every testimony not consented for
publication — in every byte it hands over — and the team keeps the log of what it left out."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from dossier_world import CONSENTED, PROTECTED_VICTIM, WITHDRAWN_FOR_NWCU, WITHDRAWN_FOR_PUBLIC, World

from dadkhah.case import Case
from dadkhah.dossier import DossierOptions, Scope, build_dossier, prepare, redaction_log

pytestmark = pytest.mark.slow  # a whole case file, PDF included, takes several seconds


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _every_byte(folder: Path) -> list[tuple[str, bytes]]:
    """Every file handed over, and the text of every PDF among them."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found.append((str(path), data))
        if path.suffix == ".pdf":
            found.append((f"{path} (text)", _pdf_text(data).encode("utf-8")))
    return found


def test_the_public_case_file_holds_no_protected_value_and_no_withheld_testimony(
    world: World, demo_case: Case, tmp_path: Path
) -> None:
    options = DossierOptions(Scope("event", (world.ids["event"],)), "public")
    result = build_dossier(demo_case, options, tmp_path / "public")
    files = _every_byte(result.out)
    assert any(name.endswith("dossier.pdf (text)") for name, _ in files)
    forbidden = world.secrets + world.withdrawn_public + [WITHDRAWN_FOR_NWCU]
    assert len(world.secrets) > 20
    for name, data in files:
        for value in forbidden:
            assert value.encode("utf-8") not in data, f"{name} contains a value it must not"
    # The control: a claim cited from testimony consented for publication does reach the public,
    # so the absence above is the redaction's doing, not an empty case file.
    html = (result.out / "dossier.html").read_text(encoding="utf-8")
    assert CONSENTED in html
    assert CONSENTED in " ".join(_pdf_text((result.out / "dossier.pdf").read_bytes()).split())
    assert result.exhibits == 0  # no evidence file in this event is public


def test_the_redaction_log_stays_in_the_case_and_out_of_the_case_file(
    world: World, demo_case: Case, tmp_path: Path
) -> None:
    options = DossierOptions(Scope("event", (world.ids["event"],)), "public")
    result = build_dossier(demo_case, options, tmp_path / "public", pdf=False)
    record, left_out = redaction_log(demo_case, result.id)
    assert record.recipient == "public" and record.clearance == "public"
    reasons = {r.reason for r in left_out}
    # W-0003 withdrew consent to publication; the claim cited from that testimony is logged as such.
    assert "Testimony: consent withdrawn" in reasons
    assert any(r.startswith("rests on withheld material: consent withdrawn") for r in reasons)
    assert any(r.startswith("above the reader's clearance") for r in reasons)
    # The log is about the case, not in the case file: none of the ids it lists was handed over.
    handed = b"".join(data for _, data in _every_byte(result.out))
    hidden_claims = [r.target for r in left_out if r.kind == "claim"]
    assert hidden_claims
    assert not [c for c in hidden_claims if c.encode() in handed]


def test_the_whole_case_for_the_public_gives_only_the_published_photograph(
    world: World, demo_case: Case
) -> None:
    prepared = prepare(demo_case, DossierOptions(Scope("all"), "public"), pdf=False)
    assert [e.item for e in prepared.exhibits] == [world.ids["photo"]]
    for value in world.secrets + world.withdrawn_public:
        assert value not in prepared.html
    assert CONSENTED in prepared.html
    assert WITHDRAWN_FOR_PUBLIC not in prepared.html


def test_the_checks_can_fail_protected_names_reach_a_reader_cleared_for_them(
    world: World, demo_case: Case
) -> None:
    """The control for the leak checks above: the team's own case file shows the protected name,
    and the public one counts the victim without naming her."""
    options = DossierOptions(Scope("event", (world.ids["event"],)), "public")
    team = prepare(demo_case, options, demo_case.reader(), pdf=False)
    public = prepare(demo_case, options, pdf=False)
    assert PROTECTED_VICTIM[0] in team.html and PROTECTED_VICTIM[1] in team.html
    assert PROTECTED_VICTIM[0] not in public.html and PROTECTED_VICTIM[1] not in public.html
    assert public.dossier.victims_unnamed == team.dossier.victims_unnamed + 1
