"""The public web app: `create_app(settings)` builds it; the lifespan opens the index
read-only and the insight recorder, and hands both to the handlers as request state."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.middleware import Middleware
from starlette.routing import Mount, Route

from library import store
from library.config import Settings
from library.librarian import InsightRecorder
from library.search import ReaderPool, semantic_search
from library.web.assets import Assets, TextGZipMiddleware
from library.web.caching import ConditionalGetMiddleware, build_token
from library.web.errors import HANDLERS
from library.web.limits import ConcurrencyLimitMiddleware
from library.web.page_cache import PageCache
from library.web.render import build_templates
from library.web.security import SecurityHeadersMiddleware
from library.web.staff import staff_mount
from library.web.views import (
    api,
    datasets,
    documents,
    feeds,
    files,
    guide,
    home,
    reading,
    search,
)
from library.web.views import request as foi


class _AnyPathConvertor(PathConvertor):
    """Starlette's `path` stops at a line feed (`.*`); a published file may have one in its
    name, and must still be downloadable."""

    regex = r"[\s\S]*"


register_url_convertor("anypath", _AnyPathConvertor())


def routes(settings: Settings, assets: Assets | None = None) -> list[Route | Mount]:
    assets = assets or Assets(settings.web_dir / "static")
    return [
        Route("/", home.home, name="home"),
        Route("/search", search.search_page, name="search"),
        Route("/documents/{doc_id}", documents.document_page, name="document"),
        Route("/documents/{doc_id}/text", reading.document_text, name="document_text"),
        Route(
            "/documents/{doc_id}/sheets/{number:int}.csv",
            datasets.sheet_csv_download,
            name="sheet_csv",
        ),
        Route("/guide", guide.guide, name="guide"),
        Route("/disclosure-log", guide.disclosure_log, name="disclosure_log"),
        Route("/datasets", datasets.datasets_page, name="datasets"),
        Route("/datasets/dcat.json", datasets.dcat_json, name="datasets_dcat"),
        Route("/request", foi.request_page, name="request"),
        Route("/request/contact", foi.request_contact, name="request_contact"),
        Route("/files/{path:anypath}", files.serve_file, name="file"),
        Route("/feed.atom", feeds.atom_feed, name="feed"),
        Route("/sitemap.xml", feeds.sitemap, name="sitemap"),
        Route("/opensearch.xml", feeds.opensearch, name="opensearch"),
        Route("/robots.txt", feeds.robots, name="robots"),
        Route("/api/search", api.api_search, name="api_search"),
        Route("/api/documents", api.api_documents, name="api_documents"),
        Route("/api/documents/{doc_id}", api.api_document, name="api_document"),
        Route("/api/classes", api.api_classes, name="api_classes"),
        Route("/api/datasets", api.api_datasets, name="api_datasets"),
        Route("/api/openapi.json", api.api_openapi, name="api_openapi"),
        Route("/healthz", home.healthz, name="healthz"),
        staff_mount(settings),  # /staff: the librarians' pages, behind a login
        Route("/favicon.ico", assets.icon, name="favicon"),
        Route("/apple-touch-icon.png", assets.icon, name="apple_touch_icon"),
        Mount("/static", assets, name="static"),  # fingerprinted names cached for a year
    ]


def create_app(settings: Settings) -> Starlette:
    """The site for `settings`; nothing is read from the environment here."""
    assets = Assets(settings.web_dir / "static")
    templates = build_templates(settings.web_dir, assets)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        reader = ReaderPool(
            settings.index_dir,
            # A server's searches are fresh queries: each is embedded on the second core
            # while its words are ranked (`library.embedding_helper`).
            semantic_search(settings.embedding_model, helper=True),
            answers=settings.answer_cache,
        )
        insight = InsightRecorder(settings.index_dir, keep_days=settings.insight_days)
        pages = (
            PageCache(store.pages_path(settings.index_dir), settings.answer_cache)
            if settings.answer_cache > 0
            else None
        )
        await run_in_threadpool(reader.warm)  # ready means ready: the first visitor waits not
        try:
            yield {
                "reader": reader,
                "settings": settings,
                "templates": templates,
                "insight": insight,
                "pages": pages,
            }
        finally:
            if pages is not None:
                pages.close()
            insight.close()
            reader.close()

    return Starlette(
        routes=routes(settings, assets),
        lifespan=lifespan,
        exception_handlers=HANDLERS,
        middleware=[
            # Outermost: pages, CSS, JSON and XML leave compressed; ETags are weak, so they
            # hold for the compressed body too.
            Middleware(TextGZipMiddleware),
            Middleware(SecurityHeadersMiddleware),
            # A 304 is answered before the queue; a search waits in it (issue 15).
            Middleware(ConditionalGetMiddleware, build=build_token(settings)),
            Middleware(
                ConcurrencyLimitMiddleware,
                concurrency=settings.search_concurrency,
                queue=settings.search_queue,
            ),
        ],
    )
