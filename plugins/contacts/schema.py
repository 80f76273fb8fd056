"""Check the contacts data file against its schema: every problem named by contact, field and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitekit.yamldata import line_for

NEEDS = ("danger-now", "talk", "report-online", "remove-image")
CHANNEL_TYPES = ("phone", "sms", "web", "email")
TRANSLATED_FIELDS = ("name", "organisation", "description")
OPTIONAL_TRANSLATED = ("short", "hours", "cost")
CONFIRMATION_HOW = {
    "called": "called the number and reached the service",
    "written": "written confirmation from the organisation",
}
KNOWN_FIELDS = (
    "id", *TRANSLATED_FIELDS, *OPTIONAL_TRANSLATED, "needs", "channels", "languages", "urgent",
    "source", "source_read", "more_sources", "confirmed",
)  # fmt: skip
RETIRED_FIELDS = {
    "verified": "`verified` is no longer used: write `source_read:` (the day you read the number in its "
    "source) and add `confirmed:` only after confirming the entry with the organisation (docs/contacts.md)",
    "source_name": "`source_name` is no longer used: `source:` names an entry of sources.yaml, which has the publisher",
}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PHONE = re.compile(r"^\+?[0-9](?:[0-9 ]*[0-9])?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_HTTPS = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:/[^\s]*)?$", re.IGNORECASE)


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
    """Every problem in the parsed contacts file (an empty list means it is valid).

    `source_ids` are the ids of sources.yaml; None skips that one check (unit tests of other fields).
    """
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list) or not data["contacts"]:
        return [
            Problem(
                line_for(lines, ("contacts",)),
                "",
                "contacts",
                "the file must hold a non-empty list `contacts:`",
            )
        ]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["contacts"]):
        base = ("contacts", index)
        if not isinstance(entry, dict):
            problems.append(Problem(line_for(lines, base), f"#{index + 1}", "-", "each contact must be a mapping"))
            continue
        cid = str(entry.get("id", f"#{index + 1}"))

        def add(field, message, path=(), cid=cid, base=base):
            problems.append(Problem(line_for(lines, base + path), cid, field, message))

        if "id" not in entry:
            add("id", "missing; give the contact a short name like child-helpline")
        elif not isinstance(entry["id"], str) or not _ID.match(entry["id"]):
            add("id", f"{entry['id']!r} must be lower-case letters, digits and hyphens", ("id",))
        elif entry["id"] in seen:
            add("id", f"{cid!r} is used twice (first on line {seen[cid]})", ("id",))
        else:
            seen[cid] = line_for(lines, (*base, "id")) or 0
        for field in TRANSLATED_FIELDS:
            problems.extend(_translated(entry, field, languages, lines, base, cid))
        for field in OPTIONAL_TRANSLATED:
            if field in entry:
                problems.extend(_translated(entry, field, languages, lines, base, cid))
        for field in entry:
            if field in RETIRED_FIELDS:
                add(field, RETIRED_FIELDS[field], (field,))
            elif field not in KNOWN_FIELDS:
                add(str(field), f"unknown field; known fields: {', '.join(KNOWN_FIELDS)}", (field,))
        _check_needs(entry, add)
        _check_channels(entry, add)
        _check_languages(entry, add)
        if "urgent" in entry and not isinstance(entry["urgent"], bool):
            add("urgent", "must be true or false", ("urgent",))
        _check_source(entry, add, today, source_ids)
        _check_confirmed(entry, add, today)
    return problems


def _translated(entry, field, languages, lines, base, cid) -> list[Problem]:
    value = entry.get(field)
    if not isinstance(value, dict):
        return [Problem(line_for(lines, (*base, field)), cid, field, f"missing; write it in {', '.join(languages)}")]
    return [
        Problem(line_for(lines, (*base, field, lang)), cid, f"{field}.{lang}", "missing translation")
        for lang in languages
        if not isinstance(value.get(lang), str) or not value.get(lang).strip()
    ]


def _check_needs(entry, add) -> None:
    needs = entry.get("needs")
    if not isinstance(needs, list) or not needs:
        add("needs", f"list at least one of: {', '.join(NEEDS)}", ("needs",))
        return
    for i, need in enumerate(needs):
        if need not in NEEDS:
            add(f"needs[{i}]", f"{need!r} is not one of: {', '.join(NEEDS)}", ("needs", i))


def _check_channels(entry, add) -> None:
    channels = entry.get("channels")
    if not isinstance(channels, list) or not channels:
        add("channels", "list at least one way to reach the contact (phone, sms, web or email)", ("channels",))
        return
    for i, channel in enumerate(channels):
        path = ("channels", i)
        kind = channel.get("type") if isinstance(channel, dict) else None
        value = channel.get("value") if isinstance(channel, dict) else None
        if kind not in CHANNEL_TYPES:
            add(f"channels[{i}].type", f"{kind!r} is not one of: {', '.join(CHANNEL_TYPES)}", (*path, "type"))
            continue
        if not isinstance(value, str) or not value.strip():
            add(f"channels[{i}].value", 'missing (write numbers in quotes, e.g. "1280")', (*path, "value"))
            continue
        where = (*path, "value")
        if kind in ("phone", "sms"):
            if not _PHONE.match(value) or not 3 <= len(digits_of(value).lstrip("+")) <= 15:
                add(
                    f"channels[{i}].value",
                    f"{value!r} is not a phone number (3-15 digits, spaces allowed)",
                    where,
                )
        elif kind == "web":
            if not _HTTPS.match(value):
                add(f"channels[{i}].value", f"{value!r} must be a full https:// address", where)
        elif kind == "email" and not _EMAIL.match(value):
            add(f"channels[{i}].value", f"{value!r} is not an e-mail address", where)


def _check_languages(entry, add) -> None:
    if "languages" not in entry:
        return  # not every source says which languages a service answers in
    langs = entry.get("languages")
    if not isinstance(langs, list) or not langs or not all(isinstance(x, str) and x for x in langs):
        add("languages", "list the languages the source says the service answers in, e.g. [km, en]", ("languages",))


def as_date(value) -> dt.date | None:
    """A YAML date value (already a date, or text YYYY-MM-DD) as a date; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _check_date(entry_value, field, path, add, today) -> dt.date | None:
    if entry_value is None or entry_value == "":
        add(field, "missing: a date, YYYY-MM-DD", path)
        return None
    value = as_date(entry_value)
    if value is None:
        add(field, f"{entry_value!r} is not a date; write YYYY-MM-DD", path)
    elif value > today:
        add(field, f"{value.isoformat()} is in the future; record the day it happened", path)
    return value


