"""Health section for external links: the link checker's live check over a built site, or a note why not.

The live check itself (reachability probe, retries, 429 handling, cache) is link_checker's; this module
turns its outcome into the report's section: broken links, or a note that the machine looks offline.
"""

from __future__ import annotations

import os
from pathlib import Path

from link_checker.config import load_config
from link_checker.scan import check_output
from sitekit import source_map
from sitekit.hooks import MAP_FILE

from .report import Section

RULE = "external-live"  # the link checker's rule for live results
LINKS_TODO = (
    "open each broken link; link to the page's new address, to another page that says the same, or remove "
    "the link (the file and line are given)"
)


def links_section_skipped(reason: str) -> Section:
    """External links left out on purpose (offline): nobody needs to act."""
    section = _section()
    section.skipped = reason
    return section


def links_section_unchecked(reason: str) -> Section:
    """External links that could not be checked for a reason a person must fix (the site does not build)."""
    section = _section()
    section.unchecked = reason
    return section


def links_section(output: Path, settings: dict, probe=None) -> Section:
    """Check every external URL of the built site in `output` live; broken ones need a person.

    `probe` replaces the link checker's reachability probe (tests)."""
    section = _section()
    config = load_config(settings)
    if not any(output.rglob("*.html")):
        return links_section_unchecked(f"{output} holds no built site; build it first (invoke build)")
    source_map.load(Path(settings["CACHE_PATH"]) / MAP_FILE)
    outcome = check_output(
        output,
        settings.get("SITEURL", "") or "",
        config,
        source_map.lookup,
        os.path.dirname(os.path.abspath(settings["PATH"])),
        cache_dir=settings["CACHE_PATH"],
        external=True,
        probe=probe,
    )
    if not outcome.external_urls:
        section.notes.append("the site links to no external address that the check covers")
    elif outcome.external_offline:
        section.skipped = (
            "none of the sites they lead to could be reached, so this machine looks offline; "
            "run `invoke health` again with a network connection"
        )
    else:
        section.findings += [f for f in outcome.findings if f.rule == RULE]
        section.notes.append(outcome.external_summary)
    return section


def _section() -> Section:
    return Section("links", "External links that fail", LINKS_TODO)
