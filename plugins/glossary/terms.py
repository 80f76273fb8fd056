"""Glossary terms: validate content/data/glossary.yaml and build a matcher per language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.yamldata import line_for

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRANSLATED = ("term", "definition")


@dataclass(frozen=True)
class Term:
    """One glossary entry in every language."""

    id: str
    term: dict
    definition: dict
    match: dict
    sources: tuple


def validate_terms(data, lines: dict, shown: str, languages: list[str]) -> list[str]:
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list) or not data["terms"]:
        return [f"{shown}: the file must hold a non-empty list `terms:`"]
    problems, seen = [], set()
    for index, entry in enumerate(data["terms"]):
        base = ("terms", index)
        if not isinstance(entry, dict):
            problems.append(f"{shown}:{line_for(lines, base)}: each term must be a mapping")
            continue
        tid = str(entry.get("id", f"#{index + 1}"))
        if not _ID.match(tid):
            problems.append(f"{shown}:{line_for(lines, base)}: term {tid!r}: id must be lower-case letters and hyphens")
        if tid in seen:
            problems.append(f"{shown}:{line_for(lines, base)}: term {tid!r} is listed twice")
        seen.add(tid)
        for field in (*TRANSLATED, "match"):
            value = entry.get(field)
            for lang in languages:
                ok = isinstance(value, dict) and value.get(lang)
                if field == "match":
                    ok = (
                        ok
                        and isinstance(value[lang], list)
                        and all(isinstance(w, str) and w.strip() for w in value[lang])
                    )
                if not ok:
                    where = line_for(lines, (*base, field, lang))
                    problems.append(f"{shown}:{where}: term {tid!r}: field '{field}.{lang}' is missing or empty")
    return problems


def build_terms(data) -> tuple[Term, ...]:
    return tuple(
        Term(e["id"], e["term"], e["definition"], e["match"], tuple(e.get("sources") or ())) for e in data["terms"]
    )


def matcher(terms, lang: str) -> tuple[re.Pattern, dict[str, str]] | None:
    """One regex for every match word of `lang` (longest first) and a map from lower-cased word to term id.

    Latin words match whole words only, case-insensitively; Khmer has no spaces between words, so a
    Khmer term matches wherever its letters appear (the glossary lists full compound forms).
    """
    words: dict[str, str] = {}
    for term in terms:
        for word in term.match.get(lang, []):
            words.setdefault(word.lower(), term.id)
    if not words:
        return None
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word)
        parts.append(rf"(?<![\w]){escaped}(?![\w])" if re.match(r"[a-z0-9]", word) else escaped)
    return re.compile("|".join(parts), re.IGNORECASE), words
