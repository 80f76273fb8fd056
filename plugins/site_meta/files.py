"""Pure helpers of site_meta: card image checks, the favicon as a data: URL, the text of robots.txt."""

from __future__ import annotations

import re
import struct
from urllib.parse import quote

from i18n.sitemap import absolute

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Facebook's smallest image for a large preview; Telegram and X accept the same 1.91:1 shape.
MIN_CARD_SIZE = (600, 315)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) read from a PNG's IHDR chunk, or None when `data` is not a PNG."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def card_problems(shown: str, data: bytes, max_kb: float) -> list[str]:
    """What is wrong with a link-preview card image, one message per problem."""
    size = png_size(data)
    if size is None:
        return [f"{shown}: not a PNG image; save the card as PNG (or run tools/make_share_images.py again)"]
    problems = []
    width, height = size
    if width < MIN_CARD_SIZE[0] or height < MIN_CARD_SIZE[1]:
        problems.append(
            f"{shown}: {width}x{height} px is too small for a large link preview; use 1200x630 "
            f"(at least {MIN_CARD_SIZE[0]}x{MIN_CARD_SIZE[1]})"
        )
    elif abs(width / height - 1200 / 630) > 0.05:
        problems.append(f"{shown}: {width}x{height} px is not 1.91:1; chat apps crop it: use 1200x630")
    if len(data) > max_kb * 1024:
        problems.append(
            f"{shown}: {len(data) / 1024:.1f} KB, over the {max_kb:g} KB card budget "
            "(previews load on slow mobile data): use fewer colours"
        )
    # The site's own cards come from a script: running it again gives a card that fits every rule.
    return [f"{problem} (or run tools/make_share_images.py again)" for problem in problems]


_SVG_NOISE = re.compile(r"<\?xml[^>]*\?>|<!--.*?-->", re.S)
_SPACE = re.compile(r"\s+")


def favicon_href(svg: str) -> str:
    """A small SVG as a `data:` URL for `<link rel="icon">`: the icon arrives with the page, no request.

    Double quotes become single ones (the URL sits in a double-quoted attribute) and only the
    characters a URL may not hold are escaped, so the URL stays close to the SVG's own size.
    """
    text = _SPACE.sub(" ", _SVG_NOISE.sub("", svg)).strip().replace('"', "'")
    text = text.replace("> <", "><")
    return "data:image/svg+xml," + quote(text, safe="/=:';,.-()!*")


def robots_txt(siteurl: str, sitemap_path: str | None) -> str:
    """Every page may be crawled; the sitemap is named when the site's address is absolute.

    A `Sitemap:` line must be an absolute URL, so a local build (empty SITEURL) leaves it out.
    """
    lines = ["# Every page of this site may be crawled.", "User-agent: *", "Disallow:", ""]
    if sitemap_path and re.match(r"https?://", siteurl or ""):
        lines.append(f"Sitemap: {absolute(siteurl, sitemap_path.lstrip('/'))}")
    elif sitemap_path:
        lines.append(f"# The published build (absolute SITEURL) names the sitemap here: /{sitemap_path.lstrip('/')}")
    return "\n".join(lines) + "\n"
