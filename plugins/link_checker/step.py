"""The link checker as a step of the audit pass: each page's links from its parsed tree, then the whole site."""

from __future__ import annotations

from pelican.log import console

from audit.steps import StepReport
from sitekit import html, patterns
from sitekit.findings import errors
from sitekit.page_cache import code_fingerprint, stable_repr

from . import extract
from .config import load_config
from .external import progress_bar
from .report import LinkCheckError, error_report, summary_line, warning_report
from .scan import check_parsed, markers_of

NAME = "links"
ERROR = LinkCheckError


def configure(settings: dict) -> dict:
    config = load_config(settings)
    config["_siteurl"] = settings.get("SITEURL", "")
    config["_cache_dir"] = settings.get("CACHE_PATH")
    return config


def fingerprint(config: dict) -> str:
    return code_fingerprint(extract, html, patterns) + stable_repr(markers_of(config))


def needs_console(config: dict) -> bool:
    """Checking external links draws a progress bar on the build's console."""
    return config["check_external"]


def check_page(page, config: dict):
    """What the link checks need of one page: its language, ids and every URL with where it sits."""
    return extract.parse_tree(page.tree, markers_of(config))


def finish(results: dict, site, config: dict) -> StepReport:
    with progress_bar(console, enabled=config["check_external"]) as progress:
        outcome = check_parsed(
            site.output, site.files, results, config["_siteurl"], config, site.lookup, site.project_root,
            cache_dir=config["_cache_dir"], progress=progress,
        )  # fmt: skip
    summary = [outcome.external_summary] if outcome.external_summary else []
    summary.append(summary_line(outcome.pages, outcome.links, outcome.targets, outcome.findings, outcome.seconds))
    limit = config["report_limit"]
    return StepReport(
        findings=outcome.findings,
        summary=summary,
        errors=error_report(outcome.findings, limit) if errors(outcome.findings) else "",
        warnings=warning_report(outcome.findings, limit) or "",
    )
