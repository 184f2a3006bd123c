"""The librarian's tools: what is in the library and what is wrong with it, the Guide to
Information, filing and uploads, staff sign-in, and what the public searched for.

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
from library.librarian.check import CheckReport, Finding, check_index
from library.librarian.classify import Suggestion, suggest_classes
from library.librarian.curation import add_pin, add_synonym
from library.librarian.dcat import dcat_catalog
from library.librarian.filing import check_upload, file_into_class, safe_filename, save_upload
from library.librarian.guide import FORMATS, Guide, build_guide, render_guide
from library.librarian.insight import InsightRecorder
from library.librarian.insight_report import Day, InsightReport, parse_since, read_report
from library.librarian.status import Status, advice_for, read_status

__all__ = [
    "FORMATS",
    "CheckReport",
    "Day",
    "Finding",
    "Guide",
    "InsightRecorder",
    "InsightReport",
    "LoginLimiter",
    "Status",
    "Suggestion",
    "add_pin",
    "add_synonym",
    "advice_for",
    "build_guide",
    "check_index",
    "check_upload",
    "csrf_ok",
    "csrf_token",
    "dcat_catalog",
    "file_into_class",
    "hash_password",
    "parse_since",
    "read_report",
    "read_status",
    "render_guide",
    "safe_filename",
    "save_upload",
    "secret_key",
    "suggest_classes",
    "verify_password",
]
