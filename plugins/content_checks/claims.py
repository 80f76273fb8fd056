"""Wording that claims the site's own information was checked, confirmed, verified or reviewed.

Such a sentence is true only with a record behind it, and records live in metadata and data files,
where the theme labels them. Written into an article or a data text, the same words would be a
claim nobody can back, so the content checks stop the build on them, and a test looks for them on
every built page outside the labels the theme makes from records.
"""

from __future__ import annotations

import re

from sitekit.patterns import ANY_INVISIBLE, INVISIBLE, LineFinder, finditer_any_case

_VERBS = ("checked", "reviewed", "verified", "confirmed", "tested", "tried")
_VERB = f"(?:{'|'.join(_VERBS)})"
_BY_SOMEONE = r"by\s+(?:an?\s+|our\s+)?(?:editor|reviewer|team|native)"
_WE_CHECKED = (
    r"\s+(?:have\s+|had\s+|has\s+)?(?:check|checked|review|reviewed|verify|verified|confirm|confirmed|test|tested|tried)"
    r"\b"
)
_IS_CHECKED = rf"\s+(?:regularly\s+|always\s+)?{_VERB}\s+(?:against|{_BY_SOMEONE})"


def _word(word: str) -> str:
    """`word` at the start of a word: its first letter, then a look back that no letter stands before it."""
    return re.escape(word[0]) + r"(?<!\w.)" + re.escape(word[1:])


# Written in lower case, for a text in lower case (sitekit.patterns.finditer_any_case), and each alternative starting
# with a letter of its own: `re` skips straight to the places where one of those letters starts a word
# (a case-insensitive pattern tried every alternative at every character of every file).
_EN = re.compile(
    "|".join(
        [
            rf"{_word('last')}\s+{_VERB}\b",
            *(
                rf"{_word(verb)}\s+(?:on\s+(?:a|your|my|the)\s+(?:phone|device)|on\s+\d"
                rf"|with\s+the\s+organi[sz]ations?\b|{_BY_SOMEONE})"
                for verb in _VERBS
            ),
            rf"{_word('we')}{_WE_CHECKED}",
            rf"{_word('our')}\s+(?:team|editors?){_WE_CHECKED}",
            rf"{_word('has')}\s+been\s+{_VERB}\s+(?:on|by|with)\b",
            rf"{_word('have')}\s+been\s+{_VERB}\s+(?:on|by|with)\b",
            *(f"{_word(verb)}{_IS_CHECKED}" for verb in ("is", "are", "was", "were")),
        ]
    )
)


_KM_VERBS = ("ពិនិត្យ", "ផ្ទៀងផ្ទាត់", "បញ្ជាក់", "សាកល្បង")
_KM_AFTER_VERB = (
    "(?:មើល)?ចុងក្រោយ"  # last checked / verified / confirmed
    "|(?:រួច)?(?:ហើយ)?\\s*ជាមួយ(?:អង្គការ|ស្ថាប័ន)"  # confirmed with the organisation
    "|\\s*(?:នៅ)?លើទូរស័ព្ទ"  # tried on a phone
)
_KM_VERB = f"(?:{'|'.join(_KM_VERBS)})"
# Every alternative starts with a letter of its own (the verb written out in each), so that `re` skips
# straight to the few places where one of those letters stands.
_KM = re.compile(
    "|".join(f"{verb}(?:{_KM_AFTER_VERB})" for verb in _KM_VERBS)
    + f"|យើង(?:បាន|នឹង|តែង)?{_KM_VERB}"  # we (have) checked / verified ...
    + f"|ត្រូវបាន{_KM_VERB}ដោយ(?:អ្នក|យើង)"  # was checked by (someone / us)
)


# A claim just after one of these is a denial ("not yet confirmed"), which is always allowed.
_NEGATION = re.compile(
    r"(?:\bnot|\bnever|\bno\s+one|\bnobody|\bnot\s+yet|មិន|មិនទាន់|មិនទាន់បាន|មិនបាន|គ្មាន)\W{0,2}(?:\w+\W+){0,2}$", re.I
)


def find_claims(text: str) -> list[str]:
    """Every phrase in `text` that claims a check of the site's own information (denials are not claims)."""
    return [phrase for _offset, phrase in _claims(text.translate(INVISIBLE))]


def _claims(plain: str) -> list[tuple[int, str]]:
    found = []
    for matches in (finditer_any_case(_EN, plain), _KM.finditer(plain)):
        for m in matches:
            start, end = m.span()
            before = plain[max(0, start - 40) : start].rsplit("\n", 1)[-1]
            if not _NEGATION.search(before):
                found.append((start, plain[start:end]))
    return sorted(found)


def claim_problems(lines: list[str], first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for every claim in `lines` (a Markdown file's text or a data file)."""
    plain = "\n".join(lines)
    if ANY_INVISIBLE.search(plain):
        plain = plain.translate(INVISIBLE)  # removing invisible characters keeps every line break
    where = LineFinder(plain, first_line)
    problems = []
    for offset, phrase in _claims(plain):
        number = where.line(offset)
        problems.append(
            (
                number,
                f"{phrase!r} claims a check of this site's information; the site may say so only from a record "
                "(metadata `Reviewed:`/`Checked:` or `confirmed:` in contacts.yaml), which the theme labels "
                "itself. "
                "Remove or reword the sentence",
            )
        )
    return problems
