"""Testimony commands: the witness registry, interviews and their segments, consent."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dadkhah import testimony as tm
from dadkhah.case import Case
from dadkhah.cli.app import app
from dadkhah.cli.common import (
    AsOption,
    CaseOption,
    JsonOption,
    SensitivityOption,
    acting_user,
    console,
    open_case,
    print_json,
    print_notices,
    read_text_file,
    reader_for,
    resolve_source,
    text,
)
from dadkhah.errors import InputError, NotFound
from dadkhah.model import Sensitivity

testimony_app = typer.Typer(
    help="Interviews with witnesses: segments, translations, citations.", no_args_is_help=True
)
witness_app = typer.Typer(
    help="The witness registry: pseudonyms, protected identities, risk.", no_args_is_help=True
)
consent_app = typer.Typer(
    help="What each witness allows their testimony to be used for, and by whom.", no_args_is_help=True
)
app.add_typer(testimony_app, name="testimony")
app.add_typer(witness_app, name="witness")
app.add_typer(consent_app, name="consent")
SEGMENT_DEFAULT = tm.SEGMENT_SENSITIVITY.label


def _is_text(path: Path) -> bool:
    return path.suffix.lower() in (".txt", ".md", ".text")


def _place(case: Case, ref: str | None) -> str | None:
    """A Place by id or by exact name."""
    if ref is None:
        return None
    from sqlalchemy import select

    from dadkhah.store.tables import claims, entities

    with case.reading() as conn:
        if conn.execute(
            select(entities.c.id).where(entities.c.id == ref.upper(), entities.c.schema == "Place")
        ).first():
            return ref.upper()
        found = [
            r[0]
            for r in conn.execute(
                select(claims.c.entity_id)
                .distinct()
                .join(entities, entities.c.id == claims.c.entity_id)
                .where(entities.c.schema == "Place", claims.c.prop == "name", claims.c.value == ref)
            )
        ]
    if len(found) == 1:
        return str(found[0])
    if not found:
        raise NotFound(f"no place '{ref[:60]}'; add it with: dadkhah add Place --set name='...'")
    raise InputError(f"'{ref[:60]}' names {len(found)} places; give the id", field="place")


def _parse_consent(items: list[str]) -> tuple[list[str], list[str]]:
    """``--consent USE[=RECIPIENT,...]`` → (uses, recipients)."""
    uses, recipients = [], []
    for item in items:
        use, _, names = item.partition("=")
        uses.append(use.strip())
        recipients += [n.strip() for n in names.split(",") if n.strip()]
    return uses, recipients


# -- testimony --------------------------------------------------------------------------------


@testimony_app.command("add")
def testimony_add(
    ctx: typer.Context,
    witness: Annotated[str, typer.Option("--witness", help="Witness code (W-0001).")],
    date: Annotated[str, typer.Option("--date", help="Date of the interview (EDTF or Solar Hijri).")],
    language: Annotated[list[str], typer.Option("--language", help="Language(s) of the interview, e.g. fa.")],
    interviewer: Annotated[list[str] | None, typer.Option("--interviewer", help="Repeat for each.")] = None,
    interpreter: Annotated[str | None, typer.Option("--interpreter")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place of the interview (id or name).")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    recording: Annotated[Path | None, typer.Option("--recording", help="Audio or video file.")] = None,
    transcript: Annotated[
        Path | None, typer.Option("--transcript", help="Transcript; a .txt file also gives the segments.")
    ] = None,
    segments_file: Annotated[
        Path | None,
        typer.Option(
            "--segments", help="UTF-8 text: paragraphs are segments; [00:01:00-00:02:30] sets times."
        ),
    ] = None,
    consent: Annotated[
        list[str] | None,
        typer.Option("--consent", help="USE[=RECIPIENT,...], e.g. prosecution=national-war-crimes-unit."),
    ] = None,
    prior: Annotated[
        list[str] | None, typer.Option("--prior", help="An earlier testimony of the witness.")
    ] = None,
    segment_sensitivity: Annotated[
        str, typer.Option("--segment-sensitivity", help="Sensitivity of the segments.")
    ] = SEGMENT_DEFAULT,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record an interview with a witness, its files and its words."""
    words = segments_file or (transcript if transcript and _is_text(transcript) else None)
    parts = tm.parse_segments(read_text_file(words, "segments")) if words else []
    with open_case(ctx, case) as opened:
        place_id = _place(opened, place)
        with opened.writer(acting_user(ctx, opened)) as w:
            tid = tm.add_testimony(
                w,
                witness=witness,
                date=date,
                language=language,
                interviewers=interviewer or [],
                interpreter=interpreter,
                place=place_id,
                title=title,
                recording=recording,
                transcript=transcript,
                blobs=opened.blobs,
                prior=[p.upper() for p in prior or []],
            )
            ids = tm.add_segments(w, tid, parts, sensitivity=Sensitivity.parse(segment_sensitivity))
            if consent:
                uses, recipients = _parse_consent(consent)
                tm.record_consent(w, witness, uses=uses, recipients=recipients, testimony=tid, effective=date)
    if json_out:
        print_json({"id": tid, "segments": ids})
    else:
        console().print(text(f"{tid}  ({len(ids)} segments)"))


