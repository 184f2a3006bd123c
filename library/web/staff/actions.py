"""The staff pages that change the library: filing, uploading, editing a document's details
and OCR. Each hands its work to `library.librarian` in the thread pool, where it ends with the
one writer indexing what changed, so the message says what is true: searchable now, kept
private, or not searchable and why. OCR runs in the background; its page shows its progress
from `index/jobs.sqlite3`, so any web worker can answer for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from library.classes import class_for_path, is_class_slug
from library.errors import FilingError
from library.indexing import ocr_available
from library.librarian import (
    Details,
    Outcome,
    UploadRefused,
    advice_for,
    check_upload,
    csrf_ok,
    current_details,
    edit_details,
    file_document,
    read_job,
    start_ocr,
    upload_document,
)
from library.schema import KIND_PRIVATE
from library.web.render import open_catalog
from library.web.staff.views import FLASH, StaffViews, text_field

_CHUNK = 1 << 20
_FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the text fields around the file
_DETAIL_FIELDS = ("title", "summary", "published", "review_by", "public", "charge")


class StaffActions(StaffViews):
    """The writing half of the staff pages (the reading half is `StaffViews`)."""

    def _told(self, request: Request, route: str, outcome: Outcome, done: str, **params: str
              ) -> Response:  # fmt: skip
        """Back to `route`, with what `done` did and where the document now stands."""
        public = str(request.url_for("document", doc_id=outcome.doc_id).path)
        request.session[FLASH] = flash_for(outcome, done, public)
        url = request.url_for(route)
        target = str(url.include_query_params(**params)) if params else str(url)
        return RedirectResponse(target, status_code=303)

    async def _form(self, request: Request, fields: int = 20) -> FormData | None:
        form = await request.form(max_files=0, max_fields=fields)
        return form if csrf_ok(request.session, text_field(form.get("csrf"))) else None

    # -- filing ----------------------------------------------------------------------------

    async def file(self, request: Request) -> Response:
        form = await self._form(request)
        if form is None:
            return self._refused(request, "The form had expired. Please try again.", 403)
        path, pub_class = text_field(form.get("path")), text_field(form.get("class"))
        try:
            outcome = await run_in_threadpool(file_document, self.settings, path, pub_class)
        except (FilingError, OSError) as exc:
            filed = f"{pub_class}/{path.rsplit('/', 1)[-1]}"
            if is_class_slug(pub_class) and (self.settings.documents_dir / filed).is_file():
                # A second press of File (a stale page, a double click): already done.
                message = {"text": f"{path} is already filed as {filed}.", "kind": "done"}
                request.session[FLASH] = message
                return RedirectResponse(request.url_for("staff:unclassified"), status_code=303)
            return self._refused(request, f"Could not file {path}: {exc}", 409)
        return self._told(request, "staff:unclassified", outcome, f"Filed {path} as")

    # -- upload ----------------------------------------------------------------------------

    async def upload(self, request: Request) -> Response:
        limit = int(self.settings.upload_max_mb * 1024 * 1024)
        length = request.headers.get("content-length", "")
        if not (length.isascii() and length.isdigit()):
            return self._refused(request, "The upload must say how large it is.", 411)
        if int(length) > limit + _FORM_OVERHEAD:
            message = f"The file is larger than {self.settings.upload_max_mb:g} MB."
            return self._refused(request, message, 413)
        form = await request.form(max_files=1, max_fields=20, max_part_size=_FORM_OVERHEAD)
        if not csrf_ok(request.session, text_field(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        upload = form.get("file")
        values = {k: text_field(form.get(k)) for k in ("class", *_DETAIL_FIELDS)}
        try:
            details = Details.from_form(values)
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise FilingError("Choose a PDF file to upload.", field="file")
            head = await upload.read(len(b"%PDF-"))
            check_upload(head, upload.size or 0, self.settings.upload_max_mb)
            await upload.seek(0)
            outcome = await run_in_threadpool(
                upload_document, self.settings, _chunks(upload.file), upload.filename,
                values["class"], details,
            )  # fmt: skip
        except UploadRefused as exc:
            return self._upload_page(request, values, exc, status=422)
        except FilingError as exc:
            return self._upload_page(request, values, exc, status=400)
        finally:
            await form.close()
        return self._told(request, "staff:upload", outcome, "Published as")

    def _upload_page(self, request: Request, values: dict[str, str], exc: FilingError,
                     status: int) -> Response:  # fmt: skip
        refused = exc.problem if isinstance(exc, UploadRefused) else None
        context = {
            "nav": "upload",
            "error": str(exc),
            "error_field": exc.field or "file",
            "refused": refused,
            "advice": advice_for(refused.reason) if refused else "",
            "staged": exc.staged if isinstance(exc, UploadRefused) else "",
            "ocr_available": ocr_available(),
            "values": values,
        }
        return self._page(request, "upload.html", context, status)

    # -- details ---------------------------------------------------------------------------

    def edit_form(self, request: Request) -> Response:
        path = request.query_params.get("path", "")
        with open_catalog(request) as catalog:
            doc = catalog.get_by_path(path)
        try:
            values = current_details(self.settings, path).form_values()
        except FilingError as exc:
            return self._refused(request, str(exc), 404)
        error, field = "", ""
        context = {"nav": "documents", "path": path, "doc": doc, "values": values,
                   "error": error, "error_field": field}  # fmt: skip
        return self._page(request, "edit.html", context)

    async def edit(self, request: Request) -> Response:
        form = await self._form(request)
        if form is None:
            return self._refused(request, "The form had expired. Please try again.", 403)
        path = text_field(form.get("path"))
        values = {k: text_field(form.get(k)) for k in _DETAIL_FIELDS}
        try:
            details = Details.from_form(values)
            outcome = await run_in_threadpool(edit_details, self.settings, path, details)
        except FilingError as exc:
            context = {"nav": "documents", "path": path, "doc": None, "values": values,
                       "error": str(exc), "error_field": exc.field or "title"}  # fmt: skip
            return self._page(request, "edit.html", context, 400)
        return self._told(request, "staff:edit", outcome, "Saved the details of", path=path)

    # -- OCR -------------------------------------------------------------------------------

    async def ocr(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=1000)
        if not csrf_ok(request.session, text_field(form.get("csrf"))):
            return self._refused(request, "The form had expired. Please try again.", 403)
        if not ocr_available():
            return self._refused(request, "OCR is not available on this server.", 503)
        staged = text_field(form.get("staged"))
        paths = [p for p in (text_field(v) for v in form.getlist("path")) if p]
        if not staged and not paths:
            return self._refused(request, "Choose a document to run OCR on.", 400)
        job = await run_in_threadpool(start_ocr, self.settings, paths, staged=staged)
        return RedirectResponse(request.url_for("staff:job", job_id=job), status_code=303)

    def job(self, request: Request) -> Response:
        job = read_job(self.settings, request.path_params["job_id"])
        if job is None:
            raise HTTPException(404, "There is no such OCR job.")
        links = {o.relpath: str(request.url_for("document", doc_id=o.doc_id).path)
                 for o in job.outcomes}  # fmt: skip
        context = {"nav": "problems", "job": job, "links": links, "advice_for": advice_for}
        return self._page(request, "job.html", context)

    def job_progress(self, request: Request) -> Response:
        job = read_job(self.settings, request.path_params["job_id"])
        if job is None:
            raise HTTPException(404, "There is no such OCR job.")
        return JSONResponse(job.to_dict(), headers={"cache-control": "no-store"})

    def documents(self, request: Request) -> Response:
        with open_catalog(request) as catalog:
            docs = sorted(catalog.all_documents(), key=lambda d: d.path)
            # Private ones too, so a document made private can be made public again.
            private = sorted(r["path"] for r in catalog.stored_files() if r["kind"] == KIND_PRIVATE)
        rows = [(d, class_for_path(d.path)) for d in docs]
        context = {"nav": "documents", "rows": rows, "private": private}
        return self._page(request, "documents.html", context)


def flash_for(outcome: Outcome, done: str, public_url: str) -> dict[str, Any]:
    """The message after an action: what was done, then where the document stands."""
    head = f"{done} {outcome.relpath}."
    if outcome.state == "searchable":
        return {"text": f"{head} It is searchable now.", "href": public_url,
                "label": "See its public page", "kind": "done"}  # fmt: skip
    if outcome.state == "private":
        text = f"{head} It is kept private, as its details say: not searchable, listed or served."
        return {"text": text, "kind": "done"}
    reason = f" ({outcome.reason})" if outcome.reason else ""
    text = f"{head} It is not searchable{reason}: {outcome.detail} {outcome.advice}".strip()
    return {"text": text, "kind": "problem"}


def _chunks(fh: BinaryIO) -> Iterator[bytes]:
    while chunk := fh.read(_CHUNK):
        yield chunk
