"""Word forms the English stemmer cannot join: irregular forms (paid and pay, children and
child) and British and American spellings (organisation and organization), from the table in
`library/word_forms.txt` and a rule for -ise/-ize words. A search for one form also finds
the others; the synonyms (`parsing.Synonyms`) look each word up by its first form.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# -ise/-ize and what follows it: organisation/organization, organised/organized, …
_IZE = re.compile(r"^(\w{3,})i([sz])(e|es|ed|ing|er|ers|ation|ations)$")
_MIN_RULE_LENGTH = 7


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Each form → every form of its word, the first form first (read once per process)."""
    text = resources.files("library").joinpath("word_forms.txt").read_text("utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        forms = tuple(dict.fromkeys(f.strip().lower() for f in line.split(",") if f.strip()))
        if len(forms) < 2:
            continue
        for form in forms:
            table.setdefault(form, forms)
    return table


def forms_of(word: str) -> tuple[str, ...]:
    """Every form of `word` (itself included, the first form first); `(word,)` when it has
    no others."""
    lower = word.lower()
    found = _table().get(lower)
    if found:
        return found
    match = _IZE.match(lower) if len(lower) >= _MIN_RULE_LENGTH else None
    if match:
        stem, _, ending = match.groups()
        return (f"{stem}is{ending}", f"{stem}iz{ending}")
    return (lower,)


def base_form(word: str) -> str:
    """The form `word`'s other forms are read as: `paid` → `pay`, `color` → `colour`."""
    return forms_of(word)[0]


def other_forms(word: str) -> tuple[str, ...]:
    """The forms of `word` other than itself."""
    lower = word.lower()
    return tuple(f for f in forms_of(word) if f != lower)
