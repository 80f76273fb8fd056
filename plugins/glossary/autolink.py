"""Link the first use of each glossary term in a page's HTML to its entry on the glossary page.

Works on the token stream (tags and text) of the HTML that Markdown produced, so it never
touches tags or attributes and never links inside an existing link, a heading, code or a
`lang` span of another language. Written by hand because a full HTML parser round trip
(BeautifulSoup) would re-serialise every page and change bytes the editors did not touch.
"""

from __future__ import annotations

import re
from html import escape

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*?)(/)?\s*>", re.S)
_LANG = re.compile(r"""\blang\s*=\s*["']?([a-zA-Z-]+)""")
SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button", "summary"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "track"}


def link_terms(html: str, pattern: re.Pattern, words: dict[str, str], glossary_url: str, page_lang: str):
    """The HTML with the first use of each term linked, and the ids of the terms linked."""
    linked: set[str] = set()
    stack: list[tuple[str, bool]] = []
    out: list[str] = []
    for token in _TOKENS.split(html):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            _track(token, stack, page_lang)
            continue
        if any(skip for _, skip in stack):
            out.append(token)
            continue
        out.append(_link_in_text(token, pattern, words, glossary_url, linked))
    return "".join(out), linked


def _track(token: str, stack: list, page_lang: str) -> None:
    match = _TAG.match(token)
    if match is None or token.startswith("<!"):
        return
    closing, name, attrs, self_closing = match.groups()
    name = name.lower()
    if closing:
        while stack:
            if stack.pop()[0] == name:
                break
        return
    if name in VOID or self_closing:
        return
    lang = _LANG.search(attrs or "")
    other_language = bool(lang) and lang.group(1).split("-")[0] != page_lang
    stack.append((name, name in SKIP or other_language))


def _link_in_text(text: str, pattern, words, glossary_url, linked: set) -> str:
    def _sub(match: re.Match) -> str:
        term_id = words[match.group(0).lower()]
        if term_id in linked:
            return match.group(0)
        linked.add(term_id)
        return f'<a class="term" href="{escape(glossary_url)}#{term_id}">{match.group(0)}</a>'

    return pattern.sub(_sub, text)
