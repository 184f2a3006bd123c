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
from xml.sax.saxutils import escape

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


# --- spreadsheets ---------------------------------------------------------------------------

# Sheet name → its rows (the first is the header); the phrase of each sheet is in it.
WORKBOOK = {
    "Q2 2025": [
        ["Supplier", "Amount", "Paid on"],
        ["Northgate Skip Hire", 1250.0, dt.date(2025, 6, 3)],
        ["Brightwater Cleaning", 620.5, dt.date(2025, 6, 17)],
    ],
    "Q3 2025": [
        ["Supplier", "Amount", "Paid on"],
        ["Kestrel Bridge Engineering", 48200.0, dt.date(2025, 8, 21)],
        ["Brightwater Cleaning", 640.0, dt.date(2025, 9, 2)],
    ],
}


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[object]]] = WORKBOOK,
    *,
    title: str | None = "Payments to suppliers 2025-26",
    created: dt.datetime | None = None,
) -> Path:
    """An Excel workbook written by openpyxl, with core properties (docProps/core.xml)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if title:
        workbook.properties.title = title
    workbook.properties.created = created or dt.datetime(2025, 10, 1, 9, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def odf_meta(title: str | None, created: str = "2025-09-30T10:15:00.123456789") -> str:
    title_xml = f"<dc:title>{escape(title)}</dc:title>" if title else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF_NS} '
        f'office:version="1.3"><office:meta>{title_xml}'
        f"<meta:creation-date>{created}</meta:creation-date></office:meta>"
        "</office:document-meta>"
    )


def write_odf(path: Path, mimetype: str, body: str, meta: str) -> Path:
    """An OpenDocument file as the specification lays it out: `mimetype` first and stored,
    a manifest, content.xml and meta.xml."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{mimetype}"/></manifest:manifest>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS} '
        f'office:version="1.3"><office:body>{body}</office:body></office:document-content>'
    )
    members = {
        "mimetype": mimetype,
        "META-INF/manifest.xml": manifest,
        "content.xml": content,
        "meta.xml": meta,
    }
    return write_zip(path, members, stored=("mimetype",))


