"""The legal knowledge base: crimes, modes of liability, immunities and forums, loaded from YAML.

Files live in ``data/`` (``crimes.yaml``, ``modes.yaml``, ``immunities.yaml``) and ``data/forums/``
(one file per forum, named after its code: ``se.yaml`` for SE, ``un-wgeid.yaml`` for UN.WGEID), so
adding a state is adding a file. Loading validates each file against :mod:`dadkhah.law.schema`
and then checks that every code one file names exists in another.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from dadkhah.errors import InputError, InvalidData, NotFound, Problem
from dadkhah.law._yaml import Located, load_located, validate
from dadkhah.law.schema import (
    FORUM_TYPES,
    CrimesFile,
    Forum,
    ImmunitiesFile,
    ImmunityRule,
    InternationalForum,
    ModesFile,
    NationalForum,
    Source,
    SubElement,
    UnMechanism,
)

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Element:
    """One element to prove, as the case matrix lists it."""

    code: str
    label: str
    kind: Literal["material", "mental", "contextual"]
    text: str
    source: Source
    context: str | None = None
    group: str | None = None
    notes: tuple[str, ...] = ()
    sub_elements: tuple[SubElement, ...] = ()
    means_of_proof: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Crime:
    code: str
    article: str
    title: str
    category: str
    act: str
    continuing: bool
    source: Source
    elements: tuple[Element, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mode:
    code: str
    article: str
    title: str
    source: Source
    elements: tuple[Element, ...]
    authorities: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class KnowledgeBase:
    """Everything in the data folder, validated and cross-checked."""

    crimes: dict[str, Crime]
    modes: dict[str, Mode]
    immunities: dict[str, ImmunityRule]
    forums: dict[str, Forum]
    as_of: dict[str, date] = field(default_factory=dict)

    def crime(self, code: str) -> Crime:
        try:
            return self.crimes[code]
        except KeyError:
            raise NotFound(f"no crime with code {code}; see 'dadkhah law crimes'") from None

    def mode(self, code: str) -> Mode:
        if code in self.modes:
            return self.modes[code]
        variants = sorted(c for c in self.modes if c.startswith(code + "."))
        if variants:
            raise NotFound(f"{code} has several forms; choose one of {', '.join(variants)}")
        raise NotFound(f"no mode of liability with code {code}; see 'dadkhah law modes'")

    def forum(self, code: str) -> Forum:
        try:
            return self.forums[code]
        except KeyError:
            raise NotFound(f"no forum with code {code}; see 'dadkhah law forums'") from None

    def element(self, code: str) -> Element:
        """An element of a crime or mode by its full code (``RS.7.1.a.E1``, ``RS.25.3.a.co.M2``)."""
        owners: list[Crime | Mode] = [*self.crimes.values(), *self.modes.values()]
        for owner in owners:
            for element in owner.elements:
                if element.code == code:
                    return element
        raise NotFound(f"no element with code {code}")

    def crimes_matching(self, pattern: str) -> list[Crime]:
        """Crimes a coverage pattern reaches: a code, a glob (``RS.7.*``) or ``act:<act>``."""
        if pattern.startswith("act:"):
            act = pattern.removeprefix("act:")
            return [c for c in self.crimes.values() if c.act == act]
        return [c for c in self.crimes.values() if fnmatch.fnmatchcase(c.code, pattern)]


def load(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """Load and check every file under ``data_dir``; raise :class:`InvalidData` listing all problems."""
    problems: list[Problem] = []
    crimes_doc = _load(data_dir / "crimes.yaml", CrimesFile, problems)
    modes_doc = _load(data_dir / "modes.yaml", ModesFile, problems)
    imm_doc = _load(data_dir / "immunities.yaml", ImmunitiesFile, problems)
    forums: dict[str, Forum] = {}
    forum_files: dict[str, Located] = {}
    for path in sorted((data_dir / "forums").glob("*.yaml")):
        forum, located = _load_forum(path, problems)
        if forum is None or located is None:
            continue
        if forum.code in forums:
            problems.append(located.problem(f"forum code {forum.code} is used twice", ["code"]))
        expected = forum.code.lower().replace(".", "-") + ".yaml"
        if path.name != expected:
            problems.append(
                located.problem(f"forum {forum.code} must live in a file named {expected}", ["code"])
            )
        forums[forum.code] = forum
        forum_files[forum.code] = located
    if problems:
        raise InvalidData(problems, summary="the legal knowledge base is invalid")
    assert crimes_doc and modes_doc and imm_doc
    kb = KnowledgeBase(
        crimes=_expand_crimes(crimes_doc[0]),
        modes=_expand_modes(modes_doc[0]),
        immunities={r.code: r for r in imm_doc[0].rules},
        forums=forums,
        as_of={"crimes": crimes_doc[0].as_of, "modes": modes_doc[0].as_of, "immunities": imm_doc[0].as_of},
    )
    problems = _cross_check(kb, crimes_doc, modes_doc, imm_doc, forum_files)
    if problems:
        raise InvalidData(problems, summary="the legal knowledge base is inconsistent")
    return kb


@cache
def default() -> KnowledgeBase:
    """The knowledge base shipped with Dadkhah, loaded once per process."""
    return load()


def _load(path: Path, model: type, problems: list[Problem]):  # type: ignore[no-untyped-def]
    try:
        located = load_located(path)
        return validate(model, located), located
    except InvalidData as error:
        problems.extend(error.problems)
    except InputError as error:
        problems.append(error.problem)
    return None


def _load_forum(path: Path, problems: list[Problem]) -> tuple[Forum | None, Located | None]:
    try:
        located = load_located(path)
        data = located.data
        kind = data.get("type") if isinstance(data, dict) else None
        if kind not in FORUM_TYPES:
            choices = ", ".join(FORUM_TYPES)
            raise InvalidData([located.problem(f"type must be one of {choices}", ["type"])])
        return validate(FORUM_TYPES[kind], located), located
    except InvalidData as error:
        problems.extend(error.problems)
    except InputError as error:
        problems.append(error.problem)
    return None, None


def _expand_crimes(doc: CrimesFile) -> dict[str, Crime]:
    contexts = {c.code: c for c in doc.contexts}
    general = {g.code: g for g in doc.general}
    out: dict[str, Crime] = {}
    for spec in doc.crimes:
        elements: list[Element] = []
        for e in spec.elements:
            code = f"{spec.code}.E{e.no}"
            if e.context is not None:
                ctx = contexts.get(e.context)
                if ctx is None:  # reported by the cross-check
                    continue
                elements.append(
                    Element(
                        code,
                        f"E{e.no} ({ctx.label})",
                        "contextual",
                        ctx.text,
                        ctx.source,
                        context=ctx.code,
                        notes=tuple(ctx.notes),
                        sub_elements=tuple(ctx.sub_elements),
                    )
                )
                continue
            assert e.kind is not None and e.text is not None
            elements.append(
                Element(
                    code,
                    f"E{e.no}",
                    e.kind,
                    e.text,
                    e.source or spec.source,
                    notes=tuple(e.notes),
                    sub_elements=tuple(e.sub_elements),
                    means_of_proof=tuple(
                        (f"{code}.{m.code.replace('.', '', 1)}", m.text) for m in e.means_of_proof
                    ),
                )
            )
        if spec.art30 and "RS.30" in general:
            rule = general["RS.30"]
            elements.append(Element(f"{spec.code}.A30", "A30 (art. 30)", "mental", rule.text, rule.source))
        out[spec.code] = Crime(
            spec.code,
            spec.article,
            spec.title,
            spec.category,
            spec.act,
            spec.continuing,
            spec.source,
            tuple(elements),
            tuple(spec.notes),
        )
    return out


def _expand_modes(doc: ModesFile) -> dict[str, Mode]:
    out: dict[str, Mode] = {}
    for spec in doc.modes:
        elements = tuple(
            Element(
                f"{spec.code}.M{e.no}",
                f"M{e.no}",
                e.kind,
                e.text,
                e.source or spec.source,
                group=e.group,
                notes=tuple(e.notes),
            )
            for e in spec.elements
        )
        out[spec.code] = Mode(
            spec.code,
            spec.article,
            spec.title,
            spec.source,
            elements,
            tuple(spec.authorities),
            tuple(spec.notes),
        )
    return out


def _cross_check(  # type: ignore[no-untyped-def]
    kb: KnowledgeBase, crimes_doc, modes_doc, imm_doc, forum_files: dict[str, Located]
) -> list[Problem]:
    problems: list[Problem] = []
    crimes, crimes_loc = crimes_doc
    context_codes = {c.code for c in crimes.contexts}
    seen: dict[str, str] = {}

    def unique(code: str, where: Located, path: list[str | int]) -> None:
        if code in seen:
            problems.append(where.problem(f"code {code} is already used in {seen[code]}", path))
        seen[code] = where.file

    for i, spec in enumerate(crimes.crimes):
        unique(spec.code, crimes_loc, ["crimes", i, "code"])
        for j, e in enumerate(spec.elements):
            if e.context is not None and e.context not in context_codes:
                problems.append(
                    crimes_loc.problem(
                        f"unknown context {e.context}", ["crimes", i, "elements", j, "context"]
                    )
                )
    for i, mode in enumerate(modes_doc[0].modes):
        unique(mode.code, modes_doc[1], ["modes", i, "code"])
    for i, rule in enumerate(imm_doc[0].rules):
        unique(rule.code, imm_doc[1], ["rules", i, "code"])
        for j, code in enumerate(rule.exceptions):
            if code not in kb.crimes:
                problems.append(imm_doc[1].problem(f"unknown crime {code}", ["rules", i, "exceptions", j]))
    for code, forum in kb.forums.items():
        problems.extend(_check_forum(kb, forum, forum_files[code], unique))
    return problems


def _check_forum(kb: KnowledgeBase, forum: Forum, where: Located, unique) -> Iterable[Problem]:  # type: ignore[no-untyped-def]
    if isinstance(forum, UnMechanism):
        if forum.accepts.crimes != "any":
            for j, code in enumerate(forum.accepts.crimes):
                if code not in kb.crimes:
                    yield where.problem(f"unknown crime {code}", ["accepts", "crimes", j])
        return
    assert isinstance(forum, NationalForum | InternationalForum)
    offence_codes = set()
    for i, offence in enumerate(forum.offences):
        unique(offence.code, where, ["offences", i, "code"])
        offence_codes.add(offence.code)
        if not offence.code.startswith(forum.code + "."):
            yield where.problem(f"offence codes must start with {forum.code}.", ["offences", i, "code"])
        for j, pattern in enumerate(offence.covers):
            if not kb.crimes_matching(pattern):
                yield where.problem(
                    f"'{pattern}' matches no crime in crimes.yaml", ["offences", i, "covers", j]
                )
    if isinstance(forum, NationalForum):
        basis_codes = set()
        for i, basis in enumerate(forum.bases):
            unique(basis.code, where, ["bases", i, "code"])
            basis_codes.add(basis.code)
            for j, code in enumerate(basis.offences or []):
                if code not in offence_codes:
                    yield where.problem(f"unknown offence {code} in this forum", ["bases", i, "offences", j])
        yield from _check_unrecorded(kb, forum, where, unique, offence_codes, basis_codes)
    for j, code in enumerate(forum.immunity):
        if code not in kb.immunities:
            yield where.problem(f"unknown immunity rule {code}", ["immunity", j])


def _check_unrecorded(  # type: ignore[no-untyped-def]
    kb: KnowledgeBase, forum: NationalForum, where: Located, unique, offences: set[str], bases: set[str]
) -> Iterable[Problem]:
    for i, gap in enumerate(forum.unrecorded):
        unique(gap.code, where, ["unrecorded", i, "code"])
        if not gap.code.startswith(forum.code + "."):
            yield where.problem(f"codes must start with {forum.code}.", ["unrecorded", i, "code"])
        for j, pattern in enumerate(gap.covers or []):
            if not kb.crimes_matching(pattern):
                yield where.problem(
                    f"'{pattern}' matches no crime in crimes.yaml", ["unrecorded", i, "covers", j]
                )
        for j, code in enumerate(gap.bases or []):
            if code not in bases:
                yield where.problem(f"unknown basis {code} in this forum", ["unrecorded", i, "bases", j])
        for j, code in enumerate(gap.offences or []):
            if code not in offences:
                yield where.problem(f"unknown offence {code} in this forum", ["unrecorded", i, "offences", j])


__all__ = ["DATA_DIR", "Crime", "Element", "KnowledgeBase", "Mode", "default", "load"]
