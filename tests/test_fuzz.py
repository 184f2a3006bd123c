"""Hostile and damaged PDFs: the extractor and the indexer survive all of them.

Every input here is made at test time, deterministically (a seeded `random.Random`):
mutations of the samples in tests/samples/ (always present) and of a few shared-corpus PDFs
(skipped, with the fixture's reason, when the corpus is absent; nothing derived from the
corpus is ever written into the repository), plus hand-built files that attack one limit
each: nesting depth, decompression bombs, endless content streams, absurd sizes, page-tree
loops. The contract under test:

- every file gets exactly one outcome, text or an `ExtractionError` with a known reason and
  a message for people;
- no file takes longer than the per-file time limit (plus the cost of restarting a worker);
- the indexer and the watcher processes never crash and their memory stays bounded
  (extraction workers have an address-space limit; the parent never parses a PDF);
- the index ends up holding one record per file: a document or a problem.

`REGRESSION_SEEDS` keeps the (base, mutator, seed) triples that once broke something, so
they are replayed on every run.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, file_records, library_process, stop_process

from library.config import Settings
from library.errors import ExtractionError
from library.indexing.workers import ExtractionPool, Limits
from library.models import ExtractedPdf

REASONS = {"not-pdf", "corrupt", "encrypted", "no-text", "too-large", "timeout", "unreadable"}
TIMEOUT = 5.0
MEMORY_MB = 512
LIMITS = Limits(timeout=TIMEOUT, memory_mb=MEMORY_MB, max_pages=2000)
# The indexer never parses PDFs itself; this bounds what it may grow to while its workers
# chew on bombs (python + whoosh + a few thousand stored records is ~100 MB).
INDEXER_MAX_RSS_MB = 400
BASE_SAMPLES = ("three-pages.pdf", "ligatures.pdf", "encrypted-empty.pdf", "no-title.pdf")


# --- hand-built PDFs, one attack each -------------------------------------------------------


def build_pdf(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given object bodies (object 1 is the catalog) and a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data: bytes, *, compress: bool = False, length: int | None = None) -> bytes:
    head = b"/Filter /FlateDecode " if compress else b""
    if compress:
        data = zlib.compress(data, 9)
    size = len(data) if length is None else length
    return b"<< %s/Length %d >>\nstream\n%s\nendstream" % (head, size, data)


def page_pdf(content: bytes, *, resources: bytes = b"", compress: bool = False) -> bytes:
    """One page whose content stream is `content`."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> %s>> >>" % resources,
            stream(content, compress=compress),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def flate_bomb(inflated_mb: int) -> bytes:
    """A content stream that inflates to `inflated_mb` MB of spaces (~1000:1), built in
    chunks so the test process never holds the inflated bytes."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [squeeze.compress(b"BT /F1 12 Tf 72 700 Td (bomb) Tj ET\n")]
    parts += [squeeze.compress(chunk) for _ in range(inflated_mb)]
    parts.append(squeeze.flush())
    data = b"".join(parts)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(data), data),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def many_stream_bomb(copies: int = 20, inflated_mb: int = 70) -> bytes:
    """One page whose contents are the same 70 MB stream twenty times: each stream is under
    pypdf's per-stream limit, together they are 1.4 GB."""
    data = zlib.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n" + b" " * (inflated_mb << 20), 9)
    refs = b" ".join([b"4 0 R"] * copies)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [%s] "
            b"/Resources << /Font << /F1 5 0 R >> >> >>" % refs,
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(data), data),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def endless_content() -> bytes:
    """A million and a half text operators in one compressed stream (300 KB on disk): PDFium
    reads eighty thousand in a third of a second, but this many take it past the worker's
    memory limit or the per-file time limit, whichever comes first."""
    ops = b"BT /F1 12 Tf 72 700 Td (and again the parish council met) Tj ET\n" * 1_500_000
    return page_pdf(ops, compress=True)


