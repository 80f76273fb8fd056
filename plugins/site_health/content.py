"""Health sections from the content and data files: contacts, privacy guides, translations, reviews.

Each function is pure over what the site's own checks already compute (contacts.schema, content_checks),
so the report and the build never disagree about what is stale or unconfirmed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel import Locale, UnknownLocaleError

from contacts.schema import confirmation_problems
from content_checks.metadata import parse_header
from content_checks.scan import stale_guides
from content_checks.translations import FileInfo, translation_status
from sitekit.findings import Finding
from sitekit.yamldata import line_for

from .report import Section

CONTACTS_TODO = (
    "call the number and make sure you reach the organisation, or ask it to confirm the entry in writing; "
    "then add `confirmed:` with date, how (called or written) and by (your role, not your name) in "
    "content/data/contacts.yaml. Correct or remove an entry that turns out wrong (docs/contacts.md)"
)
GUIDES_TODO = (
    "try every step on a phone with the current app, correct the text in both languages, then record "
    "`Checked:`, `Checked-version:` and `Checked-by:` in both files"
)
TRANSLATIONS_TODO = (
    "write a missing translation under the same file name in the other language's folder; update an outdated "
    "one, then record it with `invoke translations --stamp FILE`"
)
REVIEWS_TODO = (
    "have a native speaker of the language review the page, then replace `Review: pending` with "
    "`Reviewed:` (the date) and `Reviewed-by:` (their role)"
)


def contacts_section(data, lines: dict, shown: str, today: dt.date, max_age_days: int) -> Section:
    """Contacts nobody confirmed with their organisation, or confirmed longer ago than `max_age_days`."""
    section = Section("contacts", "Contacts not confirmed, or confirmed long ago", CONTACTS_TODO)
    index_of = {entry.get("id"): i for i, entry in enumerate(data.get("contacts") or []) if isinstance(entry, dict)}
    for cid, what in confirmation_problems(data, today, max_age_days):
        index = index_of.get(cid, 0)
        entry = data["contacts"][index]
        values = ", ".join(dict.fromkeys(str(c.get("value")) for c in entry.get("channels") or []))
        confirmed = isinstance(entry.get("confirmed"), dict)
        path = ("contacts", index, "confirmed", "date") if confirmed else ("contacts", index)
        message = f"contact {cid!r} ({values}): {what}"
        section.findings.append(Finding(shown, line_for(lines, path), "contact-confirmation", message))
    return section


def guides_section(infos: list[FileInfo], project_root: Path, today: dt.date, max_age_days: int) -> Section:
    """Privacy guides whose steps date (from the last phone check, else from writing) from too long ago."""
    section = Section("guides", "Privacy guides past their age", GUIDES_TODO)
    for path, date in stale_guides(infos, today, max_age_days):
        info = next(i for i in infos if i.path == path)
        key = "checked" if info.phone_checked else "date"
        basis = "last tried on a phone" if info.phone_checked else "written (never tried on a phone)"
        message = f"steps {basis} on {date}, more than {max_age_days} days ago"
        section.findings.append(Finding(path, header_line(project_root / path, key), "guide-age", message))
    guides = [i for i in infos if i.guide]
    untried = sum(1 for i in guides if not i.phone_checked)
    if untried:
        section.notes.append(
            f"{untried} of {len(guides)} privacy guide files have never been tried on a phone; their age counts "
            "from their Date:"
        )
    return section


def translations_section(infos: list[FileInfo], languages: list[str]) -> Section:
    """Pages missing a language, translations whose source changed since they were stamped, orphans."""
    section = Section("translations", "Translations missing or out of date", TRANSLATIONS_TODO)
    unstamped = 0
    for pair in translation_status(infos, languages):
        present = sorted(pair.files.values(), key=lambda i: i.lang)
        for lang in pair.missing:
            message = f"no {language_name(lang)} translation of this {pair.kind} ({pair.slug})"
            section.findings.append(Finding(present[0].path, None, "translation-missing", message))
        for lang in pair.outdated:
            info = pair.files[lang]
            source = info.translated_from[0] if info.translated_from else "?"
            message = f"its {language_name(source)} source changed since this translation was stamped"
            section.findings.append(Finding(info.path, None, "translation-outdated", message))
        for lang in pair.orphaned:
            info = pair.files[lang]
            message = f"says it was translated from {info.translated_from[0]!r}, but that file does not exist"
            section.findings.append(Finding(info.path, None, "translation-orphaned", message))
        unstamped += 1 if pair.unstamped else 0
    if unstamped:
        section.notes.append(
            f"{unstamped} translated pages were never stamped, so whether they are outdated cannot be told; "
            "stamp each up-to-date translation once with `invoke translations --stamp FILE`"
        )
    return section


def reviews_section(infos: list[FileInfo], project_root: Path) -> Section:
    """Pages marked `Review: pending`: awaiting review by a native speaker of their language."""
    section = Section("reviews", "Pages awaiting review by a native speaker", REVIEWS_TODO)
    for info in infos:
        if info.review_pending:
            message = f"{language_name(info.lang)} {info.kind} awaiting review by a {language_name(info.lang)} speaker"
            line = header_line(project_root / info.path, "review")
            section.findings.append(Finding(info.path, line, "review-pending", message))
    return section


def header_line(path: Path, key: str) -> int | None:
    """The line of metadata `key` in a Markdown file, or None if the file or the key is not there."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    header = parse_header(lines)
    return header.line(key) if key in header.values else None


def language_name(code: str) -> str:
    """`km` -> `Khmer`: the report is read by maintainers in English."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code
