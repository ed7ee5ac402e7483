"""The legal knowledge base and forum analysis.

The knowledge base (crimes and their elements, modes of liability, immunity rules, forums) is
data under ``data/``, validated by :mod:`dadkhah.law.schema` and loaded by :func:`load`.
:func:`analyse` assesses a :class:`Scenario` against every forum and explains each verdict;
:func:`scenario_from_case` builds that scenario from a case's claims (:func:`case_facts`
also says which claims each fact rests on). The case matrix
(:func:`allege`, :func:`prove`, :func:`build_matrix`, :func:`render_html`) lives in
:mod:`dadkhah.law.matrix`.
"""

from dadkhah.law.case_facts import CaseFacts, Fact, case_facts, scenario_from_case
from dadkhah.law.dates import PartialDate
from dadkhah.law.forums import analyse, assess
from dadkhah.law.kb import Crime, Element, KnowledgeBase, Mode, default, load
from dadkhah.law.matrix import (
    Matrix,
    Proof,
    allege,
    build_matrix,
    prove,
    render_csv,
    render_html,
    render_json,
    withdraw_proof,
)
from dadkhah.law.scenario import Conduct, IccFacts, Office, Period, Scenario, Stay, Suspect, load_scenario
from dadkhah.law.schema import Source, json_schema
from dadkhah.law.verdict import ForumResult, Reason, Route, Verdict

__all__ = [
    "CaseFacts",
    "Conduct",
    "Crime",
    "Element",
    "Fact",
    "ForumResult",
    "IccFacts",
    "KnowledgeBase",
    "Matrix",
    "Mode",
    "Office",
    "PartialDate",
    "Period",
    "Proof",
    "Reason",
    "Route",
    "Scenario",
    "Source",
    "Stay",
    "Suspect",
    "Verdict",
    "allege",
    "analyse",
    "assess",
    "build_matrix",
    "case_facts",
    "default",
    "json_schema",
    "load",
    "load_scenario",
    "prove",
    "render_csv",
    "render_html",
    "render_json",
    "scenario_from_case",
    "withdraw_proof",
]
