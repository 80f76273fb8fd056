"""The accessibility checks as a step of the audit pass: each page's rules on its parsed tree, then the site."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from audit.steps import StepReport
from sitekit import source_map
from sitekit.findings import Finding, errors, warnings
from sitekit.page_cache import code_fingerprint, stable_repr
from sitekit.source_map import relative_to_project

from . import aria, checks, contrast, document, images, language, links, rules, site, structure, viewport
from .checks import find_line
from .config import load_config
from .document import Document
from .hooks import A11yCheckError
from .report import error_report, summary_table, warning_report
from .rules import RULES

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
    checks.clear_cache()
    ignored = set(config["ignore_rules"])
    result = site.SiteResult(rules=[rule for rule in RULES if rule not in ignored])
    root = config.get("project_root", ".")
    titles: dict[str, list] = {}
    for rel in sorted(results):
        value = results[rel]
        if value is None:
            continue
        found, title = value
        result.pages.append(rel)
        result.findings += found
        if title:
            source = site_info.lookup(rel)
            if source is not None and source.source:
                where, line = source.source, find_line(source.source, ("Title:",), root)
            else:
                where, line = (source.template if source else rel), None
            titles.setdefault(title, []).append((rel, where, line))
    if "page-title-unique" not in ignored:
        result.findings += site.duplicate_titles(titles, config)
    css_path = Path(config["css_path"])
    if css_path.is_file() and not {"contrast-text", "contrast-ui", "contrast-focus"} <= ignored:
        shown = relative_to_project(css_path, root)
        found, result.contrast_pairs = contrast.check_css(
            css_path.read_text(encoding="utf-8"), shown, config["min_contrast"], config["min_contrast_large"]
        )
        result.findings += [f for f in found if f.rule not in ignored]
    elif not css_path.is_file():
        result.findings.append(
            Finding(
                relative_to_project(css_path, root),
                None,
                "contrast-text",
                "the stylesheet to check for colour contrast does not exist (A11Y_CHECKS['css_file'])",
                severity="warning",
            )
        )
    result.findings = [site._with_severity(f, config) for f in result.findings]
    return StepReport(
        findings=result.findings,
        summary=[summary_table(result)],
        errors=error_report(result) if errors(result.findings) else "",
        warnings=warning_report(result) if warnings(result.findings) else "",
    )
