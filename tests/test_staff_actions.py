"""Staff actions that are true when they say so (issue 14): filing, uploading and editing a
document's details are indexed before the page answers, with no watcher running; an upload
is read before it is accepted, and refused with its reason and what to do; OCR runs in the
background with its progress on a page any worker can show."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from conftest import SAMPLES, unavailable
from pdfs import write_pdf, write_scanned_pdf
from starlette.testclient import TestClient

from library import store
from library.config import Settings
from library.errors import FilingError
from library.indexing import ocr_available
from library.librarian import Details, read_job
from library.librarian.details import merged_sidecar, toml_text
from library.librarian.insight_report import is_junk_query, read_report
from library.schema import doc_id_for
from tests.test_staff import client as client  # the staff app on staff_settings
from tests.test_staff import files_in, login, staff_settings, token

assert staff_settings  # a fixture, used by `client`

MakePdf = Callable[..., Path]


def upload(client: TestClient, content: bytes, name: str = "report.pdf", **fields: str
           ) -> httpx.Response:  # fmt: skip
    data = {"csrf": token(client, "/staff/upload"), "class": "services", **fields}
    return client.post(
        "/staff/upload", data=data, files={"file": (name, content, "application/pdf")}
    )


def flash(client: TestClient, path: str) -> str:
    page = client.get(path).text
    match = re.search(r'<div class="notice[^"]*" role="status"><p>(.*?)</p></div>', page, re.S)
    assert match, f"no message on {path}"
    return match.group(1)


def found(client: TestClient, query: str) -> list[str]:
    return [r["path"] for r in client.get("/api/search", params={"q": query}).json()["results"]]


# -- filing ------------------------------------------------------------------------------


def test_filing_is_searchable_in_its_class_before_the_page_answers(client: TestClient) -> None:
    login(client)
    data = {"csrf": token(client, "/staff/unclassified"), "path": "loose-minutes.pdf"}
    done = client.post("/staff/file", data={**data, "class": "decisions"})
    assert done.status_code == 303
    message = flash(client, "/staff/unclassified")
    assert (
        "Filed loose-minutes.pdf as decisions/loose-minutes.pdf. It is searchable now." in message
    )
    new_id = doc_id_for("decisions/loose-minutes.pdf")
    assert f'href="/documents/{new_id}"' in message
    # No watcher runs in this test: the index already knows the move.
    assert client.get(f"/documents/{new_id}").status_code == 200
    assert client.get(f"/documents/{doc_id_for('loose-minutes.pdf')}").status_code == 404
    assert "loose-minutes.pdf" not in client.get("/staff/unclassified").text.split("<h1", 1)[1]
    api = client.get("/api/search", params={"q": "Loose minutes"}).json()["results"]
    assert [(r["path"], r["class"]) for r in api][:1] == [
        ("decisions/loose-minutes.pdf", "decisions")
    ]
    # Pressing File again on a stale page says it is done; it is not an error page.
    again = client.post("/staff/file", data={**data, "class": "decisions"})
    assert again.status_code == 303
    assert "already filed as decisions/loose-minutes.pdf" in flash(client, "/staff/unclassified")


# -- upload ------------------------------------------------------------------------------


def test_an_upload_with_its_details_is_searchable_before_the_page_answers(
    client: TestClient, staff_settings: Settings, tmp_path: Path
) -> None:
    source = write_pdf(tmp_path / "in.pdf", ["Gritting routes for the winter of 2025"])
    login(client)
    response = upload(
        client,
        source.read_bytes(),
        "Winter Gritting.pdf",
        title="Winter gritting plan 🚗",
        summary='Which roads we grit, "and when"',
        published="2025-10-01",
        review_by="2026-09-30",
        public="yes",
    )
    assert response.status_code == 303, response.text
    relpath = "services/winter-gritting.pdf"
    message = flash(client, "/staff/upload")
    assert f"Published as {relpath}. It is searchable now." in message
    sidecar = tomllib.loads((staff_settings.documents_dir / f"{relpath}.toml").read_text())
    assert sidecar == {
        "title": "Winter gritting plan 🚗",
        "summary": 'Which roads we grit, "and when"',
        "published": dt.date(2025, 10, 1),
        "review_by": dt.date(2026, 9, 30),
    }
    assert found(client, "gritting routes") == [relpath]
    doc = client.get(f"/api/documents/{doc_id_for(relpath)}").json()
    assert (doc["title"], doc["published"]) == ("Winter gritting plan 🚗", "2025-10-01")
    assert client.get(f"/documents/{doc_id_for(relpath)}").status_code == 200


def test_a_private_upload_is_kept_out_of_search_and_says_so(
    client: TestClient, staff_settings: Settings, tmp_path: Path
) -> None:
    source = write_pdf(tmp_path / "in.pdf", ["Draft zanzibarian restructuring notes"])
    login(client)
    assert upload(client, source.read_bytes(), "draft.pdf", public="no").status_code == 303
    assert "It is kept private" in flash(client, "/staff/upload")
    assert found(client, "zanzibarian") == []
    assert client.get(f"/documents/{doc_id_for('services/draft.pdf')}").status_code == 404
    assert (
        "public = false" in (staff_settings.documents_dir / "services/draft.pdf.toml").read_text()
    )


@pytest.mark.parametrize(
    ("sample", "status", "reason", "advice"),
    [
        ("encrypted-password.pdf", 422, "encrypted", "save an unprotected copy"),
        ("corrupt.pdf", 422, "corrupt", "re-export or re-scan it"),
        ("image-only.pdf", 422, "no-text", "Scanned images without text"),
        ("not-a-pdf.pdf", 400, "", "not a PDF"),
        ("empty.pdf", 400, "", "the file is empty"),
    ],
)
def test_an_upload_the_indexer_cannot_read_is_refused_with_its_reason(
    client: TestClient, staff_settings: Settings, sample: str, status: int, reason: str,
    advice: str,
) -> None:  # fmt: skip
    login(client)
    before = files_in(staff_settings.documents_dir)
    response = upload(client, (SAMPLES / sample).read_bytes(), "upload.pdf", title="T")
    assert response.status_code == status, response.text
    summary = response.text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert advice.lower() in summary.lower()
    if reason:
        assert f"The file is {reason}:" in summary and "This PDF was not published" in summary
    assert 'href="#file"' in summary and "autofocus" in summary
    assert files_in(staff_settings.documents_dir) == before
    assert ('name="staged"' in response.text) == (reason == "no-text" and ocr_available())
    assert 'value="T"' in response.text  # what was typed is kept


def test_a_date_that_is_not_a_date_is_refused_and_linked_to_its_field(
    client: TestClient, staff_settings: Settings, tmp_path: Path
) -> None:
    source = write_pdf(tmp_path / "in.pdf", ["Anything at all"])
    login(client)
    before = files_in(staff_settings.documents_dir)
    response = upload(client, source.read_bytes(), published="31/03/2025")
    assert response.status_code == 400
    assert '<a href="#published">Published date must be a date like 2025-03-31' in response.text
    assert files_in(staff_settings.documents_dir) == before


# -- editing details ---------------------------------------------------------------------


def test_edited_details_are_searchable_at_once_and_keep_the_other_keys(
    client: TestClient, staff_settings: Settings
) -> None:
    pdf = staff_settings.documents_dir / "services/bins.pdf"
    pdf.with_name("bins.pdf.toml").write_text(
        'keywords = ["refuse", "recycling"]\ntype = "guidance"\n'
    )
    login(client)
    listing = client.get("/staff/documents").text
    assert 'href="/staff/edit?path=services%2Fbins.pdf"' in listing
    form = client.get("/staff/edit", params={"path": "services/bins.pdf"})
    assert form.status_code == 200 and 'name="review_by"' in form.text
    data = {"csrf": token(client, "/staff/documents"), "path": "services/bins.pdf",
            "title": "Bin days by street", "summary": "", "published": "2025-04-01",
            "review_by": "", "public": "yes", "charge": "Free online; £2 posted"}  # fmt: skip
    assert client.post("/staff/edit", data=data).status_code == 303
    assert "It is searchable now." in flash(client, "/staff/edit?path=services%2Fbins.pdf")
    sidecar = tomllib.loads(pdf.with_name("bins.pdf.toml").read_text())
    assert sidecar["keywords"] == ["refuse", "recycling"] and sidecar["type"] == "guidance"
    assert sidecar["title"] == "Bin days by street" and "summary" not in sidecar
    hit = client.get("/api/search", params={"q": "bin days by street"}).json()["results"][0]
    assert (hit["path"], hit["title"]) == ("services/bins.pdf", "Bin days by street")
    page = client.get(f"/documents/{doc_id_for('services/bins.pdf')}").text
    assert '<a href="/guide#charges">Free online; £2 posted' in page
    # Made private: gone from search and its page at once.
    assert client.post("/staff/edit", data={**data, "public": "no"}).status_code == 303
    assert found(client, "bin days by street") == []
    assert client.get(f"/documents/{doc_id_for('services/bins.pdf')}").status_code == 404
    private = client.get("/staff/documents").text.split("Private documents", 1)[1]
    assert "<code>services/bins.pdf</code>" in private
    form = client.get("/staff/edit", params={"path": "services/bins.pdf"}).text
    assert 'id="public-no" name="public" value="no" checked' in form
    # And public again, as it was.
    assert client.post("/staff/edit", data=data).status_code == 303
    assert found(client, "bin days by street") == ["services/bins.pdf"]


@pytest.mark.parametrize("path", ["../outside.pdf", "services/nope.pdf", "", "services"])
def test_only_a_document_the_library_knows_can_be_edited(
    client: TestClient, staff_settings: Settings, path: str
) -> None:
    (staff_settings.documents_dir.parent / "outside.pdf").write_bytes(b"%PDF-1.4")
    login(client)
    before = files_in(staff_settings.documents_dir.parent)
    assert client.get("/staff/edit", params={"path": path}).status_code == 404
    data = {"csrf": token(client, "/staff/documents"), "path": path, "title": "x"}
    assert client.post("/staff/edit", data=data).status_code == 400
    assert files_in(staff_settings.documents_dir.parent) == before


def test_sidecars_are_written_as_valid_toml_whatever_the_text() -> None:
    nasty = 'quote " backslash \\ newline\n tab\t del\x7f emoji 😀 bell\x07'
    data = merged_sidecar(
        {"keywords": ["a", "b"], "reference": "FOI-1", "title": "old"},
        Details(title=nasty, summary=nasty, public=False),
    )
    back = tomllib.loads(toml_text(data))
    assert back == {"title": nasty, "summary": nasty, "public": False, "keywords": ["a", "b"],
                    "reference": "FOI-1"}  # fmt: skip
    with pytest.raises(FilingError) as refused:
        Details.from_form({"review_by": "tomorrow"})
    assert refused.value.field == "review_by"


# -- OCR ---------------------------------------------------------------------------------


def test_a_job_whose_process_died_is_shown_as_stopped(staff_settings: Settings) -> None:
    path = store.jobs_path(staff_settings.index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    from library.librarian.ocr_jobs import _db

    with _db(staff_settings) as db:
        db.execute(
            "INSERT INTO jobs VALUES ('dead', ?, 'running', 'x', 0, 1, '[]', '[]', '', 0, NULL)",
            (2**22 + 12345,),  # above Linux's default pid_max: no such process
        )
    job = read_job(staff_settings, "dead")
    assert job is not None and job.state == "stopped" and "run OCR again" in job.message
    assert read_job(staff_settings, "nope") is None


@pytest.mark.slow
def test_an_image_only_upload_is_published_by_running_ocr_in_the_background(
    client: TestClient, staff_settings: Settings, tmp_path: Path
) -> None:
    if not ocr_available():
        unavailable("Tesseract / OCRmyPDF not installed (`make test` installs them)")
    scan = write_scanned_pdf(tmp_path / "scan.pdf", ["Notice of audit", "Requisite inspection"])
    login(client)
    refused = upload(client, scan.read_bytes(), "audit notice.pdf", title="Audit notice")
    assert refused.status_code == 422
    staged = re.search(r'name="staged" value="([0-9a-f]+)"', refused.text)
    assert staged and (store.uploads_dir(staff_settings.index_dir) / f"{staged[1]}.pdf").is_file()
    started = client.post(
        "/staff/ocr", data={"csrf": token(client, "/staff/upload"), "staged": staged[1]}
    )
    assert started.status_code == 303
    job_url = started.headers["location"]
    job_id = job_url.rsplit("/", 1)[-1]
    first = client.get(job_url).text
    assert "/static/staff-jobs." in first or "Finished" in first
    deadline = time.monotonic() + 180
    while (progress := client.get(f"{job_url}/progress").json())["state"] == "running":
        assert progress["total"] == 1 and 0 <= progress["done"] <= 1
        assert time.monotonic() < deadline, progress
        time.sleep(0.5)
    assert progress["state"] == "done", progress
    (outcome,) = progress["outcomes"]
    assert (outcome["path"], outcome["state"]) == ("services/audit-notice.pdf", "searchable")
    assert found(client, "requisite inspection") == ["services/audit-notice.pdf"]
    finished = client.get(job_url).text
    assert "Searchable now" in finished and f"/documents/{outcome['doc_id']}" in finished
    assert not list(store.uploads_dir(staff_settings.index_dir).iterdir())
    assert read_job(staff_settings, job_id) is not None


def test_the_problems_page_offers_ocr_for_a_scanned_document(
    client: TestClient, staff_settings: Settings
) -> None:
    if not ocr_available():
        unavailable("Tesseract / OCRmyPDF not installed (`make test` installs them)")
    shutil.copyfile(SAMPLES / "image-only.pdf", staff_settings.documents_dir / "services/scan.pdf")
    from library.indexing import sync

    sync(staff_settings)
    login(client)
    page = client.get("/staff/problems").text
    row = page.split("<code>services/scan.pdf</code>", 1)[1].split("</tr>", 1)[0]
    assert 'action="/staff/ocr"' in row and 'name="path" value="services/scan.pdf"' in row
    assert "Run OCR" in row


# -- insight -----------------------------------------------------------------------------


def test_opening_a_result_by_its_page_link_counts_as_an_open(
    client: TestClient, staff_settings: Settings
) -> None:
    results = client.get("/search", params={"q": "bin collection recycling"}).text
    link = re.search(r'href="(/files/services/bins\.pdf\?q=[^"#]+)#page=\d+"', results)
    assert link, "the result's page link carries the search"
    assert client.get(link.group(1).replace("&amp;", "&")).status_code == 200
    client.get("/search", params={"q": "budget approve"})  # found, never opened
    report = read_report(staff_settings.index_dir, days=1)
    assert [q.query for q in report.unopened_queries] == ["budget approve"]
    with sqlite3.connect(store.insight_path(staff_settings.index_dir)) as db:
        assert db.execute("SELECT query FROM opens").fetchall() == [("bin collection recycling",)]
    assert client.head(link.group(1)).status_code == 200  # a HEAD is not an open
    with sqlite3.connect(store.insight_path(staff_settings.index_dir)) as db:
        assert db.execute("SELECT COUNT(*) FROM opens").fetchone() == (1,)


@pytest.mark.parametrize("query", ["x", "the", "how do I", "?!", "  a "])
def test_a_query_too_short_or_only_stop_words_is_junk(query: str) -> None:
    assert is_junk_query(query)


@pytest.mark.parametrize("query", ["tax", "the budget", "A1"])
def test_a_query_with_a_content_word_is_not_junk(query: str) -> None:
    assert not is_junk_query(query)


def test_junk_queries_are_listed_apart_and_not_found_ones_link_to_fixes(
    client: TestClient, staff_settings: Settings
) -> None:
    for q in ("the", "x", "the", "dog fouling"):
        client.get("/search", params={"q": q})
    report = read_report(staff_settings.index_dir, days=1)
    assert [(q.query, q.searches) for q in report.junk_queries] == [("the", 2), ("x", 1)]
    assert [q.query for q in report.zero_queries] == ["dog fouling"]
    assert [q.query for q in report.top_queries] == ["dog fouling"]
    assert report.searches == 4  # they did happen
    login(client)
    page = client.get("/staff/insight").text
    gaps = page.split("Searches that found no answer", 1)[1].split("</table>", 1)[0]
    assert 'href="/search?q=dog+fouling"' in gaps and 'href="/staff/upload"' in gaps
    assert "Pin as the answer" in gaps and "Add synonym" in gaps
    apart = page.split("Too short or only common words", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', apart) == ["the", "x"]
