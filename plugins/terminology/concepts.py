"""Read and validate the terminology data file: concepts with preferred, accepted, discouraged and wrong terms."""

from __future__ import annotations

from dataclasses import dataclass

from sitekit.yamldata import SchemaProblem, check_against_schema, entry_name, line_for, repeated_ids

#: schemas/terminology.schema.json says what a concept looks like; this module checks what a schema cannot.
SCHEMA = "terminology"
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
    """The concepts of a parsed terminology file and every problem as `file:line: message`, in file order.

    The schema checks the structure (km and en, the site's languages); while it finds problems no concept
    is returned (the build stops on them). Here: ids used twice and a term listed under two concepts.
    """
    problems = check_against_schema(data, lines, SCHEMA, shown, lambda path: _prefix(data, path, languages))
    if problems:
        return [], problems
    found = repeated_ids(data, lines, "concepts")
    concepts: list[Concept] = []
    seen_terms: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(data["concepts"]):
        base, cid = ("concepts", index), entry["id"]

        def bad(path: tuple, message: str, base=base) -> None:
            found.append(SchemaProblem(base + path, line_for(lines, base + path), message))

        terms = {lang: _terms(entry[lang]) for lang in languages if lang in entry}
        for lang, parsed in terms.items():
            for term in (*parsed.good, *(v.term for v in parsed.variants)):
                key = (lang, term)
                if key in seen_terms and seen_terms[key] != cid:
                    bad((lang,), f"concept {cid!r}: the term {term!r} is also listed under {seen_terms[key]!r}")
                seen_terms[key] = cid
        reason, glossary = entry.get("reason") or "", entry.get("glossary") or ""
        concepts.append(Concept(cid, entry["meaning"], reason, glossary, terms))
    return concepts, [problem.format(shown) for problem in sorted(found, key=lambda p: p.line or 0)]


def _terms(block: dict) -> Terms:
    variants = tuple(
        Variant(item["term"].strip(), kind, " ".join(item["reason"].split()))
        for kind in VARIANT_KINDS
        for item in block.get(kind) or ()
    )
    return Terms(block["preferred"].strip(), tuple(a.strip() for a in block.get("accepted") or ()), variants)


def _prefix(data, path: tuple, languages: list[str]) -> str:
    if len(path) < 2:
        return ""
    name = f"concept {entry_name(data, path)!r}"
    return f"{name}, {path[2]}: " if len(path) >= 3 and path[2] in languages else f"{name}: "
