"""Read-only views of the published documents: listings, one document, related ones, the
disclosure log. The site's pages and feeds use these instead of touching Whoosh themselves.

Every function reads `doc` records only, so non-public (`private`) and failed (`problem`)
files can never appear in a listing, a feed or a file download.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher

from library import vectors
from library.embedding import ModelState
from library.embedding_helper import Asked
from library.models import Document, Hit, SeriesMember
from library.passages import PageMatch, Reading
from library.results import ResultsPage
from library.schema import KIND_DOC, KIND_PAGE, Record, stored_files
from library.search import engine, ranking
from library.search.answer_cache import AnswerCache
from library.search.curated import Pins
from library.search.parsing import Synonyms
from library.search.reading import reading
from library.search.request import SearchRequest
from library.search.semantic import QueryScores, Semantic, SemanticDoc, nearest
from library.search.series import other_years

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


def index_version(gen: Path | None, commit: int, *, semantic: bool) -> str:
    """A name for what a reader sees: the generation, its Whoosh commit and, with semantic
    search, the stamp of the vectors' manifest (vectors may land a commit after the text).
    It changes whenever a commit, a rebuild or new vectors could change an answer."""
    name = gen.name if gen is not None else ""
    if not semantic or gen is None:
        return f"{name}.{commit}"
    return f"{name}.{commit}.{vectors.manifest_stamp(vectors.folder_of(gen))}"


def _newest_first(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.sort_date(), d.title.lower()), reverse=True)


class Catalog:
    """What the live index holds, read through one searcher lent by the `ReaderPool`.

    The one read API of the library: the site, the CLI and the librarian's tools ask a
    Catalog, and no Whoosh searcher leaves this package. A Catalog lives as long as the
    `with pool.catalog() as catalog:` block that made it (one request, one command).
    """

    def __init__(
        self,
        searcher: Searcher,
        semantic: Semantic | None = None,
        gen: Path | None = None,
        answers: AnswerCache | None = None,
    ) -> None:
        self._searcher = searcher
        self._semantic = semantic
        self._gen = gen
        self._answers = answers
        self._scored: QueryScores | None = None  # the last query's, for the same search's next ask
        self._asked: Asked | None = None  # the query the helper is embedding for this search

    def version(self) -> str:
        """What this searcher reads (`index_version`): two catalogs with the same version
        give the same answer to the same search."""
        semantic = self._semantic is not None
        return index_version(self._gen, self._searcher.reader().generation(), semantic=semantic)

    def _near(self, text: str, allowed: np.ndarray, limit: int) -> list[SemanticDoc]:
        assert self._semantic is not None
        if self._scored is None or self._scored.text != text:
            self._scored = self._semantic.score(self._searcher, self._gen, text, self._asked)
        return nearest(self._scored, allowed, limit) if self._scored is not None else []

    def prepare(self) -> None:
        """Load what every search of this version shares: the field tables of `ranking.view`
        (a second or more at 100,000 pages) and, with semantic search on, the model and the
        vectors' row maps. A worker's warm-up calls it, so that ready means ready."""
        ranking.view(self._searcher)
        if self._semantic is not None and self._semantic.state(self._gen).on:
            self._semantic.prepare(self._searcher, self._gen)

    def semantic_state(self) -> ModelState:
        """Whether searches use meaning as well as words here, and if not, why."""
        if self._semantic is None:
            return ModelState(on=False, reason="not enabled for this reader")
        return self._semantic.state(self._gen)

    def documents_with_vectors(self) -> int:
        """Public documents that semantic search can find (those with passage vectors)."""
        if self._semantic is None:
            return 0
        return self._semantic.documents_with_vectors(self._searcher, self._gen)

    def search(
        self,
        request: SearchRequest,
        *,
        synonyms: Synonyms | None = None,
        curated: Pins | None = None,
    ) -> ResultsPage:
        """The results page for `request` (see `engine.search`), from the pool's answer cache
        when this very search was made of this very index version before."""
        if self._answers is None:
            return self._searched(request, synonyms, curated)
        key = (self.version(), request)
        page = self._answers.get(key, synonyms, curated)
        if page is None:
            page = self._searched(request, synonyms, curated)
            self._answers.put(key, synonyms, curated, page)
        return page

    def _searched(
        self, request: SearchRequest, synonyms: Synonyms | None, curated: Pins | None
    ) -> ResultsPage:
        if self._semantic is None:
            return engine.search(self._searcher, request, synonyms=synonyms, curated=curated)
        # The query is embedded (by the helper, if there is one) while its words are ranked.
        self._asked = self._semantic.ask(request.query.strip())
        try:
            return engine.search(
                self._searcher, request, synonyms=synonyms, curated=curated, near=self._near
            )
        finally:
            if self._asked is not None:
                self._asked.finish()
                self._asked = None

    def matching_pages(
        self, text: str, path: str, *, synonyms: Synonyms | None = None, limit: int = 20
    ) -> list[PageMatch]:
        """The pages of the document at `path` that a search for `text` matches."""
        return engine.matching_pages(self._searcher, text, path, synonyms=synonyms, limit=limit)

    def reading(
        self, doc: Document, query: str = "", *, synonyms: Synonyms | None = None
    ) -> Reading:
        """`doc`'s text unit by unit for its reading view, a search for `query` marked."""
        return reading(self._searcher, doc, query, synonyms=synonyms)

    def related(self, path: str, limit: int = 5) -> tuple[Hit, ...]:
        """Documents with words like those of the document at `path`, best first."""
        return engine.related(self._searcher, path, limit)

    def doc_count(self) -> int:
        """Records in the index, of every kind (a health figure, not a document count)."""
        return int(self._searcher.doc_count())

    def stored_files(self) -> Iterator[Record]:
        """The stored record of every file the index knows: documents, problems, private."""
        return stored_files(self._searcher)

    def all_records(self) -> Iterator[Record]:
        """Every stored record, pages included (for the integrity check and the classifier)."""
        return iter(self._searcher.all_stored_fields())

    def _documents(self, **terms: str) -> list[Document]:
        # `doc` records only: private and failed files have none, so they can never be listed.
        return [Document.from_record(f) for f in self._searcher.documents(kind=KIND_DOC, **terms)]

    def all_documents(self) -> list[Document]:
        """Every public document, in path order."""
        return sorted(self._documents(), key=lambda d: d.path)

    def documents_in_class(self, pub_class: str) -> list[Document]:
        """The public documents of one class, newest first."""
        return _newest_first(self._documents(pub_class=pub_class))

    def recent_documents(self, limit: int = 10) -> list[Document]:
        """The most recently published documents: those with a date ("Recently published"
        says when each was published, and a document that states no date cannot say)."""
        dated = [d for d in self._documents() if d.published or d.response_date]
        return _newest_first(dated)[:limit]

    def recently_changed(self, limit: int = 10) -> list[Document]:
        """The documents most recently added or changed in the library (the Atom feed)."""
        docs = sorted(self._documents(), key=lambda d: (d.updated, d.title.lower()), reverse=True)
        return docs[:limit]

    def class_counts(self) -> dict[str, int]:
        """Public documents per class slug (including `unclassified` when there are any)."""
        return dict(Counter(d.pub_class for d in self._documents()))

    def get_document(self, doc_id: str) -> Document | None:
        """The public document with this id, or None (also for non-public and failed files)."""
        fields = self._searcher.document(kind=KIND_DOC, doc_id=doc_id)
        return Document.from_record(fields) if fields else None

    def get_by_path(self, relpath: str) -> Document | None:
        """The public document stored at `relpath` (relative to the documents folder), or None."""
        fields = self._searcher.document(kind=KIND_DOC, path=relpath)
        return Document.from_record(fields) if fields else None

    def opening_sentence(self, doc: Document, limit: int = 200) -> str:
        """The first real sentence of the document's first page (eight words or more, so a
        running header is passed over), at most `limit` characters: what a page describing
        the document says about it when the document has no summary ("" when none)."""
        first = self._searcher.document(kind=KIND_PAGE, path=doc.path, page=1)
        text = " ".join(str((first or {}).get("text", "")).split())
        for sentence in _SENTENCE_END.split(text):
            if len(sentence.split()) >= 8:
                return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
        return ""

    def other_years(self, doc: Document) -> tuple[SeriesMember, ...]:
        """The other years of `doc`'s series (its yearly versions), newest first."""
        fields = {
            "path": doc.path,
            "series": doc.series,
            "year": doc.year,
            "doc_type": doc.doc_type,
        }
        return other_years(self._searcher, fields)

    def datasets(self) -> list[Document]:
        """The public datasets (CSV files and spreadsheets), newest first."""
        return _newest_first([d for d in self._documents() if d.is_dataset])

    def disclosure_log(self) -> list[Document]:
        """Released FOI responses, newest response first."""
        return _newest_first([d for d in self._documents() if d.is_disclosure])

    def search_disclosures(self, text: str, limit: int = 5) -> list[Document]:
        """Released FOI responses that match `text`, best first (ranked by `Catalog.search`)."""
        if not text.strip():
            return []
        request = SearchRequest(query=text, pub_class="lists-and-registers", page_size=100)
        found: list[Document] = [h for h in self.search(request).hits if h.is_disclosure]
        return found[:limit]

    def related_documents(self, doc: Document, limit: int = 5) -> list[Document]:
        """Documents with similar text first, then others of the same class, never `doc` itself."""
        found: list[Document] = list(self.related(doc.path, limit))
        seen = {doc.doc_id, *(d.doc_id for d in found)}
        for other in self.documents_in_class(doc.pub_class):
            if len(found) >= limit:
                break
            if other.doc_id not in seen:
                found.append(other)
                seen.add(other.doc_id)
        return found[:limit]
