"""A librarian closes a gap in a real browser (issue 12): a visitor's search finds no answer,
the librarian pins a document to it from the insight page, and the visitor's next search
shows that document first, as the recommended answer. Same server and browser set-up as
test_browser.py, with a staff password."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from live_server import log_in, staff_site
from test_browser import CHROMIUM_ARGS, assert_accessible
from test_browser import browser as browser  # the module's Chromium fixture
from web_site import doc_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.slow, pytest.mark.browser]

QUERY = "wheelie bin collection day"
PINNED = "services/bulky-waste-collection.pdf"
assert CHROMIUM_ARGS  # the same browser flags as every browser test


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `library serve` with a staff login, on a free loopback port."""
    with staff_site(tmp_path_factory.mktemp("curation"), "curation") as url:
        yield url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


def test_a_librarian_pins_an_answer_and_the_next_search_recommends_it(page: Page) -> None:
    page.goto("/search?" + f"q={QUERY.replace(' ', '+')}")
    page.get_by_role("region", name="Nothing we publish seems to answer your question").wait_for()
    weak = page.get_by_role("region", name="Documents that mention some of your words")
    assert weak.is_visible()
    assert page.get_by_role("link", name=re.compile("Freedom of Information request")).is_visible()
    assert_accessible(page)

    log_in(page)
    page.goto("/staff/insight")
    page.get_by_text(f"Fix “{QUERY}”").click()
    page.get_by_label(f"Recommend a document for “{QUERY}”").select_option(PINNED)
    page.get_by_role("button", name="Pin as the answer").first.click()
    page.get_by_role("status").filter(has_text="is now the recommended answer").wait_for()
    assert_accessible(page)

    page.goto("/search?" + f"q={QUERY.replace(' ', '+')}")
    answers = page.get_by_role("region", name=re.compile("^Recommended answer"))
    answers.wait_for()
    first = answers.get_by_role("listitem").first
    assert first.get_by_text("Recommended answer").is_visible()
    href = first.get_by_role("link").first.get_attribute("href") or ""
    assert href.startswith(doc_url(PINNED))
    assert page.get_by_text("Nothing we publish seems to answer").count() == 0
    assert_accessible(page)
