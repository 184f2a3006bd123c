"""The door of /staff: every staff address but the login page needs a logged-in session."""

from __future__ import annotations

from urllib.parse import quote

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from library.web.security import on_response_start

USER_KEY = "staff_user"
OPEN_PATHS = frozenset({"/login"})


def staff_path(scope: Scope) -> str:
    """The path inside the /staff mount (`/login`, `/`, `/upload`...)."""
    path = str(scope.get("path", ""))
    root = str(scope.get("root_path", ""))
    inner = path[len(root) :] if root and path.startswith(root) else path
    return inner or "/"


class LoginRequired:
    """Redirects a page request without a staff session to the login page and refuses any
    other method with 403; every staff response is marked not to be cached, so a shared
    browser's back button shows nothing after logout.

    Sits inside Starlette's SessionMiddleware, so `scope["session"]` is the signed session.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        inner = staff_path(scope)
        if inner not in OPEN_PATHS and not scope.get("session", {}).get(USER_KEY):
            await self._refuse(scope)(scope, receive, send)
            return
        await self.app(scope, receive, on_response_start(send, _no_store))

    @staticmethod
    def _refuse(scope: Scope) -> Response:
        if scope.get("method") in ("GET", "HEAD"):
            root = str(scope.get("root_path", "")) or "/staff"
            target = quote(str(scope.get("path", "")), safe="/")
            return RedirectResponse(
                f"{root}/login?next={target}",
                status_code=303,
                headers={"cache-control": "no-store"},
            )
        return PlainTextResponse("Log in first.", status_code=403)


def _no_store(headers: MutableHeaders) -> None:
    headers["cache-control"] = "no-store"
