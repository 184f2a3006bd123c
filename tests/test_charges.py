"""The schedule of charges (issue 14): the authority's own, from `charges.toml`, or the ICO
model scheme's terms when it has none; on the Guide page, in every Guide export and on the
request page; and each document's own charge linked to it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from library.config import Settings
from library.errors import ConfigError
from library.indexing import sync
from library.librarian import MODEL_SCHEDULE, load_schedule
from library.schema import doc_id_for
from library.web.app import create_app
from tests.conftest import run_cli

CHARGES = """
notice = "We tell you the cost first; nothing is sent until you agree."
[[charge]]
what = "Photocopying"
amount = "10p per A4 side"
applies = "Paper copies on request"
[[charge]]
what = "Postage"
amount = "Royal Mail second class, at cost"
applies = "Copies sent by post"
"""


@pytest.fixture
def library(settings: Settings, make_pdf: Callable[..., Path]) -> Settings:
    make_pdf("services/bins.pdf", ["Bin collection days"])
    priced = make_pdf("lists-and-registers/register.pdf", ["The register of land charges"])
    priced.with_name("register.pdf.toml").write_text('charge = "£5 for a printed copy"\n')
    sync(settings)
    return settings


@pytest.fixture
def own_charges(library: Settings, tmp_path: Path) -> Settings:
    path = tmp_path / "charges.toml"
    path.write_text(CHARGES, encoding="utf-8")
    return library.with_values({"charges_file": str(path)})


@contextmanager
def client_for(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def schedule_of(html: str) -> str:
    return html.split('id="charges"', 1)[1].split("</section>", 1)[0]


def test_without_a_charges_file_the_model_schemes_terms_apply(library: Settings) -> None:
    assert library.charges_file is None
    with client_for(library) as client:
        for path in ("/guide", "/request"):
            table = schedule_of(client.get(path).text)
            assert "Information on this website" in table and "Free" in table
            assert "Paper copies" in table and "Postage" in table and "At cost" in table
            assert "we will tell you how much it is before we provide the information" in table
        assert load_schedule(None) is MODEL_SCHEDULE


def test_the_authoritys_own_schedule_is_shown_on_the_guide_and_request_pages(
    own_charges: Settings,
) -> None:
    with client_for(own_charges) as client:
        for path in ("/guide", "/request", "/request?q=land+charges+register"):
            table = schedule_of(client.get(path).text)
            assert "10p per A4 side" in table and "Royal Mail second class, at cost" in table
            assert "nothing is sent until you agree" in table
            assert "Information on this website" not in table  # theirs replaces the model's
        guide = client.get("/guide").text
        assert '<a href="#charges">Schedule of charges</a>' in guide  # in the contents


def test_a_documents_own_charge_is_shown_and_linked_to_the_schedule(library: Settings) -> None:
    with client_for(library) as client:
        page = client.get(f"/documents/{doc_id_for('lists-and-registers/register.pdf')}").text
        assert '<a href="/guide#charges">£5 for a printed copy' in page
        free = client.get(f"/documents/{doc_id_for('services/bins.pdf')}").text
        assert '<a href="/guide#charges">Free' in free
        guide = client.get("/guide").text
        assert '<td data-label="Cost"><a href="#charges">£5 for a printed copy' in guide


def test_every_guide_export_carries_the_schedule(
    own_charges: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIBRARY_CHARGES_FILE", str(own_charges.charges_file))

    def export(fmt: str) -> str:
        result = run_cli(own_charges, "guide", "--format", fmt)
        assert result.exit_code == 0, result.output
        return result.output

    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    charges = [(r["title"], r["charge"], r["summary"]) for r in rows
               if r["class"] == "schedule-of-charges"]  # fmt: skip
    assert charges == [
        ("Photocopying", "10p per A4 side", "Paper copies on request"),
        ("Postage", "Royal Mail second class, at cost", "Copies sent by post"),
    ]
    priced = next(r for r in rows if r["path"] == "lists-and-registers/register.pdf")
    assert priced["charge"] == "£5 for a printed copy"
    body = json.loads(export("json"))
    assert body["charges"]["notice"].startswith("We tell you the cost first")
    assert [c["amount"] for c in body["charges"]["charges"]] == [
        "10p per A4 side",
        "Royal Mail second class, at cost",
    ]
    documents = [d for c in body["classes"] for d in c["documents"]]
    assert {d["path"]: d["charge"] for d in documents} == {
        "services/bins.pdf": "Free",
        "lists-and-registers/register.pdf": "£5 for a printed copy",
    }
    html = export("html")
    assert "10p per A4 side" in schedule_of(html) and 'href="#charges"' in html
    md = export("md")
    assert "## Schedule of charges" in md and "| Photocopying | 10p per A4 side |" in md


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[charge]]\nwhat = 'Copies'\n", "needs a what and an amount"),
        ("[[charge]]\nwhat = 'Copies'\namount = 10\n", "as text"),
        ("[[charge]]\nwhat = 'x'\namount = 'y'\ncolour = 'red'\n", "charge 1 takes"),
        ("fees = 1\n", "unknown keys fees"),
        ("notice = 'only a notice'\n", "[[charge]] table"),
        ("[[charge\n", "charges file"),
    ],
)
def test_a_charges_file_that_cannot_be_used_is_refused_with_its_reason(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "charges.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_schedule(path)
    with pytest.raises(ConfigError, match="No such file"):
        load_schedule(tmp_path / "missing.toml")


def test_the_charges_file_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "charges.toml"
    settings = Settings.load(
        environ={"LIBRARY_CHARGES_FILE": str(path)}, toml_path=tmp_path / "none"
    )
    assert settings.charges_file == path.resolve()
    assert Settings.load(environ={"LIBRARY_CHARGES_FILE": ""}).charges_file is None
