"""The one settings object: flags over environment over `library.toml` over defaults."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from library.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, built once at the edge and passed in; nothing else reads os.environ.

    Parameters:
        documents_dir: the drop folder staff publish into; nothing outside it is ever served.
        index_dir: where the Whoosh index generations and the writer lock live.
        web_dir: templates and static files.
        jobs: extraction worker processes.
        max_file_mb: files larger than this are refused as `too-large` before parsing.
        max_pages: PDFs with more pages are refused as `too-large`.
        max_rows, max_cells: a spreadsheet or CSV with more rows, or more cells (all its
            sheets together), is refused as `too-large` (checked as its rows stream in).
        max_line_kb: a CSV, text or Markdown file with a longer line is `too-large`.
        extract_timeout: seconds one file may take to extract before its worker is killed.
        worker_memory_mb: address-space limit of an extraction worker (decompression bombs).
        lock_timeout: seconds a writer waits for another writer before giving up.
        batch_size: files per index commit, so a burst commits a few times, not once per file.
        stability_seconds: a dropped file is indexed once size and mtime are steady this long.
        poll_seconds: when set, the watcher rescans every N seconds instead of using OS events.
        host, port: where `library serve` listens.
        workers: web worker processes `library serve` runs (each with its own reader pool),
            beside the one watcher process.
        search_concurrency: index-reading requests (searches, document pages, the API) one
            worker runs at once; more threads than this only fight over the interpreter lock.
        search_queue: requests one worker lets wait for a turn; past that it answers 503 with
            `Retry-After` at once rather than letting a spike time out.
        answer_cache: results pages one worker keeps for searches asked again of the same
            index (`library.search.answer_cache`), and `/search` pages every worker shares
            (`library.web.page_cache`); 0 searches every time.
        page_size: results per search page.
        authority_name, foi_email, foi_address: shown to the public on the request page.
        public_url: the site's public address (https://…) for feeds, the sitemap and
            OpenSearch; empty means the address each request came in on.
        insight_days: days the anonymous search and request-page counts are kept.
        ocr_language: Tesseract language(s) for `library ocr`, e.g. "eng" or "eng+cym".
        ocr_timeout: seconds OCR may take on one file before it is given up.
        staff_user: the staff login name for /staff.
        staff_password_hash: its password hash (`library hash-password` prints one);
            empty means nobody can log in.
        secret_key: signs staff sessions; when empty one is made and kept in index/secret_key.
        upload_max_mb: the largest PDF staff may upload from the browser.
        synonyms_file: the librarian's synonyms for search (one group a line); empty means
            the list shipped in library/synonyms.txt (or, once staff have added a synonym
            from the insight page, its copy in index/synonyms.txt). Read when searching.
        curated_file: the librarian's curated answers, pinning documents to searches
            (`residents parking, parking permit => services/parking-permits.pdf`); empty
            means index/curated.txt. Read when searching: no reindex needed.
        charges_file: the authority's schedule of charges (`charges.toml`: what, how much,
            when it applies); empty means the ICO model scheme's terms (website material
            free, paper copies and postage at cost, the requester told first).
        dataset_licence: the licence of a dataset (a CSV or spreadsheet) whose sidecar
            names none: a name ("Open Government Licence v3.0") or the licence's address.
        embedding_model: the sentence-embedding model folder for semantic search; empty
            means the one installed with the library (`library.embedding`), `off` turns
            semantic search off (search is then lexical only, and says so).
    """

    documents_dir: Path = PROJECT_ROOT / "documents"
    index_dir: Path = PROJECT_ROOT / "index"
    web_dir: Path = PROJECT_ROOT / "web"
    jobs: int = field(default_factory=_default_jobs)
    max_file_mb: float = 100.0
    max_pages: int = 2000
    max_rows: int = 1_000_000
    max_cells: int = 2_000_000
    max_line_kb: int = 1024
    extract_timeout: float = 60.0
    worker_memory_mb: int = 1536
    lock_timeout: float = 30.0
    batch_size: int = 50
    stability_seconds: float = 1.0
    poll_seconds: float | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = field(default_factory=_default_jobs)
    search_concurrency: int = 2
    search_queue: int = 64
    answer_cache: int = 1024
    page_size: int = 10
    authority_name: str = "Harrowdene Borough Council"
    foi_email: str = "foi@harrowdene.example.gov.uk"
    foi_address: str = "Information Governance Team, Town Hall, High Street, Harrowdene HD1 1AA"
    public_url: str = ""
    insight_days: int = 90
    ocr_language: str = "eng"
    ocr_timeout: float = 600.0
    staff_user: str = "librarian"
    staff_password_hash: str = field(default="", repr=False)
    secret_key: str = field(default="", repr=False)
    upload_max_mb: float = 50.0
    synonyms_file: Path | None = None
    curated_file: Path | None = None
    charges_file: Path | None = None
    dataset_licence: str = "Open Government Licence v3.0"
    embedding_model: str = ""

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        toml_path: Path | None = None,
    ) -> Settings:
        """Build settings from, in order of precedence: overrides (CLI flags), the environment
        (`LIBRARY_<NAME>`), a `library.toml` file, then the defaults.

        Raises:
            ConfigError: a value cannot be converted, or the TOML file is malformed.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        toml_path = toml_path or Path(environ.get("LIBRARY_CONFIG", "library.toml"))
        if toml_path.is_file():
            try:
                values.update(tomllib.loads(toml_path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{toml_path}: {exc}") from exc
        for key in ("documents", "index"):  # the file may use the short names too
            if key in values:
                values[f"{key}_dir"] = values.pop(key)
        for f in fields(cls):
            env_name = f"LIBRARY_{f.name.upper()}"
            if env_name in environ:
                values[f.name] = environ[env_name]
        # The short names the README and issues use for the two folders.
        for short, name in (("LIBRARY_DOCUMENTS", "documents_dir"), ("LIBRARY_INDEX", "index_dir")):
            if short in environ and f"LIBRARY_{name.upper()}" not in environ:
                values[name] = environ[short]
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return cls().with_values(values)

    @property
    def curated_path(self) -> Path:
        """The curated answers file: `curated_file`, else index/curated.txt."""
        return self.curated_file or self.index_dir / "curated.txt"

    @property
    def local_synonyms(self) -> Path:
        """Where staff-added synonyms go when `synonyms_file` is unset."""
        return self.index_dir / "synonyms.txt"

    @property
    def synonyms_path(self) -> Path | None:
        """The synonyms file searches read: `synonyms_file`, else index/synonyms.txt once
        staff have added a synonym, else None (the list shipped with the package)."""
        if self.synonyms_file is not None:
            return self.synonyms_file
        return self.local_synonyms if self.local_synonyms.is_file() else None

    def to_environ(self) -> dict[str, str]:
        """Every setting as its `LIBRARY_<NAME>` variable, which `load` reads back to equal
        settings: how `library serve` hands its settings (flags included) to the worker
        processes uvicorn spawns, each of which builds its own app from them."""
        return {
            f"LIBRARY_{f.name.upper()}": ""
            if (value := getattr(self, f.name)) is None
            else str(value)
            for f in fields(self)
        }

    def with_values(self, values: Mapping[str, Any]) -> Settings:
        """A copy with the given values converted to each field's type."""
        known = {f.name: f for f in fields(self)}
        converted: dict[str, Any] = {}
        for name, raw in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}")
            converted[name] = _convert(name, getattr(self, name), raw)
        return replace(self, **converted)


# Counts that make no sense below these (a server with no workers, a queue of -1).
_AT_LEAST = {"workers": 1, "search_concurrency": 1, "search_queue": 0, "jobs": 1}


def _convert(name: str, current: Any, raw: Any) -> Any:
    try:
        if name.endswith("_dir"):
            return Path(raw).expanduser().resolve()
        if name in ("synonyms_file", "curated_file", "charges_file"):
            return None if raw in ("", None) else Path(raw).expanduser().resolve()
        if name == "poll_seconds":
            return None if raw in ("", None) else float(raw)
        if isinstance(current, bool):
            return str(raw).lower() in ("1", "true", "yes", "on")
        if isinstance(current, int):
            number = int(raw)
            if number < _AT_LEAST.get(name, number):
                raise ValueError(f"must be at least {_AT_LEAST[name]}")
            return number
        if isinstance(current, float):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot use {raw!r} ({exc})") from exc
