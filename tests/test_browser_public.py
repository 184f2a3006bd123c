"""The public site on a phone and by keyboard (issue 14), in a real browser: Playwright drives
Debian's Chromium against a real `library serve --no-watch` on 127.0.0.1, on the demo
documents plus one PDF whose text holds a 300-character URL, at 1280 and 320 pixels wide,
with and without JavaScript, and with axe-core on every page it looks at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from live_server import live_server, log_in, staff_env
from pdfs import write_pdf
from test_browser import CHROMIUM_ARGS, assert_accessible
from test_browser import browser as browser  # the module's Chromium fixture
from web_site import COMPLAINTS, DISCLOSURES, build_site, doc_url

from library.config import Settings
from library.indexing import indexer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LONG = "what-we-spend/spending-data-links.pdf"
LONG_WORD = "zanzibarite"  # inside the URL, so the snippet is the URL
LONG_URL = "https://www.harrowdene.example.gov.uk/zanzibarite/transparency/" + (
    "spending-over-500-pounds-" * 9
)
LONG_URL += "x" * (300 - len(LONG_URL))
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
YELLOW = "rgb(255, 221, 0)"
assert CHROMIUM_ARGS and len(LONG_URL) == 300

PUBLIC_PAGES = [
    "/",
    "/search",
    "/search?q=council",
    f"/search?q={LONG_WORD}",
    "/search?q=council&class=decisions&class=services&type=minutes",
    "/search?class=what-we-spend",
    "/search?q=qwxzvbnm",
    "/search?q=" + "x" * 600,
    doc_url(COMPLAINTS),
    doc_url(COMPLAINTS) + "?q=Ombudsman",
    doc_url(LONG) + f"?q={LONG_WORD}",
    doc_url(DISCLOSURES[0][0]),
    "/guide",
    "/disclosure-log",
    "/request",
    "/request?q=",
    "/request?q=potholes",
    "/request/contact",
    "/request/contact?q=potholes",
    "/no-such-page",
    "/staff/login",
]
STAFF_PAGES = [
    "/staff/",
    "/staff/problems",
    "/staff/unclassified",
    "/staff/insight",
    "/staff/upload",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `library serve` (with a staff login) on the demo set and the long-URL PDF."""
    settings: Settings = build_site(tmp_path_factory.mktemp("site"))
    text = f"Quarterly spending data is at {LONG_URL} for everyone to read."
    # Wide pages, so the URL stays one unbroken line in the text layer.
    write_pdf(settings.documents_dir / LONG, [text], title="Spending data links", width_mm=1200)
    indexer.sync(settings)
    log = tmp_path_factory.getbasetemp() / "serve-public.log"
    env = staff_env()
    with live_server(settings, log, extra_env=env) as server:
        yield server.base_url


def new_page(browser: Browser, base_url: str, *, width: int = 1280, js: bool = True) -> Page:
    viewport = PHONE if width == 320 else {**DESKTOP, "width": width}
    context = browser.new_context(
        base_url=base_url, bypass_csp=True, viewport=viewport, java_script_enabled=js
    )
    return context.new_page()


@pytest.fixture(params=[1280, 320], ids=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    page = new_page(browser, base_url, width=request.param)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    page = new_page(browser, base_url, width=320)
    yield page
    page.context.close()


@pytest.fixture(params=[True, False], ids=["script", "no-script"])
def phone_any_js(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[tuple[Page, bool]]:
    page = new_page(browser, base_url, width=320, js=request.param)
    yield page, request.param
    page.context.close()


@pytest.fixture(scope="module")
def staff(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """A phone-sized browser context logged in as the librarian."""
    context = browser.new_context(base_url=base_url, bypass_csp=True, viewport=PHONE)
    page = context.new_page()
    log_in(page)
    page.wait_for_url(re.compile(r"/staff/?$"))
    page.close()
    yield context
    context.close()


def is_focused(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).first.evaluate("el => el === document.activeElement"))


def overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


# --- Phone first ------------------------------------------------------------------------------


def test_on_a_phone_the_home_search_box_is_in_the_first_screen(phone: Page) -> None:
    phone.goto("/")
    for control in (phone.locator("#q"), phone.get_by_role("button", name="Search")):
        box = control.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    assert_accessible(phone)


def test_the_count_and_first_result_come_before_the_collapsed_filters(page: Page) -> None:
    page.goto("/search?q=council")
    count = page.locator("#results-count").bounding_box()
    first = page.locator(".result").first.bounding_box()
    summary = page.locator("summary", has_text="Filter results")
    panel = summary.bounding_box()
    assert count and first and panel
    assert count["y"] < first["y"]
    assert page.locator("details.filter-panel").get_attribute("open") is None
    assert not page.locator(".facet-class").is_visible(), "collapsed until asked for"
    order = page.evaluate(
        """[...document.querySelectorAll('#results-count, .result, .filters')]
            .map(e => e.id || e.className)"""
    )
    assert order.index("results-count") < order.index("result") < order.index("filters")
    if page.viewport_size == PHONE:
        assert first["y"] < panel["y"], "on a phone the first result comes first"
    else:
        assert panel["x"] + panel["width"] < first["x"], "at desktop width, a sidebar"
    summary.click()
    assert page.locator(".facet-class").is_visible()
    assert_accessible(page)


def test_several_filters_at_once_then_one_removed_without_javascript(
    browser: Browser, base_url: str
) -> None:
    page = new_page(browser, base_url, width=320, js=False)
    try:
        page.goto("/search?q=council")
        page.get_by_text("Filter results").click()
        boxes = page.locator(".facet-type .checkbox-input")
        names = [
            n.rsplit(" (", 1)[0]
            for n in page.locator(".facet-type .checkbox-label").all_inner_texts()
        ]
        assert len(names) >= 3
        boxes.nth(0).check()
        boxes.nth(1).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"type=.*&type="))
        kinds = set(page.locator(".result .meta .doc-type").all_inner_texts())
        assert kinds and kinds <= set(names[:2])
        # The other types are still offered, with their counts.
        page.get_by_text("Filter results").click()
        assert page.locator(".facet-type .checkbox-input").count() == len(names)
        assert page.locator(".facet-type .checkbox-input:checked").count() == 2
        page.get_by_role("link", name=f"Remove filter: {names[0]}").click()
        page.wait_for_load_state()
        assert page.get_by_role("link", name=f"Remove filter: {names[1]}").is_visible()
        assert page.get_by_role("link", name=f"Remove filter: {names[0]}").count() == 0
        assert overflow(page) <= 320
    finally:
        page.context.close()


