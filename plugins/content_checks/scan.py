"""Walk the content folder and run every file check, collecting all problems at once."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import yaml

from i18n.languages import path_language_problems
from sitekit.dates import latest_today
from sitekit.page_cache import ResultCache, stable_repr
from sitekit.patterns import LANG_FOLDER, SLUG

from .blocks import block_problems
from .body import (
    check_body,
    folder_language_problems,
    internal_link_problems,
    internal_links,
    metadata_placeholder_problems,
    typed_number_problems,
)
from .citations import uncited_claims
from .claims import claim_problems
from .khmer_spelling import spelling_problems
from .metadata import SHOWN_KEYS, parse_header
from .records import age_basis, phone_check, record_problems
from .rules import check_metadata, slug_problems
from .scaffold import unwritten_problems
from .translations import FileInfo, text_hash


def scan_content(
    content: Path, config: dict, languages: list[str], cache: ResultCache | None = None
) -> tuple[list[str], list[FileInfo]]:
    """Every problem as `content/...:LINE: message`, and what the translation report needs per file.

    With a `cache`, the checks of a file's own text are reused while the file, the settings and the
    day are unchanged (links to other files are checked every time: those files may have gone).
    """
    problems: list[str] = []
    infos: list[FileInfo] = []
    slugs: dict[tuple[str, str], str] = {}
    rel_paths = [
        p.relative_to(content).as_posix()
        for folder in ("articles", "pages")
        for p in (content / folder).rglob("*")
        if p.is_file() and not p.name.startswith(".")
    ]
    problems.extend(path_language_problems(rel_paths, dict.fromkeys(languages), content.name))
    known = known_numbers(content)
    # What every file's checks depend on besides its own text: worked out once, part of each cache key.
    depends_on = stable_repr(config) + stable_repr(languages) + stable_repr(known)
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        if path.suffix.lower() == ".md" and not rel.startswith(("articles/", "pages/")) and _is_page(path):
            # Pelican reads Markdown only from articles/ and pages/ (exactly so spelt): a page saved elsewhere,
            # or in `Articles/`, would never be published, without a word. (Notes without metadata may stay.)
            problems.append(
                f"{content.name}/{rel}: this Markdown file is not read: pages are written in "
                f"{content.name}/articles/<language>/... or {content.name}/pages/<language>/...; move it there"
            )
            continue
        if not path.is_file() or path.name.startswith(".") or not rel.startswith(("articles/", "pages/")):
            continue
        shown = f"{content.name}/{rel}"
        match = LANG_FOLDER.match(rel)
        if match is None or match.group("lang") not in languages:
            continue  # the i18n plugin reports files outside a language folder
        kind, lang = ("article" if match.group("kind") == "articles" else "page"), match.group("lang")
        if path.suffix != ".md":
            problems.append(f"{shown}: only Markdown (.md) files belong here; move or remove this file")
            continue
        file_problems, info = check_file(path, shown, kind, lang, config, languages, known, cache, depends_on)
        problems.extend(file_problems)
        if info is None:
            continue
        if not SLUG.match(info.slug):
            problems.append(
                f"{shown}: the file name {path.stem!r} must be lower-case letters, digits and hyphens "
                "(it becomes the address of the page)"
            )
        key = (lang, info.slug)
        if key in slugs:
            problems.append(f"{shown}: the slug {info.slug!r} is already used by {slugs[key]}; rename one file")
        else:
            slugs[key] = shown
        infos.append(info)
    problems.extend(_orphan_problems(infos))
    return problems, infos


def _text_problems(lines, header, kind, is_guide, config, languages, known, today) -> list[tuple[int, str]]:
    """Everything wrong in a file's own text (metadata, records, markup, claims, numbers, spelling)."""
    found = list(header.problems)
    found += check_metadata(header, kind, config, languages, today)
    found += record_problems(header.get, header.line, is_guide, today)
    found += check_body(lines, header.body_start, config.get("allow_local_links", False))
    found += block_problems(lines, header.body_start)
    # Title, summary and text: everything a reader sees (the record lines themselves are metadata).
    read = [line if line.lower().startswith(SHOWN_KEYS) else "" for line in lines[: header.body_start - 1]] + lines[
        header.body_start - 1 :
    ]
    found += claim_problems(read)
    found += uncited_claims(read, header.get("sources"))
    found += metadata_placeholder_problems(read, header.body_start)
    if not config.get("allow_typed_numbers", False):
        found += typed_number_problems(read, 1, known)  # a number in the title or summary is on the page too
    found += spelling_problems(read)
    return found


