"""Signal handlers of the audit pass: its process starts with the build; once every page is written, it
checks them all in one pass, in order."""

from __future__ import annotations

import dataclasses
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sitekit import background, source_map
from sitekit.errors import SiteBuildError
from sitekit.settings import merge_settings
from sitekit.summary import say

from .pipeline import AuditJob, check_written, open_cache, run_audit
from .steps import load_steps

DEFAULTS = {
    # The checks over the written pages, in order. Each page is read and parsed once and handed to
    # each step; the first step that finds errors stops the build with its report.
    "steps": ["link_checker", "page_budget", "a11y_checks", "search"],
    # Worker processes for pages that changed since the last build (0: one per CPU; 1: none).
    "workers": 0,
    # Keep each page's results between builds (in CACHE_PATH), so unchanged pages are not checked again.
    "cache": True,
    # Run the pass in a process started when the build starts: it reads the cache while Pelican works,
    # and the pages' results (hundreds of megabytes for thousands of pages) are not added to Pelican's
    # memory. False: in the build's own process (for a debugger).
    "own_process": True,
}


def audit_config(settings: dict) -> dict:
    return merge_settings("AUDIT", DEFAULTS, settings.get("AUDIT"))


def _cache_path(settings: dict, config: dict) -> Path | None:
    return Path(settings["CACHE_PATH"]) / "audit-pages.pickle" if config["cache"] else None


def _needs_console(step, config: dict) -> bool:
    return bool(getattr(step, "needs_console", None) and step.needs_console(config))


#: Pages handed to the pass's process at a time while Pelican writes (about a tenth of a second of work).
BATCH = 16

# This build's pages written and not yet handed over, and what the pass's process needs to check them.
_written: dict = {"settings": None, "job": None, "pages": {}}


def start_audit(pelican) -> None:
    """At the start of every build: the pass's process starts and reads the last build's results."""
    config = audit_config(pelican.settings)
    _written.update(settings=pelican.settings, job=None, pages={})
    if config["own_process"] and config["steps"]:
        background.standby(__name__, open_cache, _cache_path(pelican.settings, config), config["steps"])


def page_written(path, context) -> None:
    """Hand each written page to the pass's process, which checks it on the processor Pelican leaves idle
    (its result is then in the cache when the pass comes). Connected after the source map's handler."""
    if not str(path).endswith(".html") or not background.waiting(__name__) or _written["settings"] is None:
        return
    settings = _written["settings"]
    rel = source_map.page_rel(path, settings["OUTPUT_PATH"])
    if rel is None:
        return
    _written["pages"][rel] = source_map.lookup(rel)
    if len(_written["pages"]) >= BATCH:
        if _written["job"] is None:  # settings are final once pages are written
            try:
                config = audit_config(settings)
                _written["job"] = _job(settings, config, load_steps(config["steps"], settings.get("PLUGINS") or []), {})
            except SiteBuildError:  # wrong AUDIT or step settings: reported where the pass runs, as before
                background.forget(__name__)
                return
        sources, _written["pages"] = _written["pages"], {}
        # A new job per batch: `tell` pickles it later, on the pool's own thread.
        background.tell(__name__, check_written, dataclasses.replace(_written["job"], sources=sources), list(sources))


def _job(settings: dict, config: dict, steps: list, sources: dict) -> AuditJob:
    return AuditJob(
        output=Path(settings["OUTPUT_PATH"]),
        project_root=os.path.dirname(os.path.abspath(settings["PATH"])),
        steps=config["steps"],
        configs={step.NAME: step.configure(settings) for step in steps},
        workers=config["workers"],
        sources=sources,
    )


def audit_site(pelican) -> None:
    """Run every step over every written page; report; stop the build at the first step with errors."""
    settings = pelican.settings
    config = audit_config(settings)
    steps = load_steps(config["steps"], settings.get("PLUGINS") or [])
    if not steps:
        background.forget(__name__)
        return
    _written.update(settings=None, job=None, pages={})
    job = _job(settings, config, steps, source_map.all_pages())
    configs = job.configs
    # A step that draws on the build's console (the external links' progress bar) runs here: the
    # standby process must not touch the console Pelican's spinner holds.
    here = not background.waiting(__name__) or any(_needs_console(step, configs[step.NAME]) for step in steps)
    if here:
        background.forget(__name__)
        outcome = run_audit(open_cache(_cache_path(settings, config), config["steps"]), job)
    else:
        try:
            outcome = background.ask(__name__, run_audit, job)
        except BrokenProcessPool:  # killed (for memory, most likely): the pages are checked here instead
            say("warning: the audit's own process ended before it answered; checking the pages in this process")
            outcome = run_audit(open_cache(_cache_path(settings, config), config["steps"]), job)
    failed = None
    for step, report in zip(steps, outcome.reports, strict=True):
        for line in report.summary:
            say("%s", line)
        if report.warnings:
            say("%s", report.warnings)
        if report.errors and failed is None:
            failed = (step, report)
    say(
        "Audit: %d pages, %d read and parsed once for %s, %d unchanged since the last build; %.1f s",
        outcome.pages,
        outcome.parsed,
        ", ".join(step.NAME for step in steps),
        outcome.pages - outcome.parsed,
        outcome.seconds,
    )
    if failed is not None:
        step, report = failed
        raise step.ERROR(report.errors)
