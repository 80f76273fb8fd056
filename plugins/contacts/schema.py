"""Check the contacts data file against its schema: every problem named by contact, field and line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitekit.yamldata import as_date, entry_name, field_label, line_for, load_schema, schema_problems

#: schemas/contacts.schema.json says what a contact looks like; this module checks what a schema cannot.
SCHEMA = "contacts"
_DEFS = load_schema(SCHEMA)["$defs"]
NEEDS = tuple(_DEFS["need"]["enum"])
CONFIRMATION_HOW = dict(
    zip(
        _DEFS["confirmed"]["properties"]["how"]["enum"],
        _DEFS["confirmed"]["properties"]["how"]["enumDescriptions"],
        strict=True,
    )
)


@dataclass(frozen=True)
class Problem:
    """One schema problem, as the build prints it."""

    line: int | None
    contact: str
    field: str
    message: str

    def format(self, shown: str) -> str:
        where = f"{shown}:{self.line}" if self.line else shown
        who = f"contact {self.contact!r}, " if self.contact else ""
        return f"{where}: {who}field {self.field!r}: {self.message}"


def digits_of(number: str) -> str:
    """`092 311 511` -> `092311511`: what goes after `tel:`."""
    return number.replace(" ", "")


def validate_contacts(data, lines: dict, languages: list[str], today: dt.date, source_ids=None) -> list[Problem]:
    """Every problem in the parsed contacts file (an empty list means it is valid), in file order.

    The schema checks the structure (in km and en, the site's languages); here: ids used twice, dates
    in the future and source ids that sources.yaml does not have. `source_ids` are the ids of
    sources.yaml; None skips that one check (unit tests of other fields).
    """
    problems = [
        Problem(p.line, entry_name(data, p.path), field_label(p.path) or "-", p.message)
        if len(p.path) >= 2
        else Problem(p.line, "", "contacts", p.message)
        for p in schema_problems(data, lines, SCHEMA)
    ]
    entries = data.get("contacts") if isinstance(data, dict) else None
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        base, cid = ("contacts", index), entry_name(data, ("contacts", index))

        def add(path, message, base=base, cid=cid):
            problems.append(Problem(line_for(lines, base + path), cid, field_label(base + path), message))

        if isinstance(entry.get("id"), str):
            if entry["id"] in seen:
                add(("id",), f"{cid!r} is used twice (first on line {seen[cid]})")
            else:
                seen[cid] = line_for(lines, (*base, "id")) or 0
        record = entry.get("confirmed") if isinstance(entry.get("confirmed"), dict) else {}
        for path, value in ((("source_read",), entry.get("source_read")), (("confirmed", "date"), record.get("date"))):
            day = as_date(value)
            if day and day > today:
                add(path, f"{day.isoformat()} is in the future; record the day it happened")
        if source_ids is not None:
            _check_source_ids(entry, source_ids, add)
    return sorted(problems, key=lambda p: p.line or 0)


def _check_source_ids(entry, source_ids, add) -> None:
    source = entry.get("source")
    if isinstance(source, str) and source.strip() and source not in source_ids:
        add(("source",), f"{source!r} is not an id in sources.yaml; add the source there first")
    more = entry.get("more_sources")
    for i, sid in enumerate(more if isinstance(more, list) else []):
        if isinstance(sid, str) and sid not in source_ids:
            add(("more_sources", i), f"{sid!r} is not an id in sources.yaml")


def confirmed_on(entry: dict) -> dt.date | None:
    """The day a person confirmed this contact with its organisation (its `confirmed:` record), or None."""
    record = entry.get("confirmed") if isinstance(entry.get("confirmed"), dict) else None
    return as_date(record.get("date")) if record else None


def confirmation_status(data, today: dt.date, max_age_days: int) -> list[tuple[int, str, dt.date | None]]:
    """(index, id, day confirmed or None) of every contact unconfirmed or confirmed too long ago."""
    found = []
    for index, entry in enumerate(data.get("contacts", [])):
        date = confirmed_on(entry)
        if date is None or (today - date).days > max_age_days:
            found.append((index, entry["id"], date))
    return found


def confirmation_problems(data, today: dt.date, max_age_days: int) -> list[tuple[str, str]]:
    """(id, what is wrong) for every contact shown on the site that is unconfirmed or confirmed too long ago."""
    return [
        (cid, f"confirmed on {date.isoformat()}, more than {max_age_days} days ago")
        if date
        else (cid, "not confirmed with the organisation yet")
        for _index, cid, date in confirmation_status(data, today, max_age_days)
    ]
