"""The sources registry: validate content/data/sources.yaml and resolve the ids a page cites."""

from __future__ import annotations

from dataclasses import dataclass

from sitekit.yamldata import SchemaProblem, check_against_schema, entry_name, line_for

#: schemas/sources.schema.json says what a source looks like; this module checks what a schema cannot.
SCHEMA = "sources"


@dataclass(frozen=True)
class Source:
    """A document the site's figures and legal statements come from."""

    id: str
    publisher: str
    title: str
    kind: str
    date: str = ""
    url: str = ""
    date_note: dict | None = None


def validate_sources(data, lines: dict, shown: str) -> list[str]:
    """Problems in the parsed sources file, each as `file:line: message`, in file order."""
    twice = []
    entries = data.get("sources") if isinstance(data, dict) else None
    seen: set[str] = set()
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        sid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(sid, str) and sid in seen:
            path = ("sources", index)
            twice.append(SchemaProblem(path, line_for(lines, path), f"source {sid!r} is listed twice"))
        seen.add(sid)
    return check_against_schema(data, lines, SCHEMA, shown, lambda path: _prefix(data, path), twice)


def _prefix(data, path: tuple) -> str:
    return f"source {entry_name(data, path)!r}: " if len(path) >= 2 else ""


def build_registry(data) -> dict[str, Source]:
    return {
        e["id"]: Source(
            e["id"],
            e["publisher"],
            e["title"],
            e["kind"],
            str(e.get("date") or ""),
            str(e.get("url") or ""),
            e.get("date_note") or None,
        )
        for e in data["sources"]
    }


def resolve(ids: list[str], registry: dict[str, Source]) -> tuple[list[Source], list[str]]:
    """The sources for `ids`, in the order given, and the ids that are not in the registry."""
    found = [registry[i] for i in ids if i in registry]
    return found, [i for i in ids if i not in registry]
