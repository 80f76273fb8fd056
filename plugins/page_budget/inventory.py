"""Read one HTML page once and list what a browser would fetch for it: stylesheets, scripts, images, CSS urls.

Written on the standard library's HTMLParser instead of BeautifulSoup because it runs over every
page of every build and needs nothing but start tags and <style> text: about ten times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""", re.I)
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
    in_head: bool
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

    stylesheets: list[tuple[str, bool]] = field(default_factory=list)  # (href, in_head)
    scripts: list[Script] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)  # every downloaded URL, CSS url() included


def srcset_urls(value: str) -> list[str]:
    """The URL of every candidate in a srcset (`a.png 1x, b.png 2x` -> [a.png, b.png])."""
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_urls(css: str) -> list[str]:
    return [m.group(2).strip() for m in _CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inv = PageInventory()
        self.in_head = False
        self._style = None
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if "style" in a:
            self.inv.resources.extend(css_urls(a["style"]))
        if tag == "style":
            self._style = []
        elif tag == "script":
            self._script = {"attrs": a, "text": []}
        elif tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHING_RELS and a.get("href"):
                self.inv.resources.append(a["href"])
                if "stylesheet" in rels and a.get("media", "all") not in ("print",):
                    self.inv.stylesheets.append((a["href"], self.in_head))
        elif tag == "img" and "src" in a:
            self.inv.images.append(Image(a["src"], a.get("width"), a.get("height"), self.getpos()[0]))
        for name in ("src", "srcset", "poster", "data"):
            if (tag, name) in RESOURCE_ATTRS and a.get(name) and tag != "script":
                self.inv.resources.extend(srcset_urls(a[name]) if name == "srcset" else [a[name]])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag("script")

    def handle_data(self, data):
        if self._style is not None:
            self._style.append(data)
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "style" and self._style is not None:
            self.inv.resources.extend(css_urls("".join(self._style)))
            self._style = None
        if tag == "script" and self._script is not None:
            a, text = self._script["attrs"], "".join(self._script["text"]).strip()
            self._script = None
            if a.get("type", "").lower() in _NON_JS_TYPES:
                return
            src = a.get("src") or None
            deferred = "defer" in a or "async" in a or a.get("type", "").lower() == "module"
            self.inv.scripts.append(Script(src, deferred and bool(src), self.in_head, "" if src else text))
            if src:
                self.inv.resources.append(src)


def inventory(html: str) -> PageInventory:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.inv
