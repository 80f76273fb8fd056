"""One parsed page and the questions every rule asks of it: language, focusability, accessible names."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from sitekit.html import parse_document

#: Elements whose text is never read as page text.
NOT_TEXT = frozenset({"script", "style", "template", "head"})
#: Elements whose text is not part of an element's plain text (`plain_text`): code, inert templates, and ruby
#: annotations (pronunciation aids printed above the words, not the words themselves).
NOT_PLAIN_TEXT = frozenset({"script", "style", "template", "rt", "rp"})
#: Attributes that hold a list of space-separated tokens (per element name; "*" for every element): problem
#: messages show them with single spaces.
TOKEN_LIST_ATTRIBUTES = {
    "*": frozenset({"class", "accesskey", "dropzone"}),
    "a": frozenset({"rel", "rev"}),
    "link": frozenset({"rel", "rev"}),
    "area": frozenset({"rel"}),
    "td": frozenset({"headers"}),
    "th": frozenset({"headers"}),
    "form": frozenset({"accept-charset"}),
    "object": frozenset({"archive"}),
    "icon": frozenset({"sizes"}),
    "iframe": frozenset({"sandbox"}),
    "output": frozenset({"for"}),
}
#: HTML 4 boolean attributes: libxml2 gives `<input disabled>` the value "disabled" (messages show `disabled=""`).
FILLED_BOOLEAN_ATTRIBUTES = frozenset(
    "checked compact declare defer disabled ismap multiple nohref noresize noshade nowrap readonly selected".split()  # noqa: SIM905
)


@dataclass
class Problem:
    """What a rule found, before it is attributed to a source file.

    `element` is where in the page (for attribution: inside `.prose` means the Markdown file); `needles`
    are strings to look for in the source file to find the line, tried in order.
    """

    rule: str
    message: str
    element: HtmlElement | None = None
    needles: tuple[str, ...] = ()
    severity: str | None = None
    detail: str = field(default="")


class Document:
    """A page parsed once, with cached lookups shared by all rules.

    Give it the page's HTML text, or a tree already parsed with `lxml.html.document_fromstring` (`tree=`, or
    `Document.from_tree`), which is read as it is and never changed.
    """

    def __init__(self, html: str | None = None, page: str = "", *, tree: HtmlElement | None = None):
        if tree is None:
            if html is None:
                raise TypeError("Document needs the page's HTML text or its parsed tree")
            tree = parse_document(html)
        elif isinstance(tree, etree._ElementTree):
            tree = tree.getroot()
        self.page = page
        self.root: HtmlElement = tree
        self.html: HtmlElement | None = tree if tree.tag == "html" else next(tree.iter("html"), None)
        self.body: HtmlElement | None = next(tree.iter("body"), None)
        # Elements only, in document order (comments and processing instructions are nodes too in lxml).
        self.elements: list[HtmlElement] = list(tree.iter(etree.Element))
        self._ids: dict[str, HtmlElement] = {}
        self.id_counts: Counter[str] = Counter()
        for el in self.elements:
            value = el.get("id")
            if value is not None:
                self.id_counts[value] += 1
                self._ids.setdefault(value, el)
        # Keyed by the element itself: `self.elements` keeps every element's Python proxy alive, so identity holds.
        self._lang: dict[HtmlElement, str] = {}
        self._labels: dict[str, list[HtmlElement]] | None = None

    @classmethod
    def from_tree(cls, tree: HtmlElement, page: str = "") -> Document:
        """A page parsed once elsewhere (`lxml.html.document_fromstring`), checked without parsing it again."""
        return cls(page=page, tree=tree)

    @property
    def lang(self) -> str:
        """The page's language (primary subtag of `<html lang>`), or "" when missing."""
        return primary(self.html.get("lang", "")) if self.html is not None else ""

    def by_id(self, value: str) -> HtmlElement | None:
        return self._ids.get(value)

    def lang_of(self, el: HtmlElement) -> str:
        """The language an element's text is in: its own or nearest ancestor's `lang`, primary subtag."""
        cache = self._lang
        if el in cache:
            return cache[el]
        chain = []
        node = el
        lang = ""
        while node is not None:
            if node in cache:
                lang = cache[node]
                break
            value = node.get("lang")
            if value is not None:
                lang = cache[node] = primary(value)
                break
            chain.append(node)
            node = node.getparent()
        for passed in chain:
            cache[passed] = lang
        return lang

    def idref_texts(self, value: str) -> str:
        return " ".join(text_content(self.by_id(ref), self) for ref in value.split() if self.by_id(ref) is not None)

    def accessible_name(self, el: HtmlElement) -> str:
        """A simplified accessible name (accname 1.2): labelledby, aria-label, alt, content, title."""
        labelledby = el.get("aria-labelledby", "").strip()
        if labelledby:
            name = normalize(self.idref_texts(labelledby))
            if name:
                return name
        label = normalize(el.get("aria-label", ""))
        if label:
            return label
        tag = el.tag
        input_type = el.get("type", "").lower() if tag == "input" else ""
        if tag in ("img", "area") or input_type == "image":
            alt = normalize(el.get("alt", ""))
            if alt:
                return alt
        if input_type in ("submit", "reset", "button"):
            value = normalize(el.get("value", ""))
            if value or input_type == "button":
                return value
            return "Submit" if input_type == "submit" else "Reset"
        if tag in ("input", "select", "textarea"):
            name = normalize(" ".join(text_content(lab, self) for lab in self.labels_of(el)))
            if name:
                return name
        elif tag == "svg":
            title = next((child for child in el if child.tag == "title"), None)
            if title is not None and normalize(plain_text(title)):
                return normalize(plain_text(title))
        else:
            name = normalize(text_content(el, self))
            if name:
                return name
        return normalize(el.get("title", ""))

    def labels_of(self, control: HtmlElement) -> list[HtmlElement]:
        """`<label for=id>` elements and the label wrapping the control."""
        if self._labels is None:
            self._labels = {}
            for el in self.elements:
                if el.tag == "label" and el.get("for") is not None:
                    self._labels.setdefault(el.get("for"), []).append(el)
        found = []
        control_id = control.get("id")
        if control_id:
            found += self._labels.get(control_id, [])
        wrapper = ancestor(control, "label")
        if wrapper is not None and all(wrapper is not f for f in found):
            found.append(wrapper)
        return found


