"""Small files of every format the library reads, written by the tests' own code with known
phrases in known sheets, sections and rows, and hostile variants of each (zip bombs, XML
entity attacks, huge sheets, binary junk, absurd lines).

Nothing is downloaded: Word and Excel files are written with python-docx and openpyxl (what
real producers write, core properties included); OpenDocument files are zips of XML written
here by hand, as the ODF specification lays them out.
"""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from collections.abc import Sequence
from pathlib import Path

# --- CSV ------------------------------------------------------------------------------------

SPENDING_COLUMNS = ("Supplier", "Amount", "Date", "Service")
# The phrase of the spending CSV and the row it is on (row 1 is the header).
GRAVEL_ROW = 702


def write_spending_csv(path: Path, *, rows: int = 1199, encoding: str = "utf-8") -> Path:
    """A council's spending over £500, `rows` rows with the header: row `GRAVEL_ROW` pays
    Harrowdene Gravel Works, so its phrase is in the unit "Rows 501-1000"."""
    lines = [",".join(SPENDING_COLUMNS)]
    for number in range(2, rows + 1):
        supplier = f"Supplier {number}"
        if number == GRAVEL_ROW:
            supplier = "Harrowdene Gravel Works"
        lines.append(f'"{supplier}",{number * 3}.50,2025-04-{number % 28 + 1:02d},Parks £500+')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_junk_csv(path: Path, size: int = 64 * 1024) -> Path:
    """Binary junk with a `.csv` name (seeded, so every run gets the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(13).randbytes(size))
    return path


def write_long_line_csv(path: Path, megabytes: int = 50) -> Path:
    """A CSV whose second line is `megabytes` MB long, written in pieces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    chunk = b"x" * (1 << 20)
    with path.open("wb") as fh:
        fh.write(b"Name,Value\r\nlong,")
        for _ in range(megabytes):
            fh.write(chunk)
        fh.write(b"\r\nshort,1\r\n")
    return path


def write_utf16_csv(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("Name,Value\r\nCafé,1\r\n".encode("utf-16"))
    return path


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def write_zip(path: Path, members: dict[str, bytes | str], *, stored: Sequence[str] = ()) -> Path:
    """A zip of the given members (deflated, except those named in `stored`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            zf.writestr(name, data, compress_type=method)
    return path


def seeded_bytes(size: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(size) if size else b""


def utc(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 9, 30, tzinfo=dt.UTC)
