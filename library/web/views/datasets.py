"""`/datasets`: the authority's datasets (CSV files and spreadsheets), as a page, as JSON
(`/api/datasets`) and as a DCAT catalogue (`/datasets/dcat.json`) a portal can harvest.

Since the Protection of Freedoms Act 2012 a dataset in the scheme must be published in a
re-usable format with a licence; these pages say both for each, from the index alone.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from library.datasets import licence_of
from library.librarian import dcat_catalog
from library.models import Document
from library.templating import file_path
from library.web.render import absolute_url, open_catalog, render

# Public, read-only data: any web page or portal may read it.
_HEADERS = {"access-control-allow-origin": "*"}


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
    )
    return JSONResponse(body, headers=_HEADERS, media_type="application/ld+json")
