"""Lists and tables that Python-Markdown silently shows as plain text or flattens: an empty line or indent missing.

Editors learn Markdown on GitHub, chat apps and note-taking apps, which follow CommonMark. This
site's Markdown (Python-Markdown with `extra` and `sane_lists`, pelicanconf.py) differs in ways
that lose a list's or a table's structure without any error, so the page shows something other
than what was written:

- a list or a table that follows a line of text with no empty line before it is read as more of
  that paragraph: `Things to check: - your settings - your friends`, or rows of `|` signs;
- a table without its line of dashes under the first row (`| --- | --- |`) is rows of `|` signs too;
- `1)` does not start a numbered item (only `1.` does): the steps run together as one paragraph;
- `១.` (Khmer digits) starts one, but its number is lost: the list always counts from ១;
- a sub-item must be indented by four spaces (or a tab) more than its item: indented by two or
  three, as CommonMark allows, it becomes an item of the same level, or plain text under `1.`;
- a second paragraph inside an item must be indented by four spaces too: indented by fewer after
  an empty line, it ends the list, and the items after it become plain text.

Written here rather than taken from a library: the rules are about one Markdown implementation's
reading of lines (no linter models Python-Markdown), and they need this module's line numbers.
tests/test_content_blocks.py renders every case with the site's settings, as written and as fixed.
"""

from __future__ import annotations

import re

from sitekit.patterns import FENCE

#: A list item as Python-Markdown reads one: a bullet (-, *, +) or a number and a full stop, then a space.
_ITEM = re.compile(r"^ *(?:[-*+]|\d+\.)[ \t]+\S")
#: An item that may start a list right after a line of text: a number of one or two digits, so that a
#: year ending a sentence at the start of a line ("2024. Then...") in hard-wrapped text is not one.
_FIRST_ITEM = re.compile(r"^ *(?:[-*+]|\d{1,2}\.)[ \t]+\S")
#: A numbered item written with Khmer digits, `១.`: a list, but its number becomes `<ol start="១">`, which
#: browsers ignore (not a number to them): a list meant to start at ៣ starts at ១.
_KHMER_NUMBER_ITEM = re.compile(r"^ {0,3}[០-៩]+\.[ \t]+\S")
#: A numbered item written the CommonMark way, `1)`, which Python-Markdown does not read as one.
_PAREN_ITEM = re.compile(r"^ {0,3}\d{1,2}\)[ \t]+\S")
#: The line under a table's header row: cells of dashes (colons for alignment) between `|` signs.
_TABLE_RULE = re.compile(r"^ *\|? *:?-+:? *(?:\| *:?-+:? *)+\|? *$|^ *\| *:?-+:? *\| *$")
#: A line that looks like a table row: it starts with `|` and has another `|` after it.
_ROW = re.compile(r"^ {0,3}\|.*\|")
#: Lines after which a list or table starts a block of its own (headings, tables, HTML blocks,
#: rules); after any other text line it is read as more of that paragraph (block quotes included).
_NOT_TEXT = re.compile(r"^\s*(?:#|\||<|[-*_=](?:\s*[-*_=]){2,}\s*$)")
TAB = 4  # Python-Markdown's tab_length: one level of a list


