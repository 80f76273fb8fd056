"""Facts and figures: validate content/data/facts.yaml (every figure with a year and a known source)."""

from __future__ import annotations

import re

from sitekit.dates import latest_today
from sitekit.patterns import latin_digits
from sitekit.yamldata import SchemaProblem, check_against_schema, entry_prefix, line_for

#: schemas/facts.schema.json says what a figure and a chart look like; this module checks what a schema cannot.
SCHEMA = "facts"
_NOT_DIGIT = re.compile(r"\D")


def figure_digits(text: str) -> str:
    """The digits of a figure as written in either language: `១០,៨ លាននាក់` and `10.8 million` are both 108
    (Khmer writes a decimal comma, English a point; neither changes the digits)."""
    return _NOT_DIGIT.sub("", latin_digits(str(text)))


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
    unknown += _figures_that_differ(data, lines)
    unknown += _years_to_come(data, lines)
    return check_against_schema(data, lines, SCHEMA, shown, more=unknown)


def _years_to_come(data, lines: dict) -> list[SchemaProblem]:
    """A problem at every figure whose year has not come yet (a typo: a figure is about a year gone by)."""
    entries = data.get("figures") if isinstance(data, dict) else None
    this_year = latest_today().year
    found = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        year = entry.get("year") if isinstance(entry, dict) else None
        if isinstance(year, int) and year > this_year:
            path = ("figures", index, "year")
            message = f"{entry_prefix(data, path)}the year {year} has not come yet; give the year the figure is about"
            found.append(SchemaProblem(path, line_for(lines, path), message))
    return found


def _figures_that_differ(data, lines: dict) -> list[SchemaProblem]:
    """A problem at every figure whose languages give different digits: changed in one language only."""
    entries = data.get("figures") if isinstance(data, dict) else None
    found = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        figure = entry.get("figure") if isinstance(entry, dict) else None
        if not isinstance(figure, dict) or set(figure) != {"km", "en"}:
            continue  # the schema reports a missing language, or a key that is not one (a comma in {...})
        digits = {lang: figure_digits(text) for lang, text in figure.items()}
        if len(set(digits.values())) > 1:
            path = ("figures", index, "figure")
            written = ", ".join(f"{lang} {figure[lang]!r} ({digits[lang] or 'no digits'})" for lang in figure)
            message = (
                f"{entry_prefix(data, path)}the languages give different numbers: {written}; a figure changed "
                "in one language only? write the same number in each"
            )
            found.append(SchemaProblem(path, line_for(lines, path), message))
    return found
