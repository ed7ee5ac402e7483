"""Case files for a named recipient: HTML and PDF, exhibits with hashes and proofs, a BagIt bag.

::

    options = DossierOptions(Scope("allegation", (allegation_id,)), recipient="national-war-crimes-unit")
    result = build_dossier(case, options, Path("out/nwcu"))      # HTML, PDF, bag, custody, log
    prepared = prepare(case, options)                            # content and HTML only
    record, left_out = redaction_log(case, result.id)            # what the recipient did not get

Everything in a case file is read for its recipient through the one redaction; what it leaves out
is recorded in the case (``dossier_redactions``), never in the case file. See ``docs/dossier.md``.
WeasyPrint is imported only when a PDF is made.
"""

from dadkhah.dossier.build import DossierOptions, Prepared, last_change, prepare
from dadkhah.dossier.package import DossierResult, build_dossier, verifier_script
from dadkhah.dossier.records import DossierRecord, Redacted, list_dossiers, redaction_log, summarize
from dadkhah.dossier.render import render_html, render_pdf
from dadkhah.dossier.scope import KINDS, Scope, Selection, select_scope

__all__ = [
    "KINDS",
    "DossierOptions",
    "DossierRecord",
    "DossierResult",
    "Prepared",
    "Redacted",
    "Scope",
    "Selection",
    "build_dossier",
    "last_change",
    "list_dossiers",
    "prepare",
    "redaction_log",
    "render_html",
    "render_pdf",
    "select_scope",
    "summarize",
    "verifier_script",
]
