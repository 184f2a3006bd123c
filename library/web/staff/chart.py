"""The searches-over-time chart, drawn as SVG on the server: no script, no third party, and
readable without colour (zero-result bars are hatched and the page has the same numbers as a
table)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from library.librarian import Day

WIDTH, HEIGHT = 720, 220
_LEFT, _BOTTOM, _TOP = 40, 28, 12


def searches_chart(days: Sequence[Day]) -> Markup:
    """Bars of searches per day with the zero-result part of each bar hatched over it."""
    peak = max((d.searches for d in days), default=0)
    scale_top = max(1, _nice(peak))
    plot_w, plot_h = WIDTH - _LEFT - 8, HEIGHT - _BOTTOM - _TOP
    slot = plot_w / max(1, len(days))
    bar = max(1.0, slot * 0.8)

    def y(value: int) -> float:
        return _TOP + plot_h - plot_h * value / scale_top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">Searches per day, {len(days)} days: '
        f"{sum(d.searches for d in days)} searches, {sum(d.zero for d in days)} found no answer"
        "</title>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#d4351c"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>',
    ]
    for tick in (0, scale_top // 2, scale_top):
        parts.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - 8}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#0b0c0c">{tick}</text>'
        )
    for i, day in enumerate(days):
        x = _LEFT + i * slot + (slot - bar) / 2
        label = escape(f"{day.date}: {day.searches} searches, {day.zero} found no answer")
        parts.append(
            f"<g><title>{label}</title>"
            f'<rect class="bar-searches" x="{x:.1f}" y="{y(day.searches):.1f}" width="{bar:.1f}" '
            f'height="{y(0) - y(day.searches):.1f}" fill="#1d70b8"/>'
            f'<rect class="bar-zero" x="{x:.1f}" y="{y(day.zero):.1f}" width="{bar:.1f}" '
            f'height="{y(0) - y(day.zero):.1f}" fill="url(#hatch)"/></g>'
        )
    last = len(days) - 1
    for i in sorted({0, last // 2, last}) if days else ():
        # The end labels are anchored inwards so they are not cut off at the edges.
        anchor = "start" if i == 0 else "end" if i == last else "middle"
        x = _LEFT + i * slot + (0 if i == 0 else slot if i == last else slot / 2)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}" font-size="11" '
            f'fill="#0b0c0c">{escape(days[i].date)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice(value: int) -> int:
    """A round axis maximum at or above `value` (1, 2 or 5 times a power of ten)."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10
