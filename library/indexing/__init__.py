"""The one writer: files in `documents/` become index records, and nothing else writes.

`sync` brings the index up to date (what `library index` and the watcher run), `rebuild`
builds a new generation and swaps it in (`library reindex`), `preview` says what `sync`
would do, `run_watcher` follows the folder, `ocr_documents` gives scanned PDFs a text
layer, and `examine` reads one file as the indexer would without writing (staff uploads).
Each file is read in a worker process with a time and memory limit; its records are built
the same way by every one of these paths.
"""

from library.indexing.csv_export import sheet_csv
from library.indexing.dataset import TableLimits
from library.indexing.indexer import preview, rebuild, sync
from library.indexing.ocr import OcrReport, ocr_documents
from library.indexing.ocr import is_available as ocr_available
from library.indexing.report import (
    CHANGE_KINDS,
    FAILED,
    INDEXED,
    KEPT,
    PRIVATE,
    REMOVED,
    Change,
    Progress,
    SyncReport,
)
from library.indexing.scan import FileState, file_sha256, is_document_name, scan_documents
from library.indexing.sidecar import sidecar_path
from library.indexing.trial import examine
from library.indexing.watcher import run_watcher

__all__ = [
    "CHANGE_KINDS",
    "FAILED",
    "INDEXED",
    "KEPT",
    "PRIVATE",
    "REMOVED",
    "Change",
    "FileState",
    "OcrReport",
    "Progress",
    "SyncReport",
    "TableLimits",
    "examine",
    "file_sha256",
    "is_document_name",
    "ocr_available",
    "ocr_documents",
    "preview",
    "rebuild",
    "run_watcher",
    "scan_documents",
    "sheet_csv",
    "sidecar_path",
    "sync",
]
