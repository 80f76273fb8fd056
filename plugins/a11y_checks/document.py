"""One parsed page and the questions every rule asks of it: language, focusability, accessible names."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

#: Elements whose text is never read as page text.
NOT_TEXT = frozenset({"script", "style", "template", "head"})
#: Strings that are not text nodes.
NON_TEXT_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


@dataclass
class Problem:
    """What a rule found, before it is attributed to a source file.

    `element` is where in the page (for attribution: inside `.prose` means the Markdown file); `needles`
    are strings to look for in the source file to find the line, tried in order.
    """

    rule: str
    message: str
    element: Tag | None = None
    needles: tuple[str, ...] = ()
    severity: str | None = None
    detail: str = field(default="")


class Document:
    """A page parsed once, with cached lookups shared by all rules."""

    def __init__(self, html: str, page: str = ""):
        self.page = page
        self.soup = BeautifulSoup(html, "html.parser")
        self.html = self.soup.find("html")
        self.body = self.soup.find("body") or self.soup
        self.elements: list[Tag] = self.soup.find_all(True)
        self._ids: dict[str, Tag] = {}
        self.id_counts: Counter[str] = Counter()
        for el in self.elements:
            value = el.get("id")
            if value is not None:
                self.id_counts[value] += 1
                self._ids.setdefault(value, el)
        self._lang: dict[int, str] = {}

    @property
    def lang(self) -> str:
        """The page's language (primary subtag of `<html lang>`), or "" when missing."""
        return primary(self.html.get("lang", "")) if self.html is not None else ""

    def by_id(self, value: str) -> Tag | None:
        return self._ids.get(value)

    def lang_of(self, tag: Tag) -> str:
        """The language an element's text is in: its own or nearest ancestor's `lang`, primary subtag."""
        key = id(tag)
        if key not in self._lang:
            if tag.has_attr("lang"):
                self._lang[key] = primary(tag["lang"])
            elif tag.parent is None or not isinstance(tag.parent, Tag):
                self._lang[key] = ""
            else:
                self._lang[key] = self.lang_of(tag.parent)
        return self._lang[key]

    def idref_texts(self, value: str) -> str:
        return " ".join(text_content(self.by_id(ref), self) for ref in value.split() if self.by_id(ref) is not None)

    def accessible_name(self, tag: Tag) -> str:
        """A simplified accessible name (accname 1.2): labelledby, aria-label, alt, content, title."""
        labelledby = tag.get("aria-labelledby", "").strip()
        if labelledby:
            name = normalize(self.idref_texts(labelledby))
            if name:
                return name
        label = normalize(tag.get("aria-label", ""))
        if label:
            return label
        if tag.name in ("img", "area") or (tag.name == "input" and tag.get("type", "").lower() == "image"):
            alt = normalize(tag.get("alt", ""))
            if alt:
                return alt
        if tag.name == "input" and tag.get("type", "").lower() in ("submit", "reset", "button"):
            value = normalize(tag.get("value", ""))
            if value or tag.get("type", "").lower() == "button":
                return value
            return "Submit" if tag.get("type", "").lower() == "submit" else "Reset"
        if tag.name in ("input", "select", "textarea"):
            name = normalize(" ".join(text_content(lab, self) for lab in self.labels_of(tag)))
            if name:
                return name
        elif tag.name == "svg":
            title = tag.find("title", recursive=False)
            if title is not None and normalize(title.get_text()):
                return normalize(title.get_text())
        else:
            name = normalize(text_content(tag, self))
            if name:
                return name
        return normalize(tag.get("title", ""))

    def labels_of(self, control: Tag) -> list[Tag]:
        """`<label for=id>` elements and the label wrapping the control."""
        found = []
        control_id = control.get("id")
        if control_id:
            found += [el for el in self.elements if el.name == "label" and el.get("for") == control_id]
        wrapper = control.find_parent("label")
        if wrapper is not None and all(wrapper is not f for f in found):
            found.append(wrapper)
        return found


def primary(lang: str) -> str:
    """`en-GB` -> `en`; lower case; "" for an empty value."""
    return lang.strip().split("-")[0].lower()


def normalize(text: str) -> str:
    return " ".join(text.split())


def is_hidden(tag: Tag) -> bool:
    """Hidden from everyone by markup alone: the `hidden` attribute or inline `display: none`."""
    style = tag.get("style", "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style


def is_aria_hidden(tag: Tag) -> bool:
    return tag.get("aria-hidden", "").strip().lower() == "true"


def text_content(tag: Tag | None, doc: Document | None = None) -> str:
    """The text a screen reader would read for `tag`'s content: aria-hidden parts left out, images' alt in."""
    if tag is None:
        return ""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, NON_TEXT_STRINGS):
                    parts.append(str(child))
            elif isinstance(child, Tag):
                if child.name in NOT_TEXT or is_aria_hidden(child) or is_hidden(child):
                    continue
                if child.name in ("img", "area") or (
                    child.name == "input" and child.get("type", "").lower() == "image"
                ):
                    parts.append(" " + child.get("alt", "") + " ")
                elif child.name == "svg" or child.has_attr("aria-label") or child.has_attr("aria-labelledby"):
                    parts.append(" " + (doc.accessible_name(child) if doc else child.get("aria-label", "")) + " ")
                else:
                    walk(child)

    walk(tag)
    return "".join(parts)


FOCUSABLE_INPUT_TYPES_EXCLUDED = frozenset({"hidden"})


def is_focusable(tag: Tag) -> bool:
    """In the tab order by markup: links with href, form controls, tabindex >= 0, editable content."""
    tabindex = tag.get("tabindex")
    if tabindex is not None:
        try:
            return int(tabindex.strip()) >= 0
        except ValueError:
            pass
    if tag.has_attr("disabled") and tag.name in ("button", "input", "select", "textarea", "fieldset"):
        return False
    name = tag.name
    if name in ("a", "area"):
        return tag.has_attr("href")
    if name == "input":
        return tag.get("type", "text").lower() not in FOCUSABLE_INPUT_TYPES_EXCLUDED
    if name in ("button", "select", "textarea", "iframe"):
        return True
    if name == "summary":
        return tag.parent is not None and tag.parent.name == "details"
    if name in ("audio", "video"):
        return tag.has_attr("controls")
    return tag.get("contenteditable", "false").lower() in ("", "true", "plaintext-only")


def within(tag: Tag, ancestor_ids: set[int]) -> bool:
    """Whether `tag` or one of its ancestors is in `ancestor_ids` (ids of Tag objects)."""
    node: Tag | None = tag
    while node is not None:
        if id(node) in ancestor_ids:
            return True
        node = node.parent
    return False


def snippet(tag: Tag, limit: int = 80) -> str:
    """The start tag of an element, shortened, to show where a problem is."""
    attrs = " ".join(
        f'{k}="{" ".join(v) if isinstance(v, list) else v}"' for k, v in tag.attrs.items() if k not in ("style",)
    )
    text = f"<{tag.name}{' ' + attrs if attrs else ''}>"
    return text if len(text) <= limit else text[: limit - 4] + "...>"