def deep_nesting(depth: int = 50_000) -> bytes:
    """A resource dictionary nested far past Python's recursion limit."""
    nested = b"<< /A " * depth + b"1" + b" >>" * depth
    text = b"BT /F1 12 Tf 72 700 Td (deep nesting) Tj ET"
    return page_pdf(text, resources=b"/X " + nested + b" ")


def deep_arrays(depth: int = 200_000) -> bytes:
    """Arrays nested two hundred thousand deep, closed properly."""
    text = b"BT /F1 12 Tf 72 700 Td (deep nesting) Tj ET"
    return page_pdf(text, resources=b"/X " + b"[" * depth + b"]" * depth + b" ")


def absurd_sizes() -> bytes:
    """A stream /Length of 2^62 and a page count of two thousand million."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            stream(b"BT /F1 12 Tf 72 700 Td (huge) Tj ET", length=1 << 62),
        ],
        trailer_extra=b"/Prev 99999999999999 ",
    )


def page_tree_loop() -> bytes:
    """A page tree whose node lists itself as a kid."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


def many_pages(count: int = 5000) -> bytes:
    """Thousands of references to one page: more pages than `max_pages` allows."""
    kids = b" ".join([b"3 0 R"] * count)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(b"BT /F1 12 Tf 72 700 Td (one page many times) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def stream_without_end() -> bytes:
    """A content stream that never says `endstream`, with no length to stop at."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + (
        b"4 0 obj << >>\nstream\n" + b"BT (x) Tj ET " * 200_000
    )


HOSTILE: dict[str, Callable[[], bytes]] = {
    "flate-bomb.pdf": lambda: flate_bomb(600),
    "many-stream-bomb.pdf": many_stream_bomb,
    "endless-content.pdf": endless_content,
    "deep-dicts.pdf": deep_nesting,
    "deep-arrays.pdf": deep_arrays,
    "absurd-sizes.pdf": absurd_sizes,
    "page-tree-loop.pdf": page_tree_loop,
    "many-pages.pdf": many_pages,
    "no-endstream.pdf": stream_without_end,
    "header-only.pdf": lambda: b"%PDF-1.7\n",
    "nul-bytes.pdf": lambda: b"%PDF-1.7\n" + b"\x00" * 100_000,
}


# --- mutations of real files ------------------------------------------------------------------

_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b.*?endobj", re.S)
_NUMBERED = re.compile(rb"/(Length|Count|Size|W|Index|Prev|N|First)\s+(\d+)")
_ABSURD = (b"9999999999999999999", b"-1", b"2147483648", b"0", b"18446744073709551616")


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def duplicate_object(data: bytes, rng: random.Random) -> bytes:
    found = list(_OBJECT.finditer(data))
    if not found:
        return flip_bits(data, rng)
    obj, where = rng.choice(found), rng.choice(found)
    return data[: where.start()] + obj.group() + b"\n" + data[where.start() :]


def delete_object(data: bytes, rng: random.Random) -> bytes:
    found = list(_OBJECT.finditer(data))
    if not found:
        return truncate(data, rng)
    obj = rng.choice(found)
    return data[: obj.start()] + data[obj.end() :]


def absurd_number(data: bytes, rng: random.Random) -> bytes:
    found = list(_NUMBERED.finditer(data))
    if not found:
        return flip_bits(data, rng)
    hit = rng.choice(found)
    return data[: hit.start(2)] + rng.choice(_ABSURD) + data[hit.end(2) :]


def swap_ranges(data: bytes, rng: random.Random) -> bytes:
    a, b = sorted(rng.sample(range(len(data)), 2))
    size = min(rng.randint(1, 512), b - a, len(data) - b)
    return (
        data[:a] + data[b : b + size] + data[a + size : b] + data[a : a + size] + data[b + size :]
    )


MUTATORS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": truncate,
    "flip": flip_bits,
    "dup": duplicate_object,
    "del": delete_object,
    "absurd": absurd_number,
    "swap": swap_ranges,
}

# (base sample, mutator, seed) triples that once broke something; replayed on every run.
REGRESSION_SEEDS: list[tuple[str, str, int]] = []


def mutate(data: bytes, mutator: str, seed: int) -> bytes:
    return MUTATORS[mutator](data, random.Random(f"{mutator}:{seed}"))


def mutations(base: Path, per_mutator: int, seed: int) -> Iterator[tuple[str, bytes]]:
    data = base.read_bytes()
    for name in MUTATORS:
        for n in range(per_mutator):
            yield f"{base.stem}-{name}-{seed + n}.pdf", mutate(data, name, seed + n)


# --- helpers --------------------------------------------------------------------------------


def write_all(folder: Path, files: dict[str, bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def extract_all(paths: list[Path]) -> dict[Path, ExtractedPdf | ExtractionError]:
    outcomes: dict[Path, ExtractedPdf | ExtractionError] = {}
    with ExtractionPool(2, LIMITS) as pool:
        for path, outcome in pool.extract_many(paths):
            assert path not in outcomes, f"{path.name} was reported twice"
            outcomes[path] = outcome
    return outcomes


def assert_well_reported(outcomes: dict[Path, ExtractedPdf | ExtractionError]) -> None:
    for path, outcome in outcomes.items():
        if isinstance(outcome, ExtractionError):
            assert outcome.reason in REASONS, f"{path.name}: unknown reason {outcome.reason!r}"
            assert outcome.detail.strip(), f"{path.name}: a failure without a message"
        else:
            assert isinstance(outcome, ExtractedPdf)
            assert len(outcome.pages) >= 1


def index_records(settings: Settings) -> dict[str, str]:
    """Relative path → record kind, for every file the live index knows."""
    return {f["path"]: f["kind"] for f in file_records(settings)}


def fuzz_settings(settings: Settings) -> Settings:
    return settings.with_values(
        {"extract_timeout": TIMEOUT, "worker_memory_mb": MEMORY_MB, "jobs": 2, "batch_size": 20}
    )


# --- the tests ------------------------------------------------------------------------------


def test_mutators_are_deterministic_and_really_mutate() -> None:
    data = (SAMPLES / "three-pages.pdf").read_bytes()
    for name in MUTATORS:
        assert mutate(data, name, 7) == mutate(data, name, 7)
        assert mutate(data, name, 7) != data, f"{name} left the file unchanged"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_each_hostile_file_fails_with_a_reason_within_the_time_limit(tmp_path: Path) -> None:
    paths = write_all(tmp_path, {name: make() for name, make in HOSTILE.items()})
    started = time.monotonic()
    outcomes = extract_all(paths)
    elapsed = time.monotonic() - started
    assert set(outcomes) == set(paths)
    assert_well_reported(outcomes)
    reasons = {p.name: getattr(o, "reason", "ok") for p, o in outcomes.items()}
    # The bounded attacks are refused for what they are, not by luck.
    assert reasons["many-pages.pdf"] == "too-large"
    # pypdf stops inflating at its own limit, so the page is undecodable: `corrupt`.
    assert reasons["flate-bomb.pdf"] in {"corrupt", "too-large", "timeout"}
    assert reasons["endless-content.pdf"] in {"timeout", "too-large", "corrupt"}
    assert reasons["header-only.pdf"] == "corrupt"
    # PDFium walks past the loop to the one real page, which has no text; pypdf refuses it.
    assert reasons["page-tree-loop.pdf"] in {"corrupt", "no-text"}
    # Two workers, ten files: even if every file ran to its limit, the pool cannot hang.
    slow = sum(r == "timeout" for r in reasons.values())
    assert elapsed < (slow / 2 + 1) * (TIMEOUT + 10) + 30, reasons


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_mutated_samples_never_escape_the_worker_pool(tmp_path: Path) -> None:
    files: dict[str, bytes] = {}
    for sample in BASE_SAMPLES:
        files.update(mutations(SAMPLES / sample, per_mutator=3, seed=1))
    for base, mutator, seed in REGRESSION_SEEDS:
        files[f"regression-{base}-{mutator}-{seed}.pdf"] = mutate(
            (SAMPLES / base).read_bytes(), mutator, seed
        )
    paths = write_all(tmp_path, files)
    outcomes = extract_all(paths)
    assert set(outcomes) == set(paths)
    assert_well_reported(outcomes)
    # Mutations must not all be fatal, or the fuzzing only exercises the front door.
    survived = sum(isinstance(o, ExtractedPdf) for o in outcomes.values())
    assert 0 < survived < len(paths)


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_mutated_corpus_pdfs_never_escape_the_worker_pool(corpus: Path, tmp_path: Path) -> None:
    # The six smallest real documents, so the run stays short; mutations live in tmp only.
    bases = sorted((corpus / "real").glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))[:6]
    files: dict[str, bytes] = {}
    for base in bases:
        data = base.read_bytes()
        for n, name in enumerate(MUTATORS):
            files[f"{base.stem[:40]}-{name}.pdf"] = mutate(data, name, 100 + n)
    paths = write_all(tmp_path, files)
    outcomes = extract_all(paths)
    assert set(outcomes) == set(paths)
    assert_well_reported(outcomes)


def _peak_rss_mb(pid: int) -> int:
    """The process's own peak resident memory (VmHWM). Not wait4's ru_maxrss: that also
    counts descendants, here the extraction workers, which have their own memory limit."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) // 1024 if match else 0


def _run_measured(argv: list[str], timeout: float) -> tuple[int, int]:
    """Run a command; return its exit code and its own peak resident memory in MB."""
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    peak = 0
    while True:
        peak = max(peak, _peak_rss_mb(proc.pid))
        pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, peak
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"{argv[3]} did not finish within {timeout:g} s")
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_the_indexer_process_survives_a_folder_of_hostile_files(settings: Settings) -> None:
    settings = fuzz_settings(settings)
    files = {name: make() for name, make in HOSTILE.items() if name != "endless-content.pdf"}
    for sample in BASE_SAMPLES[:2]:
        files.update(mutations(SAMPLES / sample, per_mutator=2, seed=50))
    write_all(settings.documents_dir / "decisions", files)
    argv = [
        sys.executable,
        "-m",
        "library",
        "index",
        "--documents",
        str(settings.documents_dir),
        "--index",
        str(settings.index_dir),
        "--jobs",
        "2",
    ]
    env_argv = [
        "env",
        f"LIBRARY_EXTRACT_TIMEOUT={TIMEOUT}",
        f"LIBRARY_WORKER_MEMORY_MB={MEMORY_MB}",
    ]
    code, peak_mb = _run_measured(env_argv + argv, timeout=150)
    assert code == 0
    assert peak_mb < INDEXER_MAX_RSS_MB, f"the indexer grew to {peak_mb} MB"
    records = index_records(settings)
    assert set(records) == {f"decisions/{name}" for name in files}
    assert records["decisions/flate-bomb.pdf"] == "problem"
    assert records["decisions/many-pages.pdf"] == "problem"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_the_watcher_keeps_running_through_hostile_files(
    settings: Settings, tmp_path: Path
) -> None:
    settings = fuzz_settings(settings)
    log = tmp_path / "watch.log"
    with log.open("w") as log_file:
        proc = library_process(
            settings, "watch", stdout=subprocess.DEVNULL, stderr=log_file, env=_watch_env()
        )
    try:
        files = {name: make() for name, make in HOSTILE.items()}
        files.update(mutations(SAMPLES / "three-pages.pdf", per_mutator=1, seed=9))
        write_all(settings.documents_dir / "services", files)
        expected = {f"services/{name}" for name in files}
        deadline = time.monotonic() + 90
        records: dict[str, str] = {}
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                records = index_records(settings)
            except Exception:  # no index yet, or a commit in flight
                records = {}
            if set(records) == expected:
                break
            time.sleep(0.5)
        assert proc.poll() is None, "the watcher died"
        assert set(records) == expected
        # And it still indexes a good file dropped after the storm.
        (settings.documents_dir / "services" / "after.pdf").write_bytes(
            (SAMPLES / "three-pages.pdf").read_bytes()
        )
        deadline = time.monotonic() + 30
        while (
            time.monotonic() < deadline
            and index_records(settings).get("services/after.pdf") != "doc"
        ):
            time.sleep(0.3)
        assert index_records(settings)["services/after.pdf"] == "doc"
    finally:
        stop_process(proc, timeout=20)
    assert proc.returncode == 0, log.read_text()


