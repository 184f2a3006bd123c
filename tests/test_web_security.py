"""Security headers, error pages, and hostile input: a normal page or a 4xx, never a 500."""

from __future__ import annotations

import re

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient
from web_site import COMPLAINTS, doc_url, site_fixtures

from library.config import Settings
from library.web.app import create_app

PAGES = [
    "/",
    "/search?q=budget",
    "/search?q=qwxzvbnm",
    doc_url(COMPLAINTS),
    "/guide",
    "/disclosure-log",
    "/request",
    "/request?q=parking",
    "/request/contact",
    "/no-such-page",
]


site, client = site_fixtures(raise_server_exceptions=False)


@pytest.mark.parametrize(
    "url", [*PAGES, "/api/search?q=x", f"/files/{COMPLAINTS}", "/static/app.css", "/healthz"]
)
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp or "default-src 'none'" in csp
    assert "frame-ancestors" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] in ("DENY", "SAMEORIGIN")


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_code_and_load_nothing_from_elsewhere(
    client: TestClient, url: str
) -> None:
    html = client.get(url).text
    assert "<script" not in html and "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    for attr in re.findall(r'(?:src|href|action)="([^"]*)"', html):
        assert attr.startswith(("/", "#", "mailto:")), attr


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_the_accessible_frame(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert html.count("<h1") == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    for control in re.findall(r'<(?:input|textarea)[^>]*\bid="([^"]+)"', html):
        assert f'for="{control}"' in html, f"#{control} has a label"


HOSTILE_URLS = [
    "/search?q=" + "a" * 10_000,
    "/search?q=" + "budget%20" * 1500,
    '/search?q="unbalanced',
    "/search?q=(((budget",
    "/search?q=budget)))",
    "/search?q=[a%20TO",
    "/search?q={x",
    "/search?q=*",
    "/search?q=*udget",
    "/search?q=bud*",
    "/search?q=?",
    "/search?q=title:",
    "/search?q=AND%20OR%20NOT",
    "/search?q=-",
    "/search?q=%22%22",
    "/search?q=budget&unknown=1&utm_source=x",
    "/search?page=-1",
    "/search?page=0",
    "/search?page=1000000000",
    "/search?page=" + "9" * 40,
    "/search?page=abc",
    "/search?page=1.5",
    "/search?year=abc",
    "/search?year=99999",
    "/search?year=-2024",
    "/search?class=nonsense",
    "/search?class=../../etc",
    "/search?sort=sideways",
    "/search?q=%ff%fe%fd",
    "/search?q=%c3%28",
    "/search?q=%00",
    "/search?q=caf%C3%A9",
    "/search?q=budget&q=other",
    "/documents/%ff%fe",
    "/documents/..%2f..%2fetc",
    "/request?q=%ff%00%22(",
    "/request?q=" + "b" * 10_000,
    "/request/contact?q=" + "c" * 10_000,
    "/api/search?q=%22(((",
    "/api/search?page=-5",
    "/api/search?page_size=100000",
    "/api/documents?page=-1",
    "/api/documents?page_size=abc",
    "/api/documents?class=%ff",
    "/api/documents/%ff",
    "/%ff%fe",
    "/guide?%ff=%fe",
]


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=lambda u: u[:60])
def test_hostile_input_gets_a_page_or_a_4xx_never_a_500(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400 and not url.startswith("/api/"):
        assert "Skip to main content" in response.text, "errors are in the site's style"


def test_a_too_long_search_keeps_the_page_usable(client: TestClient) -> None:
    page = client.get("/search", params={"q": "a" * 10_000})
    assert page.status_code == 400
    assert "There is a problem" in page.text and "too long" in page.text
    assert '<input class="input input-error" id="q"' in page.text
    assert 'aria-describedby="q-error"' in page.text and 'href="#q"' in page.text


def test_not_found_and_bad_request_pages_are_in_the_site_style(client: TestClient) -> None:
    missing = client.get("/nowhere")
    assert missing.status_code == 404
    assert "<h1" in missing.text and "Page not found" in missing.text
    assert "We could not find a page at this address." in missing.text
    bad = client.get("/search?year=abc")
    assert bad.status_code == 400 and "Year must be a whole number." in bad.text


def test_the_wrong_method_is_a_405(client: TestClient) -> None:
    assert client.post("/search", data={"q": "x"}).status_code == 405


def test_a_server_error_is_a_calm_500_page(site: Settings) -> None:
    def boom(request: Request) -> Response:
        raise RuntimeError("internal detail that must not leak")

    app = create_app(site)
    app.router.routes.append(Route("/boom", boom))
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/boom")
    assert page.status_code == 500
    assert "Something went wrong on our side" in page.text
    assert "internal detail" not in page.text and "Traceback" not in page.text
    assert "content-security-policy" in page.headers


def test_healthz_reports_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"
