from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from dadkhah.errors import InputError
from dadkhah.estimate import estimate_dga, estimate_loglinear, estimate_strata, save_plot


def svg_text(path) -> str:  # type: ignore[no-untyped-def]
    # matplotlib writes text as glyph paths by default; its id/comment keeps the string searchable.
    return path.read_text(encoding="utf-8")


def test_png_has_the_png_signature_and_a_readable_size(fixture_table, tmp_path):
    out = save_plot(estimate_loglinear(fixture_table("uk_modern_slavery_2013")), tmp_path / "uk.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1200 and height >= 450


def test_svg_is_valid_xml_with_one_bar_pair_per_stratum(tmp_path):
    rng = np.random.default_rng(3)
    records = []
    for prison, size, lists in (("Evin", 800, "ABCD"), ("Qom", 400, "AB")):
        for _ in range(size):
            on = frozenset(name for name in lists if rng.random() < 0.35)
            records.append((on, {"prison": prison}))
    result = estimate_strata(records, ["A", "B", "C", "D"], ["prison"], method="dga", seed=1)
    out = save_plot(result, tmp_path / "strata.svg")
    root = ET.fromstring(out.read_bytes())
    assert root.tag.endswith("svg")
    text = svg_text(out)
    # Labels of both strata, the total row, and the not-estimable marker appear in the drawing.
    for label in ("prison=Evin", "prison=Qom", "TOTAL", "not estimable"):
        assert label in text


def test_profile_likelihood_panel_is_labelled_as_such(fixture_table, tmp_path):
    out = save_plot(estimate_loglinear(fixture_table("new_orleans_5"), pairs=[]), tmp_path / "p.svg")
    assert "relative profile likelihood" in svg_text(out)
    out = save_plot(estimate_dga(fixture_table("new_orleans_5"), seed=1), tmp_path / "d.svg")
    assert "posterior probability" in svg_text(out)


def test_unknown_format_is_refused(fixture_table, tmp_path):
    with pytest.raises(InputError, match=r"\.png or \.svg"):
        save_plot(estimate_loglinear(fixture_table("new_orleans_5")), tmp_path / "plot.jpg")


def test_trace_has_one_line_per_chain_and_needs_mcmc(fixture_table, tmp_path):
    from dadkhah.estimate import SamplerSettings, estimate_lcmcr, save_trace

    settings = SamplerSettings(chains=3, burn_in=200, draws=100, thin=2)
    result = estimate_lcmcr(fixture_table("madigan_york_spina_bifida"), settings=settings, seed=4)
    assert result.posterior.chains.shape == (3, 100)
    assert np.array_equal(result.posterior.chains.ravel(), result.posterior.draws)
    text = svg_text(save_trace(result, tmp_path / "trace.svg"))
    for label in ("chain 1", "chain 2", "chain 3", "occupied classes"):
        assert label in text
    assert "chain 4" not in text
    with pytest.raises(InputError, match="lcmcr"):
        save_trace(estimate_loglinear(fixture_table("madigan_york_spina_bifida")), tmp_path / "t.png")