def primary(lang: str) -> str:
    """`en-GB` -> `en`; lower case; "" for an empty value."""
    return lang.strip().split("-")[0].lower()


def normalize(text: str) -> str:
    return " ".join(text.split())


def ancestor(el: HtmlElement, name: str) -> HtmlElement | None:
    """The nearest enclosing element called `name` (not `el` itself), or None."""
    return next(el.iterancestors(name), None)


def is_hidden(el: HtmlElement) -> bool:
    """Hidden from everyone by markup alone: the `hidden` attribute or inline `display: none`."""
    style = el.get("style", "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def is_aria_hidden(el: HtmlElement) -> bool:
    return el.get("aria-hidden", "").strip().lower() == "true"


def text_content(el: HtmlElement | None, doc: Document | None = None) -> str:
    """The text a screen reader would read for `el`'s content: aria-hidden parts left out, images' alt in.

    `el`'s own tail (the text after its end tag) belongs to its parent and is not read; the tails of the
    elements inside it are, also after a part that is left out or a comment.
    """
    if el is None:
        return ""
    parts: list[str] = []
    _read_aloud(el, doc, parts)
    return "".join(parts)


# The tree walks are module functions that take what they fill, not inner functions: a recursive inner
# function refers to itself, and that cycle kept each page's parsed tree alive until the garbage
# collector ran (a fifth of the per-page checks' time went to the collector, and without it the pass
# held every page it had checked).
def _read_aloud(node: HtmlElement, doc: Document | None, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in NOT_TEXT or is_aria_hidden(child) or is_hidden(child):
            pass
        elif tag in ("img", "area") or (tag == "input" and child.get("type", "").lower() == "image"):
            parts.append(" " + child.get("alt", "") + " ")
        elif tag == "svg" or child.get("aria-label") is not None or child.get("aria-labelledby") is not None:
            parts.append(" " + (doc.accessible_name(child) if doc else child.get("aria-label", "")) + " ")
        else:
            _read_aloud(child, doc, parts)
        if child.tail:
            parts.append(child.tail)


def plain_text(el: HtmlElement) -> str:
    """All the text inside `el` as written (hidden parts too), without comments, code, templates and ruby notes."""
    parts: list[str] = []
    _written_text(el, parts)
    return "".join(parts)


def _written_text(node: HtmlElement, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        if isinstance(child.tag, str) and child.tag not in NOT_PLAIN_TEXT:
            _written_text(child, parts)
        if child.tail:
            parts.append(child.tail)


FOCUSABLE_INPUT_TYPES_EXCLUDED = frozenset({"hidden"})


def is_focusable(el: HtmlElement) -> bool:
    """In the tab order by markup: links with href, form controls, tabindex >= 0, editable content."""
    tabindex = el.get("tabindex")
    if tabindex is not None:
        try:
            return int(tabindex.strip()) >= 0
        except ValueError:
            pass
    name = el.tag
    if el.get("disabled") is not None and name in ("button", "input", "select", "textarea", "fieldset"):
        return False
    if name in ("a", "area"):
        return el.get("href") is not None
    if name == "input":
        return el.get("type", "text").lower() not in FOCUSABLE_INPUT_TYPES_EXCLUDED
    if name in ("button", "select", "textarea", "iframe"):
        return True
    if name == "summary":
        parent = el.getparent()
        return parent is not None and parent.tag == "details"
    if name in ("audio", "video"):
        return el.get("controls") is not None
    return el.get("contenteditable", "false").lower() in ("", "true", "plaintext-only")


def within(el: HtmlElement, ancestors: set | frozenset) -> bool:
    """Whether `el` or one of its ancestors is one of the elements in `ancestors`."""
    node: HtmlElement | None = el
    while node is not None:
        if node in ancestors:
            return True
        node = node.getparent()
    return False


def attribute_text(el: HtmlElement, name: str, value: str) -> str:
    """An attribute's value as problem messages show it: token lists (class, rel, ...) with single spaces."""
    if value == name and name in FILLED_BOOLEAN_ATTRIBUTES:
        return ""
    if name in TOKEN_LIST_ATTRIBUTES["*"] or name in TOKEN_LIST_ATTRIBUTES.get(el.tag, ()):
        return " ".join(value.split())
    return value


def snippet(el: HtmlElement, limit: int = 80) -> str:
    """The start tag of an element, shortened, to show where a problem is."""
    attrs = " ".join(f'{k}="{attribute_text(el, k, v)}"' for k, v in el.attrib.items() if k != "style")
    text = f"<{el.tag}{' ' + attrs if attrs else ''}>"
    return text if len(text) <= limit else text[: limit - 4] + "...>"
