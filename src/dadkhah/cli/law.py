"""Legal commands: the knowledge base (``dadkhah law ...``), forum analysis (``dadkhah forums``) and the
case matrix (``dadkhah allege``, ``prove``, ``withdraw-proof``, ``matrix``)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from dadkhah import law
from dadkhah.cli.app import app
from dadkhah.cli.common import (
    AsOption,
    CaseOption,
    JsonOption,
    SensitivityOption,
    SourceOption,
    acting_user,
    console,
    open_case,
    print_json,
    print_notices,
    print_stderr_notices,
    reader_for,
    resolve_source,
    text,
)
from dadkhah.errors import InputError, NotFound
from dadkhah.law.schema import FILE_KINDS, InternationalForum, NationalForum, UnMechanism
from dadkhah.model import Sensitivity

law_app = typer.Typer(
    help="The legal knowledge base: crimes, modes of liability, forums.", no_args_is_help=True
)
app.add_typer(law_app, name="law")

VERDICT_STYLE = {"available": "green", "barred": "red", "uncertain": "yellow"}
EFFECT_STYLE = {"bars": "red", "establishes": "green", "contested": "yellow", "unknown": "yellow"}


@law_app.command("crimes")
def crimes(json_out: JsonOption = False) -> None:
    """List the crimes with their elements."""
    kb = law.default()
    if json_out:
        print_json([_crime_dict(c) for c in kb.crimes.values()])
        return
    table = Table("code", "crime", "elements", "confidence", box=None, show_edge=False)
    for crime in kb.crimes.values():
        kinds = " ".join(f"{e.label.split()[0]}:{e.kind[:4]}" for e in crime.elements)
        table.add_row(
            text(crime.code, "bold"), text(crime.title), text(kinds, "dim"), text(crime.source.conf)
        )
    console().print(table)


@law_app.command("modes")
def modes(json_out: JsonOption = False) -> None:
    """List the modes of liability with their elements."""
    kb = law.default()
    if json_out:
        print_json([_mode_dict(m) for m in kb.modes.values()])
        return
    table = Table("code", "mode of liability", "article", "elements", "confidence", box=None, show_edge=False)
    for mode in kb.modes.values():
        table.add_row(
            text(mode.code, "bold"),
            text(mode.title),
            text(mode.article),
            text(str(len(mode.elements))),
            text(mode.source.conf),
        )
    console().print(table)


@law_app.command("forums")
def forums_list(json_out: JsonOption = False) -> None:
    """List the forums: courts and UN mechanisms, with their offences and links."""
    kb = law.default()
    if json_out:
        print_json([f.model_dump(mode="json", by_alias=True) for f in kb.forums.values()])
        return
    table = Table(
        "code", "forum", "type", "offences (in force from)", "links", "trial", box=None, show_edge=False
    )
    for forum in kb.forums.values():
        if isinstance(forum, UnMechanism):
            table.add_row(
                text(forum.code, "bold"),
                text(forum.name),
                text(forum.type),
                text(forum.accepts.purpose[:60] + "…"),
                text(""),
                text(""),
            )
            continue
        offences = ", ".join(f"{o.code} ({o.in_force or '?'})" for o in forum.offences)
        links = (
            "art. 12-13" if isinstance(forum, InternationalForum) else ", ".join(b.kind for b in forum.bases)
        )
        table.add_row(
            text(forum.code, "bold"),
            text(forum.name),
            text(forum.type),
            text(offences),
            text(links),
            text(forum.procedure.trial_presence.rule),
        )
    console().print(table)


@law_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="A crime, mode, element, forum or immunity code.")],
    json_out: JsonOption = False,
) -> None:
    """Show one entry of the knowledge base in full."""
    kb = law.default()
    data = _lookup(kb, code)
    if json_out:
        print_json(data)
        return
    out = console()
    _print_tree(out, data, 0)


@law_app.command("schema")
def schema(
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join([*FILE_KINDS, 'scenario'])}.")],
) -> None:
    """Print the JSON Schema of a kind of data file (or of scenario files)."""
    if kind not in FILE_KINDS and kind != "scenario":
        raise InputError(
            f"unknown kind '{kind[:40]}'; choose one of {', '.join([*FILE_KINDS, 'scenario'])}", field="kind"
        )
    print_json(law.json_schema(kind))


@law_app.command("check")
def check(
    data_dir: Annotated[Path, typer.Argument(help="A data folder laid out like the shipped one.")],
) -> None:
    """Validate a knowledge-base folder (e.g. after adding a state's file); errors name file, line, field."""
    kb = law.load(data_dir)
    console().print(
        text(
            f"OK: {len(kb.crimes)} crimes, {len(kb.modes)} modes, {len(kb.immunities)} immunity "
            f"rules, {len(kb.forums)} forums"
        )
    )


@app.command("forums")
def forums(
    ctx: typer.Context,
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="Scenario file (YAML) describing suspect and conduct.")
    ] = None,
    suspect: Annotated[
        str | None, typer.Option("--suspect", help="A Person in the case: the facts come from its claims.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Assess on this day (YYYY-MM-DD) instead of the scenario's (or, for --suspect, today).",
        ),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option("--forum", help="Only this forum code; repeat for more.")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Show every reason, not only the decisive ones.")
    ] = False,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Which courts and UN mechanisms could act against a suspect, and what stands in the way."""
    if (scenario is None) == (suspect is None):
        raise InputError("give either --scenario FILE or --suspect ID", field="--suspect")
    kb = law.default()
    found: law.CaseFacts | None = None
    if scenario is not None:
        facts = law.load_scenario(scenario, kb).at(_day(as_of))
    else:
        assert suspect is not None
        with open_case(ctx, case) as opened:
            found = law.case_facts(opened, suspect, _day(as_of), reader_for(ctx, opened, view_as), kb)
        facts = found.scenario
    results = law.analyse(facts, kb, only)
    if json_out:
        data: dict[str, Any] = {
            "scenario": facts.title,
            "as_of": facts.as_of.isoformat(),
            "fictional": facts.fictional,
        }
        if found is not None:
            data = {"suspect": suspect, **data, **found.to_dict()}
        print_json({**data, "forums": [r.to_dict() for r in results]})
        return
    out = console()
    out.print(text(f"{facts.title} — assessed on {facts.as_of}", "bold"))
    if found is not None:
        _print_case_facts(out, found)
    _print_summary(out, results)
    for result in results:
        reasons = result.reasons if full else result.decisive()
        if not reasons:
            continue
        out.print(
            text(
                f"\n{result.forum} · {result.name}: {result.verdict}", f"bold {VERDICT_STYLE[result.verdict]}"
            )
        )
        table = Table("effect", "rule", "reason", "authority", box=None, show_edge=False)
        for r in reasons:
            table.add_row(
                text(r.effect, EFFECT_STYLE.get(r.effect, "")),
                text(r.rule),
                text(r.text),
                text(f"{r.citation} [{r.confidence}]", "dim"),
            )
        out.print(table)


def _print_case_facts(out: Console, found: law.CaseFacts) -> None:
    table = Table("fact", "value", "rests on", box=None, show_edge=False)
    for fact in found.facts:
        table.add_row(text(fact.what, "bold"), text(fact.value), text(", ".join(fact.claims[:3]), "dim"))
    out.print(table)
    for unknown in found.unknown:
        out.print(text(f"unknown: {unknown}", "yellow"))
    print_notices(list(found.notices))
    out.print(text(""))


def _print_summary(out: Console, results: list[law.ForumResult]) -> None:
    table = Table("forum", "type", "verdict", "investigation", "trial", box=None, show_edge=False)
    for r in results:
        stages = [
            text(r.stages.get(s, ""), VERDICT_STYLE.get(r.stages.get(s, ""), ""))
            for s in ("investigation", "trial")
        ]
        table.add_row(text(r.forum, "bold"), text(r.type), text(r.verdict, VERDICT_STYLE[r.verdict]), *stages)
    out.print(table)


def _day(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError("expected a date as YYYY-MM-DD", field="--as-of") from None


# --- knowledge-base entries as plain data -------------------------------------------------------


def _element_dict(e: law.Element) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": e.code,
        "label": e.label,
        "kind": e.kind,
        "text": e.text,
        "source": e.source.model_dump(exclude_none=True),
    }
    if e.context:
        data["context"] = e.context
    if e.group:
        data["alternative_group"] = e.group
    if e.notes:
        data["notes"] = list(e.notes)
    if e.sub_elements:
        data["sub_elements"] = [
            {"code": f"{e.code}.{s.no}", "text": s.text, **({"label": s.label} if s.label else {})}
            for s in e.sub_elements
        ]
    if e.means_of_proof:
        data["means_of_proof"] = [{"code": c, "text": t} for c, t in e.means_of_proof]
    return data


def _crime_dict(c: law.Crime) -> dict[str, Any]:
    return {
        "code": c.code,
        "article": c.article,
        "title": c.title,
        "category": c.category,
        "act": c.act,
        "continuing": c.continuing,
        "source": c.source.model_dump(exclude_none=True),
        "notes": list(c.notes),
        "elements": [_element_dict(e) for e in c.elements],
    }


def _mode_dict(m: law.Mode) -> dict[str, Any]:
    return {
        "code": m.code,
        "article": m.article,
        "title": m.title,
        "source": m.source.model_dump(exclude_none=True),
        "authorities": [a.model_dump(exclude_none=True) for a in m.authorities],
        "notes": list(m.notes),
        "elements": [_element_dict(e) for e in m.elements],
    }


def _lookup(kb: law.KnowledgeBase, code: str) -> dict[str, Any]:
    if code in kb.crimes:
        return _crime_dict(kb.crimes[code])
    if code in kb.forums:
        return kb.forums[code].model_dump(mode="json", by_alias=True, exclude_none=True)
    if code in kb.immunities:
        return kb.immunities[code].model_dump(mode="json", exclude_none=True)
    for forum in kb.forums.values():
        if isinstance(forum, NationalForum | InternationalForum):
            for offence in forum.offences:
                if offence.code == code:
                    return offence.model_dump(mode="json", exclude_none=True)
    try:
        return _mode_dict(kb.mode(code))
    except NotFound as not_mode:
        try:
            return _element_dict(kb.element(code))
        except NotFound:
            if "several forms" in str(not_mode):
                raise not_mode from None
            raise NotFound(
                f"no crime, mode, element, forum, offence or immunity rule with code {code[:60]}"
            ) from None


def _print_tree(out: Console, data: Any, depth: int) -> None:
    pad = "  " * depth
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list) and value:
                out.print(text(f"{pad}{key}:", "bold"))
                _print_tree(out, value, depth + 1)
            elif value not in (None, [], {}):
                out.print(text(f"{pad}{key}: {value}"))
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict | list):
                out.print(text(f"{pad}-"))
                _print_tree(out, item, depth + 1)
            else:
                out.print(text(f"{pad}- {item}"))


# --- the case matrix ----------------------------------------------------------------------------

STATUS_STYLE = {
    "unsupported": "bold red",
    "contested": "bold yellow",
    "single-source": "yellow",
    "corroborated": "green",
}


@app.command()
def allege(
    ctx: typer.Context,
    suspect: Annotated[str, typer.Option("--suspect", help="The suspect: a Person id.")],
    crime: Annotated[
        str, typer.Option("--crime", help="Crime code, e.g. RS.7.1.a (see 'dadkhah law crimes').")
    ],
    mode: Annotated[
        str, typer.Option("--mode", help="Mode of liability, e.g. RS.25.3.a.co (see 'dadkhah law modes').")
    ],
    event: Annotated[
        list[str] | None, typer.Option("--event", help="An Event in scope; repeat for more.")
    ] = None,
    violation: Annotated[
        list[str] | None, typer.Option("--violation", help="A Violation in scope; repeat for more.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="A title (default: crime and mode).")] = None,
    source: SourceOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Frame an allegation: a suspect, a crime and a mode of liability, over events and violations.

    An allegation is your own analysis: its claims cite --source, or by default an automatically
    created Source "Analysis by <user>".
    """
    with open_case(ctx, case) as opened:
        source_id = resolve_source(opened, source)
        with opened.writer(acting_user(ctx, opened)) as w:
            made = law.allege(
                w,
                suspect=suspect,
                crime=crime,
                mode=mode,
                events=event or (),
                violations=violation or (),
                title=title,
                source=source_id,
            )
    if json_out:
        print_json({"id": made})
    else:
        console().print(text(made))


