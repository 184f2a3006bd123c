"""A document's details as staff give them in a form (title, summary, dates, public or not,
charge), checked, and written into its sidecar `NAME.pdf.toml` without losing the keys the
form does not show (keywords, type, a disclosure reference...)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from library.errors import FilingError
from library.indexing import sidecar_path

# The form's fields, in the order they are written into a new sidecar.
FIELDS = ("title", "summary", "published", "review_by", "public", "charge")
_MAX_TEXT = {"title": 300, "summary": 2000, "charge": 200}


@dataclass(frozen=True)
class Details:
    """What staff say about a document; empty text and None dates mean "not stated"."""

    title: str = ""
    summary: str = ""
    published: dt.date | None = None
    review_by: dt.date | None = None
    public: bool = True
    charge: str = ""

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> Details:
        """Details from form fields (dates as YYYY-MM-DD, `public` as "yes"/"no").

        Raises:
            FilingError: a date that is not a date, or text over its length limit; its
                `field` names the field.
        """
        texts = {}
        for name, limit in _MAX_TEXT.items():
            raw = form.get(name, "")
            value = raw.strip() if name == "summary" else " ".join(raw.split())
            if len(value) > limit:
                raise FilingError(f"The {name} is longer than {limit} characters.", field=name)
            texts[name] = value
        return cls(
            title=texts["title"],
            summary=texts["summary"],
            published=_date(form.get("published", ""), "published", "Published date"),
            review_by=_date(form.get("review_by", ""), "review_by", "Review-by date"),
            public=form.get("public", "yes") != "no",
            charge=texts["charge"],
        )

    @classmethod
    def from_sidecar(cls, data: Mapping[str, Any]) -> Details:
        """The details a parsed sidecar holds (what the edit form starts from)."""

        def day(value: object) -> dt.date | None:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value)) if value else None
            except ValueError:
                return None

        return cls(
            title=str(data.get("title", "")),
            summary=str(data.get("summary", "")),
            published=day(data.get("published")),
            review_by=day(data.get("review_by")),
            public=data.get("public", True) is not False,
            charge=str(data.get("charge", "")),
        )

    def as_sidecar(self) -> dict[str, Any]:
        """The sidecar keys these details set; a key left out is removed from the sidecar."""
        values: dict[str, Any] = {
            "title": self.title,
            "summary": self.summary,
            "published": self.published,
            "review_by": self.review_by,
            "public": None if self.public else False,
            "charge": self.charge,
        }
        return {k: v for k, v in values.items() if v not in ("", None)}

    def form_values(self) -> dict[str, str]:
        """The details as the form shows them."""
        return {
            "title": self.title,
            "summary": self.summary,
            "published": self.published.isoformat() if self.published else "",
            "review_by": self.review_by.isoformat() if self.review_by else "",
            "public": "yes" if self.public else "no",
            "charge": self.charge,
        }


def _date(raw: str, field: str, label: str) -> dt.date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise FilingError(
            f"{label} must be a date like 2025-03-31 (year, month, day).", field=field
        ) from None


def read_sidecar_data(pdf: Path) -> dict[str, Any]:
    """The sidecar of `pdf` as parsed TOML ({} when there is none).

    Raises:
        FilingError: it cannot be read or is not valid TOML (it is then fixed by hand, so
            nothing in it is lost).
    """
    path = sidecar_path(pdf)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FilingError(
            f"{path.name} cannot be read ({exc}): fix it by hand, then edit here"
        ) from exc


def merged_sidecar(existing: Mapping[str, Any], details: Details) -> dict[str, Any]:
    """`existing` with the form's keys replaced by `details` (and the rest kept)."""
    kept = {k: v for k, v in existing.items() if k not in FIELDS}
    return {**details.as_sidecar(), **kept}


def toml_text(data: Mapping[str, Any]) -> str:
    """A flat sidecar as TOML (text, dates, booleans, numbers and lists of them).

    Raises:
        FilingError: a nested table, which no sidecar key uses.
    """
    return "".join(f"{key} = {_toml_value(key, value)}\n" for key, value in data.items())


def _toml_value(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string (same escapes) once DEL is escaped too; not
        # ASCII-only, since JSON would write an emoji as a surrogate pair TOML refuses.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(key, v) for v in value) + "]"
    raise FilingError(f"the sidecar's {key!r} is a table: edit that file by hand")


def write_sidecar(pdf: Path, data: Mapping[str, Any]) -> None:
    """Replace `pdf`'s sidecar with `data` atomically (a hidden temporary, then a rename),
    or remove it when `data` is empty; the watcher ignores the temporary name."""
    path = sidecar_path(pdf)
    if not data:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    tmp.write_text(toml_text(data), encoding="utf-8")
    tmp.replace(path)
