"""Rules for metadata values: required keys, dates, known audiences, types and topics."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from i18n.listings import split_list
from sitekit.patterns import SLUG

from .metadata import Header

_TRANSLATED_FROM = re.compile(r"^(?P<lang>[a-z]{2,3})\s+(?P<hash>[0-9a-f]{6,40})$")


#: The statuses Pelican knows (pelican.contents: Article and Page `allowed_statuses`).
STATUSES = ("published", "hidden", "draft", "skip")
#: Metadata keys the site reads (docs/content-format.md), and Pelican's own that a page may set.
KNOWN_KEYS = (
    "title", "date", "modified", "summary", "audience", "type", "topics", "sources", "related", "review",
    "reviewed", "reviewed-by", "translated-from", "app", "written-from", "checked", "checked-version",
    "checked-by", "template", "status", "slug", "lang", "tags", "category", "author", "authors",
)  # fmt: skip

#: Markup an editor may put in a title, which Pelican shows as typed (only the summary is read as Markdown).
_MARKUP_IN_TITLE = re.compile(r"\*\*|__|`|\[[^\]]+\]\(|<[a-z/][^>]*>", re.I)


def check_metadata(
    header: Header, kind: str, config: dict, languages: list[str], today: dt.date | None = None
) -> list[tuple[int, str]]:
    """(line, message) for every metadata problem of an article (`kind="article"`) or page; with `today` (the
    latest date anywhere, sitekit.dates), a `Date:` or `Modified:` after it too."""
    problems: list[tuple[int, str]] = []
    required = config["required_article"] if kind == "article" else config["required_page"]
    for key in required:
        if not header.get(key) and not (key == "date" and key in header.values):  # an empty date: below
            problems.append((1, f"required metadata `{key.capitalize()}:` is missing; add it to the header"))
    template, templates = header.get("template"), config.get("templates")
    if template and templates is not None and template not in templates:
        close = difflib.get_close_matches(template, templates, n=1)
        problems.append(
            (
                header.line("template"),
                f"`Template: {template}` is not a template of the site's theme"
                f"{f'; did you mean `Template: {close[0]}`?' if close else ''} (the theme has: "
                f"{', '.join(templates)}); remove the line for an ordinary page",
            )
        )
    days = {}
    for key in ("date", "modified"):
        value = header.get(key).strip()
        if key in header.values and not value:
            # Pelican cannot read an empty date: it stopped with a traceback.
            problems.append((header.line(key), f"`{key.capitalize()}:` is empty; write the day (YYYY-MM-DD)"))
        elif value:
            try:
                # A time after the day is allowed, as ISO 8601 writes it ("2026-12-01 09:30"); 25:00 is not a time.
                days[key] = dt.datetime.fromisoformat(value).date() if len(value) > 10 else dt.date.fromisoformat(value)
            except ValueError:
                days.pop(key, None)
                problems.append((header.line(key), f"`{key.capitalize()}: {value}` is not a date; write YYYY-MM-DD"))
    # The page prints these days ("Written", "Updated"): a date to come would be a false statement.
    for key, shown_as in (("date", "the day the text was written"), ("modified", "the day it was last changed")):
        if today is not None and key in days and days[key] > today:
            problems.append(
                (
                    header.line(key),
                    f"`{key.capitalize()}: {header.get(key)}` is in the future; the page shows it as {shown_as}: "
                    "write that day",
                )
            )
    if "date" in days and "modified" in days and days["modified"] < days["date"]:
        problems.append(
            (
                header.line("modified"),
                f"`Modified: {header.get('modified')}` is before `Date: {header.get('date')}`; `Modified:` is the "
                "day of the last change, on or after the day the text was written",
            )
        )
    for key, (_value, line) in header.values.items():
        # Pelican keeps any key and the theme never reads a misspelt one: `Sorces:` left a page's figures
        # without their sources, `Modifed:` dropped the "Updated" line. Only near misses are typos.
        close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.8) if key not in KNOWN_KEYS else []
        if close:
            problems.append(
                (
                    line,
                    f"`{key.capitalize()}:` is not a metadata key the site reads, so it would be ignored; "
                    f"did you mean `{close[0].capitalize()}:`?",
                )
            )
    title = header.get("title")
    if title and _MARKUP_IN_TITLE.search(title):
        problems.append(
            (
                header.line("title"),
                "the title is shown as typed, in the browser tab, lists and link previews: Markdown and HTML "
                "(**, __, `, [text](link), <tag>) do not work in it; write it as plain words",
            )
        )
    summary = header.get("summary")
    if summary and len(summary) > config["summary_max"]:
        problems.append(
            (
                header.line("summary"),
                f"the summary has {len(summary)} characters; keep it under {config['summary_max']}",
            )
        )
    if kind == "article":
        for audience in split_list(header.get("audience")):
            if audience not in config["audiences"]:
                problems.append(
                    (header.line("audience"), f"unknown audience {audience!r}; use: {', '.join(config['audiences'])}")
                )
        kind_value = header.get("type", "article")
        if kind_value not in config["types"]:
            problems.append((header.line("type"), f"unknown type {kind_value!r}; use: {', '.join(config['types'])}"))
        if kind_value == "privacy-guide" and not header.get("app"):
            problems.append((1, "a privacy guide needs `App:` metadata (the app's name as people know it)"))
    for topic in split_list(header.get("topics")):
        if topic not in config["topics"]:
            problems.append(
                (header.line("topics"), f"unknown topic {topic!r}; use one of: {', '.join(config['topics'])}")
            )
    for slug in split_list(header.get("related")):
        if not SLUG.match(slug):
            problems.append((header.line("related"), f"Related: {slug!r} is not a slug (the file name without .md)"))
    review = header.get("review")
    if review and review not in config["review_values"]:
        problems.append((header.line("review"), f"`Review: {review}`: use one of {', '.join(config['review_values'])}"))
    lang = header.get("lang")
    if lang and lang not in languages:
        problems.append(
            (header.line("lang"), f"`Lang: {lang}` is not a site language; remove the line (the folder sets it)")
        )
    status = header.get("status")
    if status and status.strip().lower() not in STATUSES:
        # Pelican skips the file with a warning, which a build with --fatal warnings shows as a traceback.
        close = difflib.get_close_matches(status.strip().lower(), STATUSES, n=1)
        problems.append(
            (
                header.line("status"),
                f"`Status: {status}` is not a status"
                f"{f'; did you mean `Status: {close[0]}`?' if close else ''} (draft: not published yet; hidden: "
                "published but not listed; or remove the line to publish the page)",
            )
        )
    translated = header.get("translated-from")
    if translated and not _TRANSLATED_FROM.match(translated):
        problems.append(
            (
                header.line("translated-from"),
                "`Translated-from:` must look like `en 3f2a9c1b0d`; run `invoke translations --stamp`",
            )
        )
    return problems


def slug_problems(header: Header, file_slug: str) -> list[tuple[int, str]]:
    """A `Slug:` other than the file's name: Pelican would publish the page at that address (spaces and
    capitals included) and the translation report, which pairs files by name, would lose it."""
    slug = header.get("slug")
    if not slug or slug == file_slug:
        return []
    return [
        (
            header.line("slug"),
            f"`Slug: {slug}`: the file's name is the page's address and pairs it with its translation; remove "
            "the line, and rename the file if the address must change",
        )
    ]
