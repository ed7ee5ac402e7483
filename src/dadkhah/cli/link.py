"""``dadkhah link`` and ``dadkhah review``: link victim lists, and decide the uncertain pairs.

``dadkhah link FILE...`` links list files without a case; ``dadkhah link`` in a case links every
victim-list record, stores the pairs as claims and keeps the canonical victims in step.
``dadkhah review`` shows the uncertain pairs side by side at a terminal; ``review --list`` and
``review decide`` do the same without one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Column, Table

from dadkhah.cli.app import app
from dadkhah.cli.common import (
    AsOption,
    CaseOption,
    JsonOption,
    LazyModule,
    acting_user,
    console,
    open_case,
    print_json,
    reader_for,
    text,
)
from dadkhah.errors import InputError

if TYPE_CHECKING:
    from dadkhah.case import Case
    from dadkhah.linkage.review import Queue, ReviewPair

linkage = LazyModule("dadkhah.linkage")
case_link = LazyModule("dadkhah.linkage.case_link")
ENGINES = ("duckdb", "spark")


def _band(raw: str | None) -> tuple[float, float] | None:
    if raw is None:
        return None
    low, sep, high = raw.partition(",")
    try:
        band = (float(low), float(high))
    except ValueError:
        raise InputError("--review-band is LOW,HIGH, e.g. 0.2,0.95", field="--review-band") from None
    if not sep:
        raise InputError("--review-band is LOW,HIGH, e.g. 0.2,0.95", field="--review-band")
    return case_link.check_band(band)  # type: ignore[no-any-return]


@app.command("link")
def link_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="List files (CSV or XLSX) to link without a case. None: link the case's lists."),
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="duckdb (in process) or spark (local).")] = "duckdb",
    threshold: Annotated[
        float, typer.Option("--threshold", help="Match probability at which two records are one person.")
    ] = 0.9,
    review_band: Annotated[
        str | None,
        typer.Option(
            "--review-band", help="In a case: LOW,HIGH, the probabilities a reviewer is shown (0.2,0.95)."
        ),
    ] = None,
    id_column: Annotated[
        str | None, typer.Option("--id-column", help="Files: column holding each record's id in its file.")
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Files: field=column,... Fields: name, given_name, surname, father_name, birth_date, "
            "birth_year, death_date, death_year, arrest_date, birth_place, death_place, prison, "
            "burial_place, gender, national_id, address, street_number, locality, postcode, region. A "
            "column named like a field is used without mapping.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Files: write file,record_id,cluster_id to this CSV.")
    ] = None,
    pairs_out: Annotated[
        Path | None, typer.Option("--pairs", help="Files: also write every scored pair with its probability.")
    ] = None,
    link_only: Annotated[
        bool, typer.Option("--link-only", help="Files: link across files only, never within one file.")
    ] = False,
    empty_names: Annotated[
        str,
        typer.Option("--empty-names", help="Files: records without a name: error (default), skip, or keep."),
    ] = "error",
    calendar: Annotated[
        str,
        typer.Option("--calendar", help="Files: auto (years below 1500 are Solar Hijri), gregorian, jalali."),
    ] = "auto",
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Files: CSV encoding (default: detect UTF-8/16, cp1256).")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Files: XLSX sheet (default: the first).")
    ] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Link victim lists: who, across and within the lists, is the same person?

    In a case (no FILE): every victim-list record is linked, each pair from p = 0.05 up is
    stored with its probability, reviewers' decisions are applied, and each person becomes one
    canonical victim listing every source that names them. Uncertain pairs go to `dadkhah review`.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine '{engine}'; use {' or '.join(ENGINES)}", field="--engine")
    if not files:
        standalone = {"--id-column": id_column, "--map": mapping, "--out": out, "--pairs": pairs_out,
                      "--encoding": encoding, "--sheet": sheet}  # fmt: skip
        given = [name for name, value in standalone.items() if value is not None]
        if link_only:
            given.append("--link-only")
        if given:
            raise InputError(f"{', '.join(given)} apply to linking files; give the files", field=given[0])
        _link_case(ctx, case, engine, threshold, _band(review_band), json_out)
        return
    if review_band is not None:
        raise InputError("--review-band applies in a case (no files)", field="--review-band")
    _link_files(files, id_column, mapping, out, pairs_out, engine, threshold, link_only, empty_names,
                calendar, encoding, sheet, json_out)  # fmt: skip


def _link_case(
    ctx: typer.Context,
    case: Path | None,
    engine: str,
    threshold: float,
    band: tuple[float, float] | None,
    json_out: bool,
) -> None:
    status = Console(file=sys.stderr)
    with open_case(ctx, case) as opened:
        author = acting_user(ctx, opened)
        with status.status("Linking", spinner="dots") as spinner:
            report = linkage.link_case(
                opened,
                author=author,
                reader=reader_for(ctx, opened),
                engine=engine,
                threshold=threshold,
                review_band=band or case_link.DEFAULT_BAND,
                progress=lambda message: spinner.update(message[:1].upper() + message[1:]),
            )
    if json_out:
        print_json(report.to_dict())
        return
    c = console()
    v = report.victims
    c.print(
        text(
            f"{report.records:,} records in {report.lists} lists → {v.victims:,} canonical victims "
            f"at p ≥ {report.threshold} ({report.decisions_applied} reviewers' decisions applied)"
        )
    )
    c.print(
        text(
            f"pairs: {report.pairs_stored:,} stored from p = 0.05 ({report.matches_created:,} new, "
            f"{report.probabilities_changed:,} changed, {report.probabilities_withdrawn:,} withdrawn); "
            f"victims: {v.unchanged:,} unchanged, {v.changed:,} changed, {v.created:,} new, "
            f"{v.retired:,} retired"
        )
    )
    low, high = report.review_band
    c.print(text(f"{report.review_queue:,} pairs to review ({low} ≤ p < {high}): dadkhah review"))
    if report.source_id:
        c.print(text(f"run {report.run_id}; its claims cite source {report.source_id}", "dim"))
    else:
        c.print(text(f"run {report.run_id} changed nothing", "dim"))
    for note in report.notes:
        c.print(text(f"note: {note}", "yellow"))


def _link_files(
    files: list[Path],
    id_column: str | None,
    mapping: str | None,
    out: Path | None,
    pairs_out: Path | None,
    engine: str,
    threshold: float,
    link_only: bool,
    empty_names: str,
    calendar: str,
    encoding: str | None,
    sheet: str | None,
    json_out: bool,
) -> None:
    if id_column is None:
        raise InputError("--id-column is required: the column with each record's id", field="--id-column")
    if out is None:
        raise InputError("--out is required: the CSV to write the clusters to", field="--out")
    if empty_names not in ("error", "skip", "keep"):
        raise InputError("--empty-names is error, skip or keep", field="--empty-names")
    if calendar not in ("auto", "gregorian", "jalali"):
        raise InputError("--calendar is auto, gregorian or jalali", field="--calendar")
    spec = linkage.LinkSpec(
        threshold=threshold,
        keep_pairs_above=min(0.05, threshold),
        link_type="link_only" if link_only else "link_and_dedupe",
        calendar=calendar,
        empty_names=empty_names,
    )
    records = linkage.load_records(
        files, id_column, linkage.parse_mapping(mapping), encoding=encoding, sheet=sheet
    )
    status = Console(file=sys.stderr)
    with status.status(f"Linking {len(records):,} records on {engine}", spinner="dots"):
        result = linkage.link_records(records, spec, engine=engine)
    clusters = result.clusters
    linkage.write_csv(
        out,
        ["file", "record_id", "cluster_id"],
        zip(clusters["source"], clusters["record_id"], clusters["cluster_id"], strict=True),
    )
    if pairs_out is not None:
        p = result.pairs
        linkage.write_csv(
            pairs_out,
            ["file_l", "record_id_l", "file_r", "record_id_r", "match_probability"],
            zip(p["source_l"], p["record_id_l"], p["source_r"], p["record_id_r"],
                p["match_probability"].round(6), strict=True),
        )  # fmt: skip
    summary = {
        "records": result.stats["records"],
        "files": result.stats["sources"],
        "clusters": result.stats["clusters"],
        "linked_records": int(clusters["cluster_id"].duplicated(keep=False).sum()),
        "pairs_scored": result.stats["pairs_kept"],
        "threshold": threshold,
        "engine": engine,
        "out": str(out),
        "notes": result.notes,
    }
    if json_out:
        print_json(summary)
        return
    c = console()
    c.print(
        text(
            f"{summary['records']:,} records in {summary['files']} file(s) → {summary['clusters']:,} "
            f"people ({summary['linked_records']:,} records linked to another) at p ≥ {threshold}"
        )
    )
    c.print(text(f"clusters written to {out}"))
    for note in result.notes:
        c.print(text(f"note: {note}", "yellow"))


# -- review ------------------------------------------------------------------------------------

review_app = typer.Typer(
    help="Decide the pairs of list records the model is unsure of: same person, different, unsure.",
    invoke_without_command=True,
)
app.add_typer(review_app, name="review")

KEYS = {"s": "same", "d": "different", "u": "unsure"}


@review_app.callback()
def review_command(
    ctx: typer.Context,
    list_only: Annotated[bool, typer.Option("--list", help="Print the queue instead of reviewing.")] = False,
    decided: Annotated[bool, typer.Option("--decided", help="With --list: the decided pairs.")] = False,
    band: Annotated[
        str | None, typer.Option("--band", help="LOW,HIGH (default: the band of the latest `dadkhah link`).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Show at most this many pairs.")] = None,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Review the queue at a terminal: pairs side by side; keys s same, d different, u unsure,
    n next, q quit; each decision asks for its reason."""
    if ctx.invoked_subcommand is not None:
        return
    chosen = _band(band)
    if limit is not None and limit < 1:
        raise InputError("--limit is at least 1", field="--limit")
    listing = list_only or json_out or decided
    if view_as is not None and not listing:
        raise InputError("--as previews the queue: use it with --list or --json", field="--as")
    with open_case(ctx, case) as opened:
        reader = reader_for(ctx, opened, view_as)
        if listing:
            queue = linkage.review_queue(opened, reader, band=chosen, decided=decided, limit=limit)
            _print_queue(queue, json_out)
            return
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError(
                "dadkhah review is interactive; without a terminal use `dadkhah review --list` and "
                "`dadkhah review decide PAIR same|different|unsure --reason TEXT`"
            )
        _interactive(ctx, opened, chosen, limit)


