"""CSV per entity type (formula-safe), GeoJSON with [lon, lat] and dates, e-Court sheets."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dossier_world import World
from openpyxl import load_workbook

from dadkhah.access.keys import KeyFile, create_key_file, init_keyring
from dadkhah.case import Case
from dadkhah.exchange import export_csv, export_ecourt, export_geojson
from dadkhah.exchange.ecourt import parse_columns
from dadkhah.model import Sensitivity
from dadkhah.vault import ingest_file


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_a_file_per_type_and_never_a_formula(tmp_path: Path) -> None:
    case = Case.init(tmp_path / "case", owner="tester")
    key = create_key_file(tmp_path / "case.key")
    init_keyring(case.keys_path, case.id, KeyFile(key))
    with case.writer() as w:
        s = w.create(
            "Source", {"title": '=HYPERLINK("http://example.org","list")'}, sensitivity=Sensitivity.PUBLIC
        )
        p = w.create("Person", {"name": "+Ali Rezaei", "fatherName": "علی", "birthDate": "1960"}, source=s)
        w.create("Violation", {"victim": p, "act": "execution"}, source=s)
    summary = export_csv(case, tmp_path / "out")
    assert sorted(summary.files) == ["Person.csv", "Source.csv", "Violation.csv"]
    people = _rows(tmp_path / "out" / "Person.csv")
    assert people[0]["name"] == "'+Ali Rezaei" and people[0]["fatherName"] == "علی"
    assert people[0]["birthDate"] == "1960"
    assert people[0]["sources"].startswith("'=HYPERLINK")  # the source's title, made inert
    (violation,) = _rows(tmp_path / "out" / "Violation.csv")
    assert violation["victim"] == p and violation["victim_label"] == "'+Ali Rezaei"
    assert violation["act"] == "execution"
    # The public sees the source (public) but none of the internal claims.
    export_csv(case, tmp_path / "public", case.reader(view_as="public"))
    assert [f.name for f in sorted((tmp_path / "public").iterdir())] == ["Source.csv"]
    case.close()


def test_geojson_points_are_longitude_first_with_dates(
    demo_world: World, demo_case: Case, tmp_path: Path
) -> None:
    summary = export_geojson(demo_case, tmp_path / "case.geojson")
    data = json.loads((tmp_path / "case.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and summary.records == len(data["features"])
    by_id = {f["id"]: f for f in data["features"]}
    violation = by_id[demo_world.ids["protected_violation"]]
    place = by_id[violation["properties"]["place"]]
    lon, lat = place["geometry"]["coordinates"]
    snapshot_point = demo_case.view(place["id"]).properties["point"].current.value
    assert snapshot_point == f"{lat:.6f},{lon:.6f}"
    assert 11 <= lat <= 16 and 61 <= lon <= 66  # the fictional country lies there (docs/demo.md)
    assert violation["geometry"] == place["geometry"]
    assert violation["properties"]["start_iso"] == violation["properties"]["end_iso"] == "1988-08-10"
    event = by_id[demo_world.ids["event"]]
    assert event["properties"]["start_iso"] <= "1988-08-10" <= event["properties"]["end_iso"]
    public = json.loads(
        (
            export_geojson(demo_case, tmp_path / "p.geojson", demo_case.reader(view_as="public")).path
        ).read_text(encoding="utf-8")
    )
    assert demo_world.ids["protected_violation"] in {f["id"] for f in public["features"]}
    assert not any(f["properties"].get("victim_name") == "Shirin Golnaraghi" for f in public["features"])


def test_ecourt_sheets_list_the_exhibits_with_configurable_columns(
    demo_world: World, demo_case: Case, tmp_path: Path
) -> None:
    columns = ["Doc ID=ern_start", "End ID=ern_end", "title", "pages", "related_witness", "sha256"]
    summary = export_ecourt(demo_case, tmp_path / "ecourt", columns=columns, prefix="AMR-OTP")
    rows = _rows(tmp_path / "ecourt" / "evidence.csv")
    assert list(rows[0]) == ["Doc ID", "End ID", "Title", "Pages", "Related witness", "SHA-256"]
    assert summary.records == len(rows) == 6  # the demonstration's evidence files
    assert rows[0]["Doc ID"] == "AMR-OTP-0001-0001"
    for before, after in zip(rows, rows[1:], strict=False):  # pages run on without gaps
        assert int(after["Doc ID"][-4:]) == int(before["End ID"][-4:]) + 1
    witnessed = [r for r in rows if r["Related witness"]]
    assert witnessed and all(r["Related witness"] == "W-0001" for r in witnessed)  # T-0001's recording
    sheet = load_workbook(tmp_path / "ecourt" / "evidence.xlsx").active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == list(rows[0])
    assert [[str(v) if v is not None else "" for v in row] for row in cells[1:]] == [
        list(r.values()) for r in rows
    ]
    public = export_ecourt(demo_case, tmp_path / "public", demo_case.reader(view_as="public"))
    assert public.records == 1  # only the published photograph
    assert parse_columns(None)[0].header == "ERN start"


def test_ecourt_sheets_never_hold_a_formula(tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://example.org","x")', "+1+1", "-2+3", "@SUM(A1)", '=cmd|"/c calc"!A1']
    with Case.init(tmp_path / "case", owner="tester") as case:
        for n, title in enumerate(hostile):
            path = tmp_path / f"file{n}.txt"
            path.write_text(f"exhibit {n}\n", encoding="utf-8")
            ingest_file(case, path, title=title)
        export_ecourt(case, tmp_path / "ecourt", columns=["title", "sha256"])
    sheet = load_workbook(tmp_path / "ecourt" / "evidence.xlsx").active
    titles = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert len(titles) == len(hostile)
    active = ("=", "+", "-", "@")  # what a spreadsheet would run
    assert all(cell.data_type == "s" and not str(cell.value).startswith(active) for cell in titles)
    assert sorted(str(c.value).lstrip("'") for c in titles) == sorted(hostile)  # inert, not lost
    written = _rows(tmp_path / "ecourt" / "evidence.csv")
    assert all(not r["Title"].startswith(active) for r in written)
