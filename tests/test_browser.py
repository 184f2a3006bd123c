"""A visitor in a real browser: Playwright drives Debian's Chromium against a real
`library serve --no-watch` on 127.0.0.1, on the demo documents indexed for real.

Every page is checked with axe-core (zero serious or critical violations). Screenshots of
the results page at phone and desktop widths are saved to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import unavailable
from live_server import live_server
from web_site import COMPLAINTS, DISCLOSURES, REPO, build_site, doc_url

from library.config import Settings

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
CABINET = "decisions/cabinet-minutes-2024-09-18.pdf"  # "Oakfield Road regeneration" on p2

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `library serve` process on a free loopback port."""
    settings: Settings = build_site(tmp_path_factory.mktemp("site"))
    with live_server(settings, tmp_path_factory.getbasetemp() / "serve.log") as server:
        yield server.base_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        unavailable("Chromium is not installed at /usr/bin/chromium (`make test` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    # bypass_csp lets the test inject axe-core; the site's own pages never need it.
    context = browser.new_context(
        base_url=base_url, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield page
    context.close()
    assert not outside, f"requests to other sites: {outside}"


def axe_problems(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the current page."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    # content=, not path=: Playwright reads a path in an executor thread that outlives the test.
    page.add_script_tag(content=script.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Page) -> None:
    problems = axe_problems(page)
    assert not problems, f"{page.url}: {problems}"


def test_a_visitor_searches_filters_by_class_and_opens_the_matching_page(page: Page) -> None:
    page.goto("/")
    assert_accessible(page)
    page.get_by_label("Search published information").fill("Oakfield Road regeneration")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search\?q=Oakfield"))
    assert page.get_by_label("Search published information").input_value() == (
        "Oakfield Road regeneration"
    )
    assert_accessible(page)

    page.get_by_text("Filter results").click()
    page.get_by_role("checkbox", name=re.compile("^How we make decisions")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"class=decisions"))
    assert page.get_by_role("link", name="Remove filter: How we make decisions").is_visible()
    classes = page.locator(".result .meta .doc-class").all_inner_texts()
    assert classes and set(classes) == {"How we make decisions"}
    assert_accessible(page)

    cabinet = page.locator(".result", has=page.locator(f'a[href^="{doc_url(CABINET)}"]'))
    reading = f"{doc_url(CABINET)}/text?q=Oakfield+Road+regeneration#page-2"
    page_link = cabinet.locator(f'.pages a[href="{reading}"]')
    assert page_link.count() == 1, "the result links to the exact page that matched, as text"

    cabinet.get_by_role("heading").get_by_role("link").click()
    page.wait_for_url(re.compile(doc_url(CABINET)))
    matches = page.get_by_role(
        "region", name=re.compile("Where .Oakfield Road regeneration. appears")
    )
    assert matches.get_by_role("link", name=re.compile("Page 2")).get_attribute("href") == reading
    assert matches.get_by_role("link", name="PDF, page 2").get_attribute("href") == (
        f"/files/{CABINET}#page=2"
    )
    assert_accessible(page)
    pdf = page.request.get(f"/files/{CABINET}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def test_the_request_page_shows_documents_before_the_contact_details(page: Page) -> None:
    page.goto("/request")
    assert_accessible(page)
    page.get_by_label("What information do you want?").fill(
        "How many agency social workers did you use and what did they cost?"
    )
    page.get_by_role("button", name="Check what is already published").click()
    suggestions = page.get_by_role("region", name="This may already answer your question")
    suggestions.wait_for()
    assert_accessible(page)
    assert page.get_by_text("foi@harrowdene.example.gov.uk").count() == 0

    answer = suggestions.get_by_role(
        "link", name="Use of agency social workers in children's services"
    )
    assert answer.get_attribute("href", timeout=2000).startswith(doc_url(DISCLOSURES[0][0]))  # type: ignore[union-attr]
    answer.click()
    page.wait_for_url(re.compile(doc_url(DISCLOSURES[0][0])))
    assert "from=" not in page.url
    assert page.get_by_text("FOI-2025-0217").first.is_visible()

    page.go_back()
    page.get_by_role("link", name="Show me how to make a request").click()
    page.wait_for_url(re.compile("/request/contact"))
    assert page.get_by_role("link", name="foi@harrowdene.example.gov.uk").is_visible()
    assert_accessible(page)


PAGES = [
    "/",
    "/search?q=budget",
    "/search?q=budget&class=what-we-spend&sort=newest",
    "/search?q=policy&type=policy",
    "/search?q=qwxzvbnm",
    "/search?q=Ombudsmann",
    "/search?q=" + "x" * 600,
    "/search?page=2",
    doc_url(COMPLAINTS),
    doc_url(COMPLAINTS) + "?q=Ombudsman",
    doc_url(DISCLOSURES[1][0]),
    "/guide",
    "/disclosure-log",
    "/request",
    "/request?q=potholes",
    "/request?q=qwxzvbnm",
    "/request/contact?q=potholes",
    "/no-such-page",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_passes_axe_and_reflows_at_320_pixels(page: Page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)
    # 320 CSS pixels is a 1280-pixel screen at 400% zoom (WCAG 1.4.10 Reflow).
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} scrolls sideways at 320px by {overflow}px"
    assert_accessible(page)


def test_results_page_screenshots_at_phone_and_desktop_widths(page: Page) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/search?q=council+budget")
        target = ARTIFACTS / f"search-results-{width}.png"
        target.write_bytes(page.screenshot(full_page=True))  # path= would use a thread
        assert target.stat().st_size > 10_000


def test_keyboard_users_get_a_skip_link_and_a_visible_focus(page: Page) -> None:
    page.goto("/search?q=budget")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "visible when focused"
    assert skip.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 221, 0)"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    yellow = "rgb(255, 221, 0)"
    for _ in range(6):  # the search box, its button, then links: each shows focus in yellow
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return {tag: document.activeElement.tagName, background: s.backgroundColor,"
            " outline: s.outlineStyle + ' ' + s.outlineColor}; })()"
        )
        assert style["background"] == yellow or style["outline"] == f"solid {yellow}", style


def test_the_type_filter_is_usable_by_keyboard_and_results_say_what_each_date_is(
    page: Page,
) -> None:
    page.goto("/search?q=council")
    summary = page.locator("summary", has_text="Filter results")
    for _ in range(300):  # after every result's links: the filters follow the results
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the Filter results disclosure is never reached with Tab")
    page.keyboard.press("Enter")  # opens the disclosure
    first_type = page.locator(".facet-type .checkbox-input").first
    name = page.locator(".facet-type .checkbox-label").first.inner_text().rsplit(" (", 1)[0]
    for _ in range(40):
        page.keyboard.press("Tab")
        if first_type.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the first Type of document checkbox is never reached with Tab")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"type="))
    assert page.get_by_role("link", name=f"Remove filter: {name}").is_visible()
    kinds = page.locator(".result .meta .doc-type").all_inner_texts()
    assert kinds and set(kinds) == {name}
    dates = page.locator(".result .meta").all_inner_texts()
    label = r"(Published|Adopted|Approved|Agreed|Meeting held|Issued|Dated|Financial year) \w+"
    assert all(re.search(label, d) for d in dates), dates
    assert_accessible(page)


def test_the_site_works_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.get_by_label("Search published information").fill("budget")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"/search\?q=budget"))
        assert page.locator(".result").count() > 0
        page.locator("nav.sort").get_by_role("link", name="Newest").click()
        page.wait_for_url(re.compile("sort=newest"))
        page.get_by_text("Filter results").click()  # <details> opens without a script
        page.locator(".facet-type .checkbox-input").first.check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile("type="))
        assert page.locator(".result").count() > 0
        page.goto("/request?q=potholes")
        assert (
            page.get_by_role("link", name="Pothole compensation claims 2022 to 2024").count() == 1
        )
    finally:
        context.close()
