"""A suggested class for unclassified documents, learned from the ones librarians have filed.

A nearest-centroid classifier on TF-IDF vectors of the index's own stemmed words (Rocchio):
small, no new dependency, and retrained from the index on every call, so each document a
librarian files improves the next suggestion. It was chosen over naive Bayes because the
documents of one authority share a vocabulary (its name, "council", "meeting") that naive
Bayes lets the biggest class win on; IDF weighting discounts exactly those words. It only
suggests; a person files.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from library.classes import is_class_slug
from library.schema import KIND_DOC, KIND_PAGE, text_analyzer

if TYPE_CHECKING:
    from library.search import Catalog

# Enough of each document to tell its class; beyond this it only costs time.
_MAX_CHARS = 40_000
_TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Suggestion:
    """The most likely class and how sure the model is (0-1, its share among the classes)."""

    pub_class: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"class": self.pub_class, "confidence": round(self.confidence, 3)}


def words(text: str) -> list[str]:
    """The index's stemmed, stop-worded words of `text` (so "budgets" and "budget" agree)."""
    analyzer = text_analyzer()
    return [t.text for t in analyzer(text[:_MAX_CHARS]) if len(t.text) > 2 and t.text.isalpha()]


class CentroidModel:
    """One TF-IDF centroid per class; a document goes to the class whose centroid is nearest
    (cosine). Each training document is normalised first, so long ones do not dominate."""

    def __init__(self) -> None:
        self.idf: dict[str, float] = {}
        self.centroids: dict[str, dict[str, float]] = {}

    def fit(self, examples: Iterable[tuple[str, list[str]]]) -> CentroidModel:
        examples = list(examples)
        df: Counter[str] = Counter()
        for _, tokens in examples:
            df.update(set(tokens))
        n = len(examples)
        self.idf = {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}
        sums: dict[str, Counter[str]] = {}
        for label, tokens in examples:
            sums.setdefault(label, Counter()).update(self.vector(tokens))
        self.centroids = {label: _normalised(dict(c)) for label, c in sums.items()}
        return self

    @property
    def trained(self) -> bool:
        return len(self.centroids) >= 2

    def vector(self, tokens: list[str]) -> dict[str, float]:
        counts = Counter(t for t in tokens if t in self.idf)
        return _normalised({t: math.log1p(k) * self.idf[t] for t, k in counts.items()})

    def similarities(self, tokens: list[str]) -> dict[str, float]:
        """Cosine similarity of `tokens` to each class centroid (0 to 1)."""
        vector = self.vector(tokens)
        return {
            label: sum(x * centroid.get(t, 0.0) for t, x in vector.items())
            for label, centroid in self.centroids.items()
        }

    def predict(self, tokens: list[str]) -> Suggestion | None:
        """The nearest class; `confidence` is its share of the summed similarities."""
        if not self.trained:
            return None
        sims = self.similarities(tokens)
        total = sum(sims.values())
        if total <= 0:
            return None
        best = max(sims, key=lambda label: (sims[label], label))
        return Suggestion(best, sims[best] / total)


def _normalised(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vector.values()))
    return {t: x / norm for t, x in vector.items()} if norm else {}


def document_texts(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Every indexed document's class and text (title weighted, summary, keywords, pages)."""
    heads: dict[str, dict[str, Any]] = {}
    pages: dict[str, list[tuple[int, str]]] = {}
    for fields in catalog.all_records():
        kind = fields.get("kind")
        if kind == KIND_DOC:
            heads[fields["path"]] = fields
        elif kind == KIND_PAGE:
            pages.setdefault(fields["path"], []).append((fields["page"], fields.get("text", "")))
    texts: dict[str, tuple[str, str]] = {}
    for path, head in heads.items():
        body = " ".join(text for _, text in sorted(pages.get(path, [])))
        lead = " ".join([head.get("title", "")] * _TITLE_WEIGHT)
        text = f"{lead} {head.get('summary', '')} {head.get('keywords', '')} {body}"
        texts[path] = (head.get("pub_class", ""), text)
    return texts


def suggest_classes(catalog: Catalog, paths: Iterable[str]) -> dict[str, Suggestion]:
    """A suggestion for each of `paths` (indexed documents), trained on the filed documents.

    Paths the model cannot judge (no filed documents yet, fewer than two classes, or no word
    in common) get no entry.
    """
    wanted = set(paths)
    if not wanted:
        return {}
    texts = document_texts(catalog)
    model = CentroidModel().fit(
        (label, words(text)) for label, text in texts.values() if is_class_slug(label)
    )
    suggestions: dict[str, Suggestion] = {}
    for path in sorted(wanted & set(texts)):
        guess = model.predict(words(texts[path][1]))
        if guess is not None:
            suggestions[path] = guess
    return suggestions
