"""The template environment of `web/templates`, and the filters its templates use.

The ground holds it because two rooms render those templates: the site (`library.web`, which
adds the request-bound `url_for`) and the Guide to Information export (`library.librarian`),
which renders the same guide partials standalone, with no request at all.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote

import jinja2

from library.classes import get_class
from library.date_forms import format_date
from library.doctypes import doc_type_name
from library.errors import LibraryError

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def environment(web_dir: Path) -> jinja2.Environment:
    """`web_dir/templates` with autoescaping on for every file (feeds too) and the filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(web_dir / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["filesize"] = filesize
    env.filters["longdate"] = longdate
    env.filters["class_name"] = class_name
    env.filters["type_name"] = doc_type_name
    env.filters["file_url"] = file_path
    env.filters["xmlsafe"] = xmlsafe
    return env


def filesize(size: int | None) -> str:
    """Bytes as people read them: 512 bytes, 14 KB, 2.3 MB."""
    size = int(size or 0)
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def longdate(value: dt.date | None) -> str:
    """GOV.UK style dates: 3 March 2025."""
    if value is None:
        return ""
    return format_date(value)


def class_name(slug: str) -> str:
    try:
        return get_class(slug).name
    except LibraryError:
        return slug


def xmlsafe(text: str) -> str:
    """Text without the control characters XML forbids (PDF titles can carry them)."""
    return _XML_INVALID.sub("", str(text))


def file_path(relpath: str) -> str:
    """The URL path of a published PDF (each path segment percent-encoded)."""
    return "/files/" + quote(relpath, safe="/")
