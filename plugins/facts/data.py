"""Facts and figures: validate content/data/facts.yaml (every figure with a year and a known source)."""

from __future__ import annotations

from sitekit.yamldata import SchemaProblem, entry_name, line_for, schema_problems

#: schemas/facts.schema.json says what a figure and a chart look like; this module checks what a schema cannot.
SCHEMA = "facts"


def validate_facts(data, lines: dict, shown: str, languages: list[str], source_ids: set[str]) -> list[str]:
    """Problems in the parsed facts file, each `file:line: message`, in file order (the schema asks for
    km and en, the site's languages; here: sources that sources.yaml does not have)."""
    found = [(p, _prefix(data, p.path)) for p in schema_problems(data, lines, SCHEMA)]
    for kind in ("figures", "charts"):
        entries = data.get(kind) if isinstance(data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            source = entry.get("source") if isinstance(entry, dict) else None
            if isinstance(source, str) and source not in source_ids:
                path = (kind, index, "source")
                message = f"source {source!r} is not in content/data/sources.yaml"
                found.append((SchemaProblem(path, line_for(lines, path), message), _prefix(data, path)))
    found.sort(key=lambda pair: pair[0].line or 0)
    return [problem.format(shown, prefix) for problem, prefix in found]


def _prefix(data, path: tuple) -> str:
    if len(path) < 2:
        return ""
    return f"{path[0][:-1]} {entry_name(data, path)!r}: "  # "figure 'internet-users-2019': "
