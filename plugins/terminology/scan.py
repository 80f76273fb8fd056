"""Find discouraged and wrong terms in a text, line by line; the longest match wins over a shorter one inside it.

A discouraged term directly in quotation marks is a mention, not a use ("we say CSAM, not
"child pornography"") and is not reported; a wrong term is reported even then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.patterns import ANY_INVISIBLE, INVISIBLE

from .concepts import Concept

# Invisible characters an editor's keyboard may put inside a Khmer word; they must not hide a term.


@dataclass(frozen=True)
class TermHit:
    """A discouraged or wrong term found on one line."""

    line: int
    term: str
    kind: str
    concept: str
    reason: str


def term_matcher(concepts: list[Concept], lang: str):
    """A compiled pattern of every term of `lang` (longest first) and what each term is."""
    table: dict[str, tuple[str, str, str]] = {}
    for concept in concepts:
        terms = concept.terms.get(lang)
        if terms is None:
            continue
        for good in terms.good:
            table.setdefault(good, ("good", concept.id, ""))
        for variant in terms.variants:
            table[variant.term] = (variant.kind, concept.id, variant.reason)
    if not table:
        return None
    ordered = sorted(table, key=len, reverse=True)
    # Latin terms must stand as whole words; Khmer has no spaces between words, so it cannot.
    parts = [rf"(?<!\w){re.escape(t)}(?!\w)" if t.isascii() else re.escape(t) for t in ordered]
    # Looking first at the character a term would start with spares trying every term at every character.
    first = "".join(sorted({re.escape(t[0]) for t in ordered}))
    return re.compile(f"(?=[{first}])(?:{'|'.join(parts)})", re.IGNORECASE), {k.lower(): v for k, v in table.items()}


def find_terms(lines: list[str], matcher, first_line: int = 1) -> list[TermHit]:
    """Every discouraged or wrong term in `lines` (a good term that contains one hides it)."""
    if matcher is None:
        return []
    pattern, table = matcher
    hits = []
    # Removing invisible characters line by line was a third of the scan; most files have none.
    invisible = ANY_INVISIBLE.search("\n".join(lines)) is not None
    for number, line in enumerate(lines, start=first_line):
        plain = line.translate(INVISIBLE) if invisible else line
        for match in pattern.finditer(plain):
            kind, concept, reason = table[match.group(0).lower()]
            if kind == "good" or (kind == "discouraged" and _quoted(plain, match.start(), match.end())):
                continue  # naming a word in quotation marks ("why we do not say ...") is not using it
            hits.append(TermHit(number, match.group(0), kind, concept, reason))
    return hits


def _quoted(line: str, start: int, end: int) -> bool:
    """Whether the text from start to end stands directly between quotation marks."""
    return start > 0 and end < len(line) and line[start - 1] in _OPENING and line[end] in _CLOSING


_OPENING = "\"“«'‘"
_CLOSING = "\"”»'’"


def glossary_problems(concepts: list[Concept], glossary: dict, lang: str) -> list[tuple[str, str]]:
    """(glossary id, problem) where a glossary entry's match words do not follow its concept."""
    problems = []
    for concept in concepts:
        terms = concept.terms.get(lang)
        if not concept.glossary or terms is None:
            continue
        entry = glossary.get(concept.glossary)
        if entry is None:
            problems.append(
                (
                    concept.glossary,
                    f"concept {concept.id!r} names glossary entry {concept.glossary!r}, which does not exist",
                )
            )
            continue
        words = list((entry.get("match") or {}).get(lang) or [])
        missing = [t for t in terms.good if t not in words]
        if missing:
            problems.append(
                (
                    concept.glossary,
                    f"{lang} match words must include {', '.join(missing)} (terminology concept {concept.id!r})",
                )
            )
        banned = [v.term for v in terms.variants if any(v.term in word for word in words)]
        if banned:
            problems.append(
                (
                    concept.glossary,
                    f"{lang} match words must not include {', '.join(banned)} (terminology concept {concept.id!r})",
                )
            )
    return problems
