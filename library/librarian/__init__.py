"""The librarian's tools: what is in the library and what is wrong with it, the Guide to
Information and its schedule of charges, filing, uploads, editing details and OCR (each
indexed before it answers), staff sign-in, and what the public searched for.

They read the index through `library.search` (a `Catalog`) and touch files only through
`library.indexing`'s helpers; the edges (the CLI, the staff pages) call only what is named
here.
"""

from library.librarian.auth import (
    LoginLimiter,
    csrf_ok,
    csrf_token,
    hash_password,
    secret_key,
    verify_password,
)
from library.librarian.charges import ANCHOR as CHARGES_ANCHOR
from library.librarian.charges import MODEL_SCHEDULE, Charge, Schedule, load_schedule
from library.librarian.check import CheckReport, Finding, check_index
from library.librarian.classify import Suggestion, suggest_classes
from library.librarian.curation import add_pin, add_synonym
from library.librarian.dcat import dcat_catalog
from library.librarian.details import Details
from library.librarian.filing import (
    UploadRefused,
    check_upload,
    file_into_class,
    safe_filename,
    save_upload,
)
from library.librarian.guide import FORMATS, Guide, build_guide, render_guide
from library.librarian.insight import InsightRecorder
from library.librarian.insight_report import Day, InsightReport, parse_since, read_report
from library.librarian.ocr_jobs import Job, read_job, start_ocr
from library.librarian.publishing import (
    Outcome,
    current_details,
    edit_details,
    file_document,
    index_now,
    upload_document,
)
from library.librarian.status import Status, advice_for, read_status

__all__ = [
    "CHARGES_ANCHOR",
    "FORMATS",
    "MODEL_SCHEDULE",
    "Charge",
    "CheckReport",
    "Day",
    "Details",
    "Finding",
    "Guide",
    "InsightRecorder",
    "InsightReport",
    "Job",
    "LoginLimiter",
    "Outcome",
    "Schedule",
    "Status",
    "Suggestion",
    "UploadRefused",
    "add_pin",
    "add_synonym",
    "advice_for",
    "build_guide",
    "check_index",
    "check_upload",
    "csrf_ok",
    "csrf_token",
    "current_details",
    "dcat_catalog",
    "edit_details",
    "file_document",
    "file_into_class",
    "hash_password",
    "index_now",
    "load_schedule",
    "parse_since",
    "read_job",
    "read_report",
    "read_status",
    "render_guide",
    "safe_filename",
    "save_upload",
    "secret_key",
    "start_ocr",
    "suggest_classes",
    "upload_document",
    "verify_password",
]
