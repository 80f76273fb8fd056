"""Page structure rules: title, one h1, heading levels, landmarks, labelled navigation and the skip link."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from .document import (
    NOT_TEXT,
    Document,
    Problem,
    ancestor,
    is_aria_hidden,
    is_focusable,
    is_hidden,
    plain_text,
    snippet,
)

#: Elements that are never landmarks of the page when inside these (a <header> in an <article> is not the banner).
SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
LANDMARK_ROLES = frozenset({"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"})


def check(doc: Document, config: dict) -> Iterator[Problem]:
    yield from check_title(doc)
    yield from check_headings(doc)
    yield from check_landmarks(doc)
    yield from check_region(doc)
    yield from check_skip_link(doc)


def page_title(doc: Document) -> str | None:
    """The text of the page's `<title>` (not an SVG title), or None."""
    titles = _titles(doc)
    return " ".join(plain_text(titles[0]).split()) if titles else None


def _titles(doc: Document) -> list[HtmlElement]:
    return [t for t in doc.elements if t.tag == "title" and ancestor(t, "svg") is None]


def check_title(doc: Document) -> Iterator[Problem]:
    titles = _titles(doc)
    if not titles:
        yield Problem("page-title", "the page has no <title>: it is what a browser tab and a screen reader announce")
    elif len(titles) > 1:
        yield Problem("page-title", f"the page has {len(titles)} <title> elements; keep one", titles[1])
    elif not plain_text(titles[0]).strip():
        yield Problem("page-title", "the page's <title> is empty", titles[0])


def role_of(tag: HtmlElement) -> str:
    role = tag.get("role")
    if not role:  # nearly every element: no role to split
        return ""
    tokens = role.split()
    return tokens[0].lower() if tokens else ""


def heading_level(tag: HtmlElement) -> int | None:
    role = role_of(tag)
    if tag.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and role in ("", "heading"):
        return int(tag.tag[1])
    if role == "heading":
        try:
            return int(tag.get("aria-level", "2"))
        except ValueError:
            return 2
    return None


def check_headings(doc: Document) -> Iterator[Problem]:
    headings = [(el, level) for el in doc.elements if (level := heading_level(el)) is not None]
    headings = [(el, level) for el, level in headings if not is_hidden(el) and not _in_hidden(el)]
    h1s = [el for el, level in headings if level == 1]
    if not h1s:
        yield Problem("heading-h1", "the page has no <h1>: give it one main heading")
    for extra in h1s[1:]:
        yield Problem(
            "heading-h1",
            f'a second <h1> "{_text(extra)}": a page has one <h1> (its title); start sections at ## (<h2>)',
            extra,
            needles=(f"# {_text(extra)}", _text(extra)),
        )
    previous = 0
    for el, level in headings:
        text = doc.accessible_name(el)
        if not text:
            yield Problem("heading-empty", f"an empty heading {snippet(el)}: remove it or give it text", el)
        if previous and level > previous + 1:
            skipped = ", ".join(f"h{n}" for n in range(previous + 1, level))
            yield Problem(
                "heading-order",
                f'heading "{_text(el)}" is an <h{level}> after an <h{previous}>: level {skipped} is skipped; '
                f"use {'#' * (previous + 1)} (<h{previous + 1}>)",
                el,
                needles=("#" * level + " " + _text(el), _text(el)),
            )
        previous = level


def _in_hidden(el: HtmlElement) -> bool:
    return any(is_hidden(p) or p.tag == "template" for p in el.iterancestors())


