"""Sidecars: `NAME.pdf.toml` adds what the PDF cannot say; a broken one is reported, not fatal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from library.errors import ExtractionError
from library.indexing.sidecar import is_private, read_sidecar, sidecar_path


def write(tmp_path: Path, text: str) -> Path:
    pdf = tmp_path / "fees.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    sidecar_path(pdf).write_text(text, encoding="utf-8")
    return pdf


def test_no_sidecar_means_defaults(tmp_path: Path) -> None:
    meta = read_sidecar(tmp_path / "nothing.pdf")
    assert meta.title is None and meta.public is True and meta.keywords == ()


def test_all_fields(tmp_path: Path) -> None:
    pdf = write(
        tmp_path,
        'title = "Fees and charges"\nsummary = "What we charge"\npublished = 2025-03-14\n'
        'class = "what-we-spend"\nkeywords = ["fees", "charges"]\npublic = true\n'
        'reference = "FOI-2024-031"\n',
    )
    meta = read_sidecar(pdf)
    assert meta.title == "Fees and charges"
    assert meta.published == dt.date(2025, 3, 14)
    assert meta.pub_class == "what-we-spend"
    assert meta.keywords == ("fees", "charges")
    assert meta.extra == {"reference": "FOI-2024-031"}


@pytest.mark.parametrize(
    "text",
    [
        "title = [unclosed",
        'class = "secret"',
        'published = "last tuesday"',
        "public = 'no'",
        'colour = "blue"',
    ],
)
def test_malformed_sidecars_are_reported(tmp_path: Path, text: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        read_sidecar(write(tmp_path, text))
    assert caught.value.reason == "bad-sidecar"


def test_private_even_when_the_rest_of_the_sidecar_is_broken(tmp_path: Path) -> None:
    assert is_private(write(tmp_path, 'public = false\nclass = "nope"\n'))
    assert not is_private(write(tmp_path, 'title = "x"\n'))
