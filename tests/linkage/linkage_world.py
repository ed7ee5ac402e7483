"""A small case with three victim lists of fictional people and known truth, for in-case linkage.

The lists come from :func:`dadkhah.linkage.synthetic.victim_lists` (Persian script and many
romanisations, typos, both calendars, duplicates within a list) and are imported the way
``dadkhah import list`` imports a file: one Person and Violation per row, sourced to the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dadkhah.case import Case
from dadkhah.exchange import ListSpec, import_rows
from dadkhah.linkage.synthetic import victim_lists
from dadkhah.model import Sensitivity

COLUMNS = {
    "record_id": "record_id",
    "full_name": "name",
    "father_name": "father_name",
    "birth_year": "birth_year",
    "death_date": "death_date",
    "prison": "prison",
}


@dataclass
class ListsWorld:
    truth: dict[str, int] = field(default_factory=dict)  # Person id of a list record -> true person
    lists: dict[str, str] = field(default_factory=dict)  # list name -> Source id
    people: dict[str, list[str]] = field(default_factory=dict)  # list name -> its records, in row order


def fill(
    case: Case,
    n_people: int = 120,
    seed: int = 7,
    only: tuple[str, ...] | None = None,
    fields: tuple[str, ...] = tuple(COLUMNS),
) -> ListsWorld:
    """Import the lists (``only`` some of them, ``fields`` of each) into ``case``; return the truth."""
    records = victim_lists(n_people, seed=seed)
    world = ListsWorld()
    with case.writer() as w:
        for name, group in records.groupby("source"):
            if only is not None and name not in only:
                continue
            source = w.create("Source", {"title": f"Victim list {name}", "kind": "victim_list"})
            columns = {f: c for f, c in COLUMNS.items() if f in fields}
            spec = ListSpec(source, columns, sensitivity=Sensitivity.INTERNAL, file=f"{name}.csv",
                            create_places=True)  # fmt: skip
            rows = [
                (number + 1, number, {k: "" if v is None else str(v) for k, v in row.items()})
                for number, row in enumerate(
                    group.drop(columns=["source", "person_id"]).to_dict("records"), 1
                )
            ]
            result = import_rows(w, spec, rows)
            world.lists[str(name)] = source
            world.people[str(name)] = result.people
            world.truth.update(zip(result.people, group["person_id"].tolist(), strict=True))
    return world
