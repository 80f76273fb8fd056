"""Facts and figures: validate content/data/facts.yaml (every figure with a year and a known source)."""

from __future__ import annotations

from sitekit.yamldata import SchemaProblem, check_against_schema, entry_prefix, line_for

#: schemas/facts.schema.json says what a figure and a chart look like; this module checks what a schema cannot.
SCHEMA = "facts"


def validate_facts(data, lines: dict, shown: str, languages: list[str], source_ids: set[str]) -> list[str]:
    """Problems in the parsed facts file, each `file:line: message`, in file order (the schema asks for
    km and en, the site's languages; here: sources that sources.yaml does not have)."""
    unknown = []
    for kind in ("figures", "charts"):
        entries = data.get(kind) if isinstance(data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            source = entry.get("source") if isinstance(entry, dict) else None
            if isinstance(source, str) and source not in source_ids:
                path = (kind, index, "source")
                message = f"{entry_prefix(data, path)}source {source!r} is not in content/data/sources.yaml"
                unknown.append(SchemaProblem(path, line_for(lines, path), message))
    return check_against_schema(data, lines, SCHEMA, shown, more=unknown)
