"""Image rules: every image has alt text, decorative images have an empty one, alt text is not a file name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .document import Document, Problem, is_aria_hidden, normalize, snippet

IMAGE_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "tif", "tiff", "heic")
_FILE_LIKE = re.compile(rf"\.({'|'.join(IMAGE_EXTENSIONS)})$", re.IGNORECASE)
_CAMERA_NAME = re.compile(r"^(img|image|dsc|dscn|pxl|screenshot|photo)[\s_-]*\d", re.IGNORECASE)


def check(doc: Document, config: dict) -> Iterator[Problem]:
    for el in doc.elements:
        if el.tag == "img" or el.tag == "area" or (el.tag == "input" and el.get("type", "").lower() == "image"):
            yield from check_img(doc, el)
        elif _is_role_img(el) and not is_aria_hidden(el) and not doc.accessible_name(el):
            yield Problem(
                "img-alt", f"{snippet(el)} has role=img but no name: add aria-label (or a <title> inside an <svg>)", el
            )


def _is_role_img(el) -> bool:
    return el.get("role", "").split()[:1] in (["img"], ["image"])


def check_img(doc: Document, el) -> Iterator[Problem]:
    src = el.get("src", "") or el.get("href", "")
    alt_raw = el.get("alt", "")
    # How the image may be written in Markdown: its address (before any resizing rewrote it), its alt text
    # as Markdown or HTML, or else the first image on a line.
    needles = tuple(
        n for n in (src, f"![{alt_raw}]" if alt_raw else "", f'alt="{alt_raw}"' if alt_raw else "", "![", "<img") if n
    )
    decorative_role = el.get("role", "").strip().lower() in ("presentation", "none") or is_aria_hidden(el)
    if el.get("alt") is None:
        if el.tag == "area" and el.get("href") is None:
            return
        if doc.accessible_name(el) and el.tag != "img":
            return
        yield Problem(
            "img-alt",
            f'{snippet(el)} has no alt text: describe what the picture shows (![what it shows](...)), or write alt="" '
            "if it is only decoration",
            el,
            needles=needles,
        )
        return
    alt = normalize(el.get("alt"))
    if decorative_role and alt:
        yield Problem(
            "img-decorative",
            f'{snippet(el)} is marked decorative (role/aria-hidden) but has alt text "{alt}": use alt="" for '
            "decoration, or remove the role if the picture carries meaning",
            el,
            needles=needles,
        )
    if not alt:
        label = normalize(el.get("aria-label", "")) or normalize(el.get("title", ""))
        if label:
            yield Problem(
                "img-decorative",
                f'{snippet(el)} has alt="" (decorative) but also a label "{label}": remove the label, or put it in alt',
                el,
                needles=needles,
            )
        return
    if alt_is_file_name(alt, src):
        yield Problem(
            "img-alt-filename",
            f'the alt text "{alt}" of {snippet(el)} is a file name: describe what the picture shows instead',
            el,
            needles=needles,
        )


def alt_is_file_name(alt: str, src: str) -> bool:
    """True when `alt` repeats the image's file name (with or without extension) or looks like one."""
    text = alt.strip().casefold()
    if _FILE_LIKE.search(text) or _CAMERA_NAME.match(text):
        return True
    if not src:
        return False
    name = PurePosixPath(unquote(urlsplit(src).path)).name.casefold()
    stem = name.rsplit(".", 1)[0]
    return bool(stem) and text in (name, stem)
