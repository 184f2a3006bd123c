"""Bytes that should be text (CSV, plain text, Markdown): decoded as UTF-8, UTF-8 with a BOM
or Windows-1252, what British councils' systems write, or refused with a reason.

`not-text` is a file that is not text at all (binary junk, a ZIP or an image named `.csv`);
`bad-encoding` is text in another encoding (UTF-16, or bytes Windows-1252 does not define),
which would index as mojibake; `too-large` is a line longer than the limit, which no real
table or prose has and which a parser would otherwise have to hold whole.
"""

from __future__ import annotations

import codecs

from library.errors import ExtractionError

# Bytes that start other file types, named so the librarian knows what they really have.
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an Office or OpenDocument file?)"),
    (b"%PDF-", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office (.doc/.xls) file"),
)
_SAMPLE = 64 * 1024
# Control characters text never has (tab, newlines, form feed and escape excepted).
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}


def decode_text(data: bytes, *, max_line_bytes: int) -> tuple[str, str]:
    """The text of `data` and the encoding it was read in.

    Raises:
        ExtractionError: `empty`, `not-text`, `bad-encoding` or `too-large` (a line).
    """
    if not data.strip():
        raise ExtractionError("empty", "the file is empty")
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            raise ExtractionError("bad-encoding", f"the text is {name}: save it as UTF-8")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ExtractionError("not-text", f"the file is {what}, not text")
    sample = data[:_SAMPLE]
    if _looks_utf16(sample):
        raise ExtractionError("bad-encoding", "the text is UTF-16: save it as UTF-8")
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(2, len(sample) // 100):
        raise ExtractionError("not-text", "the file is binary data, not text")
    check_line_length(data, max_line_bytes)
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", "UTF-8 (with a byte-order mark)"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _decode(data, "cp1252", "Windows-1252")
    if _mostly_high(data):
        raise ExtractionError(
            "bad-encoding",
            "the text is not UTF-8, and read as Windows-1252 it is mostly accented or symbol "
            "characters (another encoding: Shift-JIS, Cyrillic...): save it as UTF-8",
        )
    return text, "cp1252"


def _mostly_high(data: bytes) -> bool:
    # English and Western European text in Windows-1252 has a £, an é here and there: a fifth
    # of its letters beyond ASCII means a legacy encoding of another script.
    sample = data[:_SAMPLE]
    visible = sum(1 for b in sample if b > 32)
    high = sum(1 for b in sample if b >= 128)
    return visible > 0 and high / visible > 0.2


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            "bad-encoding",
            f"the text is neither UTF-8 nor Windows-1252 (byte {exc.start:,} is not {name}): "
            "save it as UTF-8",
        ) from None


def _looks_utf16(sample: bytes) -> bool:
    # ASCII text in UTF-16 without a byte-order mark: every other byte is zero, and the
    # others are printable.
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    zeros, other = (even, odd) if even.count(0) > odd.count(0) else (odd, even)
    if zeros.count(0) <= len(zeros) * 0.4:
        return False
    printable = sum(1 for b in other if b >= 32 or b in (9, 10, 13))
    return printable >= len(other) * 0.8


def check_line_length(data: bytes, max_line_bytes: int) -> None:
    """Refuse a file with a line longer than `max_line_bytes`, without splitting it."""
    start = 0
    size = len(data)
    while start < size:
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        if end - start > max_line_bytes:
            raise ExtractionError(
                "too-large",
                f"a line of {(end - start) / 1048576:.1f} MB is longer than the limit of "
                f"{max_line_bytes // 1024:,} KB (max_line_kb)",
            )
        start = end + 1
