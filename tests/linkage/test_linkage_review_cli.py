"""``dadkhah link`` in a case and ``dadkhah review`` without a terminal, end to end in-process."""

from __future__ import annotations

import json
from pathlib import Path

from linkage_world import ListsWorld, fill

from dadkhah.case import Case
from dadkhah.linkage import canonical_victims
from dadkhah.linkage.matches import read_matches


def test_link_in_a_case_and_again(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "case"
    with Case.init(path, owner="tester") as case:
        fill(case, n_people=60)
    first = cli("--case", path, "link", "--review-band", "0.1,0.99", "--json")
    assert first.code == 0, first.err
    report = json.loads(first.out)
    assert report["records"] > 60 and report["lists"] == 3
    assert report["victims"]["created"] == report["victims"]["victims"] > 0
    assert report["review_band"] == [0.1, 0.99] and report["source_id"]
    again = cli("--case", path, "link")
    assert again.code == 0, again.err
    assert (
        "changed nothing" in again.out and f"{report['victims']['victims']:,} canonical victims" in again.out
    )


def test_link_options_are_checked(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "case"
    Case.init(path, owner="tester").close()
    assert "fewer than two" in cli("--case", path, "link").err
    assert "LOW,HIGH" in cli("--case", path, "link", "--review-band", "0.9").err
    assert "LOW,HIGH" in cli("--case", path, "link", "--review-band", "0.9,0.2").err
    wrong = cli("--case", path, "link", "--out", tmp_path / "x.csv")
    assert wrong.code == 2 and "apply to linking files" in wrong.err


def test_review_list_and_decide(cli, copy: tuple[Case, ListsWorld]) -> None:  # noqa: ANN001
    case, _ = copy
    path = case.path
    listed = cli("--case", path, "review", "--list", "--band", "0.05,1", "--json")
    assert listed.code == 0, listed.err
    queue = json.loads(listed.out)
    assert queue["items"] and queue["review_band"] == [0.05, 1.0]
    item = max(queue["items"], key=lambda i: i["probability"])
    assert item["left"]["list_title"].startswith("Victim list") and item["left"]["names"]
    before = {r.person_id: v.id for v in canonical_victims(case) for r in v.records}
    left, right = item["left"]["person"], item["right"]["person"]
    joined = before[left] == before[right]

    verdict = "different" if joined else "same"
    decided = cli(
        "--case", path, "review", "decide", item["pair"], verdict, "--reason", "checked the archive"
    )
    assert decided.code == 0, decided.err
    assert f"pair {item['pair']}: {verdict}" in decided.out
    after = {r.person_id: v.id for v in canonical_victims(case) for r in v.records}
    assert (after[left] == after[right]) is not joined
    with case.reading() as conn:
        match = next(m for m in read_matches(conn).values() if m.id == item["pair"])
    assert (match.decision, match.reason, match.decided_by) == (verdict, "checked the archive", "tester")

    table = cli("--case", path, "review", "--list", "--decided")
    assert table.code == 0 and item["pair"] in table.out and verdict in table.out
    changed = cli(
        "--case", path, "review", "decide", item["pair"], "unsure", "-r", "second thoughts", "--json"
    )
    assert json.loads(changed.out)["previous"] == verdict


def test_review_refuses_what_it_cannot_do(cli, copy: tuple[Case, ListsWorld]) -> None:  # noqa: ANN001
    case, _ = copy
    path = case.path
    pair = json.loads(cli("--case", path, "review", "--list", "--json", "--band", "0,1").out)["items"][0][
        "pair"
    ]
    interactive = cli("--case", path, "review")
    assert interactive.code == 2 and "interactive" in interactive.err
    assert cli("--case", path, "review", "decide", pair, "maybe", "--reason", "x").code == 2
    assert cli("--case", path, "review", "decide", pair, "same").code == 2  # --reason is required
    unknown = cli("--case", path, "review", "decide", "01J0000000000000000000000Z", "same", "-r", "x")
    assert unknown.code == 5 and "no pair" in unknown.err


def test_the_queue_and_the_estimate_are_read_as_the_reader_may_see_them(
    cli, copy: tuple[Case, ListsWorld]
) -> None:
    case, _ = copy
    path = case.path
    everyone = json.loads(cli("--case", path, "review", "--list", "--json", "--band", "0,1").out)["items"]
    public = cli("--case", path, "review", "--list", "--json", "--band", "0,1", "--as", "public")
    assert everyone and public.code == 0 and json.loads(public.out)["items"] == []  # the lists are internal
    assert cli("--case", path, "review", "--as", "public").code == 2  # deciding as a preview: no
    owner = cli("--case", path, "estimate", "--method", "loglinear", "--json")
    assert owner.code == 0, owner.err
    assert json.loads(owner.out)["total"]["observed"] > 0
    hidden = cli("--case", path, "estimate", "--method", "loglinear", "--json", "--as", "public")
    assert hidden.code == 7 and "public may see none of the" in hidden.err
