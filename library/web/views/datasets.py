"""`/datasets`: the authority's datasets (CSV files and spreadsheets), as a page, as JSON
(`/api/datasets`) and as a DCAT catalogue (`/datasets/dcat.json`) a portal can harvest.

Since the Protection of Freedoms Act 2012 a dataset in the scheme must be published in a
re-usable format with a licence; these pages say both for each, from the index alone.
"""

from __future__ import annotations

import itertools
import re

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from library.datasets import SPREADSHEETS, licence_of
from library.errors import ExtractionError
from library.indexing import TableLimits, sheet_csv
from library.librarian import dcat_catalog
from library.models import Document
from library.templating import file_path
from library.web.render import absolute_url, open_catalog, render
from library.web.views.files import CACHE_CONTROL, safe_target

# Public, read-only data: any web page or portal may read it.
_HEADERS = {"access-control-allow-origin": "*"}
_NO_SHEET = "There is no published sheet at this address."
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9]+")


def datasets_page(request: Request) -> Response:
    with open_catalog(request) as catalog:
        datasets = catalog.datasets()
    default = request.state.settings.dataset_licence
    entries = [(d, licence_of(d.licence, default, dataset=True)) for d in datasets]
    return render(request, "datasets.html", {"entries": entries})


def dcat_json(request: Request) -> Response:
    settings = request.state.settings
    with open_catalog(request) as catalog:
        datasets = catalog.datasets()

    def page_url(doc: Document) -> str:
        return absolute_url(request, str(request.app.url_path_for("document", doc_id=doc.doc_id)))

    def download_url(doc: Document) -> str:
        return absolute_url(request, file_path(doc.path))

    body = dcat_catalog(
        datasets,
        authority=settings.authority_name,
        default_licence=settings.dataset_licence,
        catalog_url=absolute_url(request, str(request.app.url_path_for("datasets_dcat"))),
        homepage=absolute_url(request, str(request.app.url_path_for("datasets"))),
        page_url=page_url,
        file_url=download_url,
        sheet_urls=lambda doc: [
            (sheet["name"], absolute_url(request, sheet["url"]))
            for sheet in sheet_csv_links(request, doc)
        ],
    )
    return JSONResponse(body, headers=_HEADERS, media_type="application/ld+json")


def sheet_csv_links(request: Request, doc: Document) -> list[dict[str, str]]:
    """Each sheet of a spreadsheet as a CSV download (`{"name", "url"}`); none for a CSV,
    which is its own download, or for a document that is not a dataset."""
    if doc.file_format not in SPREADSHEETS:
        return []
    return [
        {
            "name": table.name,
            "url": str(request.app.url_path_for("sheet_csv", doc_id=doc.doc_id, number=n)),
        }
        for n, table in enumerate(doc.tables, start=1)
    ]


def sheet_csv_download(request: Request) -> Response:
    """`/documents/{id}/sheets/{n}.csv`: sheet `n` of a published spreadsheet as CSV, read
    from the file itself (the index keeps only its first rows)."""
    number: int = request.path_params["number"]
    settings = request.state.settings
    with open_catalog(request) as catalog:
        doc = catalog.get_document(request.path_params["doc_id"])
    if doc is None or doc.file_format not in SPREADSHEETS or not 1 <= number <= len(doc.tables):
        raise HTTPException(404, _NO_SHEET)
    target = safe_target(settings.documents_dir, doc.path)
    if target is None:
        raise HTTPException(404, _NO_SHEET)
    sheet = doc.tables[number - 1].name
    limits = TableLimits(max_rows=settings.max_rows, max_cells=settings.max_cells)
    lines = sheet_csv(target, doc.file_format, sheet, limits=limits)
    try:
        first = next(lines, "")  # a file that no longer reads fails here, before any byte
    except (ExtractionError, OSError):
        raise HTTPException(404, _NO_SHEET) from None
    name = "-".join(p for p in (_safe(target.stem), _safe(sheet)) if p) or "sheet"
    headers = {
        "content-disposition": f'attachment; filename="{name}.csv"',
        "cache-control": CACHE_CONTROL,
    }
    return StreamingResponse(
        itertools.chain([first], lines), media_type="text/csv; charset=utf-8", headers=headers
    )


def _safe(text: str) -> str:
    return _UNSAFE_NAME.sub("-", text).strip("-")
