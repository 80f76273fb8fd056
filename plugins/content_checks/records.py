"""Records of checks people made: who reviewed a page, and who tried a privacy guide's steps on a phone.

The site may say "reviewed" or "checked" only where such a record exists. The same functions
validate the metadata before the build and give the theme the record to label, so a label can
never appear without the record behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sitekit.yamldata import as_date

REVIEW_KEYS = ("reviewed", "reviewed-by")
PHONE_CHECK_KEYS = ("checked", "checked-version", "checked-by")
RETIRED_KEYS = {
    "verify": "`Verify:` is no longer used: a privacy guide counts as unchecked until it has `Checked:`, "
    "`Checked-version:` and `Checked-by:`; remove the line",
}


@dataclass(frozen=True)
class ReviewRecord:
    """A person reviewed this text: when, and in which role (never a name)."""

    date: dt.date
    by: str


@dataclass(frozen=True)
class PhoneCheck:
    """A person tried a privacy guide's steps on a phone: when, with which app version, in which role."""

    date: dt.date
    version: str
    by: str


def _text(meta: Mapping, key: str) -> str:
    return " ".join(str(meta.get(key) or "").split())


def review_record(meta: Mapping) -> ReviewRecord | None:
    """The review record of a page's metadata, if it is complete and the page is not awaiting a new review."""
    date, by = as_date(meta.get("reviewed")), _text(meta, "reviewed-by")
    if date is None or not by or _text(meta, "review") == "pending":
        return None
    return ReviewRecord(date, by)


def phone_check(meta: Mapping) -> PhoneCheck | None:
    """The record of a privacy guide's steps tried on a phone, if complete."""
    date, version, by = as_date(meta.get("checked")), _text(meta, "checked-version"), _text(meta, "checked-by")
    if date is None or not version or not by:
        return None
    return PhoneCheck(date, version, by)


def age_basis(meta: Mapping) -> dt.date | None:
    """The date a privacy guide's age counts from: its last real check on a phone, else the day it was written."""
    check = phone_check(meta)
    return check.date if check else as_date(meta.get("date"))


def record_problems(get, line, is_guide: bool, today: dt.date) -> list[tuple[int, str]]:
    """(line, message) for every incomplete or impossible record in one file's metadata.

    `get(key)` returns a metadata value ("" when absent) and `line(key)` its line.
    """
    problems: list[tuple[int, str]] = []
    for key, message in RETIRED_KEYS.items():
        if get(key):
            problems.append((line(key), message))
    written = as_date(get("date"))
    problems += _record(
        get,
        line,
        today,
        written,
        date_key="reviewed",
        needs={"reviewed-by": "add `Reviewed-by:` with the reviewer's role (e.g. Khmer-speaking editor, APLE)"},
        what="`Reviewed:` records that a person reviewed this text",
    )
    if get("review") == "done" and not (get("reviewed") and get("reviewed-by")):
        problems.append(
            (
                line("review"),
                "`Review: done` needs the record of the review: add `Reviewed:` (date) and `Reviewed-by:` (role)",
            )
        )
    if is_guide:
        if not get("written-from"):
            problems.append(
                (
                    1,
                    "a privacy guide needs `Written-from:`: what its steps were written from "
                    "(e.g. the app's help pages)",
                )
            )
        problems += _record(
            get,
            line,
            today,
            written,
            date_key="checked",
            needs={
                "checked-version": "add `Checked-version:` with the app and version tried "
                "(e.g. Telegram 11.5 for Android)",
                "checked-by": "add `Checked-by:` with the role of the person who tried it",
            },
            what="`Checked:` records that a person tried these steps on a phone",
        )
    else:
        for key in PHONE_CHECK_KEYS:
            if get(key):
                problems.append(
                    (line(key), f"`{key.capitalize()}:` belongs to privacy guides (Type: privacy-guide) only")
                )
    return problems


def _record(get, line, today, written, *, date_key: str, needs: dict, what: str) -> list[tuple[int, str]]:
    problems = []
    value = get(date_key)
    if not value:
        for key in needs:
            if get(key):
                problems.append(
                    (line(key), f"`{key.capitalize()}:` without `{date_key.capitalize()}:`; {what}: add its date")
                )
        return problems
    date = as_date(value)
    if date is None:
        return [(line(date_key), f"`{date_key.capitalize()}: {value}` is not a date; write YYYY-MM-DD")]
    if date > today:
        problems.append(
            (line(date_key), f"`{date_key.capitalize()}: {value}` is in the future; a record says what happened")
        )
    if written and date < written:
        problems.append(
            (line(date_key), f"`{date_key.capitalize()}: {value}` is before the text was written (`Date:`)")
        )
    for key, hint in needs.items():
        if not get(key):
            problems.append((line(date_key), f"{what}; {hint}, or remove the line if nobody did"))
    return problems
