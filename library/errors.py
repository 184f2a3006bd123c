"""The library's exceptions: one tree, so every edge can catch `LibraryError`.

LibraryError
 ├── ConfigError            settings that cannot be used
 ├── ExtractionError        a file could not be turned into text (has a reason code)
 │    └── EncryptedPdfError needs a password we do not have
 ├── IndexLockedError       another writer holds the index
 ├── IndexWriteError        the index could not be written (disk full); the old one stays live
 ├── IndexMissingError      no index yet (run `library index`)
 ├── SchemaMismatchError    index built by another version (run `library reindex`)
 ├── QueryError             a request (search, export) that cannot be answered as asked
 ├── UnknownClassError      a class slug that is not in the scheme
 ├── FilingError            a staff filing or upload that cannot be done as asked
 └── OcrUnavailableError    Tesseract / OCRmyPDF are not installed
"""

from __future__ import annotations


class LibraryError(Exception):
    """Base of every error the library raises on purpose."""


class ConfigError(LibraryError):
    """A setting is missing, malformed or points somewhere unusable."""


class ExtractionError(LibraryError):
    """A file could not be indexed; `reason` is a stable code, the message is for people."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class EncryptedPdfError(ExtractionError):
    """The PDF needs a password; the library never asks for one."""

    def __init__(self, detail: str = "the PDF is encrypted and needs a password to open") -> None:
        super().__init__("encrypted", detail)


class IndexLockedError(LibraryError):
    """Another process is writing the index; we waited and it did not let go."""


class IndexWriteError(LibraryError):
    """Writing the index failed (a full disk, a read-only folder); nothing half-written is
    ever live, so the index as it was before the run keeps answering."""


class IndexMissingError(LibraryError):
    """There is no index at the configured place yet."""


class SchemaMismatchError(LibraryError):
    """The index on disk was written with another schema version."""


class QueryError(LibraryError):
    """A request that cannot be answered as asked (bad filter, out-of-range page, unknown
    export format...)."""


class UnknownClassError(LibraryError):
    """A publication-scheme class slug that the scheme does not have."""


class FilingError(LibraryError):
    """A filing or upload that cannot be done as asked; the message is for the staff member,
    and `field` names the form field at fault ("" when it is none in particular)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class OcrUnavailableError(LibraryError):
    """OCR was asked for but its tools are not installed; the message says how to get them."""
