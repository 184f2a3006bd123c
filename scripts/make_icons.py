"""Writes the site icons into web/static: `icon.svg`, `favicon.ico` (a 32-pixel PNG inside an
ICO, which every browser since 2010 reads) and `apple-touch-icon.png` (180 pixels), all the
same picture: a white "i" for information on the site's blue. Run it again after changing
the picture; the PNGs are drawn here with zlib, so no imaging library is needed.

    python scripts/make_icons.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
BLUE = (0x1D, 0x70, 0xB8)
WHITE = (0xFF, 0xFF, 0xFF)
# The picture on a 16-unit grid: (x, y, width, height) of each white rectangle.
SHAPES = ((7, 3, 2, 2), (7, 6, 2, 7), (5, 6, 2, 1.5), (5, 11.5, 6, 1.5))


def _white(x: float, y: float) -> bool:
    return any(sx <= x < sx + w and sy <= y < sy + h for sx, sy, w, h in SHAPES)


def png(size: int) -> bytes:
    """The icon as a PNG of `size` by `size` pixels (each pixel sampled at its centre)."""
    rows = bytearray()
    for row in range(size):
        rows.append(0)  # no filter
        for col in range(size):
            x, y = (col + 0.5) * 16 / size, (row + 0.5) * 16 / size
            rows.extend(WHITE if _white(x, y) else BLUE)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def ico(image: bytes, size: int) -> bytes:
    """An ICO holding one PNG image."""
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), 6 + 16)
    return struct.pack("<HHH", 0, 1, 1) + entry + image


def svg() -> str:
    rects = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#fff"/>' for x, y, w, h in SHAPES
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
        f'<rect width="16" height="16" fill="#1d70b8"/>{rects}</svg>\n'
    )


def main() -> None:
    (STATIC / "favicon.ico").write_bytes(ico(png(32), 32))
    (STATIC / "apple-touch-icon.png").write_bytes(png(180))
    (STATIC / "icon.svg").write_text(svg(), encoding="utf-8")


if __name__ == "__main__":
    main()
