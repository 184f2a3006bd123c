"""What people type, turned into a Whoosh query: synonyms, dates, and a bounded query language.

A visitor types words, not syntax, so plain words are ORed together (documents with more of
them score higher) and each word or phrase from the librarian's synonyms file brings its
equivalents along. Advanced users still get quotes, `-word`, `OR`, `class:`, `title:` and
trailing wildcards, with the expensive forms bounded: no leading wildcards, a prefix of at
least three letters, and at most `MAX_EXPANSIONS` words per wildcard.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path

from whoosh import qparser
from whoosh.analysis import Analyzer
from whoosh.fields import Schema
from whoosh.query import (
    And,
    AndNot,
    Every,
    Not,
    NullQuery,
    NumericRange,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    TermRange,
    Wildcard,
)
from whoosh.reading import IndexReader

from library.search.word_forms import base_form, other_forms

logger = logging.getLogger(__name__)

# Fields a visitor may name (`title:budget`), with the names they may use for them.
TEXT_FIELDS = ("title", "name", "summary", "keywords", "body")
FIELD_ALIASES = {"pub_class": ["class"], "body": ["text", "content"]}
FILTER_FIELDS = frozenset(("pub_class", "year"))
ALLOWED_FIELDS = frozenset((*TEXT_FIELDS, *FILTER_FIELDS))
MIN_PREFIX = 3
MAX_EXPANSIONS = 64
SYNONYM_BOOST = 0.7
PROXIMITY_BOOST = 0.7
PROXIMITY_SLOP = 2

_LEADING_WILDCARD = re.compile(r"(?<![^\s(:])[*?]+(?=\w)")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# Quoted phrases, parentheses, and runs of anything else.
_LEXEME = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_PLAIN = re.compile(r"^[\w&'.\u2019/-]+$", re.UNICODE)


@dataclass(frozen=True)
class Synonyms:
    """Groups of equivalent words and phrases, compared after stemming (so `salaries` finds
    the `salary` group) and applied when a query is parsed, never at indexing."""

    groups: tuple[tuple[str, ...], ...] = ()
    analyzer: Analyzer | None = field(default=None, compare=False, repr=False)
    _index: dict[tuple[str, ...], int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def parse(cls, text: str, analyzer: Analyzer) -> Synonyms:
        groups: list[tuple[str, ...]] = []
        index: dict[tuple[str, ...], int] = {}
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            phrases = tuple(dict.fromkeys(p.strip().lower() for p in line.split(",") if p.strip()))
            if len(phrases) < 2:
                continue
            for phrase in phrases:
                key = _keys(phrase.split(), analyzer)
                if key and key not in index:
                    index[key] = len(groups)
            groups.append(phrases)
        return cls(tuple(groups), analyzer, index)

    @classmethod
    def load(cls, path: Path | None, analyzer: Analyzer) -> Synonyms:
        """The synonyms in `path`, or the default list shipped with the package.

        A missing or unreadable file is logged and treated as empty: a typo in the librarian's
        file must not take search down.
        """
        try:
            if path is None:
                text = resources.files("library").joinpath("synonyms.txt").read_text("utf-8")
            else:
                text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning("synonyms file %s cannot be read (%s); searching without", path, exc)
            return cls((), analyzer)
        return cls.parse(text, analyzer)

    def alternatives(self, words: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, other phrases) for each synonym found in `words`, longest first, and
        for each word with other forms (`word_forms`: `paid` → `pay`, `color` → `colour`),
        which are looked up in the groups by their first form."""
        if self.analyzer is None:
            return []
        keyed = [
            (i, k) for i, w in enumerate(words) for k in [_key(base_form(w), self.analyzer)] if k
        ]
        found: list[tuple[int, int, tuple[str, ...]]] = []
        pos = 0
        longest = max((len(k) for k in self._index), default=1)
        while pos < len(keyed):
            for size in range(min(longest, len(keyed) - pos), 0, -1):
                key = tuple(k for _, k in keyed[pos : pos + size])
                group = self._index.get(key)
                if group is not None:
                    start, end = keyed[pos][0], keyed[pos + size - 1][0] + 1
                    others = tuple(
                        p for p in self.groups[group] if _keys(p.split(), self.analyzer) != key
                    )
                    if size == 1:
                        others = (*other_forms(words[start]), *others)
                    found.append((start, end, tuple(dict.fromkeys(others))))
                    pos += size
                    break
            else:
                start = keyed[pos][0]
                forms = other_forms(words[start])
                if forms:
                    found.append((start, start + 1, forms))
                pos += 1
        return found

    def expand(self, text: str) -> str:
        """`text` with each synonym's equivalents ORed beside it, in query syntax:
        `foi charges` → `(foi OR "freedom of information"^0.7 OR foia^0.7) charges`.
        Words inside quotes or after `field:`/`-` are left as typed."""
        lexemes = _LEXEME.findall(text)
        out: list[str] = []
        run: list[str] = []
        for lexeme in [*lexemes, ""]:
            if lexeme and _PLAIN.match(lexeme) and lexeme not in _OPERATORS:
                run.append(lexeme)
                continue
            out.extend(self._expand_run(run))
            run = []
            if lexeme:
                out.append(lexeme)
        return " ".join(out)

    def _expand_run(self, words: list[str]) -> list[str]:
        out: list[str] = []
        pos = 0
        for start, end, others in self.alternatives(words):
            out.extend(words[pos:start])
            alts = " OR ".join(_quoted(o) + f"^{SYNONYM_BOOST}" for o in others)
            out.append(f"({' '.join(words[start:end])} OR {alts})" if alts else "")
            pos = end
        out.extend(words[pos:])
        return [w for w in out if w]


