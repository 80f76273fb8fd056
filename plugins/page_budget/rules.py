"""The budget rules: pure functions from one page's bytes and inventory to the problems it has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitekit import compression

from .inventory import PageInventory

#: gzip level used to weigh a page: what a typical web server uses when it compresses on the fly.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class Problem:
    """One broken budget rule on a page; `line` is the line in the HTML page when known."""

    rule: str
    message: str
    line: int | None = None


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def gzip_size(data: bytes) -> int:
    return compression.gzip_size(data, GZIP_LEVEL)


def origin_of(url: str) -> tuple[str, str] | None:
    """(scheme, host) of an absolute or protocol-relative URL; None for a URL on this site."""
    if url.startswith("//"):
        return ("", urlsplit("https:" + url).netloc.lower())
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return (parts.scheme, parts.netloc.lower())
    return None


def is_other_origin(url: str, site_origin: tuple[str, str] | None) -> bool:
    """True for a download from another site. `data:` URLs and site-relative paths are local."""
    origin = origin_of(url)
    if origin is None:
        return False
    if site_origin is None:
        return True
    return origin[1] != site_origin[1] or (origin[0] not in ("", site_origin[0]))


def check_page(
    html: bytes,
    inv: PageInventory,
    config: dict,
    local_size: Callable[[str], int | None],
    site_origin: tuple[str, str] | None,
    weight: int | None = None,
) -> tuple[int, list[Problem]]:
    """The page's gzip weight (given, or measured from `html`) and every budget rule it breaks.

    `local_size(url)` gives the size in bytes of a file of this site, or None when there is no such
    file (a missing file is the link checker's finding, not a budget one).
    """
    problems: list[Problem] = []
    weight = gzip_size(html) if weight is None else weight
    limit = int(config["html_max_gzip_kb"] * 1024)
    if weight > limit:
        problems.append(
            Problem(
                "page-weight",
                f"the page is {kb(weight)} gzip-compressed, over the {kb(limit)} budget (one network round trip): "
                "shorten it or split it into two pages",
            )
        )
    for href in inv.stylesheets:
        problems.append(
            Problem(
                "render-blocking",
                f"stylesheet {href} blocks rendering until it downloads: inline the CSS in the page instead",
            )
        )
    script_bytes = 0
    for script in inv.scripts:
        if script.src is None:
            if script.inline_text:
                problems.append(
                    Problem(
                        "inline-script",
                        "inline <script>: the Content-Security-Policy blocks it; move it to a deferred file",
                    )
                )
            continue
        if not script.deferred:
            problems.append(
                Problem(
                    "blocking-script",
                    f"script {script.src} is neither defer nor async: it blocks the page; add `defer`",
                )
            )
        if not is_other_origin(script.src, site_origin):
            script_bytes += local_size(script.src) or 0
    script_limit = int(config["script_max_kb"] * 1024)
    if script_bytes > script_limit:
        problems.append(
            Problem(
                "script-weight",
                f"the page loads {kb(script_bytes)} of JavaScript, over the {kb(script_limit)} budget",
            )
        )
    for url in dict.fromkeys(inv.resources):
        if is_other_origin(url, site_origin):
            problems.append(
                Problem(
                    "other-origin",
                    f"{url} is downloaded from another website: keep every file on this site "
                    "(no CDNs, web fonts, trackers or embeds)",
                )
            )
    image_limit = int(config["image_max_kb"] * 1024)
    for image in inv.images:
        if not (image.width and image.height):
            problems.append(
                Problem(
                    "image-dimensions",
                    f"image {image.src} has no width and height: the page jumps while it loads",
                    image.line,
                )
            )
        if is_other_origin(image.src, site_origin) or image.src.startswith("data:"):
            continue
        size = local_size(image.src)
        if size is not None and size > image_limit:
            problems.append(
                Problem(
                    "image-weight",
                    f"image {image.src} is {kb(size)}, over the {kb(image_limit)} image budget: "
                    "make it smaller (fewer pixels, more compression)",
                    image.line,
                )
            )
    return weight, problems
