"""Names, roles and relationships: unique ids, id references, form labels, buttons, tables, iframes, ARIA."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from .document import Document, Problem, ancestor, is_aria_hidden, is_focusable, normalize, snippet

#: WAI-ARIA 1.2 roles (abstract roles excluded), ARIA 1.3's `image`, Graphics ARIA and DPUB-ARIA roles.
_ROLE_NAMES = """alert alertdialog application article banner blockquote button caption cell checkbox code columnheader
    combobox comment complementary contentinfo definition deletion dialog directory document emphasis feed figure
    form generic grid gridcell group heading image img insertion link list listbox listitem log main mark marquee
    math menu menubar menuitem menuitemcheckbox menuitemradio meter navigation none note option paragraph
    presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox separator
    slider spinbutton status strong subscript suggestion superscript switch tab table tablist tabpanel term textbox
    time timer toolbar tooltip tree treegrid treeitem graphics-document graphics-object graphics-symbol
    doc-abstract doc-acknowledgments doc-afterword doc-appendix doc-backlink doc-biblioentry doc-bibliography
    doc-biblioref doc-chapter doc-colophon doc-conclusion doc-cover doc-credit doc-credits doc-dedication
    doc-endnote doc-endnotes doc-epigraph doc-epilogue doc-errata doc-example doc-footnote doc-foreword
    doc-glossary doc-glossref doc-index doc-introduction doc-noteref doc-notice doc-pagebreak doc-pagefooter
    doc-pageheader doc-pagelist doc-part doc-preface doc-prologue doc-pullquote doc-qna doc-subtitle doc-tip
    doc-toc"""
ROLES = frozenset(_ROLE_NAMES.split())

_BOOL = ("true", "false")
_TRISTATE = ("true", "false", "mixed")
_BOOL_UNDEF = ("true", "false", "undefined")
#: WAI-ARIA 1.2 (and 1.3 drafts as shipped in browsers) states and properties: name -> allowed value kind.
ARIA_ATTRIBUTES: dict[str, object] = {
    "aria-activedescendant": "idref",
    "aria-atomic": _BOOL,
    "aria-autocomplete": ("inline", "list", "both", "none"),
    "aria-braillelabel": "string",
    "aria-brailleroledescription": "string",
    "aria-busy": _BOOL,
    "aria-checked": (*_TRISTATE, "undefined"),
    "aria-colcount": "integer",
    "aria-colindex": "integer",
    "aria-colindextext": "string",
    "aria-colspan": "integer",
    "aria-controls": "idrefs",
    "aria-current": ("page", "step", "location", "date", "time", "true", "false"),
    "aria-describedby": "idrefs",
    "aria-description": "string",
    "aria-details": "idrefs",
    "aria-disabled": _BOOL,
    "aria-dropeffect": "string",
    "aria-errormessage": "idrefs",
    "aria-expanded": _BOOL_UNDEF,
    "aria-flowto": "idrefs",
    "aria-grabbed": _BOOL_UNDEF,
    "aria-haspopup": ("false", "true", "menu", "listbox", "tree", "grid", "dialog"),
    "aria-hidden": _BOOL_UNDEF,
    "aria-invalid": ("grammar", "false", "spelling", "true"),
    "aria-keyshortcuts": "string",
    "aria-label": "string",
    "aria-labelledby": "idrefs",
    "aria-level": "integer",
    "aria-live": ("assertive", "off", "polite"),
    "aria-modal": _BOOL,
    "aria-multiline": _BOOL,
    "aria-multiselectable": _BOOL,
    "aria-orientation": ("horizontal", "undefined", "vertical"),
    "aria-owns": "idrefs",
    "aria-placeholder": "string",
    "aria-posinset": "integer",
    "aria-pressed": (*_TRISTATE, "undefined"),
    "aria-readonly": _BOOL,
    "aria-relevant": "relevant",
    "aria-required": _BOOL,
    "aria-roledescription": "string",
    "aria-rowcount": "integer",
    "aria-rowindex": "integer",
    "aria-rowindextext": "string",
    "aria-rowspan": "integer",
    "aria-selected": _BOOL_UNDEF,
    "aria-setsize": "integer",
    "aria-sort": ("ascending", "descending", "none", "other"),
    "aria-valuemax": "number",
    "aria-valuemin": "number",
    "aria-valuenow": "number",
    "aria-valuetext": "string",
}
_RELEVANT = {"additions", "all", "removals", "text"}
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")

#: Attributes holding id references, and the rule that reports a missing target.
IDREF_ATTRIBUTES = ("for", "headers", "list", "form")
LABELLED_CONTROLS = ("input", "select", "textarea")
UNLABELLED_INPUT_TYPES = frozenset({"hidden", "submit", "reset", "button", "image"})


def check(doc: Document, config: dict) -> Iterator[Problem]:
    yield from check_ids(doc)
    for el in doc.elements:
        # Most elements have no attribute: the rules about attributes have nothing to look at (the page's
        # 180 elements went through a dozen generators each).
        attributes = bool(el.keys())
        if attributes:
            yield from check_idrefs(doc, el)
            yield from check_role(el)
            yield from check_aria_attributes(el)
        if el.tag in LABELLED_CONTROLS:
            yield from check_form_label(doc, el)
        elif el.tag == "button" or (attributes and el.get("role", "").split()[:1] == ["button"] and el.tag != "a"):
            if not doc.accessible_name(el):
                yield Problem("button-name", f"{snippet(el)} has no name: give the button text or an aria-label", el)
        elif el.tag == "table":
            yield from check_table(el)
        elif el.tag in ("iframe", "frame") and not normalize(el.get("title", "") + el.get("aria-label", "")):
            yield Problem("iframe-title", f'{snippet(el)} has no title: add title="what it shows"', el)
        if not attributes:
            continue
        if is_aria_hidden(el):
            yield from check_aria_hidden(el)
        tabindex = el.get("tabindex", "").strip()
        if _INTEGER.match(tabindex) and int(tabindex) > 0:
            yield Problem(
                "tabindex-positive",
                f'{snippet(el)} has tabindex="{tabindex}": a positive tabindex changes the tab order; use 0 or -1',
                el,
            )


def check_ids(doc: Document) -> Iterator[Problem]:
    for value, count in sorted(doc.id_counts.items()):
        if count > 1:
            el = doc.by_id(value)
            yield Problem(
                "id-duplicate",
                f'the id "{value}" is used {count} times on the page: links to #{value} and labels that point to it '
                "reach only the first one; give each element its own id",
                el,
                needles=(f'id="{value}"', f"{{#{value}}}"),
            )


def check_idrefs(doc: Document, el: HtmlElement) -> Iterator[Problem]:
    names = el.keys()  # most elements have no attribute or one: skip the dozen look-ups below
    if not names:
        return
    for attr in IDREF_CHECKED:
        if attr not in names or (attr in IDREF_ATTRIBUTES and el.tag not in _IDREF_OWNERS[attr]):
            continue
        value = el.get(attr)
        refs = value.split()
        if not refs and attr.startswith("aria-"):
            yield Problem("idref", f'{snippet(el)} has an empty {attr}=""', el)
        for ref in refs:
            if doc.by_id(ref) is None:
                yield Problem(
                    "idref",
                    f'{snippet(el)}: {attr} points to id "{ref}", but no element on the page has that id',
                    el,
                    needles=(f'{attr}="{value}"',),
                )


#: Every attribute `check_idrefs` looks at.
IDREF_CHECKED = (*IDREF_ATTRIBUTES, *(a for a, kind in ARIA_ATTRIBUTES.items() if kind in ("idref", "idrefs")))
_IDREF_OWNERS = {
    "for": ("label", "output"),
    "headers": ("td", "th"),
    "list": ("input",),
    "form": ("button", "fieldset", "input", "object", "output", "select", "textarea"),
}


def check_role(el: HtmlElement) -> Iterator[Problem]:
    role = el.get("role")
    if role is None:
        return
    tokens = role.split()
    if not tokens:
        yield Problem("aria-role", f'{snippet(el)} has an empty role=""', el)
        return
    if tokens[0].lower() not in ROLES:
        fallback = [t for t in tokens[1:] if t.lower() in ROLES]
        hint = f"; browsers will use {fallback[0]!r}" if fallback else ""
        yield Problem("aria-role", f'{snippet(el)}: role="{tokens[0]}" is not an ARIA role{hint}', el)


def check_aria_attributes(el: HtmlElement) -> Iterator[Problem]:
    for attr, raw in el.attrib.items():
        if not attr.startswith("aria-"):
            continue
        value = raw.strip()
        kind = ARIA_ATTRIBUTES.get(attr)
        if kind is None:
            yield Problem("aria-attr", f"{snippet(el)}: {attr} is not an ARIA attribute (check the spelling)", el)
        elif isinstance(kind, tuple) and value.lower() not in kind:
            yield Problem(
                "aria-attr", f'{snippet(el)}: {attr}="{value}" is not valid; use one of {", ".join(kind)}', el
            )
        elif kind == "integer" and not _INTEGER.match(value):
            yield Problem("aria-attr", f'{snippet(el)}: {attr}="{value}" must be a whole number', el)
        elif kind == "number" and not _NUMBER.match(value):
            yield Problem("aria-attr", f'{snippet(el)}: {attr}="{value}" must be a number', el)
        elif kind == "relevant" and not set(value.lower().split()) <= _RELEVANT:
            yield Problem(
                "aria-attr", f'{snippet(el)}: {attr}="{value}" must be from {", ".join(sorted(_RELEVANT))}', el
            )


def check_form_label(doc: Document, el: HtmlElement) -> Iterator[Problem]:
    if el.tag == "input" and el.get("type", "text").lower() in UNLABELLED_INPUT_TYPES:
        return
    if doc.accessible_name(el):
        return
    yield Problem(
        "form-label",
        f'{snippet(el)} has no label: add <label for="{el.get("id", "ID")}">...</label> or aria-label',
        el,
    )


def check_table(el: HtmlElement) -> Iterator[Problem]:
    if el.get("role", "").strip().lower() in ("presentation", "none"):
        return
    rows = [r for r in el.iter("tr") if ancestor(r, "table") is el]
    if not rows:
        return
    cells = [c for r in rows for c in r if c.tag in ("td", "th")]
    has_header = any(c.tag == "th" or c.get("role") in ("columnheader", "rowheader") for c in cells)
    if not has_header:
        yield Problem(
            "table-headers",
            "a table with no header cells: make the first row a header (in Markdown, the row above | --- |) so "
            "screen readers can say which column a value is in",
            el,
        )


def check_aria_hidden(el: HtmlElement) -> Iterator[Problem]:
    if el.tag == "body":
        yield Problem("aria-hidden-focus", 'aria-hidden="true" on <body> hides the whole page', el)
        return
    for inner in el.iter(etree.Element):
        if is_focusable(inner):
            yield Problem(
                "aria-hidden-focus",
                f'{snippet(inner)} can get keyboard focus but sits inside aria-hidden="true" ({snippet(el)}): '
                'screen readers announce nothing there; remove aria-hidden or add tabindex="-1"',
                inner,
            )
            return
