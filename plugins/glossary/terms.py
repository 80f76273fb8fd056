"""Glossary terms: validate content/data/glossary.yaml and build a matcher per language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.yamldata import check_against_schema, repeated_ids

#: schemas/glossary.schema.json says what a term looks like; this module checks what a schema cannot.
SCHEMA = "glossary"


@dataclass(frozen=True)
class Term:
    """One glossary entry in every language."""

    id: str
    term: dict
    definition: dict
    match: dict
    sources: tuple


def validate_terms(data, lines: dict, shown: str, languages: list[str]) -> list[str]:
    """Problems in the parsed glossary file, each `file:line: message`, in file order (the schema asks for
    km and en, the site's languages)."""
    return check_against_schema(data, lines, SCHEMA, shown, more=repeated_ids(data, lines, "terms"))


def build_terms(data) -> tuple[Term, ...]:
    return tuple(
        Term(e["id"], e["term"], e["definition"], e["match"], tuple(e.get("sources") or ())) for e in data["terms"]
    )


def matcher(terms, lang: str) -> tuple[re.Pattern, dict[str, str]] | None:
    """One regex for every match word of `lang` and a map from lower-cased word to term id.

    Latin words match whole words only, case-insensitively; Khmer has no spaces between words, so a
    Khmer term matches wherever its letters appear (the glossary lists full compound forms). Where
    two words start alike, the longest one that fits wins.

    The regex is written in lower case and without `re.IGNORECASE`, for a page's text in lower case
    (`autolink.link_terms`): a case-insensitive pattern cannot tell `re` which letters a match starts
    with, and the search then tries the whole pattern at every character of the page.
    """
    words: dict[str, str] = {}
    for term in terms:
        for word in term.match.get(lang, []):
            words.setdefault(word.lower(), term.id)
    if not words:
        return None
    latin = [w for w in words if re.match(r"[a-z0-9]", w)]
    other = [w for w in words if not re.match(r"[a-z0-9]", w)]
    if len(other) >= len(latin):
        # Mostly Khmer words: every alternative starts with a letter, so `re` skips straight to the few
        # places where one of those letters stands (three times faster on a Khmer page). A Latin word
        # checks that it starts a word once its first letter matched, and that it ends one.
        return re.compile(_branches(_tree(words), word_end=r"(?!\w)", first=r"(?<!\w.)")), words
    # Mostly English words, whose first letters are most letters of an English page: one test for the start
    # of a word first, around all Latin words at once (the same matches: a Latin and a Khmer word never
    # start with the same letter).
    parts = ([rf"(?<!\w)(?:{prefix_tree(latin)})(?!\w)"] if latin else []) + ([prefix_tree(other)] if other else [])
    return re.compile("|".join(parts)), words


def prefix_tree(words: list[str]) -> str:
    """A regular expression matching any of `words`, the longest first, with shared beginnings written once.

    `a|ab|abc` as `a(?:b(?:c)?)?`: Python's `re` tries the alternatives of a plain list one by one at
    every position of the text, so a list of a hundred words is tried a hundred times per character;
    here each character is looked at once per branch. Linking a page's terms takes less than half the
    time (1.3 ms to 0.5 ms an English page), with the same matches (the longer branch is tried first).
    """
    return _branches(_tree(words))


def _tree(words) -> dict:
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return tree


def _branches(node: dict, word_end: str = "", first: str | None = None, latin: bool = False) -> str:
    """The pattern of a prefix tree's `node`. With `first`, `node` is the root: a Latin word (one starting
    with a-z or 0-9) gets `first` after its first letter and `word_end` where it ends."""
    branches = []
    for char in sorted(node):
        if not char:
            continue
        is_latin = latin if first is None else bool(re.match(r"[a-z0-9]", char))
        head = re.escape(char) + (first if first is not None and is_latin else "")
        branches.append(head + _branches(node[char], word_end, None, is_latin))
    end = word_end if latin else ""
    if not branches:
        return end
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body}|{end})" if end else f"(?:{body})?"