def _quoted(phrase: str) -> str:
    return f'"{phrase}"' if " " in phrase else phrase


def _key(word: str, analyzer: Analyzer) -> str:
    stems = [t.text for t in analyzer(word)]
    if stems:
        return " ".join(stems)
    # "h&s" has no word of two letters, but it is no stop word either.
    return word.lower() if not word.isalpha() else ""


def _keys(words: Iterable[str], analyzer: Analyzer) -> tuple[str, ...]:
    return tuple(k for k in (_key(w, analyzer) for w in words) if k)


def proximity(text: str, analyzer: Analyzer, boost: float = PROXIMITY_BOOST) -> str:
    """Optional phrase clauses for each pair of neighbouring words the visitor typed, so
    documents where they stand together rank above those where they are pages apart:
    `treasury management strategy` → `"treasury management"~2^0.5 "management strategy"~2^0.5`.
    """
    if '"' in text or ":" in text:
        return ""
    words = [w for w in _LEXEME.findall(text) if _PLAIN.match(w) and w not in _OPERATORS]
    content = [w for w in words if _key(w, analyzer) and not w.startswith("-")]
    pairs = dict.fromkeys(f"{a} {b}" for a, b in pairwise(content))
    return " ".join(f'"{pair}"~{PROXIMITY_SLOP}^{boost}' for pair in pairs)


def strip_leading_wildcards(text: str) -> str:
    """`*olice` → `olice`: a wildcard at the start of a word would scan the whole vocabulary."""
    return _LEADING_WILDCARD.sub("", text)


def build_parser(
    schema: Schema, fieldboosts: dict[str, float] | None = None
) -> qparser.QueryParser:
    """The parser for the search box: OR of words (more matched words score higher), phrases,
    `-word`/`+word`, `OR`/`AND`/`NOT`, `field:word` for the allowed fields, trailing `*`."""
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), schema, fieldboosts=fieldboosts, group=qparser.OrGroup.factory(0.9)
    )
    # Wildcards only at the end of a word (polic*): a leading * scans the whole vocabulary.
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.add_plugin(qparser.PrefixPlugin())
    # Ranges walk the vocabulary too; not for a public search box.
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    # A minus only at the start of a word, so "2025-26" stays one search term.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    return parser


def bound(query: Query, reader: IndexReader) -> Query:
    """Make a parsed query safe to run: prefixes expanded to at most `MAX_EXPANSIONS` words
    (too short a prefix is searched as a word), and fields a visitor may not name dropped."""
    if isinstance(query, Prefix | Wildcard):
        return _expand_prefix(query, reader)
    if isinstance(query, Term | Phrase) and query.fieldname not in ALLOWED_FIELDS:
        return NullQuery
    if query.is_leaf():
        fieldname = getattr(query, "fieldname", None)
        return NullQuery if fieldname and fieldname not in ALLOWED_FIELDS else query
    return normalized(query.apply(lambda q: bound(q, reader)))


def reader_free(query: Query) -> bool:
    """True when `bound` gives the same query whatever the index (no prefix or wildcard to
    expand against its vocabulary), so that its result may be kept for the next search."""
    return not any(isinstance(q, Prefix | Wildcard) for q in query.leaves())