# --- Keyboard -------------------------------------------------------------------------------


def test_ten_tab_presses_at_most_reach_the_first_result(page: Page) -> None:
    page.goto("/search?q=council")
    first = "#results .result-title a"
    for presses in range(1, 11):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return s.backgroundColor + ' ' + s.outlineStyle + ' ' + s.outlineColor; })()"
        )
        assert YELLOW in style, f"Tab {presses}: focus is not visible ({style})"
        if is_focused(page, first):
            break
    else:
        pytest.fail("the first result is not reached in 10 Tab presses")


def test_the_skip_link_goes_to_the_results(page: Page) -> None:
    page.goto("/search?q=council")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"
    page.keyboard.press("Tab")
    assert is_focused(page, "#results .result-title a")


def test_the_error_summary_takes_focus_and_leads_to_the_field(
    phone_any_js: tuple[Page, bool],
) -> None:
    page, js = phone_any_js
    for url, field in (("/search?q=" + "x" * 600, "#q"), ("/request?q=", "#request-text")):
        page.goto(url)
        summary = page.locator(".error-summary")
        summary.wait_for()
        assert summary.evaluate("el => el === document.activeElement"), url
        assert summary.get_by_role("heading", name="There is a problem").is_visible()
        page.keyboard.press("Tab")
        link = summary.get_by_role("link")
        assert link.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        assert is_focused(page, field), f"{url}: the link puts the visitor in the field"
        described = page.locator(field).get_attribute("aria-describedby") or ""
        error_id = described.split()[-1]
        assert page.locator(f"#{error_id}").inner_text().startswith("Error:")
        if js:  # axe is a script
            assert_accessible(page)


# --- Reflow ---------------------------------------------------------------------------------


def test_a_snippet_can_hold_a_long_unbroken_url(phone: Page) -> None:
    phone.goto(f"/search?q={LONG_WORD}")
    snippet = phone.locator(".result .snippet").first.inner_text()
    longest = max(len(word) for word in snippet.split())
    assert longest >= 200, snippet  # the page below really has a long unbroken string
    assert overflow(phone) <= 320


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_page_scrolls_sideways_at_320_pixels(phone: Page, url: str) -> None:
    phone.goto(url)
    assert overflow(phone) <= 320, f"{url} is {overflow(phone)} pixels wide at 320"
    assert_accessible(phone)


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_no_staff_page_scrolls_sideways_at_320_pixels(staff: BrowserContext, url: str) -> None:
    page = staff.new_page()
    try:
        response = page.goto(url)
        assert response is not None and response.status == 200 and "/login" not in page.url
        assert overflow(page) <= 320, f"{url} is {overflow(page)} pixels wide at 320"
        assert_accessible(page)
    finally:
        page.close()


# --- Polish -------------------------------------------------------------------------------


def test_public_pages_load_without_a_failed_request_or_console_error(
    browser: Browser, base_url: str
) -> None:
    page = new_page(browser, base_url)
    failed: list[str] = []
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        for url in ("/", "/search?q=council", doc_url(COMPLAINTS), "/guide", "/request"):
            page.goto(url)
            page.wait_for_load_state("networkidle")
        assert failed == []
        icon = page.request.get("/favicon.ico")
        assert icon.status == 200
    finally:
        page.context.close()