def _watch_env() -> dict[str, str]:
    return {
        **os.environ,
        "LIBRARY_EXTRACT_TIMEOUT": str(TIMEOUT),
        "LIBRARY_WORKER_MEMORY_MB": str(MEMORY_MB),
        "LIBRARY_STABILITY_SECONDS": "0.3",
    }


# --- every format beyond PDF (issue 13) -------------------------------------------------------

FORMAT_REASONS = REASONS | {
    "unsupported-format",
    "zip-bomb",
    "hostile-xml",
    "bad-encoding",
    "not-text",
    "empty",
}
# The byte-level mutators that mean something for any file (the others look for PDF objects).
BYTE_MUTATORS = ("truncate", "flip", "swap")


def format_samples(folder: Path) -> dict[str, bytes]:
    """One small file of each format, as tests/formats.py writes them: name → bytes."""
    import formats as f

    folder.mkdir(parents=True, exist_ok=True)
    paths = [
        f.write_docx(folder / "policy.docx"),
        f.write_odt(folder / "policy.odt"),
        f.write_xlsx(folder / "payments.xlsx"),
        f.write_ods(folder / "payments.ods"),
        f.write_spending_csv(folder / "spending.csv", rows=60),
        f.write_html(folder / "page.html"),
        f.write_text(folder / "rules.md", f.MARKDOWN),
        f.write_text(folder / "notice.txt", f.PLAIN_TEXT),
    ]
    return {p.name: p.read_bytes() for p in paths}


