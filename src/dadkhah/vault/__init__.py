"""The evidence vault: ingest files into evidence items with metadata and custody events, register
derived copies, open originals, verify the case, and export or import BagIt bags with proofs.

See ``docs/vault.md``.
"""

from dadkhah.vault.bag import BagSummary, ImportSummary, export_bag, import_bag
from dadkhah.vault.capture import Capture
from dadkhah.vault.ingest import IngestResult, ingest_file, ingest_paths, store_derived
from dadkhah.vault.opening import open_original
from dadkhah.vault.verify import VerifyReport, verify_case

__all__ = [
    "BagSummary",
    "Capture",
    "ImportSummary",
    "IngestResult",
    "VerifyReport",
    "export_bag",
    "import_bag",
    "ingest_file",
    "ingest_paths",
    "open_original",
    "store_derived",
    "verify_case",
]
