"""The accessibility checks as a step of the audit pass: each page's rules on its parsed tree, then the site."""

from __future__ import annotations

import fnmatch

from audit.steps import StepReport
from sitekit import source_map
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
    return code_fingerprint(*modules) + stable_repr(config)


def check_page(page, config: dict):
    """(findings, title) of one page; None for a page the settings skip."""
    if any(fnmatch.fnmatch(page.rel, pattern) for pattern in config["skip_pages"]):
        return None
    doc = Document.from_tree(page.tree, page.rel)
    # Attribution may look up other pages' sources: a list of pages names each listed page's file.
    found = checks.check_doc(doc, config, page.source, source_map.lookup)
    return found, structure.page_title(doc)


def finish(results: dict, site_info, config: dict) -> StepReport:
    result = site.finish_site(results, config, site_info.lookup)
    return StepReport(
        findings=result.findings,
        summary=[summary_table(result)],
        errors=error_report(result) if errors(result.findings) else "",
        warnings=warning_report(result) if warnings(result.findings) else "",
    )
