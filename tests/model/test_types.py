"""Value types clean good input to one stored form and refuse bad input with a reason."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dadkhah.errors import InvalidValue
from dadkhah.model import REGISTRY, Sensitivity

CLEAN = [
    ("name", "  محمد\u200cرضا   حسینی ", "محمد\u200cرضا حسینی"),  # ZWNJ kept: names stay as written
    ("name", "Mohammad  Reza\tHosseini", "Mohammad Reza Hosseini"),
    ("name", "Ame\u0301lie", "Amélie"),  # NFC
    ("point", "35.7, 51.4", "35.700000,51.400000"),
    ("point", "-33.8688 151.2093", "-33.868800,151.209300"),
    ("country", "irn", "IR"),
    ("country", "Sweden", "SE"),
    ("country", "se", "SE"),
    ("country", "XA", "XA"),  # user-assigned: used for fictional countries
    ("language", "fas", "fa"),
    ("language", "EN", "en"),
    ("number", "1,200", "1200"),
    ("number", "2.5", "2.5"),
    ("integer", "+42", "42"),
    ("boolean", "Yes", "true"),
    (
        "hash",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ),
    ("mimetype", "Image/JPEG", "image/jpeg"),
    ("entity", "01hzy3q5v6w7x8y9z0abcdefgh", "01HZY3Q5V6W7X8Y9Z0ABCDEFGH"),
    ("sensitivity", "Protected", "protected"),
    ("text", "line one\r\nline  two", "line one\nline two"),
]


@pytest.mark.parametrize(("type_name", "raw", "expected"), CLEAN)
def test_clean(type_name: str, raw: str, expected: str) -> None:
    assert REGISTRY[type_name].clean(raw) == expected


REFUSED = [
    ("point", "91,0", "latitude"),
    ("point", "0,181", "longitude"),
    ("point", "north", "latitude,longitude"),
    ("country", "Atlantis", "not an ISO 3166"),
    ("language", "xx", "ISO 639"),
    ("number", "nan", "finite"),
    ("integer", "4.5", "whole number"),
    ("hash", "abc", "digest"),
    ("entity", "../../etc/passwd", "entity identifier"),
    ("url", "javascript:alert(1)", "http"),
    ("name", "   ", "empty"),
    ("name", "Ali\x00", "control character U\\+0000"),
    ("name", "Ali\x1b[31m", "control character U\\+001B"),
    ("name", "x" * 513, "limit is 512"),
    ("sensitivity", "secret", "public, internal, confidential, protected"),
]


@pytest.mark.parametrize(("type_name", "raw", "reason"), REFUSED)
def test_refused_with_reason(type_name: str, raw: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason):
        REGISTRY[type_name].clean(raw)


def test_non_text_is_refused() -> None:
    with pytest.raises(InvalidValue, match="expected text"):
        REGISTRY["string"].clean(12)


def test_sensitivity_is_ordered() -> None:
    assert Sensitivity.PUBLIC < Sensitivity.INTERNAL < Sensitivity.CONFIDENTIAL < Sensitivity.PROTECTED


@given(st.text(min_size=1, max_size=80))
def test_name_clean_is_idempotent_or_refuses(raw: str) -> None:
    name = REGISTRY["name"]
    try:
        cleaned = name.clean(raw)
    except InvalidValue:
        return
    assert name.clean(cleaned) == cleaned


@given(st.floats(-90, 90), st.floats(-180, 180))
def test_point_clean_is_idempotent(lat: float, lon: float) -> None:
    cleaned = REGISTRY["point"].clean(f"{lat},{lon}")
    assert REGISTRY["point"].clean(cleaned) == cleaned
