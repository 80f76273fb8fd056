"""Pure functions for a site in several languages: URL prefixes, hreflang alternates, the language switch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape

from sitekit.errors import SiteBuildError
from sitekit.paths import display_path
from sitekit.patterns import LANG_FOLDER, TAG


class UnknownLanguageError(SiteBuildError, ValueError):
    """A content file is written in a language the site does not publish."""


@dataclass(frozen=True)
class Alternate:
    """One language version of a page."""

    lang: str
    url: str
    name: str


@dataclass(frozen=True)
class LanguageLink:
    """The language switch's target: the same page in `lang`, or that language's home page."""

    lang: str
    url: str
    name: str
    fallback: bool


@dataclass(frozen=True)
class PageI18n:
    """Everything the theme needs to say a page's language and link its translations."""

    lang: str
    url: str
    alternates: tuple[Alternate, ...] = ()
    switch: tuple[LanguageLink, ...] = field(default=())


def prefixed(url: str, lang: str, languages: dict) -> str:
    """`url` (relative to a language root) moved under the language's prefix, without any `..`."""
    prefix = languages[lang].get("prefix", "")
    joined = f"{prefix}/{url}" if prefix else url
    return normalise_url(joined)


def normalise_url(url: str) -> str:
    """Collapse `.` and `..` segments and doubled slashes, keeping a trailing slash."""
    trailing = url.endswith("/")
    parts: list[str] = []
    for part in url.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    out = "/".join(parts)
    return out + "/" if trailing and out else out


def home_url(lang: str, languages: dict) -> str:
    """`` for the default language (the site root), `en/` for a prefixed one."""
    prefix = languages[lang].get("prefix", "")
    return f"{prefix}/" if prefix else ""


def page_i18n(lang: str, url: str, versions: dict[str, str], languages: dict) -> PageI18n:
    """The alternates and switch for a page available at `versions` (lang -> url).

    Languages without a version get a switch entry to their home page, marked as a fallback.
    """
    alternates = tuple(
        Alternate(code, versions[code], languages[code]["name"]) for code in languages if code in versions
    )
    switch = tuple(
        LanguageLink(
            code,
            versions.get(code, home_url(code, languages)),
            languages[code]["name"],
            code not in versions,
        )
        for code in languages
        if code != lang
    )
    return PageI18n(lang, url, alternates if len(alternates) > 1 else (), switch)


def content_versions(item) -> dict[str, str]:
    """lang -> url for a Pelican content object and its translations."""
    versions = {item.lang: item.url}
    for other in getattr(item, "translations", []) or []:
        versions.setdefault(other.lang, other.url)
    return versions


_KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
_LATIN_PHRASE = re.compile(r"[A-Za-z]{2,}[\s-]+[A-Za-z]")


def wrap_foreign(text: str, page_lang: str) -> str:
    """Escape `text` and mark the parts that are not in the page's language.

    On a Khmer page each phrase of two or more Latin-letter words is English (single brand names
    and acronyms are read fine as they are); on any other page each run of Khmer letters is
    Khmer. Screen readers then read each part in the right voice (WCAG 3.1.2).
    """
    if page_lang == "km" and not _KHMER.search(text):
        return f'<span lang="en">{html_escape(text)}</span>' if _LATIN_PHRASE.search(text) else html_escape(text)
    if page_lang == "km":
        pattern, lang = _LATIN_RUN, "en"
    else:
        pattern, lang = _KHMER_RUN, "km"
    out, last = [], 0
    for m in pattern.finditer(text):
        if page_lang == "km" and not _LATIN_PHRASE.search(m.group()):
            continue
        out.append(html_escape(text[last : m.start()]))
        out.append(f'<span lang="{lang}">{html_escape(m.group())}</span>')
        last = m.end()
    out.append(html_escape(text[last:]))
    return "".join(out)


#: A run of Latin words with the spaces, hyphens, apostrophes and '&' between them.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.]*(?:[\s&()-]+[A-Za-z0-9][A-Za-z0-9'’.]*)*")
#: A run of Khmer text, with the spaces and punctuation inside it.
_KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff](?:[\u1780-\u17ff\u19e0-\u19ff\s]*[\u1780-\u17ff\u19e0-\u19ff])?")


_LANG_SPAN_OPEN = re.compile(r"""^<span\s+lang=(["'])[A-Za-z-]+\1\s*>$""")


def strip_tags_keep_lang(html: str) -> str:
    """Remove every tag but `<span lang="...">` and its `</span>`, for summaries shown inside lists.

    A summary is Markdown turned into `<p>...</p>`; lists show it inside their own `<p>`, but an
    English phrase marked in a Khmer summary must keep its `lang` (WCAG 3.1.2).
    """
    depth = 0

    def keep(match: re.Match) -> str:
        nonlocal depth
        tag = match.group(0)
        if _LANG_SPAN_OPEN.match(tag):
            depth += 1
            return tag
        if tag == "</span>" and depth:
            depth -= 1
            return tag
        return ""

    return TAG.sub(keep, html).strip() + "</span>" * depth


def path_language_problems(rel_paths, languages: dict, content_name: str = "content") -> list[str]:
    """Messages for content files (paths relative to the content folder) outside a known language folder.

    Runs before Pelican reads anything, so every misplaced file is reported at once.
    """
    problems = []
    for rel in sorted(rel_paths):
        shown = f"{content_name}/{rel}"
        match = LANG_FOLDER.match(rel)
        if match is None:
            problems.append(
                f"{shown}: this file is not inside a language folder; move it to "
                + " or ".join(f"{rel.split('/')[0]}/{code}/" for code in languages)
            )
        elif match.group("lang") not in languages:
            problems.append(
                f"{shown}: language {match.group('lang')!r} is not one of the site's languages "
                f"({', '.join(languages)}); put the file under a folder named after one of them"
            )
    return problems


def language_problems(items, languages: dict, content_root: str) -> list[str]:
    """Messages for content files whose language is not published or not given by their folder."""
    problems = []
    for item in items:
        source = getattr(item, "source_path", "") or ""
        shown = display_path(source, content_root)
        rel = shown.split("/", 1)[1] if "/" in shown else shown
        lang = getattr(item, "lang", None)
        match = LANG_FOLDER.match(rel)
        if match is None:
            problems.append(
                f"{shown}: this file is not inside a language folder; move it to "
                + " or ".join(f"articles/{code}/" for code in languages)
                + " (or pages/<lang>/ for a stand-alone page)"
            )
        elif lang not in languages:
            problems.append(
                f"{shown}: language {lang!r} is not one of the site's languages "
                f"({', '.join(languages)}); put the file under a folder named after one of them"
            )
        elif match.group("lang") != lang:
            problems.append(
                f"{shown}: its metadata says Lang: {lang} but it is in the {match.group('lang')!r} folder; "
                "remove the Lang line (the folder sets the language)"
            )
    return problems