@app.command()
def prove(
    ctx: typer.Context,
    allegation: Annotated[str, typer.Argument(help="The allegation id.")],
    element: Annotated[
        str, typer.Argument(help="Element code (RS.7.1.a.E1) or its short form (E1, A30, M2).")
    ],
    relation: Annotated[str, typer.Option("--relation", help="supports or contradicts.")],
    claim: Annotated[str | None, typer.Option("--claim", help="A claim id.")] = None,
    segment: Annotated[str | None, typer.Option("--segment", help="A testimony segment id.")] = None,
    item: Annotated[str | None, typer.Option("--item", help="An evidence item id.")] = None,
    reliability: Annotated[
        str | None, typer.Option("--reliability", help="Source reliability, Admiralty A-F.")
    ] = None,
    credibility: Annotated[
        str | None, typer.Option("--credibility", help="Information credibility, Admiralty 1-6.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Why this evidence bears on the element.")
    ] = None,
    sensitivity: SensitivityOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Link a claim, a testimony segment or an evidence item to an element of an allegation."""
    with open_case(ctx, case) as opened:
        reader = reader_for(ctx, opened)
        with opened.writer(acting_user(ctx, opened)) as w:
            made = law.prove(
                w,
                allegation,
                element,
                claim=claim,
                segment=segment,
                item=item,
                relation=relation,
                reliability=reliability,
                credibility=credibility,
                note=note,
                sensitivity=Sensitivity.parse(sensitivity) if sensitivity else None,
                reader=reader,
            )
    if json_out:
        print_json(made.to_dict())
    else:
        console().print(text(made.id))


@app.command("withdraw-proof")
def withdraw_proof(
    ctx: typer.Context,
    proof: Annotated[str, typer.Argument(help="The proof link id.")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why the link is withdrawn.")],
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Withdraw a proof link. It stays in the record, marked withdrawn, with your reason."""
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        made = law.withdraw_proof(w, proof, reason=reason)
    if json_out:
        print_json({"id": made, "proof": proof.strip().upper()})
    else:
        console().print(text(f"withdrew {proof.strip().upper()} ({made})"))


@app.command()
def matrix(
    ctx: typer.Context,
    allegation: Annotated[str, typer.Argument(help="The allegation id.")],
    html: Annotated[Path | None, typer.Option("--html", help="Write a printable HTML matrix here.")] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Write the matrix as CSV here.")] = None,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every element of the allegation with its evidence, independent sources and status, gaps first."""
    if sum(bool(x) for x in (html, csv_out, json_out)) > 1:
        raise InputError("choose one of --json, --html or --csv", field="--json")
    with open_case(ctx, case) as opened:
        built = law.build_matrix(opened, allegation, reader_for(ctx, opened, view_as))
    if json_out:
        sys.stdout.write(law.render_json(built))
        return
    if html is not None or csv_out is not None:
        target = html or csv_out
        assert target is not None
        body = law.render_html(built) if html is not None else law.render_csv(built)
        target.write_text(body, encoding="utf-8", newline="")
        print_stderr_notices(list(built.notices))
        console().print(text(f"wrote {target}"))
        return
    _print_matrix(built)


def _print_matrix(m: law.Matrix) -> None:
    out = console()
    a = m.allegation
    out.print(text(a.title, "bold"))
    out.print(
        text(
            f"suspect {m.suspect_label} [{a.suspect}] · {a.crime.code} by {a.mode.code} · {m.violations} "
            f"violation(s) in scope · case state: {m.state.claims} claims, last change {m.state.last_change}"
        )
    )
    counts = m.counts()
    out.print(text(" · ".join(f"{s}: {counts[s]}" for s in law.matrix.STATUSES)))
    table = Table(
        "status", "element", "part", "kind", "sources", "contra", "element text", box=None, show_edge=False
    )
    for row in m.rows:
        table.add_row(
            text(row.status, STATUS_STYLE[row.status]),
            text(row.element.code, "bold"),
            text(row.part),
            text(row.element.kind),
            text(str(len(row.supporting_sources))),
            text(str(len(row.contradicting_sources))),
            text(row.element.text[:90] + ("…" if len(row.element.text) > 90 else "")),
        )
    out.print(table)
    for row in m.gaps:
        if not row.suggestions:
            continue
        out.print(text(f"\n{row.element.code} ({row.status}) — suggested evidence:", "bold"))
        for s in row.suggestions[:3]:
            out.print(text(f"  {s.kind} {s.target}: {s.statement[:100]}"))
            out.print(text(f"    why: {'; '.join(s.why[:1] + s.why[2:])}", "dim"))
    if m.withheld:
        out.print(text(f"{m.withheld} linked item(s) not shown at this clearance and not counted", "yellow"))
    print_notices(list(m.notices))
