"""The case matrix: allegation × element × evidence, with independent sources, status and gaps.

``allege`` records an allegation (suspect, crime, mode of liability, scope); ``prove`` links a
claim, testimony segment or evidence item to one of its elements; ``build_matrix`` assembles every
element with its evidence, independent sources and status for one reader, gaps first, with
suggestions of evidence not yet linked; ``render_html``/``render_csv``/``render_json`` write it out.
"""

from dadkhah.law.matrix.allegations import Allegation, allegations_against, allege, load_allegation
from dadkhah.law.matrix.build import STATUSES, CaseState, LinkedProof, Matrix, Row, SourceGroup, build_matrix
from dadkhah.law.matrix.proofs import CREDIBILITY, RELIABILITY, Proof, load_proofs, prove
from dadkhah.law.matrix.proofs import withdraw as withdraw_proof
from dadkhah.law.matrix.render import render_csv, render_html, render_json
from dadkhah.law.matrix.suggest import Suggestion

__all__ = [
    "CREDIBILITY",
    "RELIABILITY",
    "STATUSES",
    "Allegation",
    "CaseState",
    "LinkedProof",
    "Matrix",
    "Proof",
    "Row",
    "SourceGroup",
    "Suggestion",
    "allegations_against",
    "allege",
    "build_matrix",
    "load_allegation",
    "load_proofs",
    "prove",
    "render_csv",
    "render_html",
    "render_json",
    "withdraw_proof",
]
