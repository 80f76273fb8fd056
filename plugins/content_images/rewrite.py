"""Rewrite the <img> tags of an article's HTML to point at the resized copies, with srcset, sizes and dimensions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


@dataclass(frozen=True)
class ImageRef:
    """One local image an article shows: the path as written and the file under the content folder."""

    written: str
    rel: str


def attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2).strip("\"'") for m in _ATTR.finditer(tag)}


# Pelican's own ways to name a file under the content folder: `{static}/images/a.jpg`, `|static|...`.
_PELICAN_LINK = re.compile(r"^(?:\{(?:static|attach|filename)\}|\|(?:static|attach|filename)\|)")


def local_image(src: str, siteurl: str, source_dir: str) -> str | None:
    """`/images/a.jpg`, `images/a.jpg`, `{static}/images/a.jpg` or `{SITEURL}/images/a.jpg` -> `images/a.jpg`;
    None for anything else."""
    src = _PELICAN_LINK.sub("", src)
    if siteurl and src.startswith(siteurl):
        src = src[len(siteurl) :]
    path = src.lstrip("/")
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
        return None
    return path if path.startswith(source_dir.strip("/") + "/") else None


def rewrite_images(html: str, render, siteurl: str, source_dir: str) -> tuple[str, list[ImageRef]]:
    """Replace each local <img> with `render(attrs, rel, index)`; return the new HTML and the images used."""
    refs: list[ImageRef] = []

    def replace(match: re.Match) -> str:
        attrs = attributes(match.group(0))
        rel = local_image(attrs.get("src", ""), siteurl, source_dir)
        if rel is None:
            return match.group(0)
        refs.append(ImageRef(attrs["src"], rel))
        return render(attrs, rel, len(refs) - 1)

    return _IMG.sub(replace, html), refs


def img_tag(attrs: dict, variants, url_prefix: str, sizes: str, lazy: bool) -> str:
    """The new tag: largest copy as src, every copy in srcset, its width and height, lazy below the fold."""
    largest = variants[-1]
    keep = {k: v for k, v in attrs.items() if k not in ("src", "srcset", "sizes", "width", "height", "loading")}
    out = {
        "src": f"{url_prefix}/{largest.name}",
        **({"srcset": ", ".join(f"{url_prefix}/{v.name} {v.width}w" for v in variants)} if len(variants) > 1 else {}),
        **({"sizes": sizes} if len(variants) > 1 else {}),
        **keep,
        "width": str(largest.width),
        "height": str(largest.height),
        "decoding": "async",
    }
    if lazy:
        out["loading"] = "lazy"
    return "<img " + " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in out.items()) + ">"
