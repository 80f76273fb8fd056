"""The sources registry: validate content/data/sources.yaml and resolve the ids a page cites."""

from __future__ import annotations

from dataclasses import dataclass

from sitekit.yamldata import check_against_schema, repeated_ids

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
    return check_against_schema(data, lines, SCHEMA, shown, more=repeated_ids(data, lines, "sources"))


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