def _check_source(entry, add, today, source_ids) -> None:
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        add(
            "source",
            "missing: the id of the source in sources.yaml where this number or address is published",
            ("source",),
        )
    elif source_ids is not None and source not in source_ids:
        add("source", f"{source!r} is not an id in sources.yaml; add the source there first", ("source",))
    _check_date(entry.get("source_read"), "source_read", ("source_read",), add, today)
    more = entry.get("more_sources", [])
    if not isinstance(more, list) or not all(isinstance(s, str) for s in more):
        add("more_sources", "must be a list of source ids", ("more_sources",))
    elif source_ids is not None:
        for i, sid in enumerate(more):
            if sid not in source_ids:
                add(f"more_sources[{i}]", f"{sid!r} is not an id in sources.yaml", ("more_sources", i))


def _check_confirmed(entry, add, today) -> None:
    if "confirmed" not in entry:
        return
    record = entry["confirmed"]
    if not isinstance(record, dict):
        add("confirmed", "must be a record with date, how and by (see the top of the file)", ("confirmed",))
        return
    _check_date(record.get("date"), "confirmed.date", ("confirmed", "date"), add, today)
    how = record.get("how")
    if how not in CONFIRMATION_HOW:
        choices = "; ".join(f"{k} ({v})" for k, v in CONFIRMATION_HOW.items())
        add("confirmed.how", f"{how!r}: say how it was confirmed: {choices}", ("confirmed", "how"))
    by = record.get("by")
    if not isinstance(by, str) or not by.strip():
        add(
            "confirmed.by", "missing: the role of the person who confirmed it (a role, not a name)", ("confirmed", "by")
        )
    for key in record:
        if key not in ("date", "how", "by"):
            add(f"confirmed.{key}", "unknown field; a confirmation has date, how and by", ("confirmed", key))


def confirmation_problems(data, today: dt.date, max_age_days: int) -> list[tuple[str, str]]:
    """(id, what to do) for every contact shown on the site that is unconfirmed or confirmed too long ago."""
    found = []
    for entry in data.get("contacts", []):
        record = entry.get("confirmed") if isinstance(entry.get("confirmed"), dict) else None
        date = as_date(record.get("date")) if record else None
        if date is None:
            found.append((entry["id"], "not confirmed with the organisation yet"))
        elif (today - date).days > max_age_days:
            found.append((entry["id"], f"confirmed on {date.isoformat()}, more than {max_age_days} days ago"))
    return found
