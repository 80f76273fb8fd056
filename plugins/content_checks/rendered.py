"""Markdown bold markers (`**`, `__`) that Python-Markdown left as typed in a page's text, as the page shows them.

An editor writes `** Settings **` or, in Khmer, `**ការកំណត់ **` (a space is where a Khmer phrase ends):
Markdown makes bold only when the markers touch the words, so the page prints the stars. Whether a
marker became bold is Python-Markdown's decision, so this looks at the HTML it made, not at the
Markdown: any `**` left in the text (outside code), or `__` against a word, is one it did not take.
"""

from __future__ import annotations

import html
import re

#: Elements whose text is shown as typed on purpose: `**` there is code, not a mistake.
_CODE = re.compile(r"<(code|pre|kbd|samp|script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
#: `**` anywhere; `__` with a letter or digit on one side (a run of `____` is a blank to fill in).
_MARKER = re.compile(r"\*\*|(?<![_\W])__(?![_\w])|(?<![_\w])__(?![_\W])")
#: How much text after a lone marker the message quotes.
_AFTER = 30


def leftover_markers(page_html: str) -> list[tuple[str, str]]:
    """(text as typed, the same with the markers against the words) for each bold marker shown as typed.

    `ab ** c d ** e` gives `('** c d **', '**c d**')`; a marker with no partner in the same stretch of
    text gives the marker and the words after it, and no correction ("").
    """
    if "**" not in page_html and "__" not in page_html:  # nearly every page: nothing to parse
        return []
    found = []
    for stretch in _TAG.split(_CODE.sub(" ", page_html)):
        text = html.unescape(stretch)
        position = 0
        while match := _MARKER.search(text, position):
            marker = match.group(0)
            end = text.find(marker, match.end())
            if end != -1:
                typed = text[match.start() : end + len(marker)]
                found.append((typed, f"{marker}{typed[len(marker) : -len(marker)].strip()}{marker}"))
                position = end + len(marker)
            else:
                found.append((text[match.start() : match.end() + _AFTER].rstrip(), ""))
                position = match.end()
    return found


def marker_message(typed: str, fixed: str) -> str:
    """The editor's message for one marker `leftover_markers` found."""
    marker = "**" if typed.startswith("**") else "__"
    fix = f"write {fixed}" if fixed else f"put each {marker} right against the words it makes bold, or remove it"
    return (
        f"{typed!r}: the page shows the {marker} as typed, because bold needs the markers right against "
        f"the words, with no space inside; {fix}"
    )
