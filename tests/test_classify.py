"""Suggested classes: learned from the filed documents, offered for the unfiled ones."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from library.config import Settings
from library.indexing import indexer
from library.librarian.classify import CentroidModel, words
from library.librarian.status import read_status
from library.search.pool import ReaderPool

FILED = {
    "what-we-spend": [
        "kent-cc-budget-report-2025-26",
        "tintern-cc-annual-precept-2017-18",
        "new-bradwell-pc-financial-summary-2022-04",
        "kent-cc-treasury-management-strategy-2025-26",
        "us-senate-expenditures-sample",
    ],
    "policies-and-procedures": [
        "new-bradwell-pc-disciplinary-policy",
        "new-bradwell-pc-data-protection-policy",
        "decoy-primary-whistleblowing-policy",
        "new-bradwell-pc-health-safety-policy",
    ],
    "decisions": [
        "kent-cc-council-minutes-2025-02-13",
        "tintern-cc-agm-minutes-2019-05-20",
        "tintern-cc-extraordinary-meeting-minutes-2018-09-04",
        "decoy-primary-governors-fgb-minutes-2022-05-23",
    ],
}
# Unfiled documents and the class a librarian would choose for each.
UNFILED = {
    "new-bradwell-pc-grievance-policy.pdf": "policies-and-procedures",
    "tintern-cc-budget-2018-19.pdf": "what-we-spend",
    "tintern-cc-minutes-2018-11-26.pdf": "decisions",
}


def test_model_learns_words_of_each_class() -> None:
    model = CentroidModel().fit(
        [
            ("what-we-spend", words("budget spending invoices payments budget")),
            ("decisions", words("minutes resolved councillors meeting agenda")),
        ]
    )
    guess = model.predict(words("the payments and the budget for next year"))
    assert guess is not None and guess.pub_class == "what-we-spend"
    assert 0.5 < guess.confidence <= 1.0


def test_no_suggestion_without_two_classes_or_shared_words() -> None:
    one_class = CentroidModel().fit([("decisions", words("minutes of the meeting"))])
    assert one_class.predict(words("minutes")) is None
    two = CentroidModel().fit(
        [("decisions", words("minutes meeting")), ("services", words("bins leaflet"))]
    )
    assert two.predict(words("zebra xylophone")) is None


def test_unfiled_corpus_documents_get_the_class_a_librarian_would_choose(
    settings: Settings, corpus: Path
) -> None:
    for slug, names in FILED.items():
        (settings.documents_dir / slug).mkdir()
        for name in names:
            target = settings.documents_dir / slug / f"{name}.pdf"
            shutil.copyfile(corpus / "real" / f"{name}.pdf", target)
    for name in UNFILED:
        shutil.copyfile(corpus / "real" / name, settings.documents_dir / name)
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            status = read_status(catalog)
    finally:
        reader.close()
    assert status.unclassified == sorted(UNFILED)
    assert {p: s.pub_class for p, s in status.suggestions.items()} == UNFILED


@pytest.mark.parametrize("suggest", [True, False])
def test_status_can_skip_suggestions(
    settings: Settings, make_pdf: Callable[..., Path], *, suggest: bool
) -> None:
    make_pdf("decisions/a.pdf", ["Minutes of the meeting resolved to approve"])
    make_pdf("services/b.pdf", ["Bin collection leaflet for residents"])
    make_pdf("loose.pdf", ["The meeting resolved and the minutes were approved"])
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            status = read_status(catalog, suggest=suggest)
    finally:
        reader.close()
    expected = {"loose.pdf": "decisions"} if suggest else {}
    assert {p: s.pub_class for p, s in status.suggestions.items()} == expected
