"""Every URL reference in an HTML page, CSS text or sitemap, with its ids, language and where it sits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that never have an end tag: they are not pushed on the open-element stack.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source"}
    | {"track", "wbr"}
)

#: Attributes that hold one URL, by element. `srcset` and `style` are handled on their own.
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src", "formaction"),
    "button": ("formaction",),
    "form": ("action",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
SRCSET_TAGS = frozenset(("img", "source"))

CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
REFRESH_URL = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?["']?([^"']*)["']?\s*$""", re.IGNORECASE)


@dataclass(slots=True)
class Ref:
    """One URL found in a page.

    `kind` says what the reference is for: "link" (an ordinary `href`/`src`/...), "alternate" (a
    `<link rel="alternate" hreflang>` in the head), "switch" (a link of the language switch), "css"
    (`url(...)` in a style block or attribute) or "refresh" (`<meta http-equiv="refresh">`).
    `in_content` is true when the element sits inside the article body (the Markdown text);
    `region` names the innermost theme region it sits in (a class or element name from the `regions`
    setting, e.g. "site-footer" or "head").
    """

    url: str
    tag: str
    attr: str
    line: int
    kind: str = "link"
    text: str = ""
    in_content: bool = False
    region: str = ""
    hreflang: str = ""


@dataclass(slots=True)
class ParsedPage:
    """What the checks need to know about one HTML page, collected in a single pass."""

    lang: str = ""
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    base: str = ""

    @property
    def alternates(self) -> list[Ref]:
        return [r for r in self.refs if r.kind == "alternate"]

    @property
    def switch(self) -> list[Ref]:
        return [r for r in self.refs if r.kind == "switch"]


@dataclass(frozen=True)
class Markers:
    """The class names that mark the article body and the language switch, and the theme regions
    (class or element names)."""

    content_class: str = "prose"
    switch_class: str = "lang-switch"
    regions: frozenset[str] = frozenset()


class _PageParser(HTMLParser):
    """One pass of html.parser over a page; a stack of open elements tells where each link sits."""

    def __init__(self, markers: Markers):
        super().__init__(convert_charrefs=True)
        self.markers = markers
        self.page = ParsedPage()
        # Each entry: (tag, in_content, in_switch, region)
        self.stack: list[tuple[str, bool, bool, str]] = [("", False, False, "")]
        self.link: Ref | None = None
        self.link_text: list[str] = []
        self.in_style = False

    # --- elements ---------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs, void=tag in VOID)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs, void=True)

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            self._close_link()
        if tag == "style":
            self.in_style = False
        stack = self.stack
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth][0] == tag:
                del stack[depth:]
                return

    def _element(self, tag, attrs, void):
        a = dict(attrs)
        _, in_content, in_switch, region = self.stack[-1]
        if tag in self.markers.regions:
            region = tag
        classes = a.get("class")
        if classes:
            names = classes.split()
            markers = self.markers
            if markers.content_class in names:
                in_content = True
            if markers.switch_class in names:
                in_switch = True
            for name in names:
                if name in markers.regions:
                    region = name
        if not void:
            self.stack.append((tag, in_content, in_switch, region))
        page = self.page
        element_id = a.get("id")
        if element_id:
            page.ids.add(element_id)
        line = self.getpos()[0]
        if tag == "a":
            if self.link is not None:  # an <a> inside an <a> closes the first one
                self._close_link()
            name = a.get("name")
            if name:
                page.ids.add(name)
            href = a.get("href")
            if href is not None:
                kind = "switch" if in_switch else "link"
                self.link = Ref(href, tag, "href", line, kind, "", in_content, region, a.get("hreflang") or "")
                self.link_text = []
                page.refs.append(self.link)
        elif tag == "img" and self.link is not None and not self.link_text:
            alt = a.get("alt")
            if alt:
                self.link_text.append(alt)
        if tag == "html":
            page.lang = a.get("lang") or ""
        elif tag == "base" and a.get("href"):
            page.base = a["href"]
        elif tag == "style":
            self.in_style = True
        elif tag == "meta":
            if (a.get("http-equiv") or "").lower() == "refresh":
                match = REFRESH_URL.match(a.get("content") or "")
                if match and match.group(1):
                    page.refs.append(Ref(match.group(1), tag, "content", line, "refresh", "", in_content, region))
            return
        elif tag == "link":
            href = a.get("href")
            if href is None:
                return
            rels = (a.get("rel") or "").lower().split()
            hreflang = a.get("hreflang") or ""
            kind = "alternate" if "alternate" in rels and hreflang else "link"
            attr = f'rel="{" ".join(rels)}" href' if rels else "href"
            page.refs.append(Ref(href, tag, attr, line, kind, a.get("title") or "", in_content, region, hreflang))
            return
        if tag != "a":
            for attr in URL_ATTRS.get(tag, ()):
                value = a.get(attr)
                if value is not None:
                    text = a.get("alt") or a.get("title") or ""
                    page.refs.append(Ref(value, tag, attr, line, "link", text, in_content, region))
        if tag in SRCSET_TAGS:
            srcset = a.get("srcset")
            if srcset:
                for url in srcset_urls(srcset):
                    page.refs.append(Ref(url, tag, "srcset", line, "link", a.get("alt") or "", in_content, region))
        style = a.get("style")
        if style and "url(" in style.lower():
            for url in css_urls(style):
                page.refs.append(Ref(url, tag, "style", line, "css", "", in_content, region))

    # --- text ---------------------------------------------------------------------------------

    def handle_data(self, data):
        if self.link is not None:
            self.link_text.append(data)
        elif self.in_style:
            lowered = data.lower()
            if "url(" in lowered or "@import" in lowered:
                first = self.getpos()[0]
                for url, offset in css_urls_with_lines(data):
                    self.page.refs.append(Ref(url, "style", "css", first + offset, "css", "", False, ""))

    def _close_link(self):
        self.link.text = " ".join("".join(self.link_text).split())
        self.link = None
        self.link_text = []

    def close(self):
        super().close()
        if self.link is not None:
            self._close_link()


