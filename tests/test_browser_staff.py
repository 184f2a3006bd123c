"""A librarian in a real browser, on a site whose server runs without a watcher
(`library serve --no-watch`, as a site that runs its watcher separately would): filing, an
upload (good and encrypted) and OCR of a scanned upload each end with the document's public
page answering 200 at once, and every page is checked with axe-core (issue 14). Same server
and browser set-up as test_browser.py, with a staff password."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from live_server import log_in, staff_site
from pdfs import write_pdf, write_scanned_pdf
from test_browser import CHROMIUM_ARGS, assert_accessible
from test_browser import browser as browser  # the module's Chromium fixture
from web_site import SAMPLES, UNFILED, doc_url

from library.indexing import ocr_available

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.slow, pytest.mark.browser]

assert CHROMIUM_ARGS  # the same browser flags as every browser test


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `library serve --no-watch` with a staff login, on a free loopback port."""
    with staff_site(tmp_path_factory.mktemp("staff"), "staff") as url:
        yield url


def new_page(browser: Browser, base_url: str, *, javascript: bool = True) -> Page:
    context = browser.new_context(
        base_url=base_url,
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    log_in(page)
    page.wait_for_url(re.compile(r"/staff/$"))
    return page


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    page = new_page(browser, base_url)
    yield page
    page.context.close()


@pytest.fixture
def page_without_js(browser: Browser, base_url: str) -> Iterator[Page]:
    page = new_page(browser, base_url, javascript=False)
    yield page
    page.context.close()


def opens_at_once(page: Page, href: str) -> None:
    """The public page answers 200 now, with no watcher and no `library index` run."""
    response = page.request.get(href)
    assert response.status == 200, (href, response.status)


def test_filing_makes_the_document_public_in_its_class_at_once(page: Page) -> None:
    page.goto("/staff/unclassified")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text=UNFILED)
    row.get_by_label(f"Class for {UNFILED}").select_option("policies-and-procedures")
    row.get_by_role("button", name="File", exact=True).click()
    status = page.get_by_role("status")
    status.filter(has_text="It is searchable now.").wait_for()
    assert f"policies-and-procedures/{UNFILED}" in status.inner_text()
    assert page.get_by_role("row").filter(has_text=UNFILED).count() == 0
    href = status.get_by_role("link", name="See its public page").get_attribute("href") or ""
    assert href == doc_url(f"policies-and-procedures/{UNFILED}")
    opens_at_once(page, href)
    assert_accessible(page)


def test_an_upload_is_searchable_at_once_and_an_encrypted_one_is_refused(
    page_without_js: Page, page: Page, tmp_path: Path
) -> None:
    # The good upload without JavaScript: the form needs none.
    good = write_pdf(tmp_path / "Snow Clearing Plan.pdf", ["Snow clearing priority routes"])
    plain = page_without_js
    plain.goto("/staff/upload")
    _publish(plain, good)
    page.goto("/staff/upload")
    assert_accessible(page)
    page.goto("/search?q=snow+clearing+priority")
    result = page.locator(".result").first
    assert result.get_by_role("link", name="Snow clearing plan", exact=True).is_visible()
    assert "3 November 2025" in result.inner_text()

    page.goto("/staff/upload")
    page.get_by_label("PDF file").set_input_files(str(SAMPLES / "encrypted-password.pdf"))
    page.get_by_label("Title").fill("Locked")
    page.get_by_role("button", name="Publish").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "This PDF was not published" in summary.inner_text()
    assert "The file is encrypted" in summary.inner_text()
    assert "save an unprotected copy" in summary.inner_text()
    # The summary has the focus (GOV.UK's pattern), and its link goes to the file field.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    summary.get_by_role("link").click()
    assert page.evaluate("location.hash") == "#file"
    assert page.get_by_label("Title").input_value() == "Locked"
    assert_accessible(page)
    page.goto("/search?q=locked")
    assert page.locator(".result", has_text="Locked").count() == 0


def _publish(page: Page, good: Path) -> None:
    page.get_by_label("PDF file").set_input_files(str(good))
    page.get_by_label("Class").select_option("services")
    page.get_by_label("Title").fill("Snow clearing plan")
    page.get_by_label("Published date").fill("2025-11-03")
    page.get_by_label("Review-by date").fill("2026-11-03")
    page.get_by_role("button", name="Publish").click()
    status = page.get_by_role("status").filter(has_text="It is searchable now.")
    status.wait_for()
    href = status.get_by_role("link", name="See its public page").get_attribute("href") or ""
    opens_at_once(page, href)


def test_a_scanned_upload_is_published_by_ocr_with_its_progress_shown(
    page: Page, tmp_path: Path
) -> None:
    if not ocr_available():
        pytest.fail("Tesseract / OCRmyPDF are not installed (`make test` installs them)")
    scan = write_scanned_pdf(
        tmp_path / "street-trading.pdf", ["Street trading consent", "Pavement licence fees"]
    )
    page.goto("/staff/upload")
    page.get_by_label("PDF file").set_input_files(str(scan))
    page.get_by_label("Class").select_option("services")
    page.get_by_role("button", name="Publish").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "The file is no-text" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("button", name="Run OCR and publish").click()
    page.wait_for_url(re.compile(r"/staff/jobs/[0-9a-f]+$"))
    assert_accessible(page)
    # The page follows the job by itself (staff-jobs.js) and shows the result when done.
    finished = page.get_by_role("status").filter(has_text="Finished")
    finished.wait_for(timeout=240_000)
    link = page.get_by_role("link", name="see its public page")
    href = link.get_attribute("href") or ""
    assert href == doc_url("services/street-trading.pdf")
    opens_at_once(page, href)
    assert_accessible(page)
    page.goto("/search?q=pavement+licence")
    assert (
        page.locator(".result")
        .first.get_by_role("link")
        .first.get_attribute("href", timeout=5000)
        .startswith(href)
    )


def test_the_staff_forms_fit_a_phone_without_scrolling_sideways(
    browser: Browser, base_url: str
) -> None:
    page = new_page(browser, base_url)
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        edit = "/staff/edit?path=policies-and-procedures%2Fcomplaints-procedure.pdf"
        for path in ("/staff/upload", "/staff/documents", edit, "/staff/problems"):
            page.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (path, width)
        assert_accessible(page)
    finally:
        page.context.close()
