"""The public web app: `create_app(settings)` builds it; the lifespan opens the index
read-only and the insight recorder, and hands both to the handlers as request state."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from library.config import Settings
from library.librarian import InsightRecorder
from library.search import ReaderPool, semantic_search
from library.web.errors import HANDLERS
from library.web.render import build_templates
from library.web.security import SecurityHeadersMiddleware
from library.web.staff import staff_mount
from library.web.views import api, documents, feeds, files, guide, home, search
from library.web.views import request as foi


class _AnyPathConvertor(PathConvertor):
    """Starlette's `path` stops at a line feed (`.*`); a published file may have one in its
    name, and must still be downloadable."""

    regex = r"[\s\S]*"


register_url_convertor("anypath", _AnyPathConvertor())


def routes(settings: Settings) -> list[Route | Mount]:
    return [
        Route("/", home.home, name="home"),
        Route("/search", search.search_page, name="search"),
        Route("/documents/{doc_id}", documents.document_page, name="document"),
        Route("/guide", guide.guide, name="guide"),
        Route("/disclosure-log", guide.disclosure_log, name="disclosure_log"),
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
        Route("/api/openapi.json", api.api_openapi, name="api_openapi"),
        Route("/healthz", home.healthz, name="healthz"),
        staff_mount(settings),  # /staff: the librarians' pages, behind a login
        Mount("/static", StaticFiles(directory=settings.web_dir / "static"), name="static"),
    ]


def create_app(settings: Settings) -> Starlette:
    """The site for `settings`; nothing is read from the environment here."""
    templates = build_templates(settings.web_dir)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        reader = ReaderPool(settings.index_dir, semantic_search(settings.embedding_model))
        insight = InsightRecorder(settings.index_dir, keep_days=settings.insight_days)
        try:
            yield {
                "reader": reader,
                "settings": settings,
                "templates": templates,
                "insight": insight,
            }
        finally:
            insight.close()
            reader.close()

    return Starlette(
        routes=routes(settings),
        lifespan=lifespan,
        exception_handlers=HANDLERS,
        middleware=[Middleware(SecurityHeadersMiddleware)],
    )
