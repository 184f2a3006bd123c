"""The read side: what people type becomes ranked documents, pages and snippets.

Everything here only reads the index, and nothing here imports `library.indexing`: the web
process cannot reach the writer. Open the index with a `ReaderPool`; read it through the
`Catalog` the pool lends (`with pool.catalog() as catalog: catalog.search(request)`). It
answers in the ground's shapes (`library.models`: `Document`, `Hit`, `ResultsPage`); `Document`
is named here too, as it was before it moved to the ground.
"""

from library.models import Document
from library.search.catalog import Catalog
from library.search.curated import Pins, pins_for
from library.search.engine import default_synonyms, parse, synonyms_for
from library.search.parsing import Synonyms
from library.search.pool import ReaderPool
from library.search.request import MAX_CHOSEN, MAX_PAGE, MAX_QUERY_CHARS, SORTS, SearchRequest
from library.search.semantic import Semantic, semantic_search
from library.search.stopwords import is_stop_word

__all__ = [
    "MAX_CHOSEN",
    "MAX_PAGE",
    "MAX_QUERY_CHARS",
    "SORTS",
    "Catalog",
    "Document",
    "Pins",
    "ReaderPool",
    "SearchRequest",
    "Semantic",
    "Synonyms",
    "default_synonyms",
    "is_stop_word",
    "parse",
    "pins_for",
    "semantic_search",
    "synonyms_for",
]