def mutate_inside(data: bytes, mutator: str, seed: int) -> bytes:
    """A zip whose content member (the document's text, the first sheet) is mutated and
    re-zipped with a valid CRC, so the mutation reaches the XML parsers rather than stopping
    at the zip's checksum."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    content = ("word/document.xml", "xl/worksheets/sheet1.xml", "content.xml")
    target = next(n for n in content if n in members)
    members[target] = mutate(members[target], mutator, seed)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def format_mutations(samples: dict[str, bytes], seed: int) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name, data in samples.items():
        stem, suffix = name.rsplit(".", 1)
        for n, mutator in enumerate(BYTE_MUTATORS):
            files[f"{stem}-{mutator}-{seed + n}.{suffix}"] = mutate(data, mutator, seed + n)
            if data.startswith(b"PK"):
                files[f"{stem}-inside-{mutator}-{seed + n}.{suffix}"] = mutate_inside(
                    data, mutator, seed + n
                )
    return files


def test_format_mutators_really_mutate_inside_the_zip(tmp_path: Path) -> None:
    data = format_samples(tmp_path)["policy.docx"]
    assert mutate_inside(data, "flip", 3) == mutate_inside(data, "flip", 3)
    assert mutate_inside(data, "flip", 3) != data


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_mutated_files_of_every_format_never_escape_the_worker_pool(tmp_path: Path) -> None:
    files = format_mutations(format_samples(tmp_path / "samples"), seed=20)
    paths = write_all(tmp_path / "mutated", files)
    outcomes = extract_all(paths)
    assert set(outcomes) == set(paths)
    for path, outcome in outcomes.items():
        if isinstance(outcome, ExtractionError):
            assert outcome.reason in FORMAT_REASONS, f"{path.name}: {outcome.reason!r}"
            assert outcome.detail.strip(), f"{path.name}: a failure without a message"
        else:
            assert isinstance(outcome, ExtractedPdf) and outcome.format != "pdf"
    survived = sum(isinstance(o, ExtractedPdf) for o in outcomes.values())
    assert 0 < survived < len(paths)
