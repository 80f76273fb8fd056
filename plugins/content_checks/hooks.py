"""Signal handlers of content_checks: check every Markdown file while Pelican reads; stop before writing."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sitekit import background
from sitekit.attribution import find_line
from sitekit.collect import all_items
from sitekit.errors import SiteBuildError
from sitekit.page_cache import ResultCache, code_fingerprint
from sitekit.paths import display_path
from sitekit.settings import merge_settings
from sitekit.summary import say
from sitekit.yamldata import site_languages

from . import blocks, body, citations, claims, khmer_spelling, metadata, records, rendered, rules, scaffold
from . import scan as scan_module
from .records import phone_check, review_record
from .scan import scan_content, stale_guides
from .translations import FileInfo, summary_line, translation_status

logger = logging.getLogger(__name__)

DEFAULTS = {
    "required_article": ["title", "date", "summary", "audience"],
    "required_page": ["title", "date", "summary"],
    "audiences": ["children", "parents", "practitioners"],
    "types": ["article", "what-to-do", "privacy-guide"],
    "topics": [
        "abuse-basics", "grooming", "strangers", "personal-information", "passwords", "location", "sexting",
        "sextortion", "live-streaming", "pornography", "cyberbullying", "csam", "law", "reporting", "talking",
        "devices", "disclosure", "referral", "training", "privacy-settings",
    ],
    "review_values": ["pending", "done"],
    "summary_max": 300,
    # Links to localhost, 127.x, 0.0.0.0 or file: only work on the editor's machine and stop the build;
    # True only for test sites whose "external" pages are served on this machine.
    "allow_local_links": False,
    # A phone number typed into the text (instead of {tel:ID} from contacts.yaml) stops the build;
    # True only for test sites that exercise the link checker's own tel:/sms: rules.
    "allow_typed_numbers": False,
    # A privacy guide last tried on a phone (`Checked:`), or if never tried written (`Date:`), longer ago
    # than this is listed as a warning.
    "guide_max_age_days": 365,
}  # fmt: skip

_state: dict = {}


class ContentCheckError(SiteBuildError, ValueError):
    """One or more content files break the rules; the message lists every problem with file and line."""


def config_for(settings) -> dict:
    config = merge_settings("CONTENT_CHECKS", DEFAULTS, settings.get("CONTENT_CHECKS"))
    i18n = settings.get("I18N") or {}
    if "audiences" in i18n and "audiences" not in (settings.get("CONTENT_CHECKS") or {}):
        config["audiences"] = list(i18n["audiences"])
    # The templates a page may name in `Template:`: a misspelt one stopped Pelican with a traceback.
    templates = Path(settings.get("THEME") or "") / "templates"
    if templates.is_dir():
        config["templates"] = sorted(p.stem for p in templates.glob("*.html") if p.stem not in ("base", "macros"))
    return config


def languages_of(settings) -> list[str]:
    return site_languages(settings)


def scan(settings) -> tuple[list[str], list[FileInfo]]:
    """Every content problem and each file's info, as the build, `invoke health`, `invoke translations` and
    the publish gate need them; unchanged files reuse the last run's checks (the rules' code is in the key)."""
    code = code_fingerprint(
        blocks, body, citations, claims, khmer_spelling, metadata, records, rules, scaffold, scan_module
    )
    cache = ResultCache(Path(settings["CACHE_PATH"]) / "content-checks.pickle", code)
    found = scan_content(Path(settings["PATH"]), config_for(settings), languages_of(settings), cache)
    cache.save()
    return found


def check_content(pelican) -> None:
    """At the start of every build: check every Markdown file, in a process of its own while Pelican reads."""
    _state.clear()
    _state["config"] = config_for(pelican.settings)
    background.start(__name__, scan, pelican.settings, judge=stop_on_problems)


def report_content(generators) -> None:
    """Once Pelican has read every file, before anything is written: the warnings, then stop on any problem."""
    config = _state["config"]
    problems, infos = background.result(__name__)
    _state["infos"] = infos
    for path, checked in stale_guides(infos, dt.date.today(), config["guide_max_age_days"]):
        say(
            "warning: %s: the app's steps date from %s, more than %d days ago; try them on a phone with the "
            "current app, update them and record `Checked:`, `Checked-version:` and `Checked-by:`",
            path,
            checked,
            config["guide_max_age_days"],
        )
    stop_on_problems(([*problems, *rendered_problems(generators)], infos))


def rendered_problems(generators) -> list[str]:
    """What Markdown left as typed in the pages it made (bold markers, links), with file and line."""
    problems = []
    for generator in generators:
        content = generator.settings["PATH"]
        for item in all_items(generator):
            source = str(getattr(item, "source_path", "") or "")
            if not source.endswith(".md"):
                continue
            html = item._content or ""
            found = [(typed, rendered.marker_message(typed, fixed)) for typed, fixed in rendered.leftover_markers(html)]
            found += [(typed, rendered.link_message(typed)) for typed in rendered.leftover_links(html)]
            if not found:
                continue
            shown = display_path(source, content)
            seen: dict[str, int] = {}
            for typed, message in found:
                nth = seen[typed] = seen.get(typed, -1) + 1  # the same slip twice: each at its own line
                needles = (typed, typed.split()[0] if typed.split() else typed)
                line = find_line(shown, needles, str(Path(content).parent), nth=nth, body_only=True)
                problems.append(f"{shown}:{line}: {message}" if line else f"{shown}: {message}")
    return problems


def stop_on_problems(scanned: tuple[list[str], list[FileInfo]]) -> None:
    """Stop the build when the scan found problems: every one, with its file and line."""
    problems, _infos = scanned
    if problems:
        raise ContentCheckError(
            f"{len(problems)} problem(s) in the content; fix each line below and build again:\n" + "\n".join(problems)
        )


def scanned_infos() -> list[FileInfo] | None:
    """Each content file's info from this build's check (None before it ran)."""
    return _state.get("infos")


def install_in_jinja(generator) -> None:
    """The theme labels a review or a phone check only from the record these functions return."""
    generator.env.globals["review_record"] = review_record
    generator.env.globals["phone_check"] = phone_check


def log_translation_summary(pelican) -> None:
    infos = _state.get("infos") or []
    say("%s", summary_line(translation_status(infos, languages_of(pelican.settings)), infos))
