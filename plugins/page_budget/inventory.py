"""What a browser would fetch for one page: stylesheets, scripts, images and CSS urls, from its parsed tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitekit.patterns import css_urls, srcset_urls

_NON_JS_TYPES = {"application/ld+json", "application/json", "text/template", "importmap"}

#: (tag, attribute) pairs whose value the browser downloads as part of the page.
RESOURCE_ATTRS = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
}
#: <link rel> values that make the browser download the target.
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon", "prefetch"}


@dataclass(frozen=True)
class Script:
    src: str | None
    deferred: bool
    inline_text: str = ""


@dataclass(frozen=True)
class Image:
    src: str
    width: str | None
    height: str | None
    line: int


@dataclass
class PageInventory:
    """What one page asks the browser to download, and how."""

    stylesheets: list[str] = field(default_factory=list)  # every href: each one blocks rendering
    scripts: list[Script] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)  # every downloaded URL, CSS url() included


#: The elements that can make the browser download something. A page has about 180 elements and a dozen of
#: these: lxml picks them out in C (`iter` with tag names) instead of Python looking at every element (a
#: third of the budget's time per page). Any element may also carry a `style` attribute with CSS `url()`s
#: (the content checks forbid them): a page whose bytes hold `style=` anywhere is walked whole.
_FETCHING_TAGS = tuple(sorted({"style", "script", "link", *(tag for tag, _name in RESOURCE_ATTRS)}))
_STYLE_ATTRIBUTE = re.compile(rb"style\s*=")  # searched in the lower-cased bytes: ten times faster than IGNORECASE


def _fetching_elements(tree, data: bytes | None):
    if data is None or _STYLE_ATTRIBUTE.search(data.lower()):
        return (el for el in tree.iter() if isinstance(el.tag, str))  # not comments
    return tree.iter(*_FETCHING_TAGS)


def inventory_of(tree, data: bytes | None = None) -> PageInventory:
    """The inventory of a page parsed once by the audit pass (an lxml.html tree); `data`, the page's bytes
    that tree was parsed from, lets a page without `style` attributes skip most elements."""
    inv = PageInventory()
    for el in _fetching_elements(tree, data):
        tag = el.tag
        a = el.attrib
        style = a.get("style")
        if style:
            inv.resources.extend(css_urls(style))
        if tag == "style":
            inv.resources.extend(css_urls(el.text or ""))
        elif tag == "script":
            if (a.get("type") or "").lower() in _NON_JS_TYPES:
                continue
            src = a.get("src") or None
            deferred = "defer" in a or "async" in a or (a.get("type") or "").lower() == "module"
            text = "" if src else (el.text or "").strip()
            inv.scripts.append(Script(src, deferred and bool(src), text))
            if src:
                inv.resources.append(src)
            continue
        elif tag == "link":
            rels = set((a.get("rel") or "").lower().split())
            href = a.get("href")
            if rels & FETCHING_RELS and href:
                inv.resources.append(href)
                if "stylesheet" in rels and a.get("media", "all") not in ("print",):
                    inv.stylesheets.append(href)
        elif tag == "img" and "src" in a:
            inv.images.append(Image(a["src"], a.get("width"), a.get("height"), el.sourceline or 0))
        for name in ("src", "srcset", "poster", "data"):
            value = a.get(name)
            if value and (tag, name) in RESOURCE_ATTRS:
                inv.resources.extend(srcset_urls(value) if name == "srcset" else [value])
    return inv
