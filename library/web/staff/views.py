"""The staff pages. Reading handlers are plain `def` (Starlette runs them in its thread pool);
those that write (file, upload, pin, synonym, and the session itself) hand the file work to
`library.librarian` in the thread pool. None of them touches the index: the watcher does, and
pins and synonyms are plain files that search reads again when they change."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Any, BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
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
    check_upload,
    csrf_ok,
    csrf_token,
    file_into_class,
    read_report,
    read_status,
    save_upload,
    verify_password,
)
from library.models import Document
from library.schema import doc_id_for
from library.web.render import open_catalog, render
from library.web.staff.chart import searches_chart
from library.web.staff.guard import USER_KEY

_FLASH = "flash"
_CHUNK = 1 << 20
_FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the text fields around the file


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
            "flash": request.session.pop(_FLASH, None),
            "scheme_classes": CLASSES,
        }
        return render(request, f"staff/{name}", {**base, **context}, status=status)

    def _back(self, request: Request, route: str, message: str) -> Response:
        request.session[_FLASH] = message
        return RedirectResponse(request.url_for(route), status_code=303)

    def _refused(self, request: Request, message: str, status: int) -> Response:
        return self._page(request, "error.html", {"status": status, "message": message}, status)

    # -- session ---------------------------------------------------------------------------

    def login_form(self, request: Request) -> Response:
        return self._page(request, "login.html", {"next": _safe_next(request), "error": ""})

    async def login(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        if not csrf_ok(request.session, _text(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please log in again.", 403)
        user = _text(form.get("user")).strip()
        password = _text(form.get("password"))
        context = {"next": _safe_next(request, _text(form.get("next"))), "user_name": user}
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
        if not csrf_ok(request.session, _text(form.get("csrf"))):
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
        days = min(365, max(1, int(raw))) if raw.isdigit() else 30
        report = read_report(self.settings.index_dir, days=days, limit=25)
        chart = searches_chart(report.per_day)
        with open_catalog(request) as catalog:
            documents = sorted(catalog.all_documents(), key=lambda d: d.title.lower())
        context = {"report": report, "chart": chart, "documents": documents}
        return self._page(request, "insight.html", {**context, "nav": "insight"})

    def upload_form(self, request: Request) -> Response:
        return self._page(request, "upload.html", {"nav": "upload", "error": "", "values": {}})

    # -- writing ---------------------------------------------------------------------------

    async def file(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        if not csrf_ok(request.session, _text(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        path, pub_class = _text(form.get("path")), _text(form.get("class"))
        try:
            new = await run_in_threadpool(file_into_class, self.settings, path, pub_class)
        except (FilingError, OSError) as exc:
            return self._refused(request, f"Could not file {path}: {exc}", 409)
        return self._back(request, "staff:unclassified", f"Filed {path} as {new}.")

    async def pin(self, request: Request) -> Response:
        """Pin a document to a search that found no answer (a curated answer)."""
        form = await request.form(max_files=0, max_fields=10)
        if not csrf_ok(request.session, _text(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        search, path = _text(form.get("search")), _text(form.get("document")).strip()
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
        if not csrf_ok(request.session, _text(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        words, same = _text(form.get("search")), _text(form.get("synonym"))
        try:
            await run_in_threadpool(add_synonym, self.settings, words, same)
        except (FilingError, OSError) as exc:
            return self._refused(request, f"Could not add the synonym: {exc}", 400)
        message = f"Searches for “{words.strip()}” now also find “{same.strip()}”."
        return self._back(request, "staff:insight", message)

    async def upload(self, request: Request) -> Response:
        limit = int(self.settings.upload_max_mb * 1024 * 1024)
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            return self._refused(request, "The upload must say how large it is.", 411)
        if int(length) > limit + _FORM_OVERHEAD:
            message = f"The file is larger than {self.settings.upload_max_mb:g} MB."
            return self._refused(request, message, 413)
        form = await request.form(max_files=1, max_fields=10, max_part_size=_FORM_OVERHEAD)
        if not csrf_ok(request.session, _text(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        upload = form.get("file")
        values = {k: _text(form.get(k)) for k in ("class", "title", "summary")}
        try:
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise FilingError("choose a PDF file to upload")
            head = await upload.read(len(b"%PDF-"))
            check_upload(head, upload.size or 0, self.settings.upload_max_mb)
            await upload.seek(0)
            new = await run_in_threadpool(
                save_upload,
                self.settings,
                _chunks(upload.file),
                upload.filename,
                values["class"],
                title=values["title"],
                summary=values["summary"],
            )
        except FilingError as exc:
            context = {"nav": "upload", "error": str(exc), "values": values}
            return self._page(request, "upload.html", context, 400)
        finally:
            await form.close()
        message = f"Uploaded as {new}. It will be searchable once the watcher has indexed it."
        return self._back(request, "staff:upload", message)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _chunks(fh: BinaryIO) -> Iterator[bytes]:
    while chunk := fh.read(_CHUNK):
        yield chunk


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
