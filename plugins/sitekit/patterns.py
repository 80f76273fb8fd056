"""The patterns several plugins need, written once: slugs and ids, language folders, Markdown code fences, Khmer
digits, HTML tags and the prose between them, srcset and CSS url()."""

from __future__ import annotations

import bisect
import html
import re
from functools import lru_cache

#: A slug or a data-file id: lower-case ASCII letters and digits in hyphen-separated words.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Zero-width space, non-joiner, joiner and BOM: typed inside Khmer words, invisible, they would hide a
#: phrase from a text search; `text.translate(INVISIBLE)` removes them.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))
#: Finds one of those characters: a text without any needs no `translate` (most files have none).
ANY_INVISIBLE = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")
#: `articles/<lang>/...` or `pages/<lang>/...` under the content folder.
LANG_FOLDER = re.compile(r"^(?P<kind>articles|pages)/(?P<lang>[^/]+)/")
#: The line that opens or closes a fenced code block in Markdown: the checks of the text skip what is inside.
FENCE = re.compile(r"^\s*(```|~~~)")
#: Khmer letters and signs (U+1780-U+17DD, U+19E0-U+19FF) but not Khmer digits, as a character-class body.
KHMER_LETTER = "\u1780-\u17dd\u19e0-\u19ff"
#: Latin letters, accented ones included, as a character-class body.
LATIN_LETTER = "A-Za-z\u00c0-\u024f"
_KHMER_DIGIT = re.compile("[០-៩]")


def latin_digits(text: str) -> str:
    """`text` with its Khmer digits written as Latin ones, one character for one (offsets stay).

    One substitution per digit: `str.translate` with a table looked up every character of a text that
    is not all ASCII, ten times slower on a Khmer text, whose digits are few.
    """
    return _KHMER_DIGIT.sub(lambda m: chr(ord(m.group()) - 0x17E0 + 0x30), text)


#: Letters that `re.IGNORECASE` takes for a Latin letter but `str.lower` does not turn into it (long s, dotless i,
#: the Kelvin sign), and capital I with a dot, whose lower case is two characters.
_FOLDED = re.compile("[\u017f\u0131\u212a\u0130]")


def finditer_any_case(pattern: re.Pattern, text: str):
    """The matches of `pattern` (written in lower case, without `re.IGNORECASE`) in `text` in any case, with
    offsets into `text`: what the same pattern finds case-insensitively.

    A pattern with `re.IGNORECASE` cannot tell `re` which letters a match starts with, so the search tries
    the whole pattern at every character; over the text in lower case, a pattern whose alternatives each
    start with a letter lets `re` skip straight to those letters. A text whose lower case differs from what
    `re.IGNORECASE` sees (`_FOLDED`) is searched as written with the pattern made case-insensitive.
    """
    low = text.lower()
    if len(low) == len(text) and not _FOLDED.search(text):
        return pattern.finditer(low)
    return _ignoring_case(pattern.pattern).finditer(text)


@lru_cache(maxsize=16)
def _ignoring_case(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


#: One HTML tag (or comment without ">"): what lies between two of them is text.
TAG = re.compile(r"<[^>]*>")
#: An element whose text is shown as typed on purpose (code, keys, scripts), with what it holds.
_CODE_ELEMENT = re.compile(r"<(code|pre|kbd|samp|script|style)\b.*?</\1\s*>", re.S | re.I)


def outside_fences(lines: list[str], start: int = 1):
    """(line number, line) of each line from `start` on (1-based) that is not in a fenced code block, nor one
    of its fence lines."""
    in_fence = False
    for number, line in enumerate(lines[start - 1 :], start=start):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            yield number, line


def prose_stretches(fragment: str) -> list[str]:
    """The text between the tags of an HTML fragment (entities decoded), leaving out code-like elements: the
    prose a reader sees, for checks of what Markdown left as typed."""
    return [html.unescape(text) for text in TAG.split(_CODE_ELEMENT.sub(" ", fragment)) if text.strip()]


_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def srcset_urls(srcset: str) -> list[str]:
    """Every candidate URL of a `srcset` (`a.png 1x, b.png 2x`), parsed as the HTML standard says.

    A URL runs to the next whitespace; commas at its end end the candidate; otherwise the
    descriptors run to the next comma.
    """
    urls, pos, size = [], 0, len(srcset)
    while pos < size:
        while pos < size and (srcset[pos].isspace() or srcset[pos] == ","):
            pos += 1
        start = pos
        while pos < size and not srcset[pos].isspace():
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while pos < size and srcset[pos] != ",":
                pos += 1
        if url:
            urls.append(url)
    return urls


def css_urls_with_lines(css: str) -> list[tuple[str, int]]:
    """(URL, line offset from the start of `css`) for every `url(...)` and `@import`, comments skipped.

    `data:` URLs are left out: they download nothing.
    """
    css = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), css)
    found = []
    for pattern in (_CSS_URL, _CSS_IMPORT):
        for match in pattern.finditer(css):
            url = next((g for g in match.groups() if g is not None), "").strip()
            if url and not url.startswith("data:"):
                found.append((url, css.count("\n", 0, match.start())))
    return sorted(found, key=lambda item: item[1])


def css_urls(css: str) -> list[str]:
    """The URLs of every `url(...)` and `@import "..."` in CSS text, comments skipped."""
    return [url for url, _ in css_urls_with_lines(css)]


class LineFinder:
    """The line number of an offset in a text: scan a whole file with one regular expression, then
    name each match's line (much faster than running the expressions line by line)."""

    def __init__(self, text: str, first_line: int = 1):
        self.text = text
        self.first_line = first_line
        self.starts: list[int] | None = None  # found on the first question: most files have no finding

    def line(self, offset: int) -> int:
        if self.starts is None:
            self.starts = [m.start() for m in _NEWLINE.finditer(self.text)]
        return self.first_line + bisect.bisect_left(self.starts, offset)


_NEWLINE = re.compile("\n")
