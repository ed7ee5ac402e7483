"""Turning entity views, histories and summaries into terminal tables and JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from dadkhah.cli.common import text
from dadkhah.model import Model, Schema
from dadkhah.store import EntityView, PropertyView, ValueView
from dadkhah.store.summary import Summary


def _display(view: EntityView, prop: PropertyView, value: str) -> str:
    vocab = prop.prop.vocabulary
    if vocab and value in vocab.terms:
        return vocab.terms[value].label
    if prop.prop.type.name == "entity":
        return f"{view.captions.get(value, '?')} [{value}]"
    return value


def _provenance(view: EntityView, value: ValueView) -> str:
    parts = []
    for claim in value.claims:
        where = view.captions.get(claim.source_id or "", "") or view.captions.get(claim.evidence_id or "", "")
        if claim.locator:
            where += f" ({claim.locator})"
        parts.append(where or "?")
    return "; ".join(dict.fromkeys(parts))


def print_view(out: Console, model: Model, view: EntityView) -> None:
    out.print(text(f"{view.caption(model)}  ·  {view.schema} {view.id}", "bold"))
    table = Table("property", "value", "source", "claim", box=None, show_edge=False)
    schema = model.schemas[view.schema]
    order = [p for p in schema.properties if p in view.properties]
    for name in order:
        pview = view.properties[name]
        for index, value in enumerate(pview.values):
            conflicting = pview.conflict and index > 0
            label = pview.prop.label if index == 0 else ""
            shown = ("≠ " if conflicting else "") + _display(view, pview, value.value)
            table.add_row(
                text(label),
                text(shown, "yellow" if conflicting else ""),
                text(_provenance(view, value), "dim"),
                text(value.claims[0].id, "dim"),
            )
    out.print(table)
    conflicts = [p.prop.label for p in view.properties.values() if p.conflict]
    if conflicts:
        out.print(
            text(f"Conflicting sources on: {', '.join(conflicts)} (≠ marks the other values)", "yellow")
        )
    if view.referenced_by:
        out.print(text("Referred to by:", "bold"))
        for entity_id, schema_name, prop in view.referenced_by[:50]:
            out.print(text(f"  {schema_name}.{prop}: {view.captions.get(entity_id, '')} [{entity_id}]"))
    if view.history is not None:
        print_history(out, view)


def print_history(out: Console, view: EntityView) -> None:
    table = Table("when", "action", "property", "value", "by", "claim", "status", box=None, show_edge=False)
    for entry in view.history or []:
        claim = entry.claim
        note = entry.retraction.reason if entry.retraction else (claim.reason or "")
        who = entry.retraction.author if entry.retraction else claim.author
        status = entry.status.state + (f" by {entry.status.by}" if entry.status.by else "")
        table.add_row(
            text(entry.at.strftime("%Y-%m-%d %H:%M:%S")),
            text(entry.action),
            text(claim.prop),
            text(claim.value[:60] + (f" — {note}" if note else "")),
            text(who),
            text(claim.id, "dim"),
            text(status, "dim"),
        )
    out.print(table)


def view_to_dict(model: Model, view: EntityView) -> dict[str, Any]:
    def value_dict(value: ValueView) -> dict[str, Any]:
        return {"value": value.value, "sources": value.sources, "claims": [c.to_dict() for c in value.claims]}

    props = {}
    for name, pview in view.properties.items():
        entry: dict[str, Any] = {"current": value_dict(pview.current)}
        if pview.prop.multiple:
            entry = {"values": [value_dict(v) for v in pview.values]}
        elif len(pview.values) > 1:
            entry["conflict"] = pview.conflict
            entry["others"] = [value_dict(v) for v in pview.values[1:]]
        props[name] = entry
    data: dict[str, Any] = {
        "id": view.id,
        "schema": view.schema,
        "caption": view.caption(model),
        "created_at": view.created_at.isoformat(),
        "created_by": view.created_by,
        "properties": props,
        "captions": view.captions,
        "referenced_by": [{"entity": e, "schema": s, "prop": p} for e, s, p in view.referenced_by],
    }
    if view.history is not None:
        data["history"] = [
            {
                "at": entry.at.isoformat(),
                "action": entry.action,
                "claim": entry.claim.to_dict(),
                "status": entry.status.state,
                "by": entry.status.by,
                "retraction": entry.retraction.to_dict() if entry.retraction else None,
            }
            for entry in view.history
        ]
    return data


def print_summary(out: Console, name: str, result: Summary) -> None:
    out.print(text(f"Case: {name}", "bold"))
    table = Table("entity type", "count", box=None, show_edge=False)
    for schema, count in result.counts.items():
        table.add_row(text(schema), text(f"{count:,}"))
    out.print(table)
    out.print(
        text(f"{result.claims:,} claims ({result.superseding:,} corrections, {result.retracted:,} withdrawn)")
    )
    low, high = result.date_range
    out.print(text(f"Dated facts from {low or '?'} to {high or '?'}"))
    if result.sources:
        sources = Table("source", "claims", "id", box=None, show_edge=False)
        for source in result.sources:
            sources.add_row(text(source["title"]), text(f"{source['claims']:,}"), text(source["id"], "dim"))
        out.print(sources)


def print_schema(out: Console, schema: Schema) -> None:
    out.print(text(f"{schema.name} — {schema.description}", "bold"))
    table = Table("property", "type", "", "description", box=None, show_edge=False)
    for name, prop in schema.properties.items():
        kind = prop.type.name
        if prop.vocabulary is not None:
            kind = f"vocab: {', '.join(prop.vocabulary.terms)}"
        elif prop.range:
            kind = f"entity: {' | '.join(prop.range)}"
        flags = " ".join(
            f
            for f, on in (
                ("required", name in schema.required),
                ("multiple", prop.multiple),
                (prop.sensitivity.label if prop.sensitivity else "", True),
            )
            if on and f
        )
        table.add_row(
            text(name, "bold"), text(kind), text(flags, "dim"), text(prop.description or prop.label)
        )
    out.print(table)
