"""Run every page rule on one page and turn what they find into findings that name the file to fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from lxml.html import HtmlElement

from sitekit import attribution
from sitekit.findings import Finding
from sitekit.html import css_selector
from sitekit.source_map import PageSource

from . import aria, images, language, links, structure, viewport
from .document import Document, Problem, ancestor, within
from .rules import RULES

#: The modules whose `check(doc, config)` runs on every page, in report order.
PAGE_MODULES = (language, structure, images, links, aria, viewport)

Lookup = Callable[[str], PageSource | None]


def check_document(doc: Document, config: dict) -> list[Problem]:
    """Every problem the page rules find in `doc`, except rules listed in `ignore_rules`."""
    ignored = set(config["ignore_rules"])
    return [p for module in PAGE_MODULES for p in module.check(doc, config) if p.rule not in ignored]


def check_html(
    html: str, config: dict, page: str = "index.html", source: PageSource | None = None, lookup: Lookup | None = None
) -> list[Finding]:
    """HTML in, findings out: the whole per-page check of one page (used by the build, the CLI and tests)."""
    return check_doc(Document(html, page), config, source, lookup)


def check_tree(
    tree: HtmlElement,
    config: dict,
    page: str = "index.html",
    source: PageSource | None = None,
    lookup: Lookup | None = None,
) -> list[Finding]:
    """The same check on a page already parsed with `lxml.html.document_fromstring` (not parsed again)."""
    return check_doc(Document.from_tree(tree, page), config, source, lookup)


def check_doc(
    doc: Document, config: dict, source: PageSource | None = None, lookup: Lookup | None = None
) -> list[Finding]:
    """Every page rule on `doc`, each problem attributed to the file to fix."""
    return attribute(doc, check_document(doc, config), source, config, lookup or (lambda _page: None))


def severity_of(problem: Problem, config: dict) -> str:
    if problem.severity:
        return problem.severity
    if problem.rule in config["warning_rules"]:
        return "warning"
    return RULES[problem.rule].severity


def attribute(
    doc: Document, problems: list[Problem], source: PageSource | None, config: dict, lookup: Lookup
) -> list[Finding]:
    """Name the file an editor opens for each problem.

    Inside the `.prose` element (the Markdown text) or the page's `<h1>` (its Title) it is the page's
    Markdown file, with the line that holds the offending text; in a list of pages (an `<li>` in `<main>`,
    outside any `<nav>`, whose first link goes to another page) it is that page's Markdown file when the
    text is found there; anything else comes from the theme and names the page's template.
    """
    locator = _Locator(doc, source, config, lookup)
    findings = []
    for problem in problems:
        rule = RULES[problem.rule]
        where, line = locator.locate(problem)
        findings.append(
            Finding(
                where,
                line,
                problem.rule,
                f"{problem.message} [{rule.cite()}]",
                page=doc.page,
                severity=severity_of(problem, config),
                detail=problem.detail,
            )
        )
    return list(dict.fromkeys(findings))


class _Locator:
    """Works out the source file and line of problems on one page."""

    def __init__(self, doc: Document, source: PageSource | None, config: dict, lookup: Lookup):
        self.doc, self.source, self.lookup = doc, source, lookup
        self.root = config.get("project_root", ".")
        self.prose = set(select(doc, config["prose_selector"]))
        self.h1s = {el for el in doc.elements if el.tag == "h1"}
        self.seen: dict[tuple, int] = {}

    def locate(self, problem: Problem) -> tuple[str, int | None]:
        source, element = self.source, problem.element
        if source is None:
            return self.doc.page, None
        needles = (*problem.needles, *_link_needles(element), *_element_needles(element))
        if source.source and element is not None:
            if within(element, self.prose):
                # The n-th time a phrase is found in the text is (most likely) its n-th time in the Markdown body.
                key = (problem.rule, problem.needles)
                nth = self.seen.get(key, 0)
                self.seen[key] = nth + 1
                return source.source, find_line(source.source, needles, self.root, nth=nth, body_only=True)
            if within(element, self.h1s):
                return source.source, find_line(source.source, ("Title:",), self.root)
        listed = _listed_page(element, self.lookup, self.doc.page) if element is not None else None
        if listed is not None and listed.source:
            line = find_line(listed.source, needles, self.root)
            if line:
                return listed.source, line
        line = find_line(source.template, problem.needles, self.root) if problem.needles else None
        return source.template, line


def select(doc: Document, selector: str) -> list[HtmlElement]:
    """Elements matching a CSS selector; a plain `.class` (the default `.prose`) is matched directly."""
    if re.fullmatch(r"\.[\w-]+", selector):
        name = selector[1:]
        return [el for el in doc.elements if name in el.get("class", "").split()]
    return css_selector(selector, "A11Y_CHECKS['prose_selector']")(doc.root)


def _link_needles(element: HtmlElement | None) -> tuple[str, ...]:
    """The target of the link around `element`: Markdown placeholders and links name it on their line."""
    link = element if element is not None and element.tag == "a" else None
    if link is None and element is not None:
        link = ancestor(element, "a")
    if link is None or not link.get("href"):
        return ()
    href = link.get("href")
    fragment = urlsplit(href).fragment
    return (fragment,) if fragment else ()


def _element_needles(element: HtmlElement | None) -> tuple[str, ...]:
    """How raw HTML in Markdown would have written the element: its attributes, then its start tag."""
    if element is None:
        return ()
    attrs = [f'{name}="{value}"' for name, value in element.attrib.items() if name not in ("id", "class")]
    return (*attrs, f"<{element.tag}")


def _listed_page(element: HtmlElement, lookup: Lookup, page: str) -> PageSource | None:
    """The source of the page a listing entry (an `<li>` in `<main>`, outside any `<nav>`) links to first."""
    item = element if element.tag == "li" else ancestor(element, "li")
    if item is None or ancestor(item, "main") is None or ancestor(item, "nav") is not None:
        return None
    link = next((a for a in item.iter("a") if a.get("href") is not None), None)
    if link is None:
        return None
    path = unquote(urlsplit(link.get("href")).path)
    if not path.startswith("/"):
        return None
    rel = path.lstrip("/")
    rel = rel + "index.html" if rel.endswith("/") or rel == "" else rel
    return lookup(rel) if rel != page else None


def find_line(source_file: str, needles, project_root: str = ".", nth: int = 0, body_only: bool = False) -> int | None:
    """sitekit.attribution.find_line, passing over occurrences that are already lang-marked."""
    return attribution.find_line(source_file, needles, project_root, nth, body_only, skip_marked=True)


def clear_cache() -> None:
    """Forget file contents read for line numbers (a new build may have changed them)."""
    attribution.clear_cache()
