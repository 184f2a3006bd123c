"""In a real browser (Playwright, Debian's Chromium, a real `library serve`): a document's
reading view and a dataset's page, at 1280 and 320 pixels, with axe, the keyboard and no
JavaScript; and a visitor who follows a result's "Page 2" lands on page 2 of the reading view
with the phrase they searched for marked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from formats import write_docx, write_spending_csv, write_xlsx
from live_server import live_server
from test_browser import ARTIFACTS, CABINET, assert_accessible, browser, page
from web_site import COMPLAINTS, build_site, doc_url

from library.config import Settings
from library.indexing import indexer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.slow, pytest.mark.browser]
__all__ = ["browser", "page"]  # the browser and page fixtures of test_browser, used here

SPENDING = "what-we-spend/spending-over-500.csv"
PAYMENTS = "what-we-spend/payments.xlsx"  # two sheets: two tables, each with its CSV
POLICY = "policies-and-procedures/waste-policy.docx"  # sections with headings
PHRASE = "Oakfield Road regeneration"  # on page 2 of the cabinet minutes


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site with a spending CSV added, served by a real `library serve`."""
    settings: Settings = build_site(tmp_path_factory.mktemp("site"))
    write_spending_csv(settings.documents_dir / SPENDING)
    write_xlsx(settings.documents_dir / PAYMENTS)
    write_docx(settings.documents_dir / POLICY)
    indexer.sync(settings)
    with live_server(settings, tmp_path_factory.getbasetemp() / "serve.log") as server:
        yield server.base_url


PAGES = [
    doc_url(COMPLAINTS) + "/text",
    doc_url(CABINET) + "/text?q=" + PHRASE.replace(" ", "+"),
    doc_url(SPENDING),
    doc_url(SPENDING) + "/text",
    doc_url(PAYMENTS),
    doc_url(POLICY) + "/text",
    "/datasets",
]


@pytest.mark.parametrize("url", PAGES)
def test_reading_views_and_dataset_pages_pass_axe_and_reflow_at_320_pixels(
    page: Page, url: str
) -> None:
    page.goto(url)
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
    assert_accessible(page)


def test_a_results_page_link_lands_on_that_page_of_the_text_with_the_phrase_marked(
    page: Page,
) -> None:
    page.goto("/search?q=" + PHRASE.replace(" ", "+"))
    cabinet = page.locator(".result", has=page.locator(f'a[href^="{doc_url(CABINET)}?"]'))
    cabinet.locator(".pages").get_by_role("link", name=re.compile("page 2")).click()
    page.wait_for_url(re.compile(re.escape(doc_url(CABINET)) + r"/text\?q=Oakfield.*#page-2$"))
    target = page.locator("section:target")
    assert target.get_attribute("id") == "page-2"
    marks = target.locator("mark").all_inner_texts()
    assert [m.lower() for m in marks[:3]] == ["oakfield", "road", "regeneration"]
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 100, "the page scrolled to page 2"
    original = target.get_by_role("link", name=re.compile("^PDF, page 2"))
    assert original.get_attribute("href") == f"/files/{CABINET}#page=2"
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 320, "height": 640})
    (ARTIFACTS / "reading-view-320.png").write_bytes(page.screenshot(full_page=False))


def test_the_dataset_table_scrolls_in_its_box_and_the_keyboard_reaches_it(page: Page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(doc_url(SPENDING))
    box = page.get_by_role("region", name=re.compile("the first 20 of 1198 rows"))
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "wider than a phone"
    for _ in range(40):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the table's scroll box is never reached with Tab")
    assert box.evaluate("el => getComputedStyle(el).outlineStyle") == "solid", "focus shows"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle(), timeout=2000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "only the box scrolls"
    headers = box.locator('th[scope="col"]').all_inner_texts()
    assert headers == ["Supplier", "Amount", "Date", "Service"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "dataset-320.png").write_bytes(page.screenshot(full_page=True))


def test_reading_and_datasets_work_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    no_js = context.new_page()
    try:
        no_js.goto("/search?q=" + PHRASE.replace(" ", "+"))
        no_js.locator(".result .snippet-page").first.click()
        no_js.wait_for_url(re.compile(r"/text\?q=.*#page-\d+$"))
        assert no_js.locator("section:target mark").count() > 0
        no_js.goto("/")
        # In the footer: the main navigation stays short enough that the first result is at
        # most 10 Tab presses from the top.
        no_js.locator(".site-footer").get_by_role("link", name="Datasets").click()
        no_js.wait_for_url(re.compile("/datasets$"))
        no_js.get_by_role("link", name="Spending over 500", exact=True).click()
        assert no_js.get_by_role("region", name=re.compile("1198 rows")).is_visible()
        no_js.get_by_role("link", name=re.compile("^Read as a web page")).click()
        no_js.wait_for_url(re.compile("/text$"))
        assert no_js.locator("section#rows-501-1000 h2").inner_text() == "Rows 501-1000"
    finally:
        context.close()
