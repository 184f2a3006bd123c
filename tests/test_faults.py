"""Faults in the world around the indexer: killed writers, a full disk, files it may not read,
links out of the drop folder, strange names, empty files and files changing under it.

What must hold through all of them: the index always opens and answers, nothing is indexed
twice or from outside documents/, a failure is reported (never silent), and the next
complete run makes the index match the folder exactly.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, file_records, library_process, run_cli, unavailable

from library import store
from library.config import Settings
from library.errors import IndexMissingError
from library.indexing import indexer
from library.indexing.scan import file_sha256, scan_documents
from library.search.engine import SearchRequest, search
from library.search.pool import ReaderPool

MakePdf = Callable[..., Path]
WORDS = [
    "council",
    "budget",
    "allotment",
    "parish",
    "meeting",
    "minutes",
    "planning",
    "highways",
    "library",
    "grant",
    "audit",
    "precept",
    "hedge",
    "drainage",
    "licence",
    "tender",
    "contract",
    "register",
    "policy",
    "complaint",
]


def assert_index_matches_folder(settings: Settings) -> None:
    """One record per file in the folder, none for anything else, each with the file's hash."""
    records = file_records(settings)
    counts = Counter(str(r["path"]) for r in records)
    assert not [p for p, n in counts.items() if n > 1], "a file is indexed twice"
    on_disk = scan_documents(settings.documents_dir)
    assert set(counts) == set(on_disk)
    for record in records:
        state = on_disk[str(record["path"])]
        assert record["sha256"] == file_sha256(state.path), f"{record['path']} is stale"


def assert_answers(settings: Settings, query: str = "council") -> int:
    """The live index opens and a search runs; returns the number of hits."""
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as searcher:
            return search(searcher, SearchRequest(query, page_size=5)).total
    finally:
        reader.close()


