"""The public web app: `create_app(settings)` builds it; the lifespan opens the index."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from library.config import Settings
from library.reader import IndexReader
from library.web import views


def create_app(settings: Settings) -> Starlette:
    """The site for `settings`; nothing is read from the environment here."""
    templates = Jinja2Templates(directory=str(settings.web_dir / "templates"))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        reader = IndexReader(settings.index_dir)
        try:
            yield {"reader": reader, "settings": settings, "templates": templates}
        finally:
            reader.close()

    routes = [
        Route("/", views.home, name="home"),
        Route("/search", views.search_page, name="search"),
        Route("/healthz", views.healthz, name="healthz"),
        Mount("/static", StaticFiles(directory=str(settings.web_dir / "static")), name="static"),
    ]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers=views.HANDLERS)
