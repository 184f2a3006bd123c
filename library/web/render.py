"""What every view shares: the site's templates (`library.templating` with the request's
`url_for`), rendering, query-string parsing and URL building. Views stay a few lines each
because the fiddly parts live here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict, overload
from urllib.parse import urlencode

import jinja2
from jinja2.runtime import Context
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from library import templating
from library.classes import CLASSES, UNCLASSIFIED
from library.errors import IndexMissingError, SchemaMismatchError
from library.results import ResultsPage
from library.search import Catalog, SearchRequest, Synonyms, pins_for, synonyms_for
from library.web.assets import Assets

MAX_REMEMBERED_URLS = 20_000
_WHOLE = re.compile(r"-?[0-9]{1,12}")


def build_templates(web_dir: Path, assets: Assets | None = None) -> Jinja2Templates:
    """Templates with autoescaping on for every file (feeds too) and the site's filters;
    `static_url('app.css')` links a static file under its fingerprinted name."""
    env = templating.environment(web_dir)
    # A worker renders the templates it started with (its ETags' build token is made from
    # them), and checking each included file's mtime on every render costs a stat apiece.
    env.auto_reload = False
    env.globals["url_for"] = _url_maker()
    env.globals["absolute"] = _absolute
    env.globals["static_url"] = (assets or Assets(web_dir / "static")).url
    return Jinja2Templates(env=env)


def _url_maker() -> Callable[..., str]:
    """`url_for` for one site's templates, remembering the paths it has made: a results page
    asks for some forty, and the routes never change while the site runs."""
    made: dict[tuple[str, tuple[tuple[str, str | int], ...]], str] = {}

    @jinja2.pass_context
    def url_for(context: Context, name: str, /, **params: str | int) -> str:
        key = (name, tuple(sorted(params.items())))
        found = made.get(key)
        if found is None:
            request: Request = context["request"]
            found = str(request.app.url_path_for(name, **params))
            if len(made) >= MAX_REMEMBERED_URLS:
                made.clear()
            made[key] = found
        return found

    return url_for


@jinja2.pass_context
def _absolute(context: Context, path: str) -> str:
    return absolute_url(context["request"], path)


def absolute_url(request: Request, path: str) -> str:
    """`path` on the site's public address (settings.public_url, else the request's)."""
    base = request.state.settings.public_url or str(request.base_url)
    return base.rstrip("/") + "/" + path.lstrip("/")


def render(
    request: Request,
    name: str,
    context: Mapping[str, object] | None = None,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    media_type: str | None = None,
) -> Response:
    """Render `name` with the settings, the classes and the current query in the context."""
    base = {
        "settings": request.state.settings,
        "classes": CLASSES,
        "unclassified": UNCLASSIFIED,
        "query": request.query_params.get("q", ""),
    }
    templates: Jinja2Templates = request.state.templates
    return templates.TemplateResponse(
        request,
        name,
        {**base, **(context or {})},
        status_code=status,
        headers=headers,
        media_type=media_type,
    )


@overload
def int_param(request: Request, name: str, default: int) -> int: ...
@overload
def int_param(request: Request, name: str, default: None) -> int | None: ...
def int_param(request: Request, name: str, default: int | None) -> int | None:
    """An optional whole-number query parameter.

    Raises:
        HTTPException: 400 when it is not a whole number.
    """
    raw = request.query_params.get(name, "").strip()
    if raw == "":
        return default
    if not _whole(raw):
        raise HTTPException(400, f"{name} must be a whole number")
    return int(raw)


def _whole(raw: str) -> bool:
    # ASCII digits only: str.isdigit() is also true of "²" and other digits int() refuses.
    return _WHOLE.fullmatch(raw) is not None


def list_param(request: Request, name: str) -> tuple[str, ...]:
    """Every non-empty value of a query parameter that may repeat (`class=a&class=b`)."""
    return tuple(dict.fromkeys(v.strip() for v in request.query_params.getlist(name) if v.strip()))


class Filters(TypedDict):
    """The filters of a query string, named as `SearchRequest`'s fields."""

    classes: tuple[str, ...]
    years: tuple[int, ...]
    doc_types: tuple[str, ...]


def filter_params(request: Request) -> Filters:
    """The `class`, `year` and `type` filters of the query string, each with as many values
    as were given, as `SearchRequest` fields.

    Raises:
        HTTPException: 400 when a year is not a whole number.
    """
    years = list_param(request, "year")
    if not all(_whole(y) for y in years):
        raise HTTPException(400, "year must be a whole number")
    return Filters(
        classes=list_param(request, "class"),
        years=tuple(int(y) for y in years),
        doc_types=list_param(request, "type"),
    )


def query_url(path: str, params: Mapping[str, object]) -> str:
    """`path?params`, leaving out empty values, so shared URLs stay short and readable; a
    list or tuple value repeats its parameter (`class=a&class=b`)."""
    kept = {
        k: v for k, v in params.items() if v not in (None, "", ()) and not (k == "page" and v == 1)
    }
    return f"{path}?{urlencode(kept, doseq=True)}" if kept else path


@contextmanager
def open_catalog(request: Request) -> Iterator[Catalog]:
    """The live index's catalog, for one request.

    Raises:
        HTTPException: 503 when there is no usable index yet (the librarian has to index).
    """
    try:
        with request.state.reader.catalog() as catalog:
            yield catalog
    except (IndexMissingError, SchemaMismatchError) as exc:
        raise HTTPException(503, "The library is being prepared. Please try again later.") from exc


def site_synonyms(request: Request) -> Synonyms:
    """The librarian's synonyms file, re-read when it changes (no restart, no reindex)."""
    return synonyms_for(request.state.settings.synonyms_path)


def site_search(request: Request, catalog: Catalog, search_request: SearchRequest) -> ResultsPage:
    """Every public search goes through here, so each uses the librarian's synonyms and
    curated answers."""
    curated = pins_for(request.state.settings.curated_path)
    return catalog.search(search_request, synonyms=site_synonyms(request), curated=curated)