def normalized(query: Query) -> Query:
    """`query.normalize()`, the same tree, made without Whoosh's deep copies.

    Whoosh flattens nested ORs and ANDs by giving each of their words a boosted copy, and
    copies with `copy.deepcopy`: for a question of ten words in five fields, with its
    synonyms and neighbouring pairs, that was half of the 6 ms (p50) it took to parse. The
    ORs and ANDs the parser makes are normalised here by the very steps of Whoosh's
    `CompoundQuery.normalize` (and `Or`'s), with a shallow copy of a boosted word or phrase,
    which holds nothing mutable but the phrase's own lists (copied too); any other query
    normalises itself as before. tests/test_query.py holds the two equal, field by field.
    """
    if type(query) is not Or and type(query) is not And:
        return query.normalize()
    kind = type(query)
    subqueries: list[Query] = []
    for s in query.subqueries:
        s = normalized(s)
        if isinstance(s, kind):
            subqueries += [_with_boost(ss, ss.boost * s.boost) for ss in s.subqueries]
        else:
            subqueries.append(s)
    if all(q is NullQuery for q in subqueries):
        return NullQuery
    if any(isinstance(q, Every | TermRange | NumericRange) for q in subqueries):
        # Everything and ranges merge in Whoosh's own way (the search box makes neither).
        return query.normalize()
    seen: set[Query] = set()
    kept: list[Query] = []
    for s in subqueries:
        if s is not NullQuery and s not in seen:
            seen.add(s)
            kept.append(s)
    if not kept:
        return NullQuery
    if len(kept) == 1:
        sub = kept[0]
        sub_boost = getattr(sub, "boost", 1.0)
        if not (query.boost == 1.0 and sub_boost == 1.0):
            sub = _with_boost(sub, sub_boost * query.boost)
        return sub
    out = kind(kept, boost=query.boost)
    if isinstance(query, Or) and isinstance(out, Or):
        out.minmatch, out.scale = query.minmatch, query.scale
    return out


def _with_boost(query: Query, boost: float) -> Query:
    """`query.with_boost(boost)` (a copy with that boost), shallow for words and phrases."""
    if type(query) is not Term and type(query) is not Phrase:
        return query.with_boost(boost)
    copied = object.__new__(type(query))
    copied.__dict__.update(query.__dict__)
    if isinstance(copied, Phrase):
        copied.words = list(copied.words)
        if copied.char_ranges is not None:
            copied.char_ranges = list(copied.char_ranges)
    copied.boost = boost
    return copied


def require_filters(query: Query) -> Query:
    """`class:decisions council` means council documents *in* that class: a class or year
    named beside words restricts the search instead of being one more optional word."""
    if isinstance(query, AndNot):
        return AndNot(require_filters(query.a), query.b)
    if isinstance(query, Or):
        named = [c for c in query.subqueries if getattr(c, "fieldname", None) in FILTER_FIELDS]
        rest = [c for c in query.subqueries if all(c is not n for n in named)]
        if named and rest:
            wanted = Or(named) if len(named) > 1 else named[0]
            words = Or(rest, boost=query.boost, scale=query.scale) if len(rest) > 1 else rest[0]
            return And([wanted, words])
    return query


def _expand_prefix(query: Prefix | Wildcard, reader: IndexReader) -> Query:
    field_name = query.fieldname
    text = str(query.text).lower().rstrip("*?")
    if field_name not in ALLOWED_FIELDS or not text or any(c in text for c in "*?"):
        return NullQuery
    if len(text) < MIN_PREFIX or field_name not in reader.schema:
        return Term(field_name, text, boost=query.boost)
    words: list[str] = []
    for word in reader.expand_prefix(field_name, text):
        words.append(word.decode("utf-8") if isinstance(word, bytes) else word)
        if len(words) >= MAX_EXPANSIONS:
            break
    if not words:
        return NullQuery
    return Or([Term(field_name, w) for w in words], boost=query.boost)


def positive_terms(query: Query) -> Iterator[tuple[str, str]]:
    """(field, word) of every term a document may match, leaving out what is excluded with
    NOT or `-`; used to find matching pages and mark snippets."""
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from positive_terms(query.a)
        return
    if isinstance(query, Term):
        yield query.fieldname, query.text
    elif isinstance(query, Phrase):
        for word in query.words:
            yield query.fieldname, word
    else:
        for child in query.children():
            yield from positive_terms(child)


def page_query(query: Query) -> Query | None:
    """The doc query's words and phrases, searched in the `text` of page records.

    A word that was typed only inside a phrase counts only as part of it: the pages listed
    for "meaning of clear days" are those with the phrase, not every page saying "days".
    """
    words = {w for f, w in positive_terms(query) if f in TEXT_FIELDS and isinstance(w, str)}
    phrases = {
        tuple(p.words) for p in _phrases(query) if p.fieldname in TEXT_FIELDS and len(p.words) > 1
    }
    words -= {w for phrase in phrases for w in phrase} - _loose_words(query)
    clauses: list[Query] = [Term("text", w) for w in sorted(words)]
    clauses += [Phrase("text", list(p), boost=2.0) for p in sorted(phrases)]
    return Or(clauses) if clauses else None


def _loose_words(query: Query) -> set[str]:
    """Positive words of the query that stand outside any phrase."""
    if isinstance(query, Phrase | Not):
        return set()
    if isinstance(query, AndNot):
        return _loose_words(query.a)
    if isinstance(query, Term):
        loose = query.fieldname in TEXT_FIELDS and isinstance(query.text, str)
        return {query.text} if loose else set()
    found: set[str] = set()
    for child in query.children():
        found |= _loose_words(child)
    return found


def _phrases(query: Query) -> Iterator[Phrase]:
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from _phrases(query.a)
        return
    if isinstance(query, Phrase):
        yield query
    else:
        for child in query.children():
            yield from _phrases(child)
