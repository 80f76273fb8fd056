"""Facts and figures: validate content/data/facts.yaml (every figure with a year and a known source)."""

from __future__ import annotations

from sitekit.yamldata import line_for

FIGURE_TEXT = ("figure", "label", "shows", "limits")
CHART_TEXT = ("title", "unit")
CHART_KINDS = ("bar", "share")


def validate_facts(data, lines: dict, shown: str, languages: list[str], source_ids: set[str]) -> list[str]:
    """Problems in the parsed facts file, each `file:line: message`."""
    if not isinstance(data, dict) or not isinstance(data.get("figures"), list):
        return [f"{shown}: the file must hold a list `figures:` (and optionally `charts:`)"]
    problems: list[str] = []
    for kind, fields in (("figures", FIGURE_TEXT), ("charts", CHART_TEXT)):
        for index, entry in enumerate(data.get(kind) or []):
            base = (kind, index)
            name = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
            where = f"{shown}:{line_for(lines, base)}"
            if not isinstance(entry, dict):
                problems.append(f"{where}: each entry of {kind} must be a mapping")
                continue
            for field in fields:
                value = entry.get(field)
                for lang in languages:
                    if not isinstance(value, dict) or not str(value.get(lang) or "").strip():
                        line = line_for(lines, (*base, field, lang))
                        problems.append(f"{shown}:{line}: {kind[:-1]} {name!r}: '{field}.{lang}' is missing")
            if entry.get("source") not in source_ids:
                line = line_for(lines, (*base, "source"))
                problems.append(
                    f"{shown}:{line}: {kind[:-1]} {name!r}: source {entry.get('source')!r} is not in "
                    "content/data/sources.yaml"
                )
            if kind == "figures" and not isinstance(entry.get("year"), int):
                problems.append(
                    f"{shown}:{line_for(lines, (*base, 'year'))}: figure {name!r}: give the year, e.g. 2021"
                )
            if kind == "charts":
                problems.extend(_chart_problems(entry, name, base, lines, shown, languages))
    return problems


def _chart_problems(entry, name, base, lines, shown, languages) -> list[str]:
    problems = []
    if entry.get("kind") not in CHART_KINDS:
        problems.append(
            f"{shown}:{line_for(lines, (*base, 'kind'))}: chart {name!r}: kind must be one of {CHART_KINDS}"
        )
    points = entry.get("points")
    if not isinstance(points, list) or len(points) < 2:
        problems.append(f"{shown}:{line_for(lines, (*base, 'points'))}: chart {name!r}: give at least two points")
        return problems
    for i, point in enumerate(points):
        value = point.get("value") if isinstance(point, dict) else None
        label = point.get("label") if isinstance(point, dict) else None
        where = f"{shown}:{line_for(lines, (*base, 'points', i))}"
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            problems.append(f"{where}: chart {name!r}: point {i + 1} needs a number `value` of 0 or more")
        if not isinstance(label, dict) or not all(label.get(lang) for lang in languages):
            problems.append(f"{where}: chart {name!r}: point {i + 1} needs a `label` in {', '.join(languages)}")
    return problems
