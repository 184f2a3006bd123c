"""`/files/{path}`: the published PDFs, and nothing else.

A path is served only when the index holds a public `doc` record for exactly that path, so
sidecars, hidden files, non-public and failed files are never served, and neither is
anything outside documents/, whatever the URL's encoding. The file must then resolve to
itself inside the documents folder: no `..`, no symlink anywhere on the way.
"""

from __future__ import annotations

import stat
from email.utils import parsedate_to_datetime
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from library.datasets import MEDIA_TYPES as FORMAT_MEDIA_TYPES
from library.web.opens import count_open
from library.web.render import open_catalog

CACHE_CONTROL = "public, max-age=3600"
# What each indexed format is served as (`datasets.MEDIA_TYPES`), but a saved web page goes out
# as plain text: it is the authority's file, not the site's, and must not run in its origin.
MEDIA_TYPES = {**FORMAT_MEDIA_TYPES, "html": "text/plain"}
_NOT_FOUND = "There is no published file at this address."


def serve_file(request: Request) -> Response:
    relpath = request.path_params["path"]
    with open_catalog(request) as catalog:
        doc = catalog.get_by_path(relpath)
    target = safe_target(request.state.settings.documents_dir, relpath) if doc else None
    if doc is None or target is None:
        raise HTTPException(404, _NOT_FOUND)
    try:
        stat_result = target.stat(follow_symlinks=False)
    except OSError:
        raise HTTPException(404, _NOT_FOUND) from None
    if not stat.S_ISREG(stat_result.st_mode):
        raise HTTPException(404, _NOT_FOUND)
    response = FileResponse(
        target,
        stat_result=stat_result,
        media_type=MEDIA_TYPES.get(doc.file_format, "application/octet-stream"),
        filename=doc.filename,
        content_disposition_type="inline" if doc.file_format == "pdf" else "attachment",
        headers={"cache-control": CACHE_CONTROL},
    )
    if not_modified(request, response):
        kept = {k: response.headers[k] for k in ("etag", "last-modified", "cache-control")}
        return Response(status_code=304, headers=kept)
    count_open(request)  # a result's "Page N" link opens the PDF itself, with the search
    return response


def safe_target(documents_dir: Path, relpath: str) -> Path | None:
    """The file `relpath` names inside `documents_dir`, or None if it is not plainly there."""
    parts = relpath.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") or "\x00" in p for p in parts):
        return None
    base = documents_dir.resolve()
    candidate = base.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    # resolve() follows symlinks: if the result differs, a link was on the way.
    if resolved != candidate or not resolved.is_relative_to(base):
        return None
    return resolved


def not_modified(request: Request, response: Response) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins; If-Modified-Since only without it."""
    if request.method not in ("GET", "HEAD"):
        return False
    etag = response.headers.get("etag", "")
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    last_modified = response.headers.get("last-modified")
    if if_modified_since and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
    return False
