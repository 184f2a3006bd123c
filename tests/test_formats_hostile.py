"""Hostile files of every format beyond PDF (issue 13): each is reported with its reason, in
a worker with the memory and time limits, and the other files of the same run are indexed.

Every file is made here: zip bombs (a member inflating a thousand times, a member declaring
4 GB), billion-laughs and external-entity XML inside Word, Excel and OpenDocument files, ten
million cells (declared, repeated, or streamed), binary junk named `.csv`, a 50 MB line.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, file_records
from formats import (
    write_docx,
    write_html,
    write_huge_ods,
    write_junk_csv,
    write_long_line_csv,
    write_ods,
    write_odt,
    write_spending_csv,
    write_text,
    write_xlsx,
)
from formats_hostile import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    declare_dimension,
    inflating_member,
    lie_about_size,
    replace_member,
    stream_huge_sheet,
)

from library.config import Settings
from library.errors import ExtractionError
from library.indexing import safe_zip
from library.indexing.workers import ExtractionPool, Limits

MEMORY_MB = 512
LIMITS = Limits(timeout=30.0, memory_mb=MEMORY_MB)
INDEXER_MAX_RSS_MB = 400


def hostile_files(folder: Path) -> dict[str, str]:
    """Write one file per attack into `folder`; file name → the reason it must get."""
    expected: dict[str, str] = {}

    def add(name: str, reason: str) -> Path:
        expected[name] = reason
        return folder / name

    inflating_member(write_docx(add("bomb.docx", "zip-bomb")), "word/document.xml")
    lie_about_size(write_xlsx(add("declares-4gb.xlsx", "zip-bomb")), "xl/worksheets/sheet1.xml")
    replace_member(
        write_docx(add("laughs.docx", "hostile-xml")), "word/document.xml", BILLION_LAUGHS
    )
    replace_member(write_docx(add("xxe.docx", "hostile-xml")), "word/document.xml", EXTERNAL_ENTITY)
    replace_member(
        write_xlsx(add("laughs.xlsx", "hostile-xml")), "xl/sharedStrings.xml", BILLION_LAUGHS
    )
    replace_member(write_ods(add("laughs.ods", "hostile-xml")), "content.xml", BILLION_LAUGHS)
    replace_member(write_odt(add("xxe.odt", "hostile-xml")), "meta.xml", EXTERNAL_ENTITY)
    write_huge_ods(add("ten-million-cells.ods", "too-large"))
    declare_dimension(write_xlsx(add("ten-million-cells.xlsx", "too-large")))
    write_junk_csv(add("junk.csv", "not-text"))
    write_long_line_csv(add("long-line.csv", "too-large"), megabytes=50)
    write_text(add("not-a-zip.docx", "corrupt"), "PK but not really a zip")
    truncated = write_xlsx(add("truncated.xlsx", "corrupt"))
    truncated.write_bytes(truncated.read_bytes()[:1500])
    write_text(add("junk.html", "not-text"), "\x00\x01\x02\x03" * 1000)
    laughs = BILLION_LAUGHS.replace("<lolz>", "<html><body><p>Hi ").replace("</lolz>", "</p>")
    write_text(add("laughs.html", "hostile-xml"), laughs)
    write_text(add("empty.md", "empty"), "   \n\n")
    return expected


def extract_all(paths: list[Path]) -> dict[str, ExtractionError | object]:
    with ExtractionPool(2, LIMITS) as pool:
        return {path.name: outcome for path, outcome in pool.extract_many(paths)}


def test_each_hostile_file_is_refused_for_what_it_is(tmp_path: Path) -> None:
    expected = hostile_files(tmp_path)
    outcomes = extract_all(sorted(tmp_path.iterdir()))
    reasons = {name: getattr(o, "reason", "indexed") for name, o in outcomes.items()}
    assert reasons == expected
    for name, outcome in outcomes.items():
        assert str(outcome).strip(), f"{name}: a failure without a message"


def test_entities_are_never_expanded_nor_external_files_read(tmp_path: Path) -> None:
    # The library's own XML parsing refuses DTDs too, whatever the prolog check lets by.
    for xml in (BILLION_LAUGHS, EXTERNAL_ENTITY):
        with pytest.raises(ExtractionError) as refused:
            safe_zip.parse_xml(xml.encode(), "test.xml")
        assert refused.value.reason == "hostile-xml"
    # A DTD after a comment and a processing instruction is still found.
    sneaky = '<?xml version="1.0"?><!-- a comment --><?pi x?>' + EXTERNAL_ENTITY.split("?>", 1)[1]
    path = replace_member(write_docx(tmp_path / "sneaky.docx"), "word/document.xml", sneaky)
    outcome = extract_all([path])["sneaky.docx"]
    assert getattr(outcome, "reason", None) == "hostile-xml"


def test_an_overlapping_entries_zip_is_a_bomb(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "overlap.docx")
    data = bytearray(path.read_bytes())
    # Point the second central-directory entry at the first entry's local header.
    first = data.find(b"PK\x01\x02")
    second = data.find(b"PK\x01\x02", first + 4)
    data[second + 42 : second + 46] = data[first + 42 : first + 46]
    path.write_bytes(bytes(data))
    outcome = extract_all([path])["overlap.docx"]
    assert getattr(outcome, "reason", None) == "zip-bomb"


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_streamed_ten_million_cell_sheet_is_counted_and_refused(tmp_path: Path) -> None:
    path = stream_huge_sheet(tmp_path / "streamed.xlsx")
    # Counting two million cells takes ten seconds on an idle core; CI's are shared.
    limits = Limits(timeout=150.0, memory_mb=MEMORY_MB)
    with ExtractionPool(1, limits) as pool:
        ((_, outcome),) = list(pool.extract_many([path]))
    assert getattr(outcome, "reason", None) == "too-large", outcome
    assert "max_cells" in str(outcome)


def _peak_rss_mb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_the_indexer_reports_every_hostile_file_and_indexes_the_rest(settings: Settings) -> None:
    folder = settings.documents_dir / "finance"
    expected = hostile_files(folder)
    write_spending_csv(folder / "spending.csv", rows=50)
    write_docx(settings.documents_dir / "policies" / "garden-waste.docx")
    write_html(settings.documents_dir / "services" / "bulky-waste.html")
    argv = [
        *("env", f"LIBRARY_WORKER_MEMORY_MB={MEMORY_MB}", "LIBRARY_EXTRACT_TIMEOUT=30"),
        *(sys.executable, "-m", "library", "index", "--jobs", "2"),
        *("--documents", str(settings.documents_dir), "--index", str(settings.index_dir)),
    ]
    log = settings.index_dir.parent / "index.log"
    with log.open("w") as err:
        proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _peak_rss_mb(proc.pid))
            time.sleep(0.02)
    assert proc.returncode == 0, log.read_text()
    assert peak < INDEXER_MAX_RSS_MB, f"the indexer grew to {peak} MB"
    kinds = {r["path"]: (r["kind"], r.get("reason", "")) for r in file_records(settings)}
    assert {p: kinds[f"finance/{p}"] for p in expected} == {
        p: ("problem", reason) for p, reason in expected.items()
    }
    for good in ("finance/spending.csv", "policies/garden-waste.docx", "services/bulky-waste.html"):
        assert kinds[good][0] == "doc", good
    passwd = Path("/etc/passwd").read_text().split(":", 1)[0]
    texts = " ".join(
        str(r.get("title", "")) + str(r.get("body", "")) for r in file_records(settings)
    )
    assert f"{passwd}:x:" not in texts
