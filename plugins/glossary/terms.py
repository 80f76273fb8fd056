"""Glossary terms: validate content/data/glossary.yaml and build a matcher per language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.yamldata import SchemaProblem, check_against_schema, entry_name, line_for

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
    twice = []
    entries = data.get("terms") if isinstance(data, dict) else None
    seen: set[str] = set()
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        tid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(tid, str) and tid in seen:
            path = ("terms", index)
            twice.append(SchemaProblem(path, line_for(lines, path), f"term {tid!r} is listed twice"))
        seen.add(tid)
    return check_against_schema(data, lines, SCHEMA, shown, lambda path: _prefix(data, path), twice)


def _prefix(data, path: tuple) -> str:
    return f"term {entry_name(data, path)!r}: " if len(path) >= 2 else ""


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
