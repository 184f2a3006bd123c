"""Property-based tests (hypothesis): whatever a visitor types, the parser gives a query, the
search gives a page of results or a `QueryError`, and the site gives a page or a 4xx, never a
500, each within a time bound (hypothesis' `deadline`).

Examples are few and the database is off, so the suite stays fast and writes nothing into
the repository; a failure prints the falsifying input to add to the hostile lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from live_server import LiveServer, live_server
from web_site import build_site

from library.config import Settings
from library.errors import QueryError, UnknownClassError
from library.results import ResultsPage
from library.search.engine import SearchRequest, parse, search
from library.search.pool import ReaderPool

pytestmark = pytest.mark.timeout(180)

# Pieces of the query language and things that have broken query parsers before.
TOKENS = [
    "budget", "council", "minutes", "2023", "2023-24", "march", "AND", "OR", "NOT", "ANDNOT",
    "-", "+", '"', "(", ")", "[", "]", "{", "}", "*", "?", "~", "^", ":", "title:", "class:",
    "year:", "body:", "pub_class:", "kind:", "path:", "TO", "\\", "/", "'", "&", "%", "\x00",
    "\u202e", "\ufeff", "caf\u00e9", "\U0001f3db", "a*", "*a", "bud?et", "budget~2", "budget^9",
    "[a TO z]", "{1 TO 2}", "title:(a OR b)", "\n", "\t", "<script>", "1e308", "-1", "NaN",
]  # fmt: skip
query_text = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=25).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
)
FAST = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=3),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
WEB = settings(
    max_examples=100,
    deadline=dt.timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_site(tmp_path_factory.mktemp("properties"))


@pytest.fixture(scope="module")
def reader(site: Settings) -> Iterator[ReaderPool]:
    index_reader = ReaderPool(site.index_dir)
    yield index_reader
    index_reader.close()


@pytest.fixture(scope="module")
def server(site: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(site, tmp_path_factory.mktemp("logs") / "serve.log") as live:
        yield live


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        yield client


@FAST
@given(text=query_text)
def test_any_text_parses_to_a_query(text: str) -> None:
    query = parse(text)
    assert query is not None


@FAST
@given(
    text=query_text,
    page=st.integers(min_value=-3, max_value=600),
    page_size=st.integers(min_value=-1, max_value=150),
    year=st.none() | st.integers(min_value=-5, max_value=3000),
    sort=st.sampled_from(["relevance", "newest", "", "oldest", "NEWEST"]),
    pub_class=st.none() | st.sampled_from(["decisions", "services", "private", "", "x/../y"]),
)
def test_any_request_gives_results_or_a_query_error(
    reader: ReaderPool,
    text: str,
    page: int,
    page_size: int,
    year: int | None,
    sort: str,
    pub_class: str | None,
) -> None:
    request = SearchRequest(text, pub_class, year, page, page_size, sort)
    with reader.searcher() as searcher:
        try:
            results = search(searcher, request)
        except (QueryError, UnknownClassError):  # the documented refusals: a 400 on the site
            return
    assert isinstance(results, ResultsPage)
    assert results.total >= len(results.hits) >= 0
    assert all(hit.pub_class != "private" for hit in results.hits)


@pytest.mark.slow
@WEB
@given(
    text=query_text,
    extra=st.dictionaries(
        st.sampled_from(["class", "year", "page", "sort", "page_size", "q"]),
        st.text(max_size=20),
        max_size=3,
    ),
)
def test_the_search_page_and_api_answer_any_query_without_a_server_error(
    http: httpx.Client, text: str, extra: dict[str, str]
) -> None:
    params = {"q": text, **extra}
    for route in ("/search", "/api/search", "/request"):
        response = http.get(route, params=params)
        assert response.status_code < 500, (route, params, response.text[:300])
        if route == "/api/search" and response.status_code == 200:
            assert isinstance(response.json()["results"], list)
