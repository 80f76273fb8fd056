"""Language rules: `<html lang>`, well-formed `lang` values, and Khmer or English passages left unmarked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from sitekit.patterns import KHMER_LETTER, LATIN_LETTER

from .document import Document, Problem, primary

# Khmer letters (sitekit.patterns.KHMER_LETTER) leave out Khmer digits: digits are not words.
_KHMER_RUN = re.compile(rf"[{KHMER_LETTER}](?:[{KHMER_LETTER}\u17e0-\u17e9\u200b\u200c\u200d\s]*[{KHMER_LETTER}])?")

#: Elements whose text is not prose in any language (code, scripts) or cannot carry a lang (the head).
SKIPPED = frozenset({"script", "style", "code", "pre", "template", "head"})
#: Elements that break a run of text: two words either side of one are not one phrase.
_BLOCK_NAMES = """address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p section summary table tbody td tfoot
    th thead tr ul
    img svg text title desc input select textarea button label legend noscript iframe object video audio
    canvas meter progress"""
BLOCKS = frozenset(_BLOCK_NAMES.split())

_LETTER = LATIN_LETTER
#: A Latin word: letters (digits may be attached: "4G", "Web3"), with inner apostrophes or hyphens.
_WORD = re.compile(rf"[{_LETTER}0-9]*[{_LETTER}][{_LETTER}0-9]*(?:['’\-][{_LETTER}0-9]+)*")
#: What may stand between two words of one phrase: spaces, and "&" or "/" ("Settings & privacy").
_JOINER = re.compile(r"^\s*[&/+]?\s*$")
#: Things made of Latin letters that are not words: web addresses, e-mail addresses, domain names.
_NOT_WORDS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/\S*)?",
    re.IGNORECASE,
)
_LATIN_LETTER = re.compile(f"[{_LETTER}]")
_KHMER_LETTER = re.compile(f"[{KHMER_LETTER}]")
_TEXT_NODES = etree.XPath(".//text()")
_WITH_LANG = etree.XPath(".//*[@lang]")
_LANG_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$")
#: An acronym: two or more capitals (digits allowed), e.g. CSAM, SMS, APLE, ICT, 4G.
_ACRONYM = re.compile(r"^[A-Z0-9]*[A-Z][A-Z0-9]+$")


@dataclass
class Chunk:
    """Consecutive text in one language with no block boundary inside: the unit in which phrases are found."""

    lang: str
    pieces: list[tuple[int, str, HtmlElement]]  # (offset, text, parent element)

    @property
    def text(self) -> str:
        return "".join(text for _, text, _ in self.pieces)

    def element_at(self, offset: int) -> HtmlElement:
        element = self.pieces[0][2]
        for start, _text, parent in self.pieces:
            if start > offset:
                break
            element = parent
        return element


def check(doc: Document, config: dict) -> Iterator[Problem]:
    languages = config["languages"]
    yield from check_html_lang(doc, languages)
    yield from check_lang_values(doc)
    if doc.lang:
        yield from check_unmarked(doc, config["english_min_words"])


def check_html_lang(doc: Document, languages: list[str]) -> Iterator[Problem]:
    raw = doc.html.get("lang", "").strip() if doc.html is not None else ""
    if not raw:
        yield Problem("html-lang", "the page has no <html lang>: screen readers cannot tell which voice to use")
    elif primary(raw) not in languages:
        yield Problem("html-lang", f'<html lang="{raw}"> is not one of the site\'s languages ({", ".join(languages)})')


def check_lang_values(doc: Document) -> Iterator[Problem]:
    for el in doc.elements:
        value = el.get("lang")
        if value is not None and el.tag != "html" and not _LANG_TAG.match(value.strip()):
            yield Problem("lang-valid", f'lang="{value}" is not a language tag such as "en" or "km"', el)


def chunks(doc: Document) -> list[Chunk]:
    """The page's visible text split into chunks of one language, broken at block elements."""
    result: list[Chunk] = []
    current: list = [None, [], 0]  # [lang, pieces, length of their text]

    def flush() -> None:
        if current[1]:
            result.append(Chunk(current[0], current[1]))
        current[0], current[1], current[2] = None, [], 0

    def add(text: str, lang: str, parent: HtmlElement) -> None:
        if current[1] and current[0] != lang:
            flush()
        current[0] = lang
        current[1].append((current[2], text, parent))
        current[2] += len(text)

    root = doc.body if doc.body is not None else doc.root
    _walk_chunks(root, doc.lang_of(root), add, flush)
    flush()
    return result


