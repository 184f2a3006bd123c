"""Sidecar metadata: `NAME.pdf.toml` beside a PDF says what the PDF cannot (title, summary...)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from library.classes import is_class_slug
from library.errors import ExtractionError
from library.models import Metadata

SUFFIX = ".toml"
_KNOWN = {"title", "summary", "published", "class", "keywords", "public"}
# Keys other issues give meaning to (disclosure log, review dates, charges); kept as text.
_EXTRA = {
    "reference",
    "request_date",
    "response_date",
    "review_by",
    "superseded_by",
    "charge",
    "format",
    "type",
    "licence",  # a dataset's licence (issue 13); the site's default when absent
}


def sidecar_path(pdf: Path) -> Path:
    """`x.pdf` → `x.pdf.toml`."""
    return pdf.with_name(pdf.name + SUFFIX)


def read_sidecar(pdf: Path) -> Metadata:
    """Read the sidecar of `pdf`, or defaults when there is none.

    Raises:
        ExtractionError: reason `bad-sidecar` when it exists but cannot be used; the caller
            still indexes the PDF on its defaults, so a typo never hides a document.
    """
    path = sidecar_path(pdf)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Metadata()
    except OSError as exc:
        raise ExtractionError("bad-sidecar", f"{path.name}: cannot be read ({exc})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExtractionError("bad-sidecar", f"{path.name}: not valid TOML ({exc})") from exc
    return parse_sidecar(data, path.name)


def parse_sidecar(data: dict[str, Any], name: str = "sidecar") -> Metadata:
    """Check and convert a parsed sidecar; see `read_sidecar`."""
    unknown = set(data) - _KNOWN - _EXTRA
    if unknown:
        raise ExtractionError("bad-sidecar", f"{name}: unknown keys {', '.join(sorted(unknown))}")

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ExtractionError("bad-sidecar", f"{name}: {key} must be text")
        return value.strip() or None

    published = data.get("published")
    if isinstance(published, dt.datetime):
        published = published.date()
    elif isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            raise ExtractionError(
                "bad-sidecar", f"{name}: published must be a date like 2025-03-31"
            ) from None
    elif published is not None and not isinstance(published, dt.date):
        raise ExtractionError("bad-sidecar", f"{name}: published must be a date like 2025-03-31")

    pub_class = text("class")
    if pub_class is not None and not is_class_slug(pub_class):
        raise ExtractionError("bad-sidecar", f"{name}: class {pub_class!r} is not a scheme class")

    keywords = data.get("keywords", ())
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",")]
    if not isinstance(keywords, list | tuple) or not all(isinstance(k, str) for k in keywords):
        raise ExtractionError("bad-sidecar", f"{name}: keywords must be a list of words")

    public = data.get("public", True)
    if not isinstance(public, bool):
        raise ExtractionError("bad-sidecar", f"{name}: public must be true or false")

    extra = {k: str(v) for k, v in data.items() if k in _EXTRA}
    return Metadata(
        title=text("title"),
        summary=text("summary"),
        published=published,
        pub_class=pub_class,
        keywords=tuple(k for k in keywords if k),
        public=public,
        extra=extra,
    )


def is_private(pdf: Path) -> bool:
    """True when the sidecar marks the PDF non-public. An unreadable sidecar that still
    mentions `public = false` counts as private: when in doubt, publish nothing."""
    try:
        return not read_sidecar(pdf).public
    except ExtractionError:
        try:
            raw = sidecar_path(pdf).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return "public" in raw and "false" in raw.lower()
