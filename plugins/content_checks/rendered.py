"""Markdown bold and italic markers, and links, that Python-Markdown left as typed in a page's text.

An editor writes `** Settings **` or, in Khmer, `**ការកំណត់ **` (a space is where a Khmer phrase ends):
Markdown makes bold only when the markers touch the words, so the page prints the stars. Whether a
marker became bold is Python-Markdown's decision, so this looks at the HTML it made, not at the
Markdown: any `**` left in the text (outside code), `__` against a word, or two single `*` around
words (`*Settings *`) is one it did not take. A single `*` before a digit or `#` is a phone code
(`*123#`), and one right after a word (`in 2021*`) or alone a footnote mark: none is reported.

Links the same way: Markdown turns `[text](address)` into a link and leaves nothing of its brackets,
so a `](` or `][` still in the page's text (outside code), or a `[` followed by an address in
`(` without its `]`, is a link it could not read: a `)` or `]` missing
(`[the guide](https://example.org/guide`, `[the guide(https://...)`), one too many
(`[the guide]((https://...)`), or a reference (`[the guide][guide]`) whose address is written
nowhere. The page shows the brackets and the address as typed, and the reader gets no link.
"""

from __future__ import annotations

import re

from sitekit.patterns import prose_stretches

#: `**` anywhere; `__` but not inside a word (`my__file`) or a run of them (`____`, a blank to fill in); a single
#: `*` not before a digit or `#`.
_MARKER = re.compile(r"\*\*|(?<![_\w])__(?!_)|(?<!_)__(?![_\w])|(?<!\*)\*(?![*\d#])")
#: How much text after a lone marker the message quotes.
_AFTER = 30


def leftover_markers(page_html: str) -> list[tuple[str, str]]:
    """(text as typed, the same with the markers against the words) for each marker shown as typed.

    `ab ** c d ** e` gives `('** c d **', '**c d**')`; a `**` or `__` with no partner in the same
    stretch of text gives the marker and the words after it, and no correction ("").
    """
    if "*" not in page_html and "__" not in page_html:  # most pages: nothing to parse
        return []
    found = []
    for text in prose_stretches(page_html):  # `**` in code is code, not a mistake
        if "*" in text or "__" in text:
            found.extend(_in_text(text))
    return found


def _in_text(text: str) -> list[tuple[str, str]]:
    markers = list(_MARKER.finditer(text))
    found = []
    i = 0
    while i < len(markers):
        marker = markers[i].group(0)
        if marker == "*" and _after_word(text, markers[i]):
            i += 1  # a footnote mark ("in 2021*"), not the start of italics
            continue
        partner = next((j for j in range(i + 1, len(markers)) if markers[j].group(0) == marker), None)
        if partner is None:
            # A lone star is a footnote mark, and lone underscores between spaces a blank to fill in.
            if marker == "**" or (marker == "__" and _touches_word(text, markers[i])):
                found.append((text[markers[i].start() : markers[i].end() + _AFTER].rstrip(), ""))
            i += 1
            continue
        typed = text[markers[i].start() : markers[partner].end()]
        found.append((typed, f"{marker}{typed[len(marker) : -len(marker)].strip()}{marker}"))
        i = partner + 1
    return found


def _after_word(text: str, match: re.Match) -> bool:
    return text[match.start() - 1 : match.start()].isalnum()


def _touches_word(text: str, match: re.Match) -> bool:
    return _after_word(text, match) or text[match.end() : match.end() + 1].isalnum()


def marker_message(typed: str, fixed: str) -> str:
    """The editor's message for one marker `leftover_markers` found."""
    marker = next(m for m in ("**", "__", "*") if typed.startswith(m))
    fix = f"write {fixed}" if fixed else f"put each {marker} right against the words it makes bold, or remove it"
    return (
        f"{typed!r}: the page shows the {marker} as typed, because bold and italics need the markers right "
        f"against the words, with no space inside; {fix}"
    )


#: The two brackets Markdown never leaves in the text of a link it made, or a `[` whose `]` is missing before
#: an address (`[the guide(https://...`, `[the guide({filename}/...`).
_LINK_JOINT = re.compile(r"\]\(|\]\[|\[[^\[\]\n]{0,80}?(?=\((?:https?:|mailto:|tel:|/|\.{1,2}/|\{))")
#: How much text around a link shown as typed the message quotes, before and after the joint.
_LINK_BEFORE, _LINK_AFTER = 40, 50


def leftover_links(page_html: str) -> list[str]:
    """The text of each link the page shows as typed: from its `[` (when near) to its `)` or `]` (or 50
    characters after the brackets when it has none)."""
    if "[" not in page_html and "]" not in page_html:  # most pages
        return []
    found = []
    for text in prose_stretches(page_html):
        for joint in _LINK_JOINT.finditer(text):
            if joint.group(0).startswith("["):  # no `]`: from the `[` to the address's `)`
                start, closer = joint.start(), ")"
            else:
                opening = text.rfind("[", max(0, joint.start() - _LINK_BEFORE), joint.start())
                start = opening if opening >= 0 else max(0, joint.start() - _LINK_BEFORE)
                closer = ")" if joint.group(0) == "](" else "]"
            end = text.find(closer, joint.end(), joint.end() + _LINK_AFTER)
            found.append(text[start : end + 1 if end >= 0 else joint.end() + _LINK_AFTER].strip())
    return found


def link_message(typed: str) -> str:
    """The editor's message for one link `leftover_links` found."""
    return (
        f"{typed!r}: the page shows this link as typed, not as a link: Markdown makes a link only of "
        "[text](address), each bracket and parenthesis closed once, or of [text][name] with a line "
        "[name]: address of its own below; check the brackets"
    )
