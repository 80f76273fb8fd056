"""Cut page text into the search index's tokens: Khmer character clusters, numbers, other words.

Why clusters and not words. Khmer puts no space between words. A word segmenter at build time
(khmercut 0.2.0 was tried) and the browser's `Intl.Segmenter` at search time cut the same text
differently: on this site's Khmer articles they disagree on 14% of word boundaries, and Chromium's
ICU disagrees with the ICU 78 library on half of all runs, so a word a reader types is often not a
word of the index. On 355 words taken from the middle of sentences a khmercut index found the page
for 81-89% of them, and missed words such as "report", "share", "threaten" or "victim" that sit
inside a longer khmercut word.

So the index works on *character clusters*: a consonant or independent vowel with its subscripts,
vowel signs and marks, the unit no segmenter ever cuts inside. Any Khmer word is a run of clusters
at adjacent positions, however a browser segments it. `engine.js` cuts each query word with the
same expression (`JS_CLUSTER`, given to it by the search page) and keeps the pages where the word's
clusters stand next to each other, in order. `index.py` decides what the index stores for them.

Positions. Every token takes one position, and so does every run of white space and every other
character (punctuation, symbols) without being a token: a Khmer word is never found across a space,
a full stop or a comma. (A space inside a Khmer phrase usually separates words; a reader who types
two words without it still finds the page, see engine.js.)

Numbers. Khmer digits (០-៩) and Latin digits (0-9) are two ways to write the same number, and
readers type either: every run of Khmer digits is indexed as Latin digits, and engine.js does the
same to the query (`១២៨០` and `1280` are both the token `1280`).

Other words (Latin script and any other) are lower-cased with their accents removed; engine.js
does the same to the query and matches them as the beginning of indexed words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import NamedTuple

_BASE = r"\u1780-\u17b3\u17dc"  # consonants, independent vowels, avakrahasanya
_SIGN = r"\u17b4-\u17d1\u17d3\u17dd\u200c\u200d"  # vowel signs and marks that join the cluster before them
_COENG = r"\u17d2"  # subscript sign: joins the next consonant to the cluster

#: One Khmer cluster, or the repetition sign ៗ (part of the word it repeats: `ម្នាក់ៗ`), written with \u
#: escapes so the same text is a Python and a JavaScript regular expression (engine.js reads it from
#: the search page's `data-cl`).
JS_CLUSTER = f"[{_BASE}](?:{_COENG}[{_BASE}]|[{_SIGN}])*|(?:{_COENG}[{_BASE}]|[{_SIGN}])+|\\u17d7"
#: Characters of the Khmer blocks (letters, signs, punctuation, digits, lunar-date symbols).
KHMER_CHARS = "\u1780-\u17ff\u19e0-\u19ff"
KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
_TO_LATIN = str.maketrans(KHMER_DIGITS, "0123456789")
#: A cluster, a run of Khmer digits, a word of any other script (letters and digits), white space,
#: or one other character. engine.js has the same alternatives (`\p{L}\p{N}` for the third).
_ALTERNATIVES = {
    "cluster": JS_CLUSTER,
    "number": f"[{KHMER_DIGITS}]+",
    "word": f"[^\\W_{KHMER_CHARS}]+",
    "gap": "\\s+|.",
}
_TOKEN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _ALTERNATIVES.items()), re.S)
#: The same without groups: `findall` then gives each position's text alone, a string instead of a tuple
#: of four, and what kind of position a text is is looked up once per distinct text (`_KINDS`).
_POSITION = re.compile("|".join(f"(?:{pattern})" for pattern in _ALTERNATIVES.values()), re.S)


class Token(NamedTuple):
    """One position of the index: `key` is what is searched (None for punctuation), `start`/`end` its text.

    (A named tuple: a page has thousands of tokens and a tuple is several times cheaper to make.)
    """

    key: str | None
    start: int
    end: int
    khmer: bool = False


def clusters(run: str) -> list[str]:
    """`ការគំរាម` -> `['កា', 'រ', 'គំ', 'រា', 'ម']`."""
    return [t.key for t in tokens(run) if t.khmer]


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A non-Khmer word as the index holds it: lower case, accents removed, Khmer digits as Latin ones."""
    decomposed = unicodedata.normalize("NFD", word.lower().translate(_TO_LATIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Table(dict):
    """A position's text -> one fact about it (`fact(text)`), worked out on first sight.

    A page has thousands of positions and a few hundred distinct texts: the index builder's hot loop
    becomes one dictionary look-up per position, made in C by `map`. Kept between pages, up to
    `LIMIT` texts (a Khmer site has a few thousand clusters and words; 50,000 keep it under 10 MB).
    """

    LIMIT = 50_000

    def __init__(self, fact):
        super().__init__()
        self.fact = fact

    def __missing__(self, text: str):
        value = self.fact(text)
        if len(self) >= self.LIMIT:
            self.clear()
        self[text] = value
        return value


def _kind(text: str) -> tuple[str | None, bool]:
    """(key, whether it is a Khmer cluster) of one match of _POSITION (_TOKEN matches all of it the same way)."""
    cluster, number, word, _gap = _TOKEN.match(text).groups()
    return (cluster, True) if cluster else (fold(text) if number or word else None, False)


#: A position's text -> its key (None for a gap).
_KEYS = _Table(lambda text: _kind(text)[0])
#: A position's text -> the cluster itself when it is a Khmer cluster, else "".
_CLUSTERS = _Table(lambda text: text if _kind(text)[1] else "")


def positions(text: str) -> tuple[list[str], list[int]]:
    """The text of each position of `text` and where it starts, made in C (`findall`, `accumulate`)
    instead of a Python object per token: the index builder's hot loop has thousands per page.
    A zero-width space is not a position (it sits inside Khmer words); the offsets still count it."""
    texts = _POSITION.findall(text)
    starts = list(accumulate(map(len, texts), initial=0))
    starts.pop()
    if "\u200b" in text:
        kept = [i for i, value in enumerate(texts) if value != "\u200b"]
        texts, starts = [texts[i] for i in kept], [starts[i] for i in kept]
    return texts, starts


def keys_and_clusters(texts: list[str]) -> tuple[list[str | None], list[str]]:
    """For each position's text: its key (None for a gap) and its cluster ("" when it is not a Khmer cluster)."""
    return list(map(_KEYS.__getitem__, texts)), list(map(_CLUSTERS.__getitem__, texts))


def token_columns(text: str) -> tuple[list[str | None], list[bool], list[int], list[int]]:
    """The positions of `text` in order as four lists: keys (None for a gap: spaces, punctuation),
    is-Khmer, start and end offsets."""
    texts, starts = positions(text)
    keys, clusters = keys_and_clusters(texts)
    return keys, [bool(c) for c in clusters], starts, list(map(add, starts, map(len, texts)))


def tokens(text: str) -> list[Token]:
    """`token_columns(text)` as one Token per position.

    >>> [t.key for t in tokens("លេខ ១២៨០។ Call 1280")]
    ['លេ', 'ខ', None, '1280', None, None, 'call', None, '1280']
    """
    keys, khmer, starts, ends = token_columns(text)
    return [Token(*position) for position in zip(keys, starts, ends, khmer, strict=True)]
