"""Read a written page: its language, title, audiences and the body text worth searching (not the page frame)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

_SPACE = re.compile(r"\s+")
_HTML_TAG = re.compile(r"""<html\b[^>]*?\blang=["']?(?P<lang>[^"'\s>]+)""", re.I)


@dataclass
class PageText:
    """What the index needs from one written page.

    `path` is the written file relative to the output folder. `body` is the page's `<main>` without
    the frame and the lists that are not the page's own text (still HTML, so headings keep their
    weight in the ranking); `index.index_document` rewrites it in place. `title` is the page's
    `<h1>` as written, for the result list.
    """

    path: str
    lang: str
    title: str
    audiences: list[str] = field(default_factory=list)
    body: Tag | None = None


def clean_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def extract_page(html: str, rel_path: str, config: dict) -> PageText | None:
    """The searchable part of a written page, or None when the page is not one to index.

    A page is indexed when its `<main>` holds the editor's text (`config["require_selector"]`,
    `.prose` in this theme): articles and stand-alone pages. Listings (home, hubs, 404) repeat other
    pages' titles and would come up for every search, so they are left out. Inside `<main>` the
    elements matched by `config["ignore_selectors"]` are removed: navigation, the "last reviewed"
    line, the sources list and the "related pages" block, which name other documents rather than
    say what this page says. Only `<main>` is parsed: the rest of the page is the same frame on
    every page.
    """
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < start:
        return None
    main = BeautifulSoup(html[start : end + len("</main>")], "html.parser").main
    if main is None or main.select_one(config["require_selector"]) is None:
        return None
    root = _HTML_TAG.search(html)
    lang = root.group("lang") if root else ""
    heading = main.find("h1")
    title = clean_text(heading.get_text()) if heading else ""
    audiences = []
    for link in main.select(config["audience_selector"]):
        name = clean_text(link.get_text())
        if name and name not in audiences:
            audiences.append(name)
    noise = ", ".join([*config["ignore_selectors"], "script", "style", "template", "svg", "form"])
    for element in main.select(noise):
        element.decompose()
    return PageText(rel_path, lang, title, audiences, main)
