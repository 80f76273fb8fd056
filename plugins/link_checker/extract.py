"""Every URL reference in an HTML page, CSS text or sitemap, with its ids, language and where it sits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from operator import attrgetter

from sitekit.html import parse_document
from sitekit.patterns import css_urls, css_urls_with_lines, srcset_urls

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

    def __reduce__(self):
        # Pickled as the tuple of its fields: by default a slotted dataclass is pickled with a dict of its
        # fields, and a site's tens of thousands of references go through pickle three times in a cold build
        # (from the audit's workers, into its cache, and back out in the next build): 0.32 s to 0.15 s each
        # at 2 x 500 articles.
        return (Ref, _REF_FIELDS(self))


_REF_FIELDS = attrgetter(*Ref.__slots__)


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


def parse_tree(tree, markers: Markers = Markers()) -> ParsedPage:
    """What the link checks need from a page parsed once (an lxml.html tree): `<html lang>`, every `id`
    (and `<a name>`) and every URL reference, each with where it sits (article text, language switch,
    theme region) and its line in the output page."""
    page = ParsedPage()
    _walk(tree.getroottree().getroot(), page, markers, False, False, "")
    return page


def _walk(el, page: ParsedPage, markers: Markers, in_content: bool, in_switch: bool, region: str) -> None:
    tag = el.tag
    if not isinstance(tag, str):
        return  # a comment or processing instruction
    a = el.attrib
    if tag in markers.regions:
        region = tag
    classes = a.get("class")
    if classes:
        names = classes.split()
        if markers.content_class in names:
            in_content = True
        if markers.switch_class in names:
            in_switch = True
        for name in names:
            if name in markers.regions:
                region = name
    element_id = a.get("id")
    if element_id:
        page.ids.add(element_id)
    line = el.sourceline or 0
    if tag == "a":
        name = a.get("name")
        if name:
            page.ids.add(name)
        href = a.get("href")
        if href is not None:
            kind = "switch" if in_switch else "link"
            text = _link_text(el)
            page.refs.append(Ref(href, tag, "href", line, kind, text, in_content, region, a.get("hreflang") or ""))
    elif tag == "html":
        page.lang = a.get("lang") or ""
    elif tag == "base" and a.get("href"):
        page.base = a["href"]
    elif tag == "style":
        css = el.text or ""
        lowered = css.lower()
        if "url(" in lowered or "@import" in lowered:
            for url, offset in css_urls_with_lines(css):
                page.refs.append(Ref(url, "style", "css", line + offset, "css", "", False, ""))
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
    for child in el:
        _walk(child, page, markers, in_content, in_switch, region)


def _link_text(link) -> str:
    """A link's text as a reader sees it; an image's alt text when the link starts with an image."""
    parts = [link.text or ""]
    for child in link:
        if isinstance(child.tag, str):
            if child.tag == "img":
                if not "".join(parts).strip() and child.get("alt"):
                    parts.append(child.get("alt"))
            elif child.tag not in ("script", "style"):
                parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def parse_html(text: str, markers: Markers = Markers()) -> ParsedPage:
    """Parse one page given as text (the build hands over the tree it parsed once: `parse_tree`)."""
    return parse_tree(parse_document(text), markers)


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
