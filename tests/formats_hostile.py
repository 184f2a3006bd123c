"""Hostile variants of the files tests/formats.py writes: zip bombs (a member inflating a
thousand times, a member declaring 4 GB), XML entity attacks, ten-million-cell sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

from formats import write_xlsx, write_zip

# --- hostile variants -----------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n<lolz>&lol9;</lolz>\n"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    "<doc>&xxe;</doc>\n"
)


def replace_member(path: Path, name: str, data: bytes | str, *, target: Path | None = None) -> Path:
    """A copy of the zip at `path` (written to `target`, else in place) with member `name`
    replaced by `data`."""
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    members[name] = data.encode("utf-8") if isinstance(data, str) else data
    return write_zip(target or path, members, stored=("mimetype",))


def inflating_member(path: Path, member: str, megabytes: int = 100) -> Path:
    """`member` replaced by `megabytes` MB of well-formed XML that deflates about a thousand
    times: a zip bomb (a few hundred kilobytes on disk)."""
    body = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        b'openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + b"</w:body></w:document>"
    )
    return replace_member(path, member, xml)


def lie_about_size(path: Path, member: str, size: int = 0xF0000000) -> Path:
    """Patch the central directory so `member` declares `size` bytes uncompressed (4 GB):
    what a bomb declares, caught before a byte is inflated."""
    data = bytearray(path.read_bytes())
    name = member.encode("utf-8")
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == name:
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
            break
        at += 4
    else:
        raise ValueError(f"{member} not in {path}")
    path.write_bytes(bytes(data))
    return path


def declare_dimension(path: Path, ref: str = "A1:CV100000") -> Path:
    """An openpyxl workbook whose first sheet declares `ref` (100 columns by 100,000 rows:
    ten million cells) as its dimension."""
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(sheet).decode("utf-8")
    start = xml.index('<dimension ref="') + len('<dimension ref="')
    end = xml.index('"', start)
    return replace_member(path, sheet, xml[:start] + ref + xml[end:])


def stream_huge_sheet(path: Path, rows: int = 100_000, columns: int = 100) -> Path:
    """A workbook whose first sheet really holds `rows` x `columns` cells (ten million) and
    declares no dimension, written streaming: the readers must count as they go."""
    import string

    base = write_xlsx(path.with_suffix(".base.xlsx"), {"Huge": [["a", "b"]]})
    letters = [a + b for a in ("", *string.ascii_uppercase[:3]) for b in string.ascii_uppercase]
    refs = letters[:columns]
    with zipfile.ZipFile(base) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main"><sheetData>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, data in members.items():
            if name != sheet:
                out.writestr(name, data)
        with out.open(sheet, "w", force_zip64=True) as fh:
            fh.write(head.encode())
            for r in range(1, rows + 1):
                cells = "".join(f'<c r="{c}{r}"><v>{r * 7 + i}</v></c>' for i, c in enumerate(refs))
                fh.write(f'<row r="{r}">{cells}</row>'.encode())
            fh.write(b"</sheetData></worksheet>")
    base.unlink()
    return path