@testimony_app.command("segment")
def testimony_segment(
    ctx: typer.Context,
    testimony: Annotated[str, typer.Argument(help="Testimony id.")],
    text_: Annotated[str | None, typer.Option("--text", help="The words (or use --file).")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="UTF-8 text; one segment per paragraph.")
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help="Start in the recording, [hh:]mm:ss.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="End in the recording.")] = None,
    language: Annotated[str | None, typer.Option("--language")] = None,
    sensitivity: SensitivityOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Append segments to a testimony."""
    if (text_ is None) == (file is None):
        raise InputError("give the words with --text or --file", field="text")
    if text_ is not None:
        parts = [tm.SegmentText(text_, start, end)]
    else:
        assert file is not None
        parts = tm.parse_segments(read_text_file(file, "file"))
    level = Sensitivity.parse(sensitivity) if sensitivity else tm.SEGMENT_SENSITIVITY
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        ids = tm.add_segments(w, testimony.upper(), parts, language=language, sensitivity=level)
    _print_ids(ids, json_out)


@testimony_app.command("translate")
def testimony_translate(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A segment id (T.3), or a testimony id with --file.")],
    language: Annotated[str, typer.Option("--language", help="Language of the translation.")],
    text_: Annotated[str | None, typer.Option("--text", help="The translation of one segment.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Translations of every segment, one paragraph each.")
    ] = None,
    translator: Annotated[str | None, typer.Option("--translator")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add translations, linked segment to segment."""
    if (text_ is None) == (file is None):
        raise InputError("give the translation with --text (one segment) or --file (all)", field="text")
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        if text_ is not None:
            ids = [tm.add_translation(w, target.upper(), text_, language=language, translator=translator)]
        else:
            assert file is not None
            paragraphs = [p.text for p in tm.parse_segments(read_text_file(file, "file"))]
            ids = tm.translate(w, target.upper(), paragraphs, language=language, translator=translator)
    _print_ids(ids, json_out)


@testimony_app.command("link")
def testimony_link(
    ctx: typer.Context,
    testimony: Annotated[str, typer.Argument(help="The later testimony.")],
    prior: Annotated[str, typer.Argument(help="An earlier statement of the same witness.")],
    case: CaseOption = None,
) -> None:
    """Link a prior statement of the same witness, so the two can be compared."""
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        made = tm.link_prior(w, testimony.upper(), prior.upper())
    console().print(text(made.id))


@testimony_app.command("cite")
def testimony_cite(
    ctx: typer.Context,
    segment: Annotated[str, typer.Argument(help="The segment that states the fact (T.3).")],
    entity: Annotated[str, typer.Argument(help="Entity the claim is about.")],
    prop: Annotated[str, typer.Argument(help="Property.")],
    value: Annotated[str, typer.Argument(help="Value, as the witness gives it.")],
    sensitivity: SensitivityOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record a claim drawn from a testimony segment (source: the testimony; locator: the segment)."""
    level = Sensitivity.parse(sensitivity) if sensitivity else None
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        made = tm.cite(w, segment.upper(), entity.upper(), prop, value, sensitivity=level)
    if json_out:
        print_json(made.to_dict())
    else:
        console().print(text(made.id))


def _print_ids(ids: list[str], json_out: bool) -> None:
    if json_out:
        print_json(ids)
    else:
        for segment_id in ids:
            console().print(text(segment_id))


@testimony_app.command("show")
def testimony_show(
    ctx: typer.Context,
    testimony: Annotated[str, typer.Argument(help="Testimony id.")],
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """A testimony's segments with their translations and the claims citing each."""
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        data = tm.view_testimony(conn, opened.model, red, testimony)
    if json_out:
        print_json(data)
        return
    _print_testimony(data)


@testimony_app.command("compare")
def testimony_compare(
    ctx: typer.Context,
    testimony: Annotated[str, typer.Argument(help="A testimony.")],
    prior: Annotated[str, typer.Argument(help="An earlier statement of the same witness.")],
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Two statements of one witness fact by fact: where they differ, what only one says, where
    they agree (the facts are the claims cited from their segments)."""
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        data = tm.compare_statements(conn, opened.model, red, testimony, prior)
    if json_out:
        print_json(data)
        return
    out = console()
    later, earlier = data["later"], data["prior"]
    out.print(
        text(
            f"{later['title']} ({later['date']})  ·  against  ·  {earlier['title']} ({earlier['date']})",
            "bold",
        )
    )
    if not data["linked"]:
        link = f"dadkhah testimony link {later['id']} {earlier['id']}"
        out.print(text(f"note: not linked as a prior statement ({link})", "yellow"))
    table = Table("", "fact", "this statement", "the earlier one", box=None)
    marks = {"differ": ("≠", "bold red"), "one": ("·", "yellow"), "agree": ("=", "green")}
    for fact in data["facts"]:
        mark, style = marks[fact["status"]]
        said = [
            "; ".join(fact[side]["values"])
            + (f"  [{', '.join(fact[side]['segments'])}]" if fact[side]["segments"] else "")
            for side in ("later", "prior")
        ]
        table.add_row(
            text(mark, style),
            text(f"{fact['caption']} · {fact['prop']}"),
            text(said[0] or "—"),
            text(said[1] or "—"),
        )
    out.print(table)
    counts = data["counts"]
    out.print(text(f"{counts['differ']} differ, {counts['one']} in one only, {counts['agree']} agree"))
    hidden = data["segments_hidden"]["later"] + data["segments_hidden"]["prior"]
    if hidden:
        out.print(text(f"{hidden} segment(s) above your clearance not compared", "yellow"))
    print_notices(data["withheld"])


def _print_testimony(data: dict[str, Any]) -> None:
    out = console()
    out.print(text(f"{data['title'] or data['id']}  ·  Testimony {data['id']}", "bold"))
    facts = [
        ("Witness", data["witness"]["code"] if data.get("witness") else None),
        ("Date", data.get("date")),
        ("Place", data["place"]["caption"] if data.get("place") else None),
        ("Language", ", ".join(data.get("language") or [])),
        ("Interviewers", ", ".join(data.get("interviewers") or [])),
        ("Interpreter", data.get("interpreter")),
        *[
            (k.capitalize(), f"{v['title']} (sha256 {v['sha256']})")
            for k in ("recording", "transcript")
            if (v := data.get(k))
        ],
        ("Prior statements", ", ".join(f"{p['title']} [{p['id']}]" for p in data["prior_statements"])),
        ("Later statements", ", ".join(f"{p['title']} [{p['id']}]" for p in data["later_statements"])),
    ]
    table = Table(box=None, show_header=False)
    for label, value in facts:
        if value:
            table.add_row(text(label, "dim"), text(value))
    out.print(table)
    for seg in data["segments"]:
        when = f"  {seg['start']}–{seg['end']}" if seg.get("start") else ""
        out.print(
            text(f"§{seg['seq']}  {seg['id']}{when}  ({seg['language']}, {seg['sensitivity']})", "bold")
        )
        out.print(text(f"  {seg['text']}"))
        for tr in seg["translations"]:
            by = f", {tr['translator']}" if tr.get("translator") else ""
            out.print(text(f"  [{tr['language']}{by}] {tr['text']}", "cyan"))
        for c in seg["claims"] + [c for tr in seg["translations"] for c in tr["claims"]]:
            out.print(text(f"    → {c['caption']} · {c['prop']}: {c['value']}  ({c['claim']})", "dim"))
    if data["segments_hidden"]:
        out.print(text(f"{data['segments_hidden']} segment(s) above your clearance not shown", "yellow"))
    print_notices(data["withheld"])


@testimony_app.command("list")
def testimony_list(
    ctx: typer.Context,
    witness: Annotated[str | None, typer.Option("--witness", help="Only this witness's.")] = None,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Testimonies you may read."""
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        rows = tm.list_testimonies(conn, opened.model, red, witness)
        notices = red.notices()
    if json_out:
        print_json({"testimonies": rows, "withheld": notices})
        return
    table = Table("id", "witness", "date", "language", "segments", "title", box=None)
    for r in rows:
        table.add_row(
            text(r["id"], "dim"), text(r["witness"] or ""), text(r["date"] or ""),
            text(", ".join(r["language"])), text(str(r["segments"])), text(r["title"] or ""),
        )  # fmt: skip
    console().print(table if rows else text("no testimonies"))
    print_notices(notices)


@testimony_app.command("export")
def testimony_export(
    ctx: typer.Context,
    testimony: Annotated[str, typer.Argument(help="Testimony id.")],
    view_as: AsOption = None,
    fmt: Annotated[str, typer.Option("--format", help="json or text.")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    case: CaseOption = None,
) -> None:
    """Export a testimony as a recipient would receive it (use --as PROFILE)."""
    if fmt not in ("json", "text"):
        raise InputError("--format is json or text", field="format")
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        data = tm.export_testimony(conn, opened.model, red, testimony)
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else tm.export_text(data)
    if output is None:
        sys.stdout.write(body)
    else:
        output.write_text(body, encoding="utf-8")
        console().print(text(f"wrote {output}"))


# -- witnesses --------------------------------------------------------------------------------


@witness_app.command("add")
def witness_add(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None, typer.Option("--name", help="Real name (protected); repeat for spellings.")
    ] = None,
    contact: Annotated[
        list[str] | None, typer.Option("--contact", help="Phone, e-mail… (protected).")
    ] = None,
    location: Annotated[str | None, typer.Option("--location", help="Where they live (protected).")] = None,
    relative: Annotated[
        list[str] | None, typer.Option("--relative", help="'name; relation; where' (protected).")
    ] = None,
    risk: Annotated[str | None, typer.Option("--risk", help="low, medium or high.")] = None,
    measure: Annotated[list[str] | None, typer.Option("--measure", help="A protective measure.")] = None,
    gender: Annotated[str | None, typer.Option("--gender")] = None,
    birth_date: Annotated[str | None, typer.Option("--birth-date")] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="Use this code instead of the next free one.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Source (default: the witness registry).")
    ] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Register a witness; prints their pseudonym code. Needs the case key for identity details."""
    with open_case(ctx, case) as opened:
        source_id = resolve_source(opened, source)
        with opened.writer(acting_user(ctx, opened)) as w:
            person, made = tm.register_witness(
                w,
                names=name or [],
                contacts=contact or [],
                location=location,
                relatives=relative or [],
                risk=risk,
                measures=measure or [],
                gender=gender,
                birth_date=birth_date,
                code=code,
                source=source_id,
            )
    if json_out:
        print_json({"code": made, "person": person})
    else:
        console().print(text(f"{made}  (person {person})"))


@witness_app.command("list")
def witness_list(
    ctx: typer.Context, view_as: AsOption = None, case: CaseOption = None, json_out: JsonOption = False
) -> None:
    """The witness registry: codes, risk, protective measures, testimonies, consent."""
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        rows = tm.witness_rows(conn, opened.model, red)
        notices = red.notices()
    if json_out:
        print_json({"witnesses": rows, "withheld": notices})
        return
    table = Table("code", "risk", "testimonies", "consent", "measures", box=None)
    for r in rows:
        granted = r.get("consent")
        summary = ""
        if granted is not None:
            summary = f"{', '.join(granted['uses']) or 'none'} → {', '.join(granted['recipients']) or '-'}"
            if granted["withdrawn_from"]:
                summary += f" (withdrawn: {', '.join(granted['withdrawn_from'])})"
        table.add_row(
            text(r["code"], "bold"), text(r["risk"] or ""), text(str(r["testimonies"])),
            text(summary), text("; ".join(r["measures"])[:80]),
        )  # fmt: skip
    console().print(table if rows else text("no witnesses"))
    print_notices(notices)


@witness_app.command("show")
def witness_show(
    ctx: typer.Context,
    witness: Annotated[str, typer.Argument(help="Witness code.")],
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """One witness: identity (if you are cleared and the case is unlocked), risk, consent, testimonies."""
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        data = tm.witness_view(conn, opened.model, red, witness)
        person = opened.model.schemas["Person"]
    if json_out:
        print_json(data)
        return
    out = console()
    out.print(text(f"{data['code']}  ·  Person {data['person']}", "bold"))
    table = Table(box=None, show_header=False)
    for prop, values in data["details"].items():
        table.add_row(text(person.properties[prop].label, "dim"), text("; ".join(values)))
    out.print(table)
    for t in data["testimonies"]:
        out.print(text(f"  testimony {t['id']}  {t['title']}"))
    if "consent" in data:
        _print_consent(data["consent"])
    print_notices(data["withheld"])


def _print_consent(found: dict[str, Any]) -> None:
    def summary(state: dict[str, Any]) -> str:
        uses, names = ", ".join(state["uses"]) or "none", ", ".join(state["recipients"]) or "none"
        line = f"uses {uses}; recipients {names}"
        return line + (
            f"; withdrawn from {', '.join(state['withdrawn_from'])}" if state["withdrawn_from"] else ""
        )

    out = console()
    out.print(text(f"Consent for all testimonies: {summary(found['all_testimonies'])}"))
    for testimony, state in found["by_testimony"].items():
        out.print(text(f"Consent for testimony {testimony}: {summary(state)}"))
    for event in found["history"]:
        scope = f" (testimony {event['testimony']})" if event["testimony"] else ""
        uses, names = ", ".join(event["uses"]) or "all", ", ".join(event["recipients"]) or "all"
        out.print(
            text(f"  {event['effective']} {event['action']}{scope}: uses {uses}; recipients {names}", "dim")
        )


@witness_app.command("risk")
def witness_risk(
    ctx: typer.Context,
    witness: Annotated[str, typer.Argument(help="Witness code.")],
    level: Annotated[str, typer.Argument(help="low, medium or high.")],
    case: CaseOption = None,
) -> None:
    """Record a new risk assessment (the earlier one stays in the history)."""
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        console().print(text(tm.set_risk(w, witness, level)))


@witness_app.command("measure")
def witness_measure(
    ctx: typer.Context,
    witness: Annotated[str, typer.Argument(help="Witness code.")],
    measure: Annotated[str, typer.Argument(help="The protective measure.")],
    case: CaseOption = None,
) -> None:
    """Record a protective measure."""
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        console().print(text(tm.add_measure(w, witness, measure)))


# -- consent ----------------------------------------------------------------------------------


@consent_app.command("give")
def consent_give(
    ctx: typer.Context,
    witness: Annotated[str, typer.Argument(help="Witness code.")],
    use: Annotated[
        list[str], typer.Option("--use", help="investigation, prosecution, un-submission, publication.")
    ],
    recipient: Annotated[
        list[str] | None, typer.Option("--recipient", help="A recipient profile, or 'any'.")
    ] = None,
    testimony: Annotated[str | None, typer.Option("--testimony", help="Only this testimony.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="When the witness gave it (default today).")
    ] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="The signed consent form.")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record consent given by a witness."""
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        event = tm.record_consent(
            w, witness, uses=use, recipients=recipient or [], effective=date,
            testimony=testimony.upper() if testimony else None, evidence=evidence, note=note,
        )  # fmt: skip
    _print_event(event.to_dict(), json_out)


@consent_app.command("withdraw")
def consent_withdraw(
    ctx: typer.Context,
    witness: Annotated[str, typer.Argument(help="Witness code.")],
    recipient: Annotated[
        list[str] | None, typer.Option("--recipient", help="Withdraw from this recipient.")
    ] = None,
    use: Annotated[list[str] | None, typer.Option("--use", help="Withdraw this use.")] = None,
    testimony: Annotated[str | None, typer.Option("--testimony", help="Only this testimony.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="When the witness withdrew it (default today).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record that a witness withdrew consent (naming neither recipient nor use withdraws all of it).

    From then on, every output for the recipients concerned leaves the testimony out, and says so.
    """
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        event = tm.withdraw_consent(
            w, witness, recipients=recipient or [], uses=use or [], effective=date,
            testimony=testimony.upper() if testimony else None, note=note,
        )  # fmt: skip
    _print_event(event.to_dict(), json_out)


@consent_app.command("show")
def consent_show(
    ctx: typer.Context,
    witness: Annotated[str, typer.Argument(help="Witness code.")],
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """A witness's consent history."""
    with open_case(ctx, case) as opened, opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
        events = tm.consent_history(conn, red, witness)
    if json_out:
        print_json(events)
        return
    table = Table("effective", "action", "uses", "recipients", "testimony", "by", box=None)
    for e in events:
        table.add_row(
            text(e["effective"]), text(e["action"]), text(", ".join(e["uses"]) or "all"),
            text(", ".join(e["recipients"]) or "all"), text(e["testimony"] or "all"), text(e["author"]),
        )  # fmt: skip
    console().print(table if events else text("no consent recorded"))


def _print_event(data: dict[str, Any], json_out: bool) -> None:
    if json_out:
        print_json(data)
    else:
        console().print(text(f"consent {data['action']}: {data['id']}"))