def sentence(rng: random.Random, n: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


# --- killed writers -------------------------------------------------------------------------


def _change_folder(settings: Settings, make_pdf: MakePdf, rng: random.Random, step: int) -> None:
    """Add, rewrite, rename and delete a few files, as staff would between runs."""
    files = sorted(scan_documents(settings.documents_dir))
    for n in range(rng.randint(3, 8)):
        make_pdf(f"decisions/new-{step:02}-{n}.pdf", [sentence(rng) for _ in range(3)])
    for relpath in rng.sample(files, k=min(rng.randint(10, 25), len(files))):
        make_pdf(relpath, [f"Rewritten at step {step}. " + sentence(rng)])
    files = sorted(scan_documents(settings.documents_dir))
    for relpath in rng.sample(files, k=min(2, len(files))):
        source = settings.documents_dir / relpath
        target = settings.documents_dir / "services" / f"moved-{step:02}-{source.name}"
        target.parent.mkdir(exist_ok=True)
        source.rename(target)
    files = sorted(scan_documents(settings.documents_dir))
    for relpath in rng.sample(files, k=min(2, len(files))):
        (settings.documents_dir / relpath).unlink()


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_a_writer_killed_at_random_points_never_breaks_the_index(
    settings: Settings, make_pdf: MakePdf
) -> None:
    rng = random.Random(20240607)
    for n in range(80):
        make_pdf(f"decisions/minutes-{n:03}.pdf", [sentence(rng) for _ in range(3)])
    assert run_cli(settings, "index").exit_code == 0
    # Small batches so a kill often lands inside or between commits, not only in extraction.
    env = {**os.environ, "LIBRARY_BATCH_SIZE": "4"}
    killed_mid_run = 0
    longest_wait = 1.8  # shortened whenever a run finishes first: machines differ in speed
    for step in range(40):
        if killed_mid_run >= 10:
            break
        _change_folder(settings, make_pdf, rng, step)
        command = "reindex" if step % 2 else "index"
        proc = library_process(
            settings, command, "--jobs", "1",
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        time.sleep(rng.uniform(0.1, longest_wait))
        if proc.poll() is None:
            killed_mid_run += 1
        else:
            longest_wait = max(0.2, longest_wait * 0.7)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Whatever moment it died at, the index opens, answers, and holds no duplicates.
        assert assert_answers(settings) > 0
        counts = Counter(str(r["path"]) for r in file_records(settings))
        assert max(counts.values()) == 1
    assert killed_mid_run >= 10, "too few kills landed while the writer was working"
    result = run_cli(settings, "index")
    assert result.exit_code == 0, result.output
    assert_index_matches_folder(settings)
    # Killed rebuilds left no debris: the live generation and at most the one before it.
    live = store.current_dir(settings.index_dir)
    generations = sorted(settings.index_dir.glob("gen-*"))
    assert live in generations and len(generations) <= 2


# --- a full disk ----------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs mounted for the test (root only: CI and this machine run as root)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        unavailable(f"cannot mount a tmpfs to fill (needs root): {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def unique_text_pdf(path: Path, rng: random.Random, words: int = 4000) -> None:
    """One page of words that occur nowhere else: every one is a new term for the index."""
    from test_fuzz import page_pdf

    lines = [" ".join(f"w{rng.getrandbits(48):x}" for _ in range(10)) for _ in range(words // 10)]
    ops = b"BT /F1 9 Tf 20 780 Td 11 TL " + b" ".join(b"(%s) '" % ln.encode() for ln in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page_pdf(ops + b" ET", compress=True))


def _fill(settings: Settings, rng: random.Random, count: int = 10) -> None:
    for n in range(count):
        unique_text_pdf(settings.documents_dir / "decisions" / f"big-{n:02}.pdf", rng)


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_a_full_disk_during_a_commit_keeps_the_old_index_and_reports_it(
    settings: Settings, make_pdf: MakePdf, small_disk: Path
) -> None:
    settings = settings.with_values({"index_dir": small_disk / "index", "batch_size": 1000})
    rng = random.Random(5)
    for n in range(3):
        make_pdf(f"decisions/old-{n}.pdf", [f"Old minutes {n}. " + sentence(rng)])
    assert indexer.sync(settings).added == 3
    before = file_records(settings)
    _fill(settings, rng)  # more new terms than the rest of the 1 MB disk can hold
    proc = library_process(settings, "index", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, out + err
    assert "No space left on device" in err and "Traceback" not in err
    # The old index still answers, exactly as before.
    assert file_records(settings) == before
    assert assert_answers(settings, "minutes") == 3
    # Once there is room again, the next run completes and matches the folder.
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    assert run_cli(settings, "index").exit_code == 0
    assert_index_matches_folder(settings)


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_the_watcher_survives_a_full_disk_and_catches_up_when_there_is_room(
    settings: Settings, make_pdf: MakePdf, small_disk: Path, tmp_path: Path
) -> None:
    settings = settings.with_values({"index_dir": small_disk / "index", "batch_size": 1000})
    rng = random.Random(6)
    make_pdf("decisions/old.pdf", ["Old minutes of the council. " + sentence(rng)])
    assert indexer.sync(settings).added == 1
    log = tmp_path / "watch.log"
    env = {**os.environ, "LIBRARY_STABILITY_SECONDS": "0.3", "LIBRARY_BATCH_SIZE": "1000"}
    with log.open("w") as log_file:
        proc = library_process(settings, "watch", stderr=log_file, env=env)
    try:
        _fill(settings, rng)
        deadline = time.monotonic() + 30
        while "No space left on device" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "No space left on device" in log.read_text()
        assert proc.poll() is None, "the watcher died of a full disk"
        assert assert_answers(settings, "minutes") == 1  # the old index answers meanwhile
        subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
        deadline = time.monotonic() + 45  # its back-off doubles from 1 s
        while time.monotonic() < deadline:
            if len(file_records(settings)) == 11:
                break
            time.sleep(0.5)
        assert_index_matches_folder(settings)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


# --- files the indexer cannot or must not read ----------------------------------------------


SETPRIV = shutil.which("setpriv")
NO_DAC = "-dac_override,-dac_read_search"


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(
    os.geteuid() != 0 or SETPRIV is None,
    reason="needs root and util-linux setpriv to run the indexer without read-override rights",
)
def test_an_unreadable_file_is_reported_and_the_rest_indexed(settings: Settings) -> None:
    """root reads every file whatever its mode, so the indexer runs as root *without* the
    capabilities that override file permissions (setpriv drops CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH); a mode-000 file is then as unreadable to it as to any user."""
    folder = settings.documents_dir / "decisions"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "three-pages.pdf", folder / "readable.pdf")
    shutil.copyfile(SAMPLES / "ligatures.pdf", folder / "locked.pdf")
    (folder / "locked.pdf").chmod(0o000)
    argv = [SETPRIV, f"--inh-caps={NO_DAC}", f"--bounding-set={NO_DAC}", sys.executable]
    argv += ["-m", "library", "index", "--json", "--documents", str(settings.documents_dir)]
    argv += ["--index", str(settings.index_dir)]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=90)

    done = run()
    assert done.returncode == 0, done.stderr
    assert '"added": 1' in done.stdout and '"failed": 1' in done.stdout
    assert '"reason": "unreadable"' in done.stdout
    problems = [r for r in file_records(settings) if r["kind"] == "problem"]
    assert [(p["path"], p["reason"]) for p in problems] == [("decisions/locked.pdf", "unreadable")]
    # Once staff fix the permissions and save it again, the next run indexes it.
    (folder / "locked.pdf").chmod(0o644)
    os.utime(folder / "locked.pdf")
    assert run().returncode == 0
    kinds = {r["path"]: r["kind"] for r in file_records(settings)}
    assert kinds == {"decisions/readable.pdf": "doc", "decisions/locked.pdf": "doc"}


@pytest.mark.timeout(60)
def test_symlinks_out_of_the_drop_folder_are_never_followed(
    settings: Settings, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copyfile(SAMPLES / "three-pages.pdf", outside / "secret.pdf")
    (settings.documents_dir / "decisions").mkdir()
    shutil.copyfile(SAMPLES / "ligatures.pdf", settings.documents_dir / "decisions" / "real.pdf")
    (settings.documents_dir / "decisions" / "link.pdf").symlink_to(outside / "secret.pdf")
    (settings.documents_dir / "services").symlink_to(outside, target_is_directory=True)
    (settings.documents_dir / "decisions" / "passwd.pdf").symlink_to("/etc/passwd")
    (settings.documents_dir / "decisions" / "dangling.pdf").symlink_to(tmp_path / "nowhere.pdf")
    report = indexer.sync(settings)
    assert report.added == 1 and report.failed == 0
    assert {r["path"] for r in file_records(settings)} == {"decisions/real.pdf"}
    assert assert_answers(settings, "allotment") == 0  # the text of the file outside


@pytest.mark.timeout(60)
def test_a_fifo_named_like_a_pdf_neither_hangs_nor_is_indexed(settings: Settings) -> None:
    (settings.documents_dir / "decisions").mkdir()
    os.mkfifo(settings.documents_dir / "decisions" / "pipe.pdf")
    (settings.documents_dir / "services.pdf").mkdir()  # a folder with a PDF's name
    shutil.copyfile(SAMPLES / "three-pages.pdf", settings.documents_dir / "services.pdf" / "a.pdf")
    report = indexer.sync(settings)
    assert report.added == 1
    assert {r["path"] for r in file_records(settings)} == {"services.pdf/a.pdf"}


ODD_NAMES = [
    "decisions/minutes with  spaces.pdf",
    "decisions/café \u2013 résumé 2024.pdf",
    "decisions/\uff26\uff35\uff2c\uff2c-width.pdf",
    "decisions/line\nbreak.pdf",
    "decisions/tab\there.pdf",
    "decisions/<script>alert(1)<script>.pdf",
    'decisions/quote\'s "double".pdf',
    "decisions/100% #1 ?q=x&y.pdf",
    "decisions/back\\slash.pdf",
    "decisions/" + "long-" * 49 + "x.pdf",  # 250 bytes: close to the 255-byte limit
    "decisions/" + "é" * 125 + ".pdf",  # 254 bytes of UTF-8
    "who-we-are/emoji 🏛️ council.pdf",
    "decisions/.hidden.pdf",  # hidden: deliberately not indexed
    "decisions/UPPER.PDF",
]


@pytest.mark.timeout(60)
def test_odd_file_names_are_indexed_and_searchable(settings: Settings) -> None:
    for relpath in ODD_NAMES:
        target = settings.documents_dir / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / "three-pages.pdf", target)
    # A name that is not valid UTF-8 (a Latin-1 "é" from an old Windows share).
    raw = os.fsencode(settings.documents_dir / "decisions") + b"/caf\xe9.pdf"
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, (SAMPLES / "ligatures.pdf").read_bytes())
    os.close(fd)
    report = indexer.sync(settings)
    expected = {n for n in ODD_NAMES if not n.startswith("decisions/.")}
    records = {str(r["path"]): r["kind"] for r in file_records(settings)}
    # Every odd name is a searchable document; the hidden one and the name the index cannot
    # store (skipped with a warning, not a crash of the whole run) are not.
    assert records == dict.fromkeys(expected, "doc")
    assert report.added == len(expected) and report.failed == 0
    assert assert_answers(settings, "allotment") == len(expected)
    assert indexer.sync(settings).changed is False  # and a second run finds nothing to do


@pytest.mark.timeout(60)
def test_zero_byte_files_are_problems_until_they_are_filled(
    settings: Settings, add_sample: Callable[[str, str], Path]
) -> None:
    add_sample("empty.pdf", "decisions/being-copied.pdf")
    report = indexer.sync(settings)
    assert [(p.path, p.reason) for p in report.problems] == [
        ("decisions/being-copied.pdf", "not-pdf")
    ]
    add_sample("three-pages.pdf", "decisions/being-copied.pdf")
    report = indexer.sync(settings)
    assert report.updated == 1 and report.failed == 0
    assert_index_matches_folder(settings)


def _slow_pdf(path: Path, word: str, pages: int = 24) -> None:
    """A PDF that takes PDFium a few seconds to read, whose text is mostly `word`: every page
    draws the same 80,000 text operators (one shared content stream, so the file stays small
    and each page's memory is freed before the next)."""
    from test_fuzz import build_pdf, stream

    ops = b"BT /F1 12 Tf 72 700 Td (%s parish council) Tj ET\n" % word.encode() * 80_000
    first, content = 3, 3 + pages
    kids = b" ".join(b"%d 0 R" % n for n in range(first, content))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content, content + 1)
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        *[page] * pages,
        stream(ops, compress=True),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(build_pdf(objects))


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("how", ["atomic-replace", "rewrite-in-place"])
def test_a_file_replaced_during_extraction_is_caught_up_by_the_next_run(
    settings: Settings, tmp_path: Path, how: str
) -> None:
    target = settings.documents_dir / "decisions" / "agenda.pdf"
    target.parent.mkdir()
    _slow_pdf(target, "firstversion")
    replacement = tmp_path / "replacement.pdf"
    _slow_pdf(replacement, "secondversion")
    proc = library_process(
        settings, "index", "--jobs", "1", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(1.2)  # past the scan and hashing, into the extraction
    assert proc.poll() is None, "the first run finished before the file could be replaced"
    if how == "atomic-replace":
        shutil.copyfile(replacement, target.with_name(".agenda.tmp"))
        target.with_name(".agenda.tmp").replace(target)
    else:
        data = replacement.read_bytes()
        with target.open("r+b") as fh:  # as a careless copy tool would
            fh.write(data[: len(data) // 2])
            fh.flush()
            time.sleep(0.3)
            fh.write(data[len(data) // 2 :])
            fh.truncate()
    assert proc.wait(timeout=90) == 0
    assert len(file_records(settings)) == 1  # one record, whichever version it caught
    assert run_cli(settings, "index").exit_code == 0
    assert_index_matches_folder(settings)
    assert assert_answers(settings, "secondversion") == 1
    assert assert_answers(settings, "firstversion") == 0


def test_no_index_yet_is_reported_not_crashed(settings: Settings) -> None:
    with pytest.raises(IndexMissingError):
        store.open_current(settings.index_dir)
