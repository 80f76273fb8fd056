"""Check the contacts data file against its schema: every problem named by contact, field and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitekit.yamldata import line_for

NEEDS = ("danger-now", "talk", "report-online", "remove-image")
CHANNEL_TYPES = ("phone", "sms", "web", "email")
TRANSLATED_FIELDS = ("name", "description", "hours", "cost")

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


def validate_contacts(data, lines: dict, languages: list[str], today: dt.date) -> list[Problem]:
    """Every problem in the parsed contacts file (an empty list means it is valid)."""
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
        _check_needs(entry, add)
        _check_channels(entry, add)
        _check_languages(entry, add)
        if "urgent" in entry and not isinstance(entry["urgent"], bool):
            add("urgent", "must be true or false", ("urgent",))
        _check_source(entry, add)
        _check_verified(entry, add, today)
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
    langs = entry.get("languages")
    if not isinstance(langs, list) or not langs or not all(isinstance(x, str) and x for x in langs):
        add("languages", "list the languages the service answers in, e.g. [km, en]", ("languages",))


def _check_source(entry, add) -> None:
    source = entry.get("source")
    if not isinstance(source, str) or not _HTTPS.match(source):
        add("source", "give the https:// address of the page that publishes this contact", ("source",))
    if not isinstance(entry.get("source_name"), str) or not entry.get("source_name", "").strip():
        add("source_name", "missing: who publishes the source page", ("source_name",))


def _check_verified(entry, add, today) -> None:
    value = entry.get("verified")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            add("verified", f"{value!r} is not a date; write YYYY-MM-DD", ("verified",))
            return
    if not isinstance(value, dt.date):
        add("verified", "missing: the date (YYYY-MM-DD) someone last checked this entry", ("verified",))
    elif value > today:
        add("verified", f"{value.isoformat()} is in the future", ("verified",))


def stale_contacts(data, today: dt.date, max_age_days: int) -> list[tuple[str, dt.date]]:
    """(id, verified date) of contacts not checked for more than `max_age_days`."""
    stale = []
    for entry in data.get("contacts", []):
        verified = entry.get("verified")
        if isinstance(verified, str):
            verified = dt.date.fromisoformat(verified)
        if isinstance(verified, dt.date) and (today - verified).days > max_age_days:
            stale.append((entry["id"], verified))
    return stale
