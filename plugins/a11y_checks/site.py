"""Check a whole output folder: every HTML page, titles across pages, and the theme's colour contrast."""

from __future__ import annotations

import fnmatch
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sitekit.findings import Finding
from sitekit.source_map import relative_to_project

from . import checks, contrast, structure
from .checks import Lookup, find_line
from .document import Document
from .rules import RULES


@dataclass
class SiteResult:
    """What one run checked and found."""

    findings: list[Finding] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    contrast_pairs: int = 0
    rules: list[str] = field(default_factory=list)


def html_pages(output: Path, config: dict) -> list[str]:
    """Every `.html` file under `output` (relative, sorted), minus those matching a `skip_pages` pattern."""
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    return [page for page in pages if not skipped(page, config)]


def skipped(page: str, config: dict) -> bool:
    """Whether a `skip_pages` pattern leaves `page` (an output path) unchecked."""
    return any(fnmatch.fnmatch(page, pattern) for pattern in config["skip_pages"])


def page_result(doc: Document, config: dict, source, lookup: Lookup):
    """(findings, title) of one parsed page: what `finish_site` needs of it."""
    return checks.check_doc(doc, config, source, lookup), structure.page_title(doc)


def check_site(output: str | os.PathLike, config: dict, lookup: Lookup) -> SiteResult:
    """Check every page of an existing output folder (`invoke a11y`); the build runs the same per-page
    check and `finish_site` in the audit pass (step.py)."""
    output = Path(output)
    checks.clear_cache()
    results = {}
    for page in html_pages(output, config):
        doc = Document((output / page).read_bytes().decode("utf-8", errors="replace"), page)
        results[page] = page_result(doc, config, lookup(page), lookup)
    return finish_site(results, config, lookup)


def finish_site(results: dict, config: dict, lookup: Lookup) -> SiteResult:
    """The whole site from each page's (findings, title): titles shared by two pages, the stylesheet's
    colour contrast, and each finding's severity as the settings want it."""
    ignored = set(config["ignore_rules"])
    result = SiteResult(rules=[rule for rule in RULES if rule not in ignored])
    titles: dict[str, list[str]] = defaultdict(list)
    root = config.get("project_root", ".")
    for page in sorted(results):
        if results[page] is None:
            continue  # a page the settings skip
        found, title = results[page]
        result.pages.append(page)
        result.findings += found
        if title:
            titles[title].append(page)
    if "page-title-unique" not in ignored:
        # The `Title:` line is looked up only for a title two pages share (it reads the Markdown file).
        shared = {
            title: [_title_place(page, lookup, root) for page in pages]
            for title, pages in titles.items()
            if len(pages) > 1
        }
        result.findings += duplicate_titles(shared, config)
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
    result.findings = [_with_severity(f, config) for f in result.findings]
    return result


def _title_place(page: str, lookup: Lookup, root: str) -> tuple[str, str, int | None]:
    """(page, the file its title comes from, the line of `Title:` in it when it is Markdown)."""
    source = lookup(page)
    if source is not None and source.source:
        return page, source.source, find_line(source.source, ("Title:",), root)
    return page, (source.template if source else page), None


def _with_severity(finding: Finding, config: dict) -> Finding:
    if finding.severity == "error" and finding.rule in config["warning_rules"]:
        return Finding(
            finding.source, finding.line, finding.rule, finding.message, finding.page, "warning", finding.detail
        )
    return finding


def duplicate_titles(titles: dict, config: dict) -> list[Finding]:
    rule = RULES["page-title-unique"]
    findings = []
    for title, pages in sorted(titles.items()):
        if len(pages) < 2:
            continue
        for page, where, line in pages:
            others = ", ".join(p for p, _w, _l in pages if p != page)
            findings.append(
                Finding(
                    where,
                    line,
                    rule.id,
                    f'the page title "{title}" is also the title of {others}: give each page a title of its own '
                    f"[{rule.cite()}]",
                    page=page,
                    severity=rule.severity,
                )
            )
    return findings
