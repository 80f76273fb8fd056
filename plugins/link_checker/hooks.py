"""Signal handler of link_checker: check every written page once the site is finalized."""

from __future__ import annotations

import os

from pelican.log import console

from sitekit import source_map
from sitekit.findings import errors
from sitekit.summary import say

from .config import load_config
from .external import progress_bar
from .report import LinkCheckError, error_report, summary_line, warning_report
from .scan import check_output


def check_links(pelican) -> None:
    """Check every page of the output folder; stop the build on any broken link."""
    settings = pelican.settings
    config = load_config(settings)
    project_root = os.path.dirname(os.path.abspath(settings["PATH"]))
    with progress_bar(console, enabled=config["check_external"]) as progress:
        outcome = check_output(
            settings["OUTPUT_PATH"],
            settings.get("SITEURL", ""),
            config,
            source_map.lookup,
            project_root,
            cache_dir=settings.get("CACHE_PATH"),
            progress=progress,
        )
    print_outcome(outcome, config)
    if errors(outcome.findings):
        raise LinkCheckError(error_report(outcome.findings, config["report_limit"]))


def print_outcome(outcome, config) -> None:
    """Warnings, the external summary and the summary line, shown at every build through the site's
    summary logger (not Pelican's: the build runs with --fatal warnings, and these must not stop it)."""
    notes = warning_report(outcome.findings, config["report_limit"])
    if notes:
        say("%s", notes)
    if outcome.external_summary:
        say("%s", outcome.external_summary)
    say("%s", summary_line(outcome.pages, outcome.links, outcome.targets, outcome.findings, outcome.seconds))