def _text(el: HtmlElement, limit: int = 60) -> str:
    text = " ".join(plain_text(el).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_page_level(el: HtmlElement) -> bool:
    """A <header> or <footer> is the page's banner/contentinfo only outside article, aside, main, nav, section."""
    return not any(p.tag in SECTIONING or role_of(p) in ("main", "article") for p in el.iterancestors())


def check_landmarks(doc: Document) -> Iterator[Problem]:
    roles = [(el, role_of(el)) for el in doc.elements]
    mains = [el for el, role in roles if el.tag == "main" or role == "main"]
    mains = [el for el in mains if not is_hidden(el)]
    if not mains:
        yield Problem("landmark-main", 'the page has no <main>: wrap the page\'s own content in <main id="main">')
    for extra in mains[1:]:
        yield Problem("landmark-main", "the page has more than one visible <main>", extra)
    banners = [el for el, role in roles if (el.tag == "header" and is_page_level(el)) or role == "banner"]
    if not banners:
        yield Problem("landmark-banner", "the page has no page-level <header> (site name and menus)")
    for extra in banners[1:]:
        yield Problem("landmark-banner", "the page has more than one page-level <header>", extra)
    footers = [el for el, role in roles if (el.tag == "footer" and is_page_level(el)) or role == "contentinfo"]
    if not footers:
        yield Problem("landmark-contentinfo", "the page has no page-level <footer>")
    for extra in footers[1:]:
        yield Problem("landmark-contentinfo", "the page has more than one page-level <footer>", extra)
    navs = [el for el, role in roles if el.tag == "nav" or role == "navigation"]
    seen: dict[str, HtmlElement] = {}
    for nav in navs:
        label = " ".join((doc.idref_texts(nav.get("aria-labelledby", "")) or nav.get("aria-label", "")).split())
        if not label:
            yield Problem(
                "landmark-nav-label",
                f'{snippet(nav)} has no label: add aria-label="..." so screen reader users can tell menus apart',
                nav,
            )
        elif label.casefold() in seen and len(navs) > 1:
            yield Problem(
                "landmark-nav-label", f'two <nav> elements are both labelled "{label}": give each its own label', nav
            )
        else:
            seen[label.casefold()] = nav


def is_landmark(el: HtmlElement) -> bool:
    role = role_of(el)
    if role in LANDMARK_ROLES:
        return role not in ("region", "form") or bool(el.get("aria-label") or el.get("aria-labelledby"))
    if el.tag in ("main", "nav", "aside"):
        return True
    if el.tag in ("header", "footer"):
        return is_page_level(el)
    if el.tag in ("section", "form"):
        return bool(el.get("aria-label") or el.get("aria-labelledby"))
    return False


def _text_outside_landmarks(node: HtmlElement, doc: Document, skip, outside: list[HtmlElement]) -> None:
    # A module function, not an inner one: see document._read_aloud.
    # Each non-blank text node counts once: the element's `.text`, then each child's `.tail`.
    if node.text and node.text.strip():
        outside.append(node)
    for child in node:
        if isinstance(child.tag, str) and not (
            child.tag in NOT_TEXT
            or child.tag == "noscript"
            or is_aria_hidden(child)
            or is_hidden(child)
            or is_landmark(child)
            or (child is skip and _is_skip_link(doc, child))
        ):
            _text_outside_landmarks(child, doc, skip, outside)
        if child.tail and child.tail.strip():
            outside.append(node)


def check_region(doc: Document) -> Iterator[Problem]:
    """Every piece of text is inside a landmark, so nothing is missed by landmark navigation (skip link excepted)."""
    skip = _first_focusable(doc)
    outside: list[HtmlElement] = []
    if doc.body is not None:
        _text_outside_landmarks(doc.body, doc, skip, outside)
    if outside:
        first = outside[0]
        yield Problem(
            "landmark-region",
            f"text outside any landmark (header, nav, main, footer), e.g. in {snippet(first)}"
            + (f", and {len(outside) - 1} more places" if len(outside) > 1 else ""),
            first,
        )


def _first_focusable(doc: Document) -> HtmlElement | None:
    if doc.body is None:
        return None
    for el in doc.body.iterdescendants(etree.Element):
        if is_focusable(el) and not is_hidden(el) and not any(is_hidden(p) for p in el.iterancestors()):
            return el
    return None


def _is_skip_link(doc: Document, el: HtmlElement) -> bool:
    return el.tag == "a" and el.get("href", "").startswith("#") and len(el.get("href", "")) > 1


def check_skip_link(doc: Document) -> Iterator[Problem]:
    """The first focusable element is a link to `<main>` (or into it), so keyboard users can skip the menus."""
    first = _first_focusable(doc)
    mains = [el for el in doc.elements if el.tag == "main" or role_of(el) == "main"]
    if first is None:
        return
    if not _is_skip_link(doc, first):
        yield Problem(
            "skip-link",
            f"the first focusable element is {snippet(first)}, not a skip link: start <body> with "
            '<a href="#main">Skip to main content</a>',
            first,
        )
        return
    target_id = first.get("href")[1:]
    target = doc.by_id(target_id)
    if target is None:
        yield Problem("skip-link", f'the skip link points to "#{target_id}" but no element has that id', first)
    elif not any(target is m or any(p is m for p in target.iterancestors()) for m in mains):
        yield Problem("skip-link", f"the skip link points to {snippet(target)}, which is not the page's <main>", first)
    elif not doc.accessible_name(first):
        yield Problem("skip-link", "the skip link has no text", first)