@review_app.command("decide")
def decide_command(
    ctx: typer.Context,
    pair: Annotated[str, typer.Argument(help="The pair's id (from dadkhah review --list).")],
    verdict: Annotated[str, typer.Argument(help="same, different or unsure.")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why (recorded with your decision).")],
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Decide one pair. "same" and "different" override the model, now and in every later run."""
    with open_case(ctx, case) as opened:
        report = linkage.decide(
            opened,
            pair,
            verdict,
            reason=reason,
            author=acting_user(ctx, opened),
            reader=reader_for(ctx, opened),
        )
    if json_out:
        print_json(report.to_dict())
        return
    was = f" (was {report.previous})" if report.previous else ""
    v = report.victims
    console().print(
        text(
            f"pair {report.match_id}: {report.verdict}{was}; canonical victims: {v.changed} changed, "
            f"{v.created} new, {v.retired} retired"
        )
    )


def _print_queue(queue: Queue, json_out: bool) -> None:
    if json_out:
        print_json(queue.to_dict())
        return
    c = console()
    low, high = queue.band
    table = Table("pair", "p", "decision", "record", "other record", box=None, show_edge=False)
    for pair in queue.pairs:
        table.add_row(
            text(pair.match_id, "dim"),
            text("—" if pair.probability is None else f"{pair.probability:.3f}"),
            text(pair.decision or ""),
            text(_summary(pair, "left")),
            text(_summary(pair, "right")),
        )
    c.print(table)
    c.print(
        text(
            f"{len(queue.pairs):,} pair(s) shown; band {low} ≤ p < {high}, threshold {queue.threshold}; "
            f"{queue.decided:,} decided so far",
            "dim",
        )
    )


def _summary(pair: ReviewPair, side: str) -> str:
    record = pair.left if side == "left" else pair.right
    facts = [" / ".join(record.names)]
    if record.father:
        facts.append(f"father {record.father}")
    if record.death:
        facts.append(f"died {record.death}")
    return f"{'; '.join(facts)} — {record.list_title} ({record.where})"


FIELDS = (
    ("list", "list_title"),
    ("where", "where"),
    ("names", "names"),
    ("father", "father"),
    ("born", "birth"),
    ("arrested", "arrest"),
    ("died", "death"),
    ("prison", "prison"),
    ("buried", "burial"),
    ("gender", "gender"),
)


def _side_by_side(pair: ReviewPair, position: int, total: int) -> Table:
    left, right = pair.left.to_dict(pair.places), pair.right.to_dict(pair.places)
    shown = "—" if pair.probability is None else f"{pair.probability:.3f}"
    table = Table(
        Column(text(f"{position}/{total}  p = {shown}", "bold")),
        Column(text("record")),
        Column(text("other record")),
        title=text(f"pair {pair.match_id}", "dim"),
        show_lines=True,
    )
    for label, key in FIELDS:
        a, b = left.get(key), right.get(key)
        if isinstance(a, list):
            a, b = " / ".join(a), " / ".join(b or [])
        if not a and not b:
            continue
        style = "green" if a and a == b else ""
        table.add_row(text(label, "dim"), text(a or "—", style), text(b or "—", style))
    return table


def _interactive(
    ctx: typer.Context, opened: Case, band: tuple[float, float] | None, limit: int | None
) -> None:
    import click

    reader = reader_for(ctx, opened)
    author = acting_user(ctx, opened)
    records = linkage.list_records(opened, reader)
    queue = linkage.review_queue(opened, reader, band=band, limit=limit)
    c = console()
    if not queue.pairs:
        c.print(text("Nothing to review in this band."))
        return
    last_reason = ""
    decided = 0
    try:
        for position, pair in enumerate(queue.pairs, 1):
            c.print(_side_by_side(pair, position, len(queue.pairs)))
            c.print(text("[s] same person  [d] different people  [u] unsure  [n] next  [q] quit", "bold"))
            key = click.getchar().lower()
            if key == "q":
                break
            if key not in KEYS:
                continue
            reason = typer.prompt("Reason", default=last_reason or None, show_default=bool(last_reason))
            linkage.decide(opened, pair.match_id, KEYS[key], reason=reason, author=author, reader=reader,
                           records=records, recluster_now=False)  # fmt: skip
            last_reason = reason
            decided += 1
            c.print(text(f"recorded: {KEYS[key]}", "green"))
    finally:
        if decided:
            changes = linkage.recluster_case(
                opened, author=author, reader=reader, reason=f"review session by {author}"
            )
            c.print(
                text(
                    f"{decided} decision(s) recorded; canonical victims: {changes.changed} changed, "
                    f"{changes.created} new, {changes.retired} retired"
                )
            )
