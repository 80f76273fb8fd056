"""Signal handler of the audit pass: once every page is written, check them all in one pass, in order."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sitekit import source_map
from sitekit.page_cache import ResultCache
from sitekit.paths import list_output
from sitekit.settings import merge_settings
from sitekit.summary import say

from .pipeline import Site, finish_steps, run_pass
from .steps import load_steps

DEFAULTS = {
    # The checks over the written pages, in order. Each page is read and parsed once and handed to
    # each step; the first step that finds errors stops the build with its report.
    "steps": ["link_checker", "page_budget", "a11y_checks", "search"],
    # Worker processes for pages that changed since the last build (0: one per CPU; 1: none).
    "workers": 0,
    # Keep each page's results between builds (in CACHE_PATH), so unchanged pages are not checked again.
    "cache": True,
}


def audit_config(settings: dict) -> dict:
    return merge_settings("AUDIT", DEFAULTS, settings.get("AUDIT"))


def audit_site(pelican) -> None:
    """Run every step over every written page; report; stop the build at the first step with errors."""
    settings = pelican.settings
    config = audit_config(settings)
    steps = load_steps(config["steps"], settings.get("PLUGINS") or [])
    if not steps:
        return
    started = time.perf_counter()
    output = Path(settings["OUTPUT_PATH"])
    project_root = os.path.dirname(os.path.abspath(settings["PATH"]))
    configs = {step.NAME: step.configure(settings) for step in steps}
    cache_path = Path(settings["CACHE_PATH"]) / "audit-pages.pickle" if config["cache"] else None
    # Sixteen files: after one edit only the few holding the changed pages are written again.
    cache = ResultCache(cache_path, salt="audit-1", shards=16)
    files = list_output(output)
    pages = [f for f in files if f.endswith(".html")]
    results, parsed = run_pass(output, pages, steps, configs, source_map.lookup, project_root, cache, config["workers"])
    cache.save()
    site = Site(output, frozenset(files), settings, project_root, source_map.lookup)
    failed = None
    for step, report in zip(steps, finish_steps(steps, results, site, configs, config["workers"]), strict=True):
        for line in report.summary:
            say("%s", line)
        if report.warnings:
            say("%s", report.warnings)
        if report.errors and failed is None:
            failed = (step, report)
    say(
        "Audit: %d pages, %d read and parsed once for %s, %d unchanged since the last build; %.1f s",
        len(pages),
        parsed,
        ", ".join(step.NAME for step in steps),
        len(pages) - parsed,
        time.perf_counter() - started,
    )
    if failed is not None:
        step, report = failed
        raise step.ERROR(report.errors)
