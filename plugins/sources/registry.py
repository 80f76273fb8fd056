"""The sources registry: validate content/data/sources.yaml and resolve the ids a page cites."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitekit.yamldata import line_for

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HTTPS = re.compile(r"^https://\S+$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
REQUIRED = ("id", "publisher", "title", "kind")
# The kinds the theme can name in both languages (partials/sources.html, macros.source_kind).
KINDS = ("web page", "news article", "blog post", "report", "press release")
FIELDS = (*REQUIRED, "date", "date_note", "url", "note")


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
    """Problems in the parsed sources file, each as `file:line: message`."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return [f"{shown}: the file must hold a list `sources:`"]
    problems, seen = [], set()
    for index, entry in enumerate(data["sources"]):
        base = ("sources", index)
        where = f"{shown}:{line_for(lines, base)}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: each source must be a mapping")
            continue
        for field in REQUIRED:
            if not str(entry.get(field) or "").strip():
                problems.append(f"{where}: source #{index + 1}: field {field!r} is missing")
        sid = str(entry.get("id", ""))
        if sid and not _ID.match(sid):
            problems.append(f"{where}: source {sid!r}: the id must be lower-case letters, digits and hyphens")
        if sid in seen:
            problems.append(f"{where}: source {sid!r} is listed twice")
        seen.add(sid)
        if entry.get("kind") and entry["kind"] not in KINDS:
            problems.append(
                f"{shown}:{line_for(lines, (*base, 'kind'))}: source {sid!r}: kind {entry['kind']!r} is not one of "
                f"{', '.join(KINDS)} (the page names the kind in the reader's language)"
            )
        for key in entry:
            if key not in FIELDS:
                problems.append(
                    f"{shown}:{line_for(lines, (*base, key))}: source {sid!r}: unknown field {key!r}; "
                    f"known: {', '.join(FIELDS)}"
                )
        if entry.get("date_note") is not None and not (
            isinstance(entry["date_note"], dict) and all(str(v).strip() for v in entry["date_note"].values())
        ):
            problems.append(
                f"{shown}:{line_for(lines, (*base, 'date_note'))}: source {sid!r}: "
                "date_note must be {km: ..., en: ...}"
            )
        if entry.get("date") and entry.get("date_note"):
            problems.append(
                f"{shown}:{line_for(lines, (*base, 'date_note'))}: source {sid!r}: give either the source's own date "
                "or a date_note saying how the date was established, not both"
            )
        if entry.get("url") and not _HTTPS.match(str(entry["url"])):
            problems.append(f"{shown}:{line_for(lines, (*base, 'url'))}: source {sid!r}: url must start with https://")
        if entry.get("date") and not _DATE.match(str(entry["date"])):
            problems.append(
                f"{shown}:{line_for(lines, (*base, 'date'))}: source {sid!r}: date must be YYYY or YYYY-MM-DD"
            )
    return problems


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
