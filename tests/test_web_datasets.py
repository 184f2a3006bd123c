"""Datasets as the ICO asks (issue 13): a CSV is a dataset, shown with its columns, rows and
first rows as an accessible table, its licence and its download; listed at /datasets, as JSON
and as a DCAT catalogue a portal can harvest; in the Guide with its format and licence.

Real CSV files, written here, indexed by the real indexer; the catalogue is read back as RDF
with rdflib, as CKAN's DCAT harvester reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from formats import GRAVEL_ROW, SPENDING_COLUMNS, write_spending_csv, write_text
from pdfs import write_pdf
from starlette.testclient import TestClient

from library.config import Settings
from library.datasets import OGL_V3, OGL_V3_URL
from library.indexing import indexer
from library.schema import doc_id_for
from library.web.app import create_app

REPO = Path(__file__).resolve().parent.parent
SPENDING = "what-we-spend/spending-over-500-2025-26.csv"  # a sidecar: title, date, summary
CARDS = "what-we-spend/card-transactions.csv"  # a sidecar naming another licence
HOSTILE = "what-we-spend/hostile.csv"  # markup in its header and cells
PRIVATE = "what-we-spend/draft-savings.csv"  # public = false
POLICY = "policies-and-procedures/data-policy.pdf"  # a PDF: not a dataset
HOSTILE_CELL = "<script>alert('cell')</script>"


def build(root: Path, **overrides: object) -> Settings:
    documents = root / "documents"
    settings = Settings(
        documents_dir=documents, index_dir=root / "index", web_dir=REPO / "web", jobs=2
    ).with_values(overrides)
    spending = write_spending_csv(documents / SPENDING)
    spending.with_name(spending.name + ".toml").write_text(
        'title = "Spending over £500, 2025-26"\npublished = 2025-05-10\n'
        'summary = "Every payment over £500 to a supplier."\n',
        encoding="utf-8",
    )
    cards = write_spending_csv(documents / CARDS, rows=30)
    cards.with_name(cards.name + ".toml").write_text('licence = "CC-BY-4.0"\n', encoding="utf-8")
    write_text(
        documents / HOSTILE,
        f'"<b>Supplier</b>",Amount\r\n"{HOSTILE_CELL}",1\r\nquiet,2\r\n',
    )
    private = write_spending_csv(documents / PRIVATE, rows=10)
    private.with_name(private.name + ".toml").write_text("public = false\n", encoding="utf-8")
    write_pdf(documents / POLICY, ["How we handle data."], title="Data policy")
    indexer.sync(settings)
    return settings


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build(tmp_path_factory.mktemp("datasets"))


@pytest.fixture(scope="module")
def client(site: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(site)) as c:
        yield c


def page_of(relpath: str) -> str:
    return f"/documents/{doc_id_for(relpath)}"


def links(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]


# --- The dataset's page ----------------------------------------------------------------------


def test_a_csv_page_shows_its_columns_rows_and_first_rows_as_an_accessible_table(
    client: TestClient,
) -> None:
    html = client.get(page_of(SPENDING)).text
    data = html.split('id="dataset-heading"', 1)[1].split("</section>", 1)[0]
    assert "1198 rows of data and 4 columns; the first 20 rows are shown below" in data
    assert "<strong>Columns:</strong> Supplier, Amount, Date, Service" in data
    box = re.search(
        r'<div class="table-scroll" role="region" aria-labelledby="([^"]+)" tabindex="0">', data
    )
    assert box, "the table scrolls in a focusable, named region"
    caption = re.search(rf'<caption id="{box.group(1)}">([^<]+)</caption>', data)
    assert caption and caption.group(1) == "Spending over £500, 2025-26: the first 20 of 1198 rows"
    headers = re.findall(r'<th scope="col">([^<]*)</th>', data)
    assert tuple(headers) == SPENDING_COLUMNS
    rows = re.findall(r"<tr>(.*?)</tr>", data.split("<tbody>", 1)[1])
    assert len(rows) == 20
    assert re.findall(r"<td>([^<]*)</td>", rows[0]) == [
        "Supplier 2",
        "6.50",
        "2025-04-03",
        "Parks £500+",
    ]


def test_a_dataset_states_its_licence_and_offers_its_download(client: TestClient) -> None:
    html = client.get(page_of(SPENDING)).text
    assert f'You may re-use it under the <a href="{OGL_V3_URL}">{OGL_V3}</a>.' in html
    assert f'<dt>Licence</dt><dd><a href="{OGL_V3_URL}">{OGL_V3}</a></dd>' in html
    assert "This is a dataset: CSV, machine-readable." in html
    assert re.search(r'<span class="meta">CSV, \d+ KB</span>', html), "its units are not pages"
    assert f"/files/{SPENDING}" in links(html)
    download = client.get(f"/files/{SPENDING}")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert download.content.startswith(b"Supplier,Amount,Date,Service")


def test_a_sidecar_names_another_licence_by_its_short_code(client: TestClient) -> None:
    html = client.get(page_of(CARDS)).text
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/">'
        "Creative Commons Attribution 4.0</a>" in html
    )
    assert OGL_V3 not in html.split('id="dataset-heading"', 1)[1]


def test_the_default_licence_is_a_setting(tmp_path: Path) -> None:
    env = {"LIBRARY_DATASET_LICENCE": "CC0"}
    assert Settings.load(environ=env, toml_path=tmp_path / "none.toml").dataset_licence == "CC0"
    settings = build(tmp_path, dataset_licence="CC0")
    with TestClient(create_app(settings)) as c:
        html = c.get(page_of(SPENDING)).text
    assert "CC0 1.0 Public Domain Dedication" in html and OGL_V3 not in html


def test_markup_in_a_csv_is_escaped_in_its_table(client: TestClient) -> None:
    html = client.get(page_of(HOSTILE)).text
    assert "<script>alert" not in html and "<b>Supplier</b>" not in html
    assert '<th scope="col">&lt;b&gt;Supplier&lt;/b&gt;</th>' in html
    assert "<td>&lt;script&gt;alert(&#39;cell&#39;)&lt;/script&gt;</td>" in html


def test_a_document_that_is_not_a_dataset_shows_no_data_section(client: TestClient) -> None:
    html = client.get(page_of(POLICY)).text
    assert 'id="dataset-heading"' not in html and "<dt>Licence</dt>" not in html


def test_a_private_dataset_has_no_page_no_listing_and_no_catalogue_entry(
    client: TestClient,
) -> None:
    assert client.get(page_of(PRIVATE)).status_code == 404
    assert client.get(page_of(PRIVATE) + "/text").status_code == 404
    assert client.get(f"/files/{PRIVATE}").status_code == 404
    for url in ("/datasets", "/api/datasets", "/datasets/dcat.json"):
        body = client.get(url).text
        assert "draft-savings" not in body and doc_id_for(PRIVATE) not in body, url


# --- Listings ---------------------------------------------------------------------------------


def test_the_datasets_page_lists_every_public_dataset_with_format_and_licence(
    client: TestClient,
) -> None:
    html = client.get("/datasets").text
    listed = re.findall(r'<h2 class="heading-m"><a href="(/documents/\w+)">', html)
    assert set(listed) == {page_of(p) for p in (SPENDING, CARDS, HOSTILE)}
    entry = html.split(page_of(SPENDING), 1)[1].split("</li>", 1)[0]
    assert "CSV, machine-readable" in entry and "1198 rows, 4 columns" in entry
    assert f'Licence: <a href="{OGL_V3_URL}">{OGL_V3}</a>' in entry
    assert "/datasets/dcat.json" in links(html) and "/api/datasets" in links(html)


def test_every_page_links_to_the_datasets(client: TestClient) -> None:
    # From the footer, so the main navigation stays short (the first result within 10 Tabs).
    for url in ("/", "/guide", page_of(POLICY)):
        footer = client.get(url).text.split('<footer class="site-footer">', 1)[1]
        assert "/datasets" in links(footer), url
    assert "Datasets</h1>" in client.get("/datasets").text


def test_the_json_api_gives_format_licence_and_tables(client: TestClient) -> None:
    listing = client.get("/api/datasets").json()
    assert listing["total"] == 3
    spending = next(d for d in listing["datasets"] if d["path"] == SPENDING)
    assert spending["format"] == "csv"
    assert spending["licence"] == OGL_V3 and spending["licence_url"] == OGL_V3_URL
    assert spending["dataset"] == {
        "tables": [{"name": "", "columns": list(SPENDING_COLUMNS), "rows": 1198}]
    }
    one = client.get(f"/api/documents/{doc_id_for(CARDS)}").json()
    assert one["licence"] == "Creative Commons Attribution 4.0"
    pdf = client.get(f"/api/documents/{doc_id_for(POLICY)}").json()
    assert pdf["format"] == "pdf" and "dataset" not in pdf and pdf["licence"] is None


def test_the_guide_lists_datasets_with_their_format_and_licence(
    client: TestClient, site: Settings
) -> None:
    html = client.get("/guide").text
    row = html.split(page_of(SPENDING), 1)[1].split("</tr>", 1)[0]
    assert "(CSV, " in row and "CSV, machine-readable" in row
    assert f'Licence: <a href="{OGL_V3_URL}">{OGL_V3}</a>' in row
    pdf_row = html.split(page_of(POLICY), 1)[1].split("</tr>", 1)[0]
    assert "Licence" not in pdf_row and "(PDF, " in pdf_row
    from library.librarian import build_guide, render_guide
    from library.search import ReaderPool

    pool = ReaderPool(site.index_dir)
    try:
        with pool.catalog() as catalog:
            guide = build_guide(catalog, site)
    finally:
        pool.close()
    csv_rows = render_guide(guide, "csv", web_dir=site.web_dir).splitlines()
    assert csv_rows[0].endswith(",licence")
    spending_row = next(r for r in csv_rows if SPENDING in r)
    assert "CSV, machine-readable" in spending_row and spending_row.endswith(OGL_V3)
    md = render_guide(guide, "md", web_dir=site.web_dir)
    assert f"CSV, machine-readable; {OGL_V3}" in md


# --- DCAT -------------------------------------------------------------------------------------


# rdflib 7.6's own JSON-LD parser builds the ConjunctiveGraph it deprecates.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_dcat_catalogue_is_json_ld_a_harvester_reads(client: TestClient) -> None:
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

    answer = client.get("/datasets/dcat.json")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert answer.headers["access-control-allow-origin"] == "*"
    body = answer.json()
    assert body["@type"] == "dcat:Catalog" and body["@context"]["dcat"] == str(DCAT)
    graph = Graph().parse(data=answer.text, format="json-ld")
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert catalogs == [URIRef("http://testserver/datasets/dcat.json")]
    datasets = set(graph.objects(catalogs[0], DCAT.dataset))
    assert datasets == {
        URIRef(f"http://testserver{page_of(p)}") for p in (SPENDING, CARDS, HOSTILE)
    }

    spending = URIRef(f"http://testserver{page_of(SPENDING)}")
    assert (spending, RDF.type, DCAT.Dataset) in graph
    assert graph.value(spending, DCTERMS.title) == Literal("Spending over £500, 2025-26")
    assert (
        str(graph.value(spending, DCTERMS.description)) == "Every payment over £500 to a supplier."
    )
    assert graph.value(spending, DCTERMS.identifier) == Literal(doc_id_for(SPENDING))
    assert graph.value(spending, DCTERMS.issued) == Literal("2025-05-10", datatype=XSD.date)
    assert graph.value(spending, DCTERMS.modified).datatype == XSD.dateTime  # type: ignore[union-attr]
    assert graph.value(spending, DCTERMS.license) == URIRef(OGL_V3_URL)
    assert graph.value(spending, DCAT.landingPage) == spending
    publisher = graph.value(spending, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("Harrowdene Borough Council")

    (distribution,) = graph.objects(spending, DCAT.distribution)
    download = URIRef(f"http://testserver/files/{SPENDING}")
    assert graph.value(distribution, DCAT.downloadURL) == download
    assert graph.value(distribution, DCAT.accessURL) == download
    iana = Namespace("https://www.iana.org/assignments/media-types/")
    assert graph.value(distribution, DCAT.mediaType) == iana["text/csv"]
    assert graph.value(distribution, DCTERMS.format) == Literal("CSV")
    assert int(graph.value(distribution, DCAT.byteSize)) == len(client.get(download).content)  # type: ignore[arg-type]

    cards = URIRef(f"http://testserver{page_of(CARDS)}")
    assert graph.value(cards, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    # Without a summary the description says what the table holds.
    assert "29 rows, columns Supplier, Amount, Date, Service" in str(
        graph.value(cards, DCTERMS.description)
    )
    assert (cards, DCTERMS.issued, None) not in graph, "no date is better than a wrong one"


# --- Reading a dataset ------------------------------------------------------------------------


def test_a_csv_reads_block_by_block_and_a_search_lands_on_its_rows(client: TestClient) -> None:
    results = client.get("/search", params={"q": "Harrowdene Gravel Works"}).text
    reading = f"{page_of(SPENDING)}/text?q=Harrowdene+Gravel+Works#rows-501-1000"
    assert reading in links(results)
    html = client.get(reading.split("#")[0]).text
    anchors = re.findall(r'<section class="reading-unit[^"]*" id="([^"]+)">', html)
    assert anchors == ["rows-2-500", "rows-501-1000", "rows-1001-1199"]
    assert '<h2 class="heading-m">Rows 501-1000</h2>' in html
    unit = html.split('id="rows-501-1000"', 1)[1].split("</section>", 1)[0]
    assert "<mark>Harrowdene</mark> <mark>Gravel</mark> <mark>Works</mark>" in unit
    assert f"Supplier {GRAVEL_ROW - 1}" in unit
    assert f"/files/{SPENDING}" in links(unit) and ">Original CSV<" in unit


def test_the_dataset_answers_match_the_published_api_description(client: TestClient) -> None:
    from test_api_schema import validator

    spec = client.get("/api/openapi.json").json()
    validator(spec, "/api/datasets", 200).validate(client.get("/api/datasets").json())
    one = client.get(f"/api/documents/{doc_id_for(SPENDING)}").json()
    validator(spec, "/api/documents/{id}", 200).validate(one)
    found = client.get("/api/search", params={"q": "Harrowdene Gravel Works"}).json()
    assert found["results"][0]["dataset"]["tables"][0]["rows"] == 1198
    validator(spec, "/api/search", 200).validate(found)


# --- Spreadsheets: each sheet as CSV, read from the file ------------------------------------


def test_each_sheet_of_a_spreadsheet_downloads_as_csv_read_from_the_file(
    tmp_path: Path,
) -> None:
    import csv

    from formats import WORKBOOK as QUARTERS
    from formats import write_ods, write_xlsx

    # A third sheet longer than the preview the index keeps (20 rows).
    year: list[list[object]] = [["Supplier", "Amount"], *([f"Supplier {i}", i] for i in range(60))]
    WORKBOOK = {**QUARTERS, "All 2025": year}
    documents = tmp_path / "documents"
    settings = Settings(
        documents_dir=documents, index_dir=tmp_path / "index", web_dir=REPO / "web", jobs=2
    )
    write_xlsx(documents / "what-we-spend/payments.xlsx", WORKBOOK)
    write_ods(documents / "what-we-spend/payments.ods", WORKBOOK)
    write_spending_csv(documents / "what-we-spend/plain.csv", rows=5)
    private = write_xlsx(documents / "what-we-spend/private.xlsx")
    private.with_name(private.name + ".toml").write_text("public = false\n", encoding="utf-8")
    indexer.sync(settings)
    with TestClient(create_app(settings)) as c:
        for relpath in ("what-we-spend/payments.xlsx", "what-we-spend/payments.ods"):
            doc = c.get(f"/api/documents/{doc_id_for(relpath)}").json()
            tables = doc["dataset"]["tables"]
            assert [t["name"] for t in tables] == list(WORKBOOK)
            html = c.get(page_of(relpath)).text
            for n, name in enumerate(WORKBOOK, start=1):
                url = f"{page_of(relpath)}/sheets/{n}.csv"
                assert url in links(html) and f">{name} as CSV<" in html
                answer = c.get(url)
                assert answer.status_code == 200, relpath
                assert answer.headers["content-type"] == "text/csv; charset=utf-8"
                assert answer.headers["content-disposition"].startswith("attachment;")
                rows = list(csv.reader(answer.text.splitlines()))
                assert rows[0] == WORKBOOK[name][0] == tables[n - 1]["columns"]
                assert len(rows) == len(WORKBOOK[name]), "every row, not only the preview"
                assert rows[1][0] == WORKBOOK[name][1][0]
                assert rows[-1][0] == WORKBOOK[name][-1][0]
            assert c.get(f"{page_of(relpath)}/sheets/4.csv").status_code == 404
            assert c.get(f"{page_of(relpath)}/sheets/0.csv").status_code == 404
        catalogue = c.get("/datasets/dcat.json").json()
        xlsx = next(d for d in catalogue["dcat:dataset"] if d["dct:identifier"] == doc_id_for(
            "what-we-spend/payments.xlsx"))  # fmt: skip
        kinds = [d["dcat:mediaType"]["@id"].rsplit("/", 2)[-2:] for d in xlsx["dcat:distribution"]]
        assert kinds == [
            ["application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
            ["text", "csv"],
            ["text", "csv"],
            ["text", "csv"],
        ]
        assert c.get(f"{page_of('what-we-spend/plain.csv')}/sheets/1.csv").status_code == 404
        assert c.get(f"{page_of('what-we-spend/private.xlsx')}/sheets/1.csv").status_code == 404
        # A file replaced by junk since it was indexed is refused, not half-served.
        (documents / "what-we-spend/payments.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 4000)
        assert c.get(f"{page_of('what-we-spend/payments.xlsx')}/sheets/1.csv").status_code == 404
