"""A real site to test the web layer against: the committed demo documents, plus a few files
made to attack it, indexed by the real indexer into a temporary folder.

Used by tests/test_web_*.py and tests/test_browser.py (they build one site per module).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pdfs import write_pdf
from starlette.testclient import TestClient

from library.config import Settings
from library.indexing import indexer
from library.schema import doc_id_for
from library.web.app import create_app

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "documents"
SAMPLES = Path(__file__).resolve().parent / "samples"

# The demo set's facts (see scripts/make_demo_documents.py).
COMPLAINTS = "policies-and-procedures/complaints-procedure.pdf"
PRIVATE = "who-we-are/draft-restructuring-proposal.pdf"
PRIVATE_WORD = "zephyrine"
UNFILED = "tree-preservation-orders-guidance.pdf"
DISCLOSURES = (  # newest response first
    ("lists-and-registers/disclosure-log/foi-2025-0217.pdf", "FOI-2025-0217"),
    ("lists-and-registers/disclosure-log/foi-2025-0143.pdf", "FOI-2025-0143"),
)

# Files this module adds to the demo set.
HOSTILE = "decisions/hostile-markup.pdf"
HOSTILE_TITLE = '<script>alert("title")</script> Minutes & <b>notes</b>'
HOSTILE_TEXT = "Quarterly xylophonic review <img src=x onerror=alert(1)> ends here."
LINKED = "decisions/replaced-by-symlink.pdf"  # indexed, then swapped for a link outside
DELETED = "decisions/deleted-after-indexing.pdf"  # indexed, then removed from disk
CORRUPT = "decisions/corrupt.pdf"  # a problem file: never a document
HIDDEN = "decisions/.hidden-draft.pdf"  # ignored by the scanner
OUTSIDE = "outside/secret.pdf"  # beside documents/, never inside it


def build_site(root: Path, **overrides: object) -> Settings:
    """Copy the demo documents under `root`, add the hostile files, index, return settings."""
    documents = root / "documents"
    shutil.copytree(DEMO, documents)
    settings = Settings(
        documents_dir=documents,
        index_dir=root / "index",
        web_dir=REPO / "web",
        jobs=2,
        extract_timeout=30,
        lock_timeout=10,
        embedding_model="off",  # semantic search is tested in test_semantic.py
    ).with_values(overrides)
    write_pdf(documents / HOSTILE, [HOSTILE_TITLE, HOSTILE_TEXT], title=HOSTILE_TITLE)
    write_pdf(documents / LINKED, ["An ordinary page about parking."], title="Soon a link")
    write_pdf(documents / DELETED, ["A page about bins."], title="Soon gone")
    write_pdf(documents / HIDDEN, ["Hidden draft about parking."], title="Hidden")
    write_pdf(root / OUTSIDE, ["Secret outside the documents folder."], title="Secret")
    shutil.copyfile(SAMPLES / "corrupt.pdf", documents / CORRUPT)
    indexer.sync(settings)
    # After indexing: the index still lists these two, but the disk no longer agrees.
    (documents / LINKED).unlink()
    (documents / LINKED).symlink_to(root / OUTSIDE)
    (documents / DELETED).unlink()
    return settings


def site_fixtures(*, raise_server_exceptions: bool = True) -> tuple[Any, Any]:
    """The `site` (built once per module) and `client` fixtures of a test module:

        site, client = site_fixtures()

    `raise_server_exceptions=False` lets a module see the 500 page instead of the error."""

    @pytest.fixture(scope="module", name="site")
    def site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Settings:
        return build_site(tmp_path_factory.mktemp("site"))

    @pytest.fixture(scope="module", name="client")
    def client_fixture(site: Settings) -> Iterator[TestClient]:
        app = create_app(site)
        with TestClient(app, raise_server_exceptions=raise_server_exceptions) as client:
            yield client

    return site_fixture, client_fixture


def public_paths(settings: Settings) -> set[str]:
    """Every file the site may list and serve: the indexed PDFs that are public and readable."""
    from library.search import ReaderPool

    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            return {d.path for d in catalog.all_documents()}
    finally:
        reader.close()


def doc_url(relpath: str) -> str:
    return f"/documents/{doc_id_for(relpath)}"
