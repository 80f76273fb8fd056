"""Check a whole output folder: parse each page once, run every check, optionally check external URLs live."""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitekit.findings import Finding
from sitekit.paths import list_output

from . import external as live
from .checks import ERROR, WARNING, Problem, Site, Tally, check_css, check_page, check_sitemap
from .extract import Markers, ParsedPage, parse_html, sitemap_entries
from .report import Attributor, collapse_template_findings
from .resolve import SiteURL, file_for, page_url, resolve


@dataclass
class Outcome:
    """Everything one run found, with the numbers for the summary line."""

    findings: list[Finding]
    pages: int
    links: int
    targets: int
    seconds: float
    external_summary: str = ""
    problems: list[Problem] = field(default_factory=list)
    #: External URLs the live check would request (allow-listed ones left out), and whether it did not
    #: because none of their hosts could be reached (this machine looks offline).
    external_urls: int = 0
    external_offline: bool = False


def parse_pages(output: Path, rels, markers: Markers) -> dict[str, ParsedPage]:
    pages = {}
    for rel in rels:
        text = (output / rel).read_text(encoding="utf-8", errors="replace")
        pages[rel] = parse_html(text, markers)
    return pages


def check_output(
    output: str | os.PathLike,
    siteurl: str,
    config: dict,
    lookup,
    project_root: str | os.PathLike,
    cache_dir: str | os.PathLike | None = None,
    external: bool | None = None,
    progress=None,
    probe=None,
) -> Outcome:
    """Run every check over `output`; `lookup(page_rel)` names each page's source (sitekit.source_map)."""
    # Parsing a thousand pages makes many small objects and no reference cycles; with Pelican's whole
    # site in memory each automatic collection would walk all of it, so the collector waits until the end.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_output(output, siteurl, config, lookup, project_root, cache_dir, external, progress, probe)
    finally:
        if was_enabled:
            gc.enable()


def markers_of(config: dict) -> Markers:
    return Markers(config["content_class"], config["switch_class"], frozenset(config["regions"]))


def _check_output(output, siteurl, config, lookup, project_root, cache_dir, external, progress, probe) -> Outcome:
    output = Path(output)
    files = list_output(output)
    html = sorted(f for f in files if f.endswith(".html"))
    parsed = parse_pages(output, html, markers_of(config))
    return check_parsed(
        output, files, parsed, siteurl, config, lookup, project_root, cache_dir, external, progress, probe
    )


def check_parsed(output, files, parsed: dict[str, ParsedPage], siteurl, config, lookup, project_root,
                 cache_dir=None, external=None, progress=None, probe=None) -> Outcome:  # fmt: skip
    """Every check over pages already parsed (by the audit pass, or by `parse_pages`), then the CSS and sitemap."""
    started = time.perf_counter()
    output = Path(output)
    html = sorted(parsed)
    site = Site(frozenset(files), parsed, SiteURL.parse(siteurl, config["published_url"]), config["ignore_re"])
    tally = Tally()
    problems: list[Problem] = []
    for rel in html:
        problems += check_page(rel, site.pages[rel], site, tally)
    for rel in sorted(f for f in files if f.endswith(".css")):
        problems += check_css(rel, (output / rel).read_text(encoding="utf-8", errors="replace"), site, tally)
    if "sitemap.xml" in site.files:
        problems += check_sitemap(sitemap_entries((output / "sitemap.xml").read_text(encoding="utf-8")), site)
    live_run = LiveRun()
    if config["check_external"] if external is None else external:
        live_run = check_external(tally, config, cache_dir, progress, probe)
        problems += live_run.problems

    def target_of(problem: Problem) -> str | None:
        target = resolve(problem.url, page_url(problem.page), site.siteurl)
        return file_for(target.path, site.files)[0] if target.kind == "internal" else None

    attributor = Attributor(lookup, project_root, config["regions"], target_of)
    findings = [attributor.finding(p) for p in problems]
    templates = {
        f.source for f, p in zip(findings, problems, strict=True) if p.ref is not None and not p.ref.in_content
    }
    templates -= {p.page for p in problems}
    findings = collapse_template_findings(findings, templates)
    return Outcome(
        findings,
        tally.pages,
        tally.links,
        len(tally.targets),
        time.perf_counter() - started,
        live_run.summary,
        problems,
        live_run.requested,
        live_run.offline,
    )


@dataclass
class LiveRun:
    """What the live check of external links did: its problems, its summary line, how many URLs it
    would request and whether it left them alone because no linked host could be reached."""

    problems: list[Problem] = field(default_factory=list)
    summary: str = ""
    requested: int = 0
    offline: bool = False


OFFLINE_NOTE = (
    "External links: not checked: none of the sites they lead to could be reached, so this machine looks "
    "offline; check again with a network connection"
)


def check_external(tally: Tally, config: dict, cache_dir, progress=None, probe=None) -> LiveRun:
    """Request each unique external URL once and report broken, moved and unchecked ones where they appear.

    First a few linked hosts are probed (`probe`, default `reachable`): when none answers, nothing is
    requested, reported or cached.
    """
    started = time.perf_counter()
    urls = [u for u in tally.external if u.lower().startswith(("http://", "https://"))]
    requested = [u for u in urls if not any(p.search(u) for p in config["external_allow_re"])]
    if requested and not (probe or live.reachable)(live.hosts_of(requested)):
        return LiveRun(summary=OFFLINE_NOTE, requested=len(requested), offline=True)
    cache_path = Path(config["cache_path"])
    if not cache_path.is_absolute():
        cache_path = Path(cache_dir or ".") / cache_path
    cache = live.LinkCache(cache_path, config["cache_max_age_hours"])
    checker = live.LiveChecker(
        concurrency=config["concurrency"],
        per_host=config["per_host"],
        timeout=config["timeout"],
        retries=config["retries"],
        backoff=config["backoff"],
    )
    results = checker.check_all(urls, cache, config["external_allow_re"], progress)
    problems = []
    for url, result in sorted(results.items()):
        if result.verdict in (live.OK, live.SKIPPED):
            continue
        severity = ERROR if result.verdict == live.BROKEN else WARNING
        what = {live.BROKEN: "broken", live.MOVED: "moved", live.UNCHECKED: "could not be checked"}[result.verdict]
        for page, ref in tally.external.get(url, []):
            message = f"{url}: {what}: {result.message}"
            if ref is not None and ref.tag == "a" and ref.text:
                message = f"link “{ref.text}” -> {message}"
            problems.append(Problem(page, url, "external-live", message, severity, ref, ref.line if ref else 0))
    return LiveRun(problems, live.summary_line(results, time.perf_counter() - started), len(requested))
