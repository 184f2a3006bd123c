"""`/files/...`: the published PDFs with proper HTTP caching, and never anything else."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_site import CORRUPT, DELETED, HIDDEN, LINKED, PRIVATE, site_fixtures

from library.config import Settings

PDF = "policies-and-procedures/complaints-procedure.pdf"


site, client = site_fixtures(raise_server_exceptions=False)


def test_a_published_pdf_is_served_inline_with_caching_headers(
    client: TestClient, site: Settings
) -> None:
    response = client.get(f"/files/{PDF}")
    assert response.status_code == 200
    assert response.content == (site.documents_dir / PDF).read_bytes()
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-length"] == str(len(response.content))
    assert response.headers["content-disposition"] == 'inline; filename="complaints-procedure.pdf"'
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith(" GMT")
    assert "max-age" in response.headers["cache-control"]


def test_head_gives_the_headers_without_the_body(client: TestClient) -> None:
    response = client.head(f"/files/{PDF}")
    assert response.status_code == 200 and response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_a_matching_etag_is_a_304(client: TestClient) -> None:
    etag = client.get(f"/files/{PDF}").headers["etag"]
    response = client.get(f"/files/{PDF}", headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response.headers["etag"] == etag
    assert client.get(f"/files/{PDF}", headers={"if-none-match": '"other"'}).status_code == 200


def test_if_modified_since_is_a_304_unless_the_file_is_newer(client: TestClient) -> None:
    modified = client.get(f"/files/{PDF}").headers["last-modified"]
    assert client.get(f"/files/{PDF}", headers={"if-modified-since": modified}).status_code == 304
    old = "Mon, 01 Jan 1990 00:00:00 GMT"
    assert client.get(f"/files/{PDF}", headers={"if-modified-since": old}).status_code == 200
    garbage = client.get(f"/files/{PDF}", headers={"if-modified-since": "yesterday-ish"})
    assert garbage.status_code == 200


def test_range_requests_return_the_asked_for_bytes(client: TestClient, site: Settings) -> None:
    data = (site.documents_dir / PDF).read_bytes()
    response = client.get(f"/files/{PDF}", headers={"range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.content == data[100:200]
    assert response.headers["content-range"] == f"bytes 100-199/{len(data)}"
    tail = client.get(f"/files/{PDF}", headers={"range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == data[-50:]
    beyond = client.get(f"/files/{PDF}", headers={"range": f"bytes={len(data) + 10}-"})
    assert beyond.status_code == 416


def test_a_percent_encoded_name_is_served(client: TestClient) -> None:
    assert (
        client.get("/files/policies-and-procedures/complaints%2Dprocedure.pdf").status_code == 200
    )


NEVER_SERVED = [
    f"/files/{PDF}.toml",
    "/files/what-we-spend/budget-2025-26.pdf.toml",
    f"/files/{PRIVATE}",
    f"/files/{HIDDEN}",
    f"/files/{CORRUPT}",
    f"/files/{LINKED}",
    f"/files/{DELETED}",
    "/files/",
    "/files/policies-and-procedures",
    "/files/policies-and-procedures/",
    "/files/../pyproject.toml",
    "/files/%2e%2e/pyproject.toml",
    "/files/%2e%2e%2fpyproject.toml",
    "/files/..%2f..%2f..%2fetc%2fpasswd",
    "/files/%252e%252e%252fpyproject.toml",
    "/files//etc/passwd",
    "/files/%2Fetc%2Fpasswd",
    "/files/..\\..\\pyproject.toml",
    "/files/policies-and-procedures/../../outside/secret.pdf",
    "/files/../outside/secret.pdf",
    f"/files/{PDF}%00.txt",
    "/files/%ff%fe.pdf",
    f"/files/{PDF.upper()}",
    "/files/index/current",
]


@pytest.mark.parametrize("url", NEVER_SERVED)
def test_nothing_but_indexed_public_pdfs_is_ever_served(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, url
    assert b"%PDF" not in response.content
    assert b"Secret outside" not in response.content


def test_a_file_swapped_for_a_symlink_after_indexing_is_refused(site: Settings) -> None:
    assert (site.documents_dir / LINKED).is_symlink()
    assert (site.documents_dir / LINKED).resolve().is_file()
