"""CSV files as datasets (issue 13): columns, row count and first rows kept, rows cut into
units as a spreadsheet numbers them, the encodings councils' systems write read, the others
and binary junk refused with their reasons, and the row and cell limits kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats import (
    GRAVEL_ROW,
    SPENDING_COLUMNS,
    write_junk_csv,
    write_long_line_csv,
    write_spending_csv,
    write_text,
    write_utf16_csv,
)
from test_formats import hits, only_hit, problems, records

from library.config import Settings
from library.indexing import indexer
from library.indexing.formats import extract_document
from library.indexing.workers import Limits
from library.models import Location

# --- CSV: the dataset shape -----------------------------------------------------------------


def test_a_csv_is_a_dataset_whose_phrase_is_found_in_its_block_of_rows(
    settings: Settings,
) -> None:
    write_spending_csv(settings.documents_dir / "finance" / "spending-over-500.csv")
    report = indexer.sync(settings)
    assert report.failed == 0
    hit = only_hit(settings, '"Harrowdene Gravel Works"', "finance/spending-over-500.csv")
    assert hit.file_format == "csv"
    assert hit.locations == (Location("Rows 501-1000", "rows-501-1000"),)
    assert hit.snippet_location == Location("Rows 501-1000", "rows-501-1000")
    assert "Harrowdene Gravel Works" in hit.snippet.text
    json = hit.to_dict()
    assert json["format"] == "csv"
    assert json["pages"] == []
    assert json["locations"] == [{"label": "Rows 501-1000", "anchor": "rows-501-1000"}]
    doc = records(settings)["finance/spending-over-500.csv"]
    assert doc["format"] == "csv"
    (table,) = doc["tables"]
    assert tuple(table["columns"]) == SPENDING_COLUMNS
    assert table["rows"] == 1198
    assert tuple(table["preview"][0]) == ("Supplier 2", "6.50", "2025-04-03", "Parks £500+")
    assert len(table["preview"]) == 20
    assert GRAVEL_ROW in range(501, 1001)


def test_a_csv_title_comes_from_its_file_name_and_a_sidecar_overrides_it(
    settings: Settings,
) -> None:
    csv = write_spending_csv(settings.documents_dir / "finance" / "spending-april-2025.csv")
    write_spending_csv(settings.documents_dir / "finance" / "card-transactions.csv", rows=30)
    csv.with_name(csv.name + ".toml").write_text(
        'title = "Spending over £500, April 2025"\npublished = 2025-05-10\n', encoding="utf-8"
    )
    indexer.sync(settings)
    docs = records(settings)
    assert docs["finance/spending-april-2025.csv"]["title"] == "Spending over £500, April 2025"
    assert docs["finance/spending-april-2025.csv"]["published"] == "2025-05-10"
    assert docs["finance/card-transactions.csv"]["title"] == "Card transactions"


def test_windows_1252_and_utf8_with_bom_are_read(settings: Settings) -> None:
    text = "Supplier,Amount\r\nCafé Rouge Limited,£520.00\r\n"
    write_text(settings.documents_dir / "finance" / "cp1252.csv", text, encoding="cp1252")
    write_text(settings.documents_dir / "finance" / "bom.csv", text, encoding="utf-8-sig")
    indexer.sync(settings)
    docs = records(settings)
    for name in ("cp1252.csv", "bom.csv"):
        table = docs[f"finance/{name}"]["tables"][0]
        assert tuple(table["columns"]) == ("Supplier", "Amount"), name
        assert [tuple(r) for r in table["preview"]] == [("Café Rouge Limited", "£520.00")], name
    assert {h.path for h in hits(settings, "café rouge")} == {
        "finance/cp1252.csv",
        "finance/bom.csv",
    }


def test_hostile_csvs_are_reported_with_their_reasons_and_the_rest_indexed(
    settings: Settings,
) -> None:
    folder = settings.documents_dir / "finance"
    write_junk_csv(folder / "junk.csv")
    write_long_line_csv(folder / "long-line.csv", megabytes=50)
    write_utf16_csv(folder / "utf16.csv")
    write_text(folder / "shift-jis.csv", "名前,値\r\n東京,1\r\n", encoding="shift_jis")
    write_text(folder / "empty.csv", "")
    write_spending_csv(folder / "good.csv", rows=40)
    indexer.sync(settings)
    assert problems(settings) == {
        "finance/junk.csv": "not-text",
        "finance/long-line.csv": "too-large",
        "finance/utf16.csv": "bad-encoding",
        "finance/shift-jis.csv": "bad-encoding",
        "finance/empty.csv": "empty",
    }
    assert [h.path for h in hits(settings, "supplier 7")][:1] == ["finance/good.csv"]


def test_a_csv_over_the_row_or_cell_limit_is_too_large(tmp_path: Path) -> None:
    path = write_spending_csv(tmp_path / "big.csv", rows=200)
    with pytest.raises(Exception) as rows:
        extract_document(path, Limits(max_rows=100))
    assert getattr(rows.value, "reason", None) == "too-large"
    assert "max_rows" in str(rows.value)
    with pytest.raises(Exception) as cells:
        extract_document(path, Limits(max_cells=500))
    assert getattr(cells.value, "reason", None) == "too-large"
    assert extract_document(path, Limits(max_rows=200, max_cells=800)).tables[0].rows == 199