def parse_html(text: str, markers: Markers = Markers()) -> ParsedPage:
    """Parse one page: its `<html lang>`, every `id` (and `<a name>`) and every URL reference."""
    parser = _PageParser(markers)
    parser.feed(text)
    parser.close()
    return parser.page


def srcset_urls(srcset: str) -> list[str]:
    """Every candidate URL of a `srcset` (`a.png 1x, b.png 2x`), parsed as the HTML standard says.

    A URL runs to the next whitespace; commas at its end end the candidate; otherwise the
    descriptors run to the next comma.
    """
    urls, pos, size = [], 0, len(srcset)
    while pos < size:
        while pos < size and (srcset[pos].isspace() or srcset[pos] == ","):
            pos += 1
        start = pos
        while pos < size and not srcset[pos].isspace():
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while pos < size and srcset[pos] != ",":
                pos += 1
        if url:
            urls.append(url)
    return urls


def css_urls(css: str) -> list[str]:
    """The URLs of every `url(...)` and `@import "..."` in CSS text, comments skipped."""
    return [url for url, _ in css_urls_with_lines(css)]


def css_urls_with_lines(css: str) -> list[tuple[str, int]]:
    """(URL, line offset from the start of `css`) for every `url(...)` and `@import`."""
    css = CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), css)
    found = []
    for pattern in (CSS_URL, CSS_IMPORT):
        for match in pattern.finditer(css):
            url = next((g for g in match.groups() if g is not None), "").strip()
            if url and not url.startswith("data:"):
                found.append((url, css.count("\n", 0, match.start())))
    return sorted(found, key=lambda item: item[1])


@dataclass(frozen=True)
class SitemapEntry:
    """A URL named by sitemap.xml: a `<loc>` or an `xhtml:link` alternate."""

    url: str
    line: int
    kind: str  # "loc" or "alternate"
    hreflang: str = ""
    problem: str = ""


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(xml_text: str) -> list[SitemapEntry]:
    """Every `<loc>` and `<xhtml:link>` of a sitemap, with its line; unparsable XML is one problem entry."""
    entries: list[SitemapEntry] = []
    parser = ET.XMLPullParser(events=("start", "end"))
    try:
        for chunk_start, chunk in enumerate(xml_text.splitlines(keepends=True), start=1):
            parser.feed(chunk)
            for event, element in parser.read_events():
                line = chunk_start
                if event == "end" and element.tag in (f"{SITEMAP_NS}loc", "loc"):
                    entries.append(SitemapEntry((element.text or "").strip(), line, "loc"))
                elif event == "start" and element.tag in (f"{XHTML_NS}link", "xhtml:link"):
                    href = element.get("href")
                    hreflang = element.get("hreflang") or ""
                    if href is None:
                        wrong = "ref" if element.get("ref") is not None else ""
                        problem = "xhtml:link has `ref=` instead of `href=`" if wrong else "xhtml:link has no `href`"
                        entries.append(SitemapEntry(element.get("ref") or "", line, "alternate", hreflang, problem))
                    else:
                        entries.append(SitemapEntry(href.strip(), line, "alternate", hreflang))
        parser.close()
    except ET.ParseError as exc:
        entries.append(SitemapEntry("", exc.position[0], "loc", "", f"sitemap.xml is not valid XML: {exc}"))
    return entries