def _walk_chunks(node: HtmlElement, lang: str, add, flush) -> None:
    # A module function, not an inner one: see document._read_aloud.
    # lxml keeps text before the first child in `.text`, and text after each child in that child's `.tail`.
    if node.text:
        add(node.text, lang, node)
    for child in node:
        if isinstance(child.tag, str):  # not a comment or processing instruction (their tail still counts)
            if child.tag in SKIPPED:
                flush()
            else:
                child_lang = primary(child.get("lang")) if child.get("lang") is not None else lang
                block = child.tag in BLOCKS
                if block:
                    flush()
                _walk_chunks(child, child_lang, add, flush)
                if block:
                    flush()
        if child.tail:
            add(child.tail, lang, node)


def check_unmarked(doc: Document, min_words: int) -> Iterator[Problem]:
    if nothing_to_mark(doc):
        return
    for chunk in chunks(doc):
        if not chunk.lang:
            continue
        text = chunk.text
        if chunk.lang != "km":
            for match in _KHMER_RUN.finditer(text):
                run = match.group()
                yield Problem(
                    "lang-khmer-unmarked",
                    f'Khmer text "{_short(run)}" is not marked as Khmer: wrap it in <span lang="km">...</span> '
                    "so screen readers read it with a Khmer voice",
                    chunk.element_at(match.start()),
                    needles=_needles(run),
                )
        elif _LATIN_LETTER.search(text):  # most Khmer chunks have no Latin letter: no English phrase
            for start, words in english_runs(text, min_words):
                phrase = " ".join(words)
                yield Problem(
                    "lang-english-unmarked",
                    f'English words "{_short(phrase)}" in Khmer text are not marked: wrap them in '
                    '<span lang="en">...</span> so screen readers read them with an English voice',
                    chunk.element_at(start),
                    needles=_needles(phrase),
                )


def nothing_to_mark(doc: Document) -> bool:
    """Whether a page not in Khmer has no passage to mark, decided without cutting its text into chunks.

    True when no Khmer letter stands outside a Khmer-marked element (or code) and no Khmer-marked
    element holds a Latin letter. That is an English page whose only Khmer is the language switch:
    half the pages, and the chunks took a third of the accessibility checks' time. Otherwise the
    chunks decide (`check_unmarked`), as they always do for a Khmer page, whose brand names and
    addresses are Latin.
    """
    root = doc.body if doc.body is not None else doc.root
    if doc.lang_of(root) == "km":
        return False
    for el in _WITH_LANG(root):
        if doc.lang_of(el) == "km" and not _skipped(el) and _LATIN_LETTER.search(el.text_content()):
            return False
    for text in _TEXT_NODES(root):
        if _KHMER_LETTER.search(text):
            holder = text.getparent()
            if text.is_tail:  # the text after an element belongs to that element's parent
                holder = holder.getparent()
            if holder is not None and doc.lang_of(holder) not in ("", "km") and not _skipped(holder):
                return False
    return True


def _skipped(el: HtmlElement) -> bool:
    """Whether `el` or an element around it is one whose text is not prose (`SKIPPED`)."""
    return el.tag in SKIPPED or any(parent.tag in SKIPPED for parent in el.iterancestors())


def english_runs(text: str, min_words: int = 2) -> list[tuple[int, list[str]]]:
    """(offset, words) of every phrase of at least `min_words` Latin words in `text`.

    Words are separated only by spaces (or "&", "/"); any other character (Khmer, digits, commas,
    brackets) ends a phrase. URLs, e-mail and domain names are not words. A phrase made only of
    acronyms ("CSAM SMS") is not English prose.
    """
    masked = _NOT_WORDS.sub(lambda m: "\x00" * len(m.group()), text)
    runs: list[tuple[int, list[str]]] = []
    words: list[str] = []
    start = 0
    previous_end = None
    for match in _WORD.finditer(masked):
        if previous_end is not None and _JOINER.match(masked[previous_end : match.start()]):
            words.append(match.group())
        else:
            if len(words) >= min_words:
                runs.append((start, words))
            words, start = [match.group()], match.start()
        previous_end = match.end()
    if len(words) >= min_words:
        runs.append((start, words))
    return [(s, w) for s, w in runs if not all(_ACRONYM.match(word) for word in w)]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _needles(text: str) -> tuple[str, ...]:
    """The phrase, then its first two words, to find its line in the Markdown file."""
    words = text.split()
    needles = [" ".join(words)]
    if len(words) > 2:
        needles.append(" ".join(words[:2]))
    return tuple(needles)
