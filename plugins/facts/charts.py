"""Draw small charts as inline SVG at build time: no script, no image request, sharp at any size.

Written by hand: a charting library would bring a browser-side runtime or kilobytes of markup for
what is a few rectangles. Colours come from classes styled by the site's CSS custom properties
(no style attributes, so the strict Content-Security-Policy holds) and the numbers are also
given in a table beside each chart, so the SVG is decorative for screen readers.
"""

from __future__ import annotations

from html import escape

from babel.numbers import format_decimal

from i18n.dates import native_digits

WIDTH = 320
ROW = 34
LABEL_W = 92


def format_number(value: float, lang: str) -> str:
    """A number as the page's language writes it: `215,600` and `10.8` in English, `២១៥.៦០០` and `១០,៨` in Khmer.

    Babel's `km` data uses the English separators, but Khmer writing (and this site's Khmer text)
    puts a comma before decimals and a dot between thousands, so they are swapped here.
    """
    text = format_decimal(value, locale="en_GB")
    if lang == "km":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return native_digits(text, lang)


def bar_chart(points, lang: str, unit: str = "") -> str:
    """Horizontal bars, one row per point, the value written at the end of each bar."""
    top = max(p["value"] for p in points) or 1
    height = ROW * len(points) + 8
    span = WIDTH - LABEL_W - 60
    parts = [_open(height)]
    for i, point in enumerate(points):
        y = 4 + i * ROW
        width = max(1.0, span * point["value"] / top)
        label = escape(point["label"][lang])
        value = escape(format_number(point["value"], lang))
        parts.append(f'<text class="chart-text" x="0" y="{y + 21}">{label}</text>')
        parts.append(
            f'<rect class="chart-bar" x="{LABEL_W}" y="{y + 4}" width="{width:.1f}" height="{ROW - 10}" rx="3"/>'
        )
        parts.append(f'<text class="chart-text" x="{LABEL_W + width + 6:.1f}" y="{y + 21}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def share_chart(points, lang: str) -> str:
    """One bar split into the shares of each point (e.g. girls and boys), labelled below."""
    total = sum(p["value"] for p in points) or 1
    height = 70
    parts = [_open(height)]
    x = 0.0
    for i, point in enumerate(points):
        width = WIDTH * point["value"] / total
        share = format_number(round(100 * point["value"] / total), lang) + "%"
        parts.append(f'<rect class="chart-bar chart-bar-{i % 3}" x="{x:.1f}" y="4" width="{width:.1f}" height="30"/>')
        anchor = "start" if i == 0 else "end"
        tx = 2 if i == 0 else min(WIDTH - 2, x + width - 2)
        parts.append(
            f'<text class="chart-text" x="{tx:.1f}" y="56" text-anchor="{anchor}">'
            f"{escape(point['label'][lang])} {escape(share)}</text>"
        )
        x += width
    parts.append("</svg>")
    return "".join(parts)


def chart_svg(chart: dict, lang: str) -> str:
    if chart["kind"] == "share":
        return share_chart(chart["points"], lang)
    return bar_chart(chart["points"], lang, chart.get("unit", {}).get(lang, ""))


def _open(height: int) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'aria-hidden="true" focusable="false">'
    )