def _is_page(path: Path) -> bool:
    """Whether a file starts like a page of the site (`Title:` on its first line)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            return file.readline().lstrip("\ufeff").lower().startswith("title:")
    except OSError:
        return False


def known_numbers(content: Path) -> dict[str, str]:
    """Digits of every phone and SMS number in the contacts file -> its contact id (empty if unreadable)."""
    path = content / "data" / "contacts.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # the contacts plugin reports a broken file
    known = {}
    for entry in data.get("contacts") or []:
        for channel in (entry or {}).get("channels") or []:
            if isinstance(channel, dict) and channel.get("type") in ("phone", "sms"):
                known[re.sub(r"\D", "", str(channel.get("value")))] = str(entry.get("id"))
    return known


def check_file(
    path: Path,
    shown: str,
    kind: str,
    lang: str,
    config: dict,
    languages: list[str],
    known: dict | None = None,
    cache: ResultCache | None = None,
    depends_on: str = "",
):
    raw = path.read_bytes()
    if not raw.strip():
        return [f"{shown}:1: the file is empty; write the page or remove the file"], None
    if b"\x00" in raw:
        return [f"{shown}: this is a binary file, not Markdown text; remove it from content/"], None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [f"{shown}:{line}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"], None
    today = latest_today()  # no date may be after it (records, Date:, Modified:)

    def analyse():
        return _analyse(text, shown, kind, lang, path.stem, config, languages, known or {}, today)

    if cache is None:
        own, links, info = analyse()
    else:
        # Everything but the links to other files follows from the file's bytes, where it is, the
        # settings and the day: an unchanged file is not parsed again.
        depends_on = depends_on or stable_repr(config) + stable_repr(languages) + stable_repr(known)
        own, links, info = cache.get(ResultCache.key(raw, shown, kind, lang, depends_on, today), analyse)
    content_root = _content_root(path, shown)

    def exists(target: str) -> bool:
        base = content_root if target.startswith("/") else path.parent
        return (base / target.lstrip("/")).is_file()

    found = [*own, *internal_link_problems(links, exists)]
    return [f"{shown}:{line}: {message}" for line, message in sorted(set(found))], info


def _analyse(text, shown, kind, lang, slug, config, languages, known, today):
    """(problems of the file's own text, its links to other files, its FileInfo): a pure function of its text."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    header = parse_header(lines)
    is_guide = kind == "article" and header.get("type") == "privacy-guide"
    own = _text_problems(lines, header, kind, is_guide, config, languages, known, today)
    own += folder_language_problems(lines, header.body_start, lang)
    own += slug_problems(header, slug)
    own += unwritten_problems(header, lines)
    translated = header.get("translated-from").split()
    info = FileInfo(
        path=shown,
        kind=kind,
        lang=lang,
        slug=slug,
        hash=text_hash(text),
        translated_from=(translated[0], translated[1]) if len(translated) == 2 else None,
        review_pending=header.get("review") == "pending",
        checked=_age_basis(header) if is_guide else "",
        guide=is_guide,
        phone_checked=is_guide and phone_check(_meta(header)) is not None,
    )
    return own, internal_links(lines, header.body_start), info


def _meta(header) -> dict:
    return {key: value for key, (value, _line) in header.values.items()}


def _age_basis(header) -> str:
    """The date a guide's age counts from (last check on a phone, else writing), as text for the report."""
    date = age_basis(_meta(header))
    return date.isoformat() if date else ""


def _content_root(path: Path, shown: str) -> Path:
    """The content folder, from a file's path and its shown name (`content/articles/en/x.md`)."""
    depth = len(Path(shown).parts) - 1
    return path.parents[depth - 1]


def _orphan_problems(infos: list[FileInfo]) -> list[str]:
    present = {(i.kind, i.lang, i.slug) for i in infos}
    problems = []
    for i in infos:
        if not i.translated_from or (i.kind, i.translated_from[0], i.slug) in present:
            continue
        source_lang = i.translated_from[0]
        message = (
            f"{i.path}: it says it was translated from {source_lang!r}, but there is no {source_lang} file named "
            f"{i.slug}.md; write the source page or remove the Translated-from line"
        )
        # A translation saved under a slightly different name than its source is no pair: name the likely one.
        slugs = [slug for kind, lang, slug in present if kind == i.kind and lang == source_lang]
        close = difflib.get_close_matches(i.slug, slugs, n=1, cutoff=0.8)
        if close:
            message += f" (if its source is {source_lang}/.../{close[0]}.md, rename this file {close[0]}.md)"
        problems.append(message)
    return problems


def stale_guides(infos: list[FileInfo], today: dt.date, max_age_days: int) -> list[tuple[str, str]]:
    """(path, date) of privacy guides last tried on a phone (or, never tried, written) too long ago."""
    stale = []
    for info in infos:
        try:
            checked = dt.date.fromisoformat(info.checked[:10]) if info.checked else None
        except ValueError:
            continue  # already reported as a bad date
        if checked and (today - checked).days > max_age_days:
            stale.append((info.path, checked.isoformat()))
    return stale
