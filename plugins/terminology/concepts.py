"""Read and validate the terminology data file: concepts with preferred, accepted, discouraged and wrong terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.yamldata import line_for

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VARIANT_KINDS = ("discouraged", "wrong")


@dataclass(frozen=True)
class Variant:
    """A form of a concept's term that should not be written, and why."""

    term: str
    kind: str  # "discouraged" (a warning) or "wrong" (stops the build)
    reason: str


@dataclass(frozen=True)
class Terms:
    """A concept's terms in one language."""

    preferred: str
    accepted: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()

    @property
    def good(self) -> tuple[str, ...]:
        return (self.preferred, *self.accepted)


@dataclass(frozen=True)
class Concept:
    """One idea the site names, with its terms per language."""

    id: str
    meaning: str
    reason: str
    glossary: str
    terms: dict  # language code -> Terms


def parse_concepts(data, lines: dict, shown: str, languages: list[str]) -> tuple[list[Concept], list[str]]:
    """The concepts of a parsed terminology file and every problem as `file:line: message`."""
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        return [], [f"{shown}:1: the file must hold a list `concepts:`"]
    concepts: list[Concept] = []
    problems: list[str] = []
    seen_ids: set[str] = set()
    seen_terms: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(data["concepts"]):
        base = ("concepts", index)

        def bad(path: tuple, message: str, base=base) -> None:
            problems.append(f"{shown}:{line_for(lines, base + path)}: {message}")

        if not isinstance(entry, dict):
            bad((), "each concept must be a mapping with id, meaning and terms per language")
            continue
        cid = str(entry.get("id") or "")
        if not _ID.match(cid):
            bad(("id",), f"concept id {cid!r} must be lower-case letters, digits and hyphens")
        elif cid in seen_ids:
            bad(("id",), f"concept {cid!r} is listed twice")
        seen_ids.add(cid)
        if not str(entry.get("meaning") or "").strip():
            bad(("meaning",), f"concept {cid!r}: say in `meaning:` what the idea is, for editors")
        terms: dict[str, Terms] = {}
        for lang in languages:
            block = entry.get(lang)
            if block is None:
                continue
            parsed = _parse_terms(block, cid, lang, (*base, lang), lines, shown, problems)
            if parsed is None:
                continue
            terms[lang] = parsed
            for term in (*parsed.good, *(v.term for v in parsed.variants)):
                key = (lang, term)
                if key in seen_terms and seen_terms[key] != cid:
                    bad((lang,), f"concept {cid!r}: the term {term!r} is also listed under {seen_terms[key]!r}")
                seen_terms[key] = cid
        unknown = [k for k in entry if k not in ("id", "meaning", "reason", "glossary", *languages)]
        if unknown:
            bad((unknown[0],), f"concept {cid!r}: unknown field(s) {', '.join(map(repr, unknown))}")
        if not terms:
            bad((), f"concept {cid!r}: give its terms in at least one language ({', '.join(languages)})")
        if any(t.variants for t in terms.values()) and not str(entry.get("reason") or "").strip():
            bad((), f"concept {cid!r}: say in `reason:` why the preferred form was chosen")
        concepts.append(
            Concept(
                cid,
                str(entry.get("meaning") or ""),
                str(entry.get("reason") or ""),
                str(entry.get("glossary") or ""),
                terms,
            )
        )
    return concepts, problems


def _parse_terms(block, cid, lang, path, lines, shown, problems) -> Terms | None:
    where = f"{shown}:{line_for(lines, path)}"
    if not isinstance(block, dict) or not str(block.get("preferred") or "").strip():
        problems.append(f"{where}: concept {cid!r}, {lang}: give the `preferred:` term")
        return None
    accepted = block.get("accepted") or []
    if not isinstance(accepted, list) or not all(isinstance(a, str) and a.strip() for a in accepted):
        problems.append(f"{where}: concept {cid!r}, {lang}: `accepted:` must be a list of terms")
        accepted = []
    variants: list[Variant] = []
    for kind in VARIANT_KINDS:
        listed = block.get(kind) or []
        if not isinstance(listed, list):
            problems.append(f"{where}: concept {cid!r}, {lang}: `{kind}:` must be a list of {{term, reason}}")
            continue
        for i, item in enumerate(listed):
            item_where = f"{shown}:{line_for(lines, (*path, kind, i))}"
            if not isinstance(item, dict) or not str(item.get("term") or "").strip():
                problems.append(f"{item_where}: concept {cid!r}, {lang}: each {kind} entry needs `term:`")
                continue
            if not str(item.get("reason") or "").strip():
                problems.append(f"{item_where}: concept {cid!r}, {lang}: say why {item['term']!r} is {kind}")
                continue
            variants.append(Variant(item["term"].strip(), kind, " ".join(str(item["reason"]).split())))
    return Terms(block["preferred"].strip(), tuple(a.strip() for a in accepted), tuple(variants))
