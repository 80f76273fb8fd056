"""Signal handlers of terminology: scan every Markdown and data file while Pelican reads; report before writing."""

from __future__ import annotations

import logging
from pathlib import Path

from sitekit import background
from sitekit.errors import SiteBuildError
from sitekit.page_cache import ResultCache, code_fingerprint, stable_repr
from sitekit.summary import say
from sitekit.yamldata import DataFileError, line_for, load_plugin_data, load_with_lines

from . import scan as scan_module
from .concepts import parse_concepts
from .scan import find_terms, glossary_problems, term_matcher

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The terminology file, relative to the content folder.
    "data_file": "data/terminology.yaml",
    # The glossary whose match words must follow the concepts that name a glossary entry.
    "glossary_file": "data/glossary.yaml",
    # Folders (under the content folder) whose Markdown files are scanned, by language subfolder.
    "markdown_folders": ["articles", "pages"],
    # Data files scanned line by line (every language's terms), relative to the content folder.
    "data_files": ["data/contacts.yaml", "data/glossary.yaml", "data/facts.yaml", "data/sources.yaml"],
}


class WrongTermError(SiteBuildError, ValueError):
    """A page or data file uses a term the terminology file marks as wrong."""


def check_terminology(pelican) -> None:
    """At the start of every build: scan every file, in a process of its own while Pelican reads."""
    background.start(__name__, scan_terminology, pelican.settings, judge=stop_on_wrong_terms)


def report_terminology(generators) -> None:
    """Once Pelican has read every file: warn on discouraged terms, stop on wrong ones (each with file and line)."""
    shown, concepts, findings = background.result(__name__)
    wrong = [f for f in findings if f[2] == "wrong"]
    discouraged = [f for f in findings if f[2] != "wrong"]
    for where, line, _kind, message in discouraged:
        say("warning: %s:%d: %s", where, line, message)
    files = len({f[0] for f in findings})
    say(
        "Terminology: %d concepts; %d wrong and %d discouraged terms in %d file(s)",
        concepts,
        len(wrong),
        len(discouraged),
        files,
    )
    stop_on_wrong_terms((shown, concepts, findings))


def stop_on_wrong_terms(scanned: tuple[str, int, list[tuple]]) -> None:
    """Stop the build on every wrong term, each with its file and line."""
    shown, _concepts, findings = scanned
    wrong = [f for f in findings if f[2] == "wrong"]
    if wrong:
        raise WrongTermError(
            f"{len(wrong)} wrong term(s) (see {shown}):\n"
            + "\n".join(f"{where}:{line}: {message}" for where, line, _k, message in wrong)
        )


def scan_terminology(settings: dict) -> tuple[str, int, list[tuple]]:
    """(the terminology file as shown, how many concepts, every finding); DataFileError for a broken file."""
    loaded = load_plugin_data(settings, "TERMINOLOGY", DEFAULTS)
    concepts, problems = parse_concepts(loaded.data, loaded.lines, loaded.shown, loaded.languages)
    if problems:
        raise DataFileError("\n".join(problems))
    config, content = loaded.config, Path(settings["PATH"])
    matchers = {lang: term_matcher(concepts, lang) for lang in loaded.languages}
    # A file is scanned again only when it or the terminology (or this code) changed.
    salt = code_fingerprint(scan_module) + stable_repr(concepts)
    cache = ResultCache(Path(settings["CACHE_PATH"]) / "terminology.pickle", salt)
    findings = scan_site(content, config, matchers, cache)
    cache.save()
    findings += _glossary_findings(content, config, concepts, loaded.languages)
    return loaded.shown, len(concepts), findings


def scan_site(content: Path, config: dict, matchers: dict, cache: ResultCache | None = None) -> list[tuple]:
    """(file shown to editors, line, kind, message) for every discouraged or wrong term in the content."""
    findings = []
    for folder in config["markdown_folders"]:
        for lang, matcher in matchers.items():
            base = content / folder / lang
            for path in sorted(base.rglob("*.md")) if base.is_dir() else []:
                findings += _cached(path, content, [matcher], lang, cache)
    for name in config["data_files"]:
        path = content / name
        if path.is_file():
            findings += _cached(path, content, list(matchers.values()), "*", cache)
    return findings


def _cached(path: Path, content: Path, matchers: list, langs: str, cache: ResultCache | None) -> list[tuple]:
    if cache is None:
        return _file_findings(path, content, matchers)
    try:
        data = path.read_bytes()
    except OSError:
        return []
    key = ResultCache.key(path.relative_to(content).as_posix(), data, langs)
    return cache.get(key, lambda: _file_findings(path, content, matchers))


def _file_findings(path: Path, content: Path, matchers: list) -> list[tuple[str, int, str, str]]:
    shown = f"{content.name}/{path.relative_to(content).as_posix()}"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # content_checks and the data plugins report unreadable files
    found = []
    for matcher in matchers:
        for hit in find_terms(lines, matcher):
            label = "wrong term" if hit.kind == "wrong" else "discouraged term"
            found.append((shown, hit.line, hit.kind, f"{label} {hit.term!r} (concept {hit.concept!r}): {hit.reason}"))
    return found


def _glossary_findings(content: Path, config: dict, concepts, languages) -> list[tuple[str, int, str, str]]:
    path = content / config["glossary_file"]
    if not path.is_file():
        return []
    shown = f"{content.name}/{config['glossary_file']}"
    try:
        data, lines = load_with_lines(path, shown)
    except DataFileError:
        return []  # the glossary plugin reports it
    terms = data.get("terms") if isinstance(data, dict) else None
    terms = terms if isinstance(terms, list) else []
    index_of = {e.get("id"): i for i, e in enumerate(terms) if isinstance(e, dict)}
    entries = {gid: terms[i] for gid, i in index_of.items()}
    found = []
    for lang in languages:
        for gid, message in glossary_problems(concepts, entries, lang):
            # An entry the concept names but the glossary lacks is reported at the file's first line.
            line = line_for(lines, ("terms", index_of[gid], "id")) if gid in index_of else 1
            found.append((shown, line, "wrong", f"glossary entry {gid!r}: {message}"))
    return found
