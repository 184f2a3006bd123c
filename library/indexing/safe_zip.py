"""Office and OpenDocument files are zip archives of XML: checked here before any parser sees
them, so a zip bomb or an XML entity attack is refused for what it is.

Before parsing: the number of members, each member's declared uncompressed size and the
total, the compression ratio of large members, and that no two members share compressed
bytes (the overlapping-entries bomb) — `zip-bomb`; then every XML member's prolog, which in
these formats never has a DTD: one with `<!DOCTYPE` (billion laughs, external entities) is
`hostile-xml`. While parsing, members are read through a reader that stops at the declared
size and the caps, and XML this module parses itself goes through defusedxml with DTDs
forbidden. The worker's memory and time limits stay behind all of this.
"""

from __future__ import annotations

import codecs
import itertools
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from library.errors import ExtractionError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# No document this library reads comes near these; the worker's memory limit is below them.
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
# Real XML compresses 5-30 times; a member over `_RATIO_FLOOR` bytes inflating more than this
# many times is a bomb (deflate's own limit is about 1,030).
MAX_RATIO = 100
_RATIO_FLOOR = 8 * 1024 * 1024
_PROLOG_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_XML_NAME = re.compile(r"\.(xml|rels)$", re.I)


def open_checked(path: Path) -> zipfile.ZipFile:
    """The archive at `path`, once its directory passes the checks above; close it after.

    Raises:
        ExtractionError: `corrupt` (not a zip), `zip-bomb` or `hostile-xml`.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ExtractionError("corrupt", f"the file is not a readable zip archive: {exc}") from None
    try:
        check_directory(archive, path.stat().st_size)
        for info in archive.infolist():
            if _XML_NAME.search(info.filename):
                check_prolog(archive, info)
    except BaseException:
        archive.close()
        raise
    return archive


def check_directory(archive: zipfile.ZipFile, file_size: int) -> None:
    """The declared sizes: members, each member, the total, ratios, overlaps."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ExtractionError("zip-bomb", f"{len(infos):,} parts is more than {MAX_MEMBERS:,}")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise ExtractionError(
                "zip-bomb",
                f"{info.filename} declares {info.file_size / 1048576:,.0f} MB uncompressed, "
                f"more than {MAX_MEMBER_BYTES // 1048576} MB",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise ExtractionError(
                "zip-bomb",
                f"{info.filename} inflates {ratio:,.0f} times ({info.file_size / 1048576:,.0f} "
                f"MB); real documents compress under {MAX_RATIO} times",
            )
    if total > MAX_TOTAL_BYTES:
        raise ExtractionError(
            "zip-bomb",
            f"its parts declare {total / 1048576:,.0f} MB uncompressed, more than "
            f"{MAX_TOTAL_BYTES // 1048576} MB",
        )
    _check_overlaps(infos, file_size)


def _check_overlaps(infos: list[zipfile.ZipInfo], file_size: int) -> None:
    # An overlapping-entries bomb points many members at one run of compressed bytes.
    spans = sorted((i.header_offset, i.compress_size) for i in infos)
    for (start, size), (next_start, _) in itertools.pairwise(spans):
        if start + size > next_start:
            raise ExtractionError("zip-bomb", "its parts overlap (an overlapping-entries bomb)")
    if sum(size for _, size in spans) > file_size:
        raise ExtractionError("zip-bomb", "its parts claim more bytes than the file holds")


def check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML member whose prolog declares a DTD (no Office or ODF part has one)."""
    with archive.open(info) as fh:
        head = fh.read(_PROLOG_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    rest = text.lstrip("\ufeff \t\r\n")
    while rest.startswith(("<?", "<!--")):
        end = rest.find("?>" if rest.startswith("<?") else "-->")
        if end < 0:
            break
        rest = rest[end + (2 if rest.startswith("<?") else 3) :].lstrip(" \t\r\n")
    if rest.startswith("<!"):
        raise ExtractionError(
            "hostile-xml",
            f"{info.filename} declares a DTD or entities (entity expansion or external "
            "entities): refused unread",
        )


@contextmanager
def member(archive: zipfile.ZipFile, name: str) -> Iterator[Capped]:
    """A member's bytes as a stream that stops at its declared size and the caps.

    Raises:
        ExtractionError: `corrupt` when the member is missing or damaged.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise ExtractionError("corrupt", f"the archive has no {name}") from None
    try:
        with archive.open(info) as fh:
            yield Capped(fh, min(info.file_size, MAX_MEMBER_BYTES), name)
    except zipfile.BadZipFile as exc:
        raise ExtractionError("corrupt", f"{name} is damaged: {exc}") from None


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with member(archive, name) as fh:
        return fh.read()


class Capped:
    """Reads at most `cap` bytes; a stream that goes on past it is a bomb."""

    def __init__(self, raw: IO[bytes], cap: int, name: str) -> None:
        self.raw, self.left, self.name = raw, cap, name

    def read(self, size: int = -1) -> bytes:
        want = _CHUNK if size is None or size < 0 else size
        if size is None or size < 0:
            parts = []
            while chunk := self.read(want):
                parts.append(chunk)
            return b"".join(parts)
        data = self.raw.read(min(want, self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise ExtractionError(
                "zip-bomb", f"{self.name} expands past its declared size or the limit"
            )
        return data

    def __enter__(self) -> Capped:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def parse_xml(data: bytes, name: str) -> Element:
    """XML the library parses itself: defusedxml, with DTDs and entities forbidden.

    Raises:
        ExtractionError: `hostile-xml` or `corrupt`.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        root: Element = safe_et.fromstring(data, forbid_dtd=True)
        return root
    except DefusedXmlException as exc:
        raise ExtractionError("hostile-xml", f"{name}: {exc}") from None
    except ParseError as exc:
        raise ExtractionError("corrupt", f"{name} is not well-formed XML: {exc}") from None
