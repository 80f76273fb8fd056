"""Read a written page: its language, title, audiences and the body text worth searching (not the page frame)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from sitekit.html import css_selector, parse_document

_SPACE = re.compile(r"\s+")


@dataclass
class PageText:
    """What the index needs from one written page.

    `path` is the written file relative to the output folder. `body` is the page's `<main>` (an lxml
    element) without the frame and the lists that are not the page's own text (still a tree, so
    headings keep their weight in the ranking). `title` is the page's `<h1>` as written, for the
    result list.
    """

    path: str
    lang: str
    title: str
    audiences: list[str] = field(default_factory=list)
    body: object | None = None


def clean_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def extract_page(html: str, rel_path: str, config: dict) -> PageText | None:
    """`extract_tree` for a page given as text (the build hands over the tree it parsed once)."""
    return extract_tree(parse_document(html), rel_path, config)


def extract_tree(tree, rel_path: str, config: dict) -> PageText | None:
    """The searchable part of a written page, or None when the page is not one to index.

    A page is indexed when its `<main>` holds the editor's text (`config["require_selector"]`,
    `.prose` in this theme, not marked `data-unlisted`): articles and stand-alone pages. Listings
    (home, hubs, 404) repeat other pages' titles and would come up for every search, so they are left
    out; so are `Status: hidden` pages, written for those who have the link and listed nowhere.
    Inside `<main>` the elements matched by `config["ignore_selectors"]` are removed: navigation, the
    "written" line, the privacy guides' notice, the sources list and the "related pages" block, which
    name other documents rather than say what this page says. The tree is not changed: `<main>` is
    copied.
    """
    root = tree.getroottree().getroot()
    found = root.find(".//main")
    if found is None or not css_selector(config["require_selector"], "SEARCH['require_selector']")(found):
        return None
    main = _copy(found)
    lang = root.get("lang") or ""
    heading = main.find(".//h1")
    title = clean_text(heading.text_content()) if heading is not None else ""
    audiences = []
    for link in css_selector(config["audience_selector"], "SEARCH['audience_selector']")(main):
        name = clean_text(link.text_content())
        if name and name not in audiences:
            audiences.append(name)
    noise = ", ".join([*config["ignore_selectors"], "script", "style", "template", "svg", "form"])
    for element in css_selector(noise, "SEARCH['ignore_selectors']")(main):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element, as a reader sees it
    return PageText(rel_path, lang, title, audiences, main)


def _copy(element):
    return copy.deepcopy(element)
