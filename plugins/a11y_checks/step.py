"""The accessibility checks as a step of the audit pass: each page's rules on its parsed tree, then the site."""

from __future__ import annotations

from audit.steps import StepReport
from sitekit import attribution, html, source_map
from sitekit.findings import errors, warnings
from sitekit.page_cache import code_fingerprint, stable_repr

from . import aria, checks, contrast, document, images, language, links, rules, site, structure, viewport
from .config import load_config
from .document import Document
from .hooks import A11yCheckError
from .report import error_report, summary_table, warning_report

NAME = "a11y"
ERROR = A11yCheckError


def configure(settings: dict) -> dict:
    return load_config(settings)


def fingerprint(config: dict) -> str:
    modules = (aria, checks, contrast, document, images, language, links, rules, site, structure, viewport)
    # Line numbers in findings come from sitekit.attribution; pages are parsed by sitekit.html.
    modules += (attribution, html)
    return code_fingerprint(*modules) + stable_repr(config)


def check_page(page, config: dict):
    """(findings, title) of one page; None for a page the settings skip."""
    if site.skipped(page.rel, config):
        return None
    # Attribution may look up other pages' sources: a list of pages names each listed page's file.
    return site.page_result(Document.from_tree(page.tree, page.rel), config, page.source, source_map.lookup)


def finish(results: dict, site_info, config: dict) -> StepReport:
    result = site.finish_site(results, config, site_info.lookup)
    return StepReport(
        findings=result.findings,
        summary=[summary_table(result)],
        errors=error_report(result) if errors(result.findings) else "",
        warnings=warning_report(result) if warnings(result.findings) else "",
    )