def block_problems(lines: list[str], start: int) -> list[tuple[int, str]]:
    """(line, message) for every list or table Python-Markdown would not show as the editor meant, in the
    text that begins at line `start` (1-based)."""
    problems: list[tuple[int, str]] = []
    in_fence = False
    item_indent: int | None = None  # indentation of the last item while inside a list
    # What the line before was: "blank", "text" (of a paragraph), "swallowed" (an item read as paragraph
    # text) or "other" (a heading, table, HTML, or a line of a list).
    previous = "blank"
    body = lines[start - 1 :]
    for index, raw in enumerate(body):
        number = start + index
        if FENCE.match(raw):
            in_fence = not in_fence
            item_indent, previous = None, "other"
            continue
        if in_fence:
            continue
        line = raw.expandtabs(TAB)
        if not line.strip():
            previous = "blank"
            continue
        indent = len(line) - len(line.lstrip(" "))
        if _PAREN_ITEM.match(line) and not (index and _PAREN_ITEM.match(body[index - 1].expandtabs(TAB))):
            problems.append((number, _PAREN_NUMBER))
        if _KHMER_NUMBER_ITEM.match(line) and not (index and _KHMER_NUMBER_ITEM.match(body[index - 1])):
            problems.append((number, _KHMER_NUMBER))
        after_text = previous in ("text", "swallowed") or (previous == "other" and item_indent is not None)
        if after_text and "|" in line and index + 1 < len(body) and _TABLE_RULE.match(body[index + 1]):
            problems.append((number, _TABLE_NO_EMPTY_LINE))
        following = body[index + 1] if index + 1 < len(body) else ""
        if previous == "blank" and _ROW.match(line) and _ROW.match(following) and not _TABLE_RULE.match(following):
            problems.append((number, _TABLE_NO_RULE))
        if _ITEM.match(line):
            if item_indent is None and previous in ("text", "swallowed"):
                # Read as more of the paragraph above, like every item after it: reported once.
                if previous == "text" and _FIRST_ITEM.match(line):
                    problems.append((number, _LIST_NO_EMPTY_LINE))
                previous = "swallowed"
                continue
            if item_indent is not None and _short_of_a_level(indent, item_indent):
                problems.append((number, _SHORT_SUB_ITEM.format(spaces=indent - item_indent)))
            item_indent, previous = indent, "other"
            continue
        if item_indent is not None and previous == "blank":
            if _short_of_a_level(indent, item_indent):
                problems.append((number, _SHORT_PARAGRAPH.format(spaces=indent)))
                item_indent = None  # the list ended there
            elif indent < (item_indent // TAB + 1) * TAB:
                item_indent = None  # a paragraph of its own after the list, as meant
        previous = "other" if _NOT_TEXT.match(line) else "text"
        if item_indent is not None:
            previous = "other"  # a line of the item itself (lazy continuation)
    return problems


def _short_of_a_level(indent: int, item_indent: int) -> bool:
    """Indented by 2 or 3 spaces more than the item above, not a whole level: read at the item's level. (One
    space more is a slip of the thumb, and the page shows what was meant: the item's own level.)"""
    return indent >= item_indent + 2 and indent // TAB == item_indent // TAB


_LIST_NO_EMPTY_LINE = (
    "this list follows a line of text with no empty line between them, so it is shown as part of that "
    "paragraph, not as a list; put an empty line before the list"
)
_TABLE_NO_EMPTY_LINE = (
    "this table follows a line of text with no empty line between them, so it is shown as text full of | "
    "signs, not as a table; put an empty line before the table"
)
_TABLE_NO_RULE = (
    "this table has no line of dashes under its first row, so it is shown as text full of | signs, not as a "
    "table; add one after the first row, with a cell of dashes for each column: | --- | --- |"
)
_PAREN_NUMBER = (
    'a numbered step written "1)" is not a list item here, so the steps are shown run together as one '
    'paragraph; write "1.", "2.", ... (a full stop after the number)'
)
_KHMER_NUMBER = (
    'numbered steps written with Khmer digits ("១.") get a number browsers cannot read, so a list that does not '
    'start at ១ is shown from ១ all the same; write "1.", "2.", ... with Latin digits: a Khmer page shows them '
    "as ១, ២, ... by itself"
)
_SHORT_SUB_ITEM = (
    "this sub-item is indented by {spaces} space(s) more than the item above, so it is shown as an item of "
    "the same list (or as text), not under it; indent it by 4 spaces (or a tab) more than that item"
)
_SHORT_PARAGRAPH = (
    "this paragraph is indented by {spaces} space(s) after an empty line, so the list above ends before it "
    "and any items after it are shown as plain text; indent it by 4 spaces to keep it in the item, or "
    "remove the indentation to end the list"
)
