"""Khmer text cut into character clusters for the search index, with the page's own text recoverable.

Why clusters and not words. Pagefind splits text on spaces only, and Khmer puts no space between
words. A word segmenter at build time (khmercut 0.2.0 was tried) and the browser's `Intl.Segmenter`
at search time cut the same text differently: on this site's Khmer articles they disagree on 14% of
word boundaries, and Chromium's ICU disagrees with the ICU 78 library on half of all runs, so a
word a reader types is often not a word of the index. On 355 words taken from the middle of
sentences a khmercut index found the page for 81-89% of them, and missed words such as "report",
"share", "threaten" or "victim" that sit inside a longer khmercut word.

So the index holds Khmer as *character clusters*: a consonant or independent vowel with its
subscripts, vowel signs and marks, the unit no segmenter ever cuts inside. Any Khmer word is a run
of adjacent clusters, however a browser segments it. `theme/static/js/search.js` cuts each query
word into clusters with the same expression (`JS_CLUSTER`, given to it by the search page), asks
Pagefind for the pages that hold every cluster, and keeps those where each word's clusters stand
next to each other, in order. On the same 355 words this finds the page every time.

How a cluster is written in the index. Pagefind strips combining marks when it normalises a word,
and matches a search term as the start of longer words, so `រុ` would also find `រ`, `រាំ`, `រៀ`...
and positions of neighbouring clusters could no longer be checked. Each cluster is therefore
written with its marks (vowel signs, subscript sign, ...) moved by a fixed offset into Runic
letters, which Pagefind keeps as they are, and ends with `END`, so that no cluster is the start of
another: `រុ` is `រᚧᛪ`, `រ` is `រᛪ`. search.js writes its query terms the same way (`encode`) and turns
the text back (`decode`) before showing it.

Spaces. Between two clusters of one run there is an inserted space. A space the page itself has
between two Khmer characters is kept and marked by `MARK` (a private-use character Pagefind drops
when it normalises a word, so it changes no word) in front of the next cluster. The page's text comes
back by decoding, removing every single space between two Khmer characters and deleting the marks
(`restore`, and the same in search.js). Text outside Khmer runs is not touched, and the written HTML
pages are never changed: only the copy given to Pagefind is.
"""

from __future__ import annotations

import re

#: Marks a space the page really has between two Khmer characters (see the module docstring).
MARK = "\ue000"
#: Ends every indexed cluster, so that no cluster is the beginning of another for Pagefind.
END = "\u16ea"
#: Khmer combining marks (vowel signs, subscript sign, other signs), moved by OFFSET into Runic letters.
MARKS = "\u17b4-\u17d3\u17dd"
OFFSET = 0x17B4 - 0x16A0
_MARK_CHAR = re.compile(f"[{MARKS}]")
_MOVED_MARK = re.compile(f"[{chr(0x17B4 - OFFSET)}-{chr(0x17DD - OFFSET)}]")

_BASE = r"\u1780-\u17b3\u17dc"  # consonants, independent vowels, avakrahasanya
_SIGN = r"\u17b4-\u17d1\u17d3\u17dd\u200c\u200d"  # vowel signs and marks that join the cluster before them
_COENG = r"\u17d2"  # subscript sign: joins the next consonant to the cluster
_OTHER = r"\u17d4-\u17db\u17e0-\u17ff\u19e0-\u19ff"  # punctuation, currency, digits, lunar-date symbols

#: One cluster, a run of Khmer digits, or one Khmer punctuation mark, written with \u escapes so the
#: same text is a Python and a JavaScript regular expression (search.js reads it from the search page).
JS_CLUSTER = (
    f"[{_BASE}](?:{_COENG}[{_BASE}]|[{_SIGN}])*|(?:{_COENG}[{_BASE}]|[{_SIGN}])+"
    rf"|[\u17e0-\u17e9]+|[{_OTHER}]"
)
_CLUSTER = re.compile(JS_CLUSTER)
_PUNCTUATION = re.compile(r"[\u17d4-\u17d6\u17d8-\u17da]")
#: Characters that count as Khmer when deciding whether a space sits "between two Khmer characters".
KHMER_CHARS = "\u1780-\u17ff\u19e0-\u19ff"
_ZW = "\u200b-\u200d"  # zero-width space and joiners, which editors sometimes put inside Khmer words
_PIECES = re.compile(
    f"(?P<khmer>[{_ZW}]*[{KHMER_CHARS}][{KHMER_CHARS}{_ZW}]*)|(?P<space>\\s+)|(?P<other>[^\\s{KHMER_CHARS}]+)"
)


def clusters(run: str) -> list[str]:
    """`ការគំរាម` -> `['កា', 'រ', 'គំ', 'រា', 'ម']`; zero-width spaces are dropped."""
    return _CLUSTER.findall(run.replace("\u200b", ""))


def encode(cluster: str) -> str:
    """A cluster as the index holds it: marks moved to Runic letters, then END (punctuation stays as it is)."""
    if _PUNCTUATION.fullmatch(cluster):
        return cluster
    return _MARK_CHAR.sub(lambda m: chr(ord(m.group()) - OFFSET), cluster) + END


def decode(text: str) -> str:
    """Index text with every cluster written back as the page has it."""
    return _MOVED_MARK.sub(lambda m: chr(ord(m.group()) + OFFSET), text.replace(END, ""))


def segment_texts(texts: list[str]) -> list[str]:
    """The text nodes of one page, in document order, rewritten for the index (same number of items).

    Nodes are handled together because a Khmer word may continue across an inline element
    (`ដែល<a>ក្លែងខ្លួន</a>ថា`): two Khmer characters that touch across a node boundary get an
    inserted space between them, one separated by the page's own space gets the mark.
    """
    out: list[str] = []
    last_khmer = False  # the last character written (outside spaces) was Khmer
    space_since = False  # the page has white space since that character
    for text in texts:
        pieces: list[str] = []
        for match in _PIECES.finditer(text):
            kind, value = match.lastgroup, match.group()
            if kind == "space":
                pieces.append(value)
                space_since = True
                continue
            if kind == "khmer":
                if last_khmer:
                    pieces.append(MARK if space_since else " ")
                pieces.append(" ".join(encode(c) for c in clusters(value)))
                last_khmer = True
            else:
                pieces.append(value)
                last_khmer = False
            space_since = False
        out.append("".join(pieces))
    return out


def segment_text(text: str) -> str:
    """One string rewritten for the index (see segment_texts)."""
    return segment_texts([text])[0]


def restore(indexed: str) -> str:
    """The page's text back from the index text, as search.js does it for an excerpt (for tests and tools).

    Pagefind adds a dot at the end of a block that has no final punctuation; after Khmer it is dropped.
    """
    text = re.sub(r"\s+", " ", decode(indexed))
    text = re.sub(f"(?<=[{KHMER_CHARS}])(?:\\.(?= {MARK})| (?=[{KHMER_CHARS}]))", "", text)
    return text.replace(MARK, "")