def ods_cell(value: object, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value in (None, ""):
        return f"<table:table-cell{repeated}/>"
    return f"<table:table-cell{repeated}><text:p>{escape(str(value))}</text:p></table:table-cell>"


def ods_table(name: str, rows: list[list[object]], *, trailing_empty: bool = True) -> str:
    """A sheet as LibreOffice writes it: each row padded with 1,024 repeated empty cells, and
    a million repeated empty rows to the sheet's end."""
    xml = [f'<table:table table:name="{escape(name)}">']
    for row in rows:
        cells = "".join(ods_cell(v) for v in row)
        xml.append(f"<table:table-row>{cells}{ods_cell(None, 1024)}</table:table-row>")
    if trailing_empty:
        xml.append(
            '<table:table-row table:number-rows-repeated="1048000">'
            f"{ods_cell(None, 1024)}</table:table-row>"
        )
    xml.append("</table:table>")
    return "".join(xml)


def write_ods(
    path: Path,
    sheets: dict[str, list[list[object]]] = WORKBOOK,
    *,
    title: str | None = "Payments to suppliers 2025-26",
) -> Path:
    tables = "".join(ods_table(name, rows) for name, rows in sheets.items())
    return write_odf(
        path,
        "application/vnd.oasis.opendocument.spreadsheet",
        f"<office:spreadsheet>{tables}</office:spreadsheet>",
        odf_meta(title),
    )


def write_huge_ods(path: Path, columns: int = 10_000, rows: int = 1_000) -> Path:
    """Ten million cells in a few hundred bytes: one non-empty cell repeated `columns` times,
    its row repeated `rows` times (both legal ODF)."""
    row = (
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f"{ods_cell('tick', columns)}</table:table-row>"
    )
    table = f'<table:table table:name="Huge">{row}</table:table>'
    return write_odf(
        path,
        "application/vnd.oasis.opendocument.spreadsheet",
        f"<office:spreadsheet>{table}</office:spreadsheet>",
        odf_meta("Huge"),
    )


# --- word processing ------------------------------------------------------------------------

# Section heading → its paragraphs; each section's phrase is in its first paragraph.
POLICY = {
    "Purpose": ["This policy explains how the council sets charges for garden waste collection."],
    "Fees": ["The annual garden waste permit costs forty-eight pounds from April 2025."],
    "Exemptions": ["Residents receiving council tax support pay a reduced kerbside fee."],
}
POLICY_TITLE = "Garden Waste Charging Policy"


def write_docx(
    path: Path,
    sections: dict[str, list[str]] = POLICY,
    *,
    title: str = POLICY_TITLE,
    core_title: str | None = POLICY_TITLE,
    created: dt.datetime | None = None,
    intro: str = "Adopted by the Cabinet on 14 May 2025.",
) -> Path:
    """A Word document written by python-docx: a Title paragraph, an introduction, and one
    Heading 1 per section, with core properties (docProps/core.xml)."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_paragraph(intro)
    for heading, paragraphs in sections.items():
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Band", "Charge"
    table.cell(1, 0).text, table.cell(1, 1).text = "Standard bin", "£48"
    if core_title:
        document.core_properties.title = core_title
    document.core_properties.created = created or dt.datetime(2025, 5, 14, 12, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_odt(
    path: Path,
    sections: dict[str, list[str]] = POLICY,
    *,
    title: str = POLICY_TITLE,
    intro: str = "Adopted by the Cabinet on 14 May 2025.",
) -> Path:
    """An OpenDocument text: a title, an introduction, one level-1 heading per section
    (one in a list, as LibreOffice writes numbered headings), and a table."""
    body = [f'<text:p text:style-name="Title">{escape(title)}</text:p>']
    body.append(f"<text:p>{escape(intro)}</text:p>")
    for n, (heading, paragraphs) in enumerate(sections.items()):
        h = f'<text:h text:outline-level="1">{escape(heading)}</text:h>'
        body.append(f"<text:list><text:list-item>{h}</text:list-item></text:list>" if n else h)
        body.extend(f"<text:p>{escape(p)}<text:s/>end.</text:p>" for p in paragraphs)
    body.append(
        ods_table("Charges", [["Band", "Charge"], ["Standard bin", "£48"]], trailing_empty=False)
    )
    return write_odf(
        path,
        "application/vnd.oasis.opendocument.text",
        f"<office:text>{''.join(body)}</office:text>",
        odf_meta(title),
    )


# --- web pages and plain text ---------------------------------------------------------------

PAGE_TITLE = "Bulky waste collections"


def write_html(path: Path, *, with_menus: bool = True) -> Path:
    """A council web page as a CMS saves it: landmarks, a menu, a cookie banner and a footer
    around the main content, whose sections are h2 headings under one h1."""
    menus = (
        '<header role="banner"><p>Harrowdene Borough Council</p></header>'
        "<nav><ul><li><a href='/'>Home</a></li><li>Parking fines menu</li></ul></nav>"
        '<div role="dialog" class="cookie">Accept marmalade cookies</div>'
        if with_menus
        else ""
    )
    html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{PAGE_TITLE} - Harrowdene Borough Council</title>
<meta name="dcterms.created" content="2025-03-04">
<script>var tracker = "analytics beacon";</script><style>.x {{ color: red }}</style>
</head><body>{menus}
<main>
<h1>{PAGE_TITLE}</h1>
<p>We collect up to three large items from your home.</p>
<h2>What we collect</h2>
<p>Sofas, fridges and <strong>mattresses</strong> are collected from the kerbside.</p>
<table><tr><th>Items</th><th>Charge</th></tr><tr><td>Up to three</td><td>£35</td></tr></table>
<h2>How to book</h2>
<div>Book online or call the contact centre <a href="/c">on weekdays</a>.</div>
</main>
<footer>Copyright footer text</footer>
</body></html>"""
    return write_text(path, html)


MARKDOWN = """---
title: Allotment tenancy rules
date: 2024-11-05
---
# Allotment tenancy rules

These rules apply to every council allotment site.

## Bonfires

Bonfires are allowed only between **October and March**.

## Livestock

Keeping [hens](https://example.invalid/hens) needs written permission from the warden.
"""

PLAIN_TEXT = (
    "Notice of road closure\n\n"
    + "\n\n".join(
        f"Paragraph {n} says the closure of Mill Lane lasts for the resurfacing works."
        for n in range(1, 80)
    )
    + "\n\nDiversions follow the heron footbridge route.\n"
)
