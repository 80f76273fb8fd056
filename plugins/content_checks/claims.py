"""Wording that claims the site's own information was checked, confirmed, verified or reviewed.

Such a sentence is true only with a record behind it, and records live in metadata and data files,
where the theme labels them. Written into an article or a data text, the same words would be a
claim nobody can back, so the content checks stop the build on them, and a test looks for them on
every built page outside the labels the theme makes from records.
"""

from __future__ import annotations

import re

from sitekit.patterns import ANY_INVISIBLE, INVISIBLE, LineFinder

_VERB = r"(?:checked|reviewed|verified|confirmed|tested|tried)"
# Each pattern first looks at the character it would start with (the first letters of its words): it
# otherwise tries every alternative at every character of every file.
_EN = re.compile(
    r"(?=[achilortvw])(?:"
    rf"\blast\s+{_VERB}\b"
    rf"|\b{_VERB}\s+(?:on\s+(?:a|your|my|the)\s+(?:phone|device)|on\s+\d|with\s+the\s+organi[sz]ations?\b|by\s+(?:an?\s+|our\s+)?(?:editor|reviewer|team|native))"
    r"|\b(?:we|our\s+team|our\s+editors?)\s+(?:have\s+|had\s+|has\s+)?(?:check|checked|review|reviewed|verify|verified"
    r"|confirm|confirmed|test|tested|tried)\b"
    rf"|\b(?:has|have)\s+been\s+{_VERB}\s+(?:on|by|with)\b"
    rf"|\b(?:is|are|was|were)\s+(?:regularly\s+|always\s+)?{_VERB}\s+(?:against|by\s+(?:an?\s+|our\s+)?(?:editor|reviewer|team|native))"
    r")",
    re.IGNORECASE,
)
_KM_VERB = "(?:ពិនិត្យ|ផ្ទៀងផ្ទាត់|បញ្ជាក់|សាកល្បង)"
_KM = re.compile(
    "(?=[ពផបសយត])(?:"
    rf"{_KM_VERB}(?:មើល)?ចុងក្រោយ"  # last checked / verified / confirmed
    rf"|យើង(?:បាន|នឹង|តែង)?{_KM_VERB}"  # we (have) checked / verified ...
    rf"|{_KM_VERB}(?:រួច)?(?:ហើយ)?\s*ជាមួយ(?:អង្គការ|ស្ថាប័ន)"  # confirmed with the organisation
    rf"|{_KM_VERB}\s*(?:នៅ)?លើទូរស័ព្ទ"  # tried on a phone
    rf"|ត្រូវបាន{_KM_VERB}ដោយ(?:អ្នក|យើង)"  # was checked by (someone / us)
    ")"
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
    for pattern in (_EN, _KM):
        for m in pattern.finditer(plain):
            before = plain[max(0, m.start() - 40) : m.start()].rsplit("\n", 1)[-1]
            if not _NEGATION.search(before):
                found.append((m.start(), m.group(0)))
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
