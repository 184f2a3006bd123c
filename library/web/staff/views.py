"""The staff pages. Reading handlers are plain `def` (Starlette runs them in its thread pool);
those that write hand the work to `library.librarian` in the thread pool: pins and synonyms
here (plain files that search reads again when they change), and filing, uploads, details
and OCR in `staff.actions`, which end with the one writer indexing what changed."""

from __future__ import annotations

import hmac
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from library import store
from library.classes import CLASSES
from library.config import Settings
from library.errors import FilingError
from library.indexing import ocr_available
from library.librarian import (
    LoginLimiter,
    add_pin,
    add_synonym,
    advice_for,
    csrf_ok,
    csrf_token,
    read_report,
    read_status,
    verify_password,
)
from library.models import Document
from library.schema import doc_id_for
from library.web.render import open_catalog, render
from library.web.staff.chart import searches_chart
from library.web.staff.guard import USER_KEY

FLASH = "flash"


class StaffViews:
    """One instance per app: holds the settings and the login rate limiter."""

    def __init__(self, settings: Settings, limiter: LoginLimiter | None = None) -> None:
        self.settings = settings
        self.limiter = limiter or LoginLimiter(store.logins_path(settings.index_dir))

    # -- rendering -------------------------------------------------------------------------

    def _page(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        base = {
            "csrf": csrf_token(request.session),
            "user": request.session.get(USER_KEY),
            "flash": request.session.pop(FLASH, None),
            "scheme_classes": CLASSES,
        }
        return render(request, f"staff/{name}", {**base, **context}, status=status)

    def _back(self, request: Request, route: str, message: str) -> Response:
        request.session[FLASH] = message
        return RedirectResponse(request.url_for(route), status_code=303)

    def _refused(self, request: Request, message: str, status: int) -> Response:
        return self._page(request, "error.html", {"status": status, "message": message}, status)

    # -- session ---------------------------------------------------------------------------

    def login_form(self, request: Request) -> Response:
        return self._page(request, "login.html", {"next": _safe_next(request), "error": ""})

    async def login(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        if not csrf_ok(request.session, text_field(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please log in again.", 403)
        user = text_field(form.get("user")).strip()
        password = text_field(form.get("password"))
        context = {"next": _safe_next(request, text_field(form.get("next"))), "user_name": user}
        # Counted (in the table all workers share) before the password is checked.
        if blocked := await run_in_threadpool(self.limiter.attempt, user):
            wait = int(blocked) + 1
            message = f"Too many failed attempts. Try again in {wait // 60 + 1} minutes."
            response = self._page(request, "login.html", {**context, "error": message}, 429)
            response.headers["retry-after"] = str(wait)
            return response
        expected = self.settings.staff_user
        ok = await run_in_threadpool(verify_password, password, self.settings.staff_password_hash)
        if not (ok and hmac.compare_digest(user.encode(), expected.encode())):
            error = "The user name or password is wrong."
            return self._page(request, "login.html", {**context, "error": error}, 401)
        await run_in_threadpool(self.limiter.succeeded, user)
        request.session.clear()  # a fresh session (and CSRF token) for the logged-in user
        request.session[USER_KEY] = user
        return RedirectResponse(context["next"], status_code=303)

    async def logout(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=5)
        if not csrf_ok(request.session, text_field(form.get("csrf"))):
            return self._refused(request, "The form had expired; you are still logged in.", 403)
        request.session.clear()
        return RedirectResponse(request.url_for("staff:login"), status_code=303)

    # -- reading ---------------------------------------------------------------------------

    def dashboard(self, request: Request) -> Response:
        with open_catalog(request) as catalog:
            status = read_status(catalog, store.last_changed(self.settings.index_dir))
        week = read_report(self.settings.index_dir, days=7, limit=5)
        return self._page(
            request, "dashboard.html", {"status": status, "week": week, "nav": "dashboard"}
        )

    def problems(self, request: Request) -> Response:
        with open_catalog(request) as catalog:
            status = read_status(catalog, suggest=False)
        rows = [(p, advice_for(p.reason)) for p in status.all_problems()]
        context = {"status": status, "rows": rows, "ocr_available": ocr_available()}
        return self._page(request, "problems.html", {**context, "nav": "problems"})

    def unclassified(self, request: Request) -> Response:
        with open_catalog(request) as catalog:
            status = read_status(catalog)
        rows = [
            (path, doc_id_for(path), status.suggestions.get(path)) for path in status.unclassified
        ]
        return self._page(request, "unclassified.html", {"rows": rows, "nav": "unclassified"})

    def insight(self, request: Request) -> Response:
        raw = request.query_params.get("days", "30")
        days = min(365, max(1, int(raw))) if raw.isascii() and raw.isdigit() else 30
        report = read_report(self.settings.index_dir, days=days, limit=25)
        chart = searches_chart(report.per_day)
        with open_catalog(request) as catalog:
            documents = sorted(catalog.all_documents(), key=lambda d: d.title.lower())
        context = {"report": report, "chart": chart, "documents": documents}
        return self._page(request, "insight.html", {**context, "nav": "insight"})

    def upload_form(self, request: Request) -> Response:
        return self._page(request, "upload.html", {"nav": "upload", "error": "", "values": {}})

    # -- writing ---------------------------------------------------------------------------

    async def pin(self, request: Request) -> Response:
        """Pin a document to a search that found no answer (a curated answer)."""
        form = await request.form(max_files=0, max_fields=10)
        if not csrf_ok(request.session, text_field(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        search, path = text_field(form.get("search")), text_field(form.get("document")).strip()
        document = await run_in_threadpool(_published, request, path)
        if document is None:
            return self._refused(request, f"No published document is at {path!r}.", 400)
        try:
            await run_in_threadpool(add_pin, self.settings, search, document.path)
        except (FilingError, OSError) as exc:
            return self._refused(request, f"Could not pin {path}: {exc}", 400)
        message = f"“{document.title}” is now the recommended answer to “{search.strip()}”."
        return self._back(request, "staff:insight", message)

    async def synonym(self, request: Request) -> Response:
        """Add a synonym for the words of a search that found no answer."""
        form = await request.form(max_files=0, max_fields=10)
        if not csrf_ok(request.session, text_field(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        words, same = text_field(form.get("search")), text_field(form.get("synonym"))
        try:
            await run_in_threadpool(add_synonym, self.settings, words, same)
        except (FilingError, OSError) as exc:
            return self._refused(request, f"Could not add the synonym: {exc}", 400)
        message = f"Searches for “{words.strip()}” now also find “{same.strip()}”."
        return self._back(request, "staff:insight", message)


def text_field(value: object) -> str:
    """A form field's text ("" for a missing field or a file)."""
    return value if isinstance(value, str) else ""


def _safe_next(request: Request, raw: str | None = None) -> str:
    """Where to go after login: a staff address only, never another site."""
    target = raw if raw is not None else request.query_params.get("next", "")
    home = str(request.url_for("staff:dashboard").path)
    if target.startswith("/staff/") and "//" not in target and "\\" not in target:
        return target
    return home


def _published(request: Request, path: str) -> Document | None:
    # Reads the index: called in the thread pool, never on the event loop.
    with open_catalog(request) as catalog:
        return catalog.get_by_path(path)
