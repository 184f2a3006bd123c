"""One web worker of `library serve --workers N`: uvicorn spawns each worker as a fresh
process and imports this factory by name, so the app is built there, from the `LIBRARY_*`
variables the supervisor set (its flags included), with nothing carried over in memory."""

from __future__ import annotations

import logging
import sys

from starlette.applications import Starlette

from library.config import Settings
from library.web.app import create_app


def worker_app() -> Starlette:
    """The site for the settings in this process's environment (`Settings.load`)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    return create_app(Settings.load())
