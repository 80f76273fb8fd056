"""Khmer typed in an order a normaliser would change: a split vowel, or a sign or vowel typed before a subscript.

Such text looks right on screen but is a different string, so search and copy-paste do not find the
word. khmernormalizer (PyPI, SIL's khnormal) was tried first and is not used: its recategorisation
chains past the first subscript, so it rewrites correct words (វប្បធម៌ -> វប៌្បធម) and "corrects"
a misordered word into another wrong one (ក ោ ្ រ ម -> ក្រមោ instead of ក្រោម). These rules cover
the two mistakes an editor's keyboard actually makes, and each gives the corrected spelling.
"""

from __future__ import annotations

import re

from sitekit.patterns import LineFinder

_CONSONANT = "\u1780-\u17a2"
_SUBSCRIPT = f"\u17d2[{_CONSONANT}]"
# Dependent vowels and signs that belong after every subscript of the cluster.
_AFTER_SUBSCRIPTS = "\u17b6-\u17c5\u17c6-\u17d1\u17d3\u17dd"
_SPLIT_VOWELS = {"\u17c1\u17b8": "\u17be", "\u17c1\u17b6": "\u17c4"}  # េ+ី -> ើ, េ+ា -> ោ

_VOWEL_BEFORE_SUBSCRIPT = re.compile(f"([{_AFTER_SUBSCRIPTS}]+)((?:{_SUBSCRIPT})+)")
_RO_FIRST = re.compile(f"(\u17d2\u179a)((?:{_SUBSCRIPT})+)")
_SPLIT = re.compile("|".join(_SPLIT_VOWELS))
_WORD = re.compile(f"[{_CONSONANT}\u17a3-\u17d3\u17dd\u200b-\u200d]+")


def standard_spelling(word: str) -> str:
    """The word with subscripts before vowels and signs, subscript RO last and split vowels joined."""
    fixed = word
    for _ in range(3):  # a cluster can need more than one move
        before = fixed
        fixed = _VOWEL_BEFORE_SUBSCRIPT.sub(lambda m: m.group(2) + m.group(1), fixed)
        fixed = _RO_FIRST.sub(lambda m: m.group(2) + m.group(1), fixed)
        fixed = _SPLIT.sub(lambda m: _SPLIT_VOWELS[m.group(0)], fixed)
        if fixed == before:
            break
    return fixed


def spelling_problems(lines: list[str], first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for every Khmer word typed in an order that search would not find."""
    problems = []
    text = "\n".join(lines)
    # A word is respelled only where one of the three patterns matches inside it: a text in which none
    # matches (nearly every file) needs no word checked alone.
    if not (_VOWEL_BEFORE_SUBSCRIPT.search(text) or _RO_FIRST.search(text) or _SPLIT.search(text)):
        return problems
    where = LineFinder(text, first_line)
    for match in _WORD.finditer(text):
        typed = match.group(0)
        fixed = standard_spelling(typed)
        if fixed != typed:
            number = where.line(match.start())
            problems.append(
                (
                    number,
                    f"Khmer {typed!r} is typed in a non-standard order (a vowel or sign before a subscript, or a "
                    f"vowel in two parts): it looks right but search cannot find it; retype it as {fixed!r}",
                )
            )
    return problems
