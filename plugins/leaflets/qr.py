"""QR codes as inline SVG, made at build time with segno: no script, no image request, sharp on paper."""

from __future__ import annotations

import segno


def qr_svg(url: str, error: str = "m", border: int = 4) -> str:
    """An `<svg>` (black on white, `border` modules of quiet zone) that encodes `url`.

    Hidden from screen readers: the page prints the same address as text next to it. Sized by CSS
    (viewBox only), so it can be small on screen and large enough to scan on paper.
    """
    code = segno.make(url, error=error, micro=False)
    svg = code.svg_inline(
        scale=1, border=border, dark="#000", light="#fff", omitsize=True, svgclass=None, lineclass=None
    )
    return svg.replace("<svg ", '<svg class="qr" aria-hidden="true" ', 1)


def qr_codes(urls: list[str], error: str = "m") -> dict[str, str]:
    """`qr_svg` of each address (in a process of its own while Pelican reads on: see hooks.start_qr_codes)."""
    return {url: qr_svg(url, error) for url in urls}
