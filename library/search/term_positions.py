"""Which documents hold a word, and where on each page: read from the cached postings
(`search.postings`) through the ranker's view of the index, for `search.answers`, which asks
it of every word of a question."""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from library.search.postings import POSTINGS
from library.search.ranking import view


def docs_with(searcher: Searcher, fieldname: str, text: str) -> np.ndarray:
    """Document numbers (ascending, deleted ones included) whose `fieldname` holds `text`,
    from the cached postings (search.answers asks this of each word of a query)."""
    btext = searcher.schema[fieldname].to_bytes(text)
    parts = [
        p.ids.astype(np.int64) + offset
        for segid, leaf, offset in view(searcher).leaves
        for p in [POSTINGS.get(segid, leaf, fieldname, btext, positions=False)]
        if p is not None
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def positions_in(
    searcher: Searcher, fieldname: str, text: str, docs: np.ndarray
) -> dict[int, np.ndarray]:
    """The positions of `text` in each of `docs` (ascending document numbers) holding it."""
    btext = searcher.schema[fieldname].to_bytes(text)
    out: dict[int, np.ndarray] = {}
    for segid, leaf, offset in view(searcher).leaves:
        p = POSTINGS.get(segid, leaf, fieldname, btext, positions=True)
        if p is None or p.pos is None or p.starts is None or p.ends is None:
            continue
        local = docs - offset
        mine = p.only(local[(local >= 0) & (local < leaf.doc_count_all())])
        assert mine.starts is not None and mine.ends is not None and mine.pos is not None
        for i, docnum in enumerate(mine.ids):
            out[int(docnum) + offset] = mine.pos[mine.starts[i] : mine.ends[i]]
    return out
