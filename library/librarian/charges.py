"""The schedule of charges the ICO model publication scheme asks an authority to publish:
what it may charge for, how much, and when. It comes from the authority's `charges.toml`
(the `charges_file` setting), or, when none is set, the model scheme's own terms: material on
the website is free, paper copies and postage are charged at cost (disbursements), and the
requester is told of any charge before the information is provided.

    notice = "We will tell you the cost before ..."   # optional: replaces the default one
    [[charge]]
    what = "Photocopying or printing"
    amount = "10p per A4 side"
    applies = "When you ask for a paper copy of a document"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from library.errors import ConfigError

ANCHOR = "charges"  # the schedule's id on the Guide page: /guide#charges
DEFAULT_NOTICE = (
    "If a charge applies, we will tell you how much it is before we provide the information, "
    "and we may ask you to pay first. Information on this website is always free."
)


@dataclass(frozen=True)
class Charge:
    """One line of the schedule."""

    what: str
    amount: str
    applies: str

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "amount": self.amount, "applies": self.applies}


@dataclass(frozen=True)
class Schedule:
    """The whole schedule; `source` is the file it came from ("" for the model defaults)."""

    charges: tuple[Charge, ...]
    notice: str = DEFAULT_NOTICE
    source: str = ""

    @property
    def is_default(self) -> bool:
        return not self.source

    def to_dict(self) -> dict[str, Any]:
        return {"notice": self.notice, "charges": [c.to_dict() for c in self.charges]}


MODEL_SCHEDULE = Schedule(
    charges=(
        Charge(
            "Information on this website",
            "Free",
            "Always: view, download and print any document published here.",
        ),
        Charge(
            "Paper copies (photocopying and printing)",
            "At cost",
            "Only when you ask for a printed copy; we tell you the cost first.",
        ),
        Charge(
            "Postage",
            "At cost (the actual cost of second-class post)",
            "Only when you ask for a copy to be posted to you; we tell you the cost first.",
        ),
        Charge(
            "Other formats (for example a CD or USB stick)",
            "At cost",
            "Only when you ask for the information in a format other than the website.",
        ),
    )
)


def load_schedule(path: Path | None) -> Schedule:
    """The schedule in `path`, or the model scheme's when `path` is None.

    Raises:
        ConfigError: the file is missing, not valid TOML, or a charge lacks `what` or
            `amount` (the message names the entry).
    """
    if path is None:
        return MODEL_SCHEDULE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"charges file {path}: {exc}") from exc
    return parse_schedule(data, str(path))


def parse_schedule(data: dict[str, Any], source: str) -> Schedule:
    """Check a parsed charges file; see `load_schedule`."""
    unknown = set(data) - {"charge", "notice"}
    if unknown:
        raise ConfigError(f"charges file {source}: unknown keys {', '.join(sorted(unknown))}")
    entries = data.get("charge", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"charges file {source}: list each charge as a [[charge]] table")
    charges = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise ConfigError(f"charges file {source}: charge {n} is not a table")
        values = {k: entry.get(k, "") for k in ("what", "amount", "applies")}
        if set(entry) - set(values) or not all(isinstance(v, str) for v in values.values()):
            raise ConfigError(
                f"charges file {source}: charge {n} takes what, amount and applies, as text"
            )
        if not values["what"].strip() or not values["amount"].strip():
            raise ConfigError(f"charges file {source}: charge {n} needs a what and an amount")
        charges.append(Charge(*(" ".join(v.split()) for v in values.values())))
    notice = data.get("notice", DEFAULT_NOTICE)
    if not isinstance(notice, str) or not notice.strip():
        raise ConfigError(f"charges file {source}: notice must be text")
    return Schedule(tuple(charges), " ".join(notice.split()), source)
