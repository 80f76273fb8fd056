"""Turn problems on output pages into findings that name the Markdown file (and line) or template to fix."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path, PurePosixPath

from sitekit.attribution import find_line
from sitekit.errors import SiteBuildError
from sitekit.findings import Finding, errors, format_report, warnings
from sitekit.source_map import PageSource

from .checks import Problem
from .extract import Ref


class LinkCheckError(SiteBuildError):
    """The site has broken links; the message lists each with the file (and line) to fix."""


def region_template(template: str, region_partial: str) -> str:
    """`theme/templates/article.html` + `partials/footer.html` -> `theme/templates/partials/footer.html`."""
    return (PurePosixPath(template).parent / region_partial).as_posix()


class Attributor:
    """Names the file an editor opens for each problem, using the build's output-to-source map."""

    def __init__(self, lookup, project_root: str | os.PathLike, regions: dict[str, str] | None = None, target_of=None):
        self.lookup = lookup
        self.project_root = Path(project_root)
        self.regions = regions or {}
        # target_of(problem) -> output file the problem's URL points at, or None (to find `{filename}` links)
        self.target_of = target_of or (lambda problem: None)

    def finding(self, problem: Problem) -> Finding:
        ref = problem.ref
        page_source: PageSource | None = self.lookup(problem.page) if problem.page.endswith(".html") else None
        if ref is None or page_source is None:
            line = problem.line or (ref.line if ref is not None else None)
            detail = "" if ref is None else f"line {ref.line} of the output page"
            return Finding(
                problem.page, line or None, problem.rule, problem.message, problem.page, problem.severity, detail
            )
        detail = f"output line {ref.line}"
        if ref.in_content and page_source.source:
            line = self.markdown_line(page_source.source, problem)
            return Finding(
                page_source.source, line, problem.rule, problem.message, problem.page, problem.severity, detail
            )
        template = page_source.template
        if ref.region and ref.region in self.regions:
            template = region_template(template, self.regions[ref.region])
        return Finding(template, None, problem.rule, problem.message, problem.page, problem.severity, detail)

    # --- lines in Markdown --------------------------------------------------------------------

    def needles(self, problem: Problem) -> list[str]:
        """Strings that may appear on the Markdown line that wrote the link, most specific first."""
        ref = problem.ref
        url = ref.url
        found = [url]
        path, _, fragment = url.partition("#")
        if "://" in path:
            site_relative = "/" + path.split("://", 1)[1].partition("/")[2]
            found.append(site_relative + (f"#{fragment}" if fragment else ""))
        target = self.target_of(problem)
        target_source = self.lookup(target).source if target and self.lookup(target) else None
        if target_source:
            inside_content = "/" + PurePosixPath(*PurePosixPath(target_source).parts[1:]).as_posix()
            if fragment:
                found.append(f"{inside_content}#{fragment}")
            found.append(inside_content)
        if fragment:
            found += [f"{{contact:{fragment}}}", f"{{tel:{fragment}}}", f"#{fragment}"]
        return [n for n in found if n]

    def markdown_line(self, source: str, problem: Problem) -> int | None:
        line = find_line(source, self.needles(problem), str(self.project_root))
        return line or self.text_line(source, problem.ref)

    def text_line(self, source: str, ref: Ref) -> int | None:
        """The first line of the Markdown text (not its metadata block) holding the link text."""
        text = ref.text.strip()
        if len(text) < 2:
            return None
        words = text.split()
        candidates = [text, " ".join(words[:3])] if len(words) > 3 else [text]
        return find_line(source, candidates, str(self.project_root), body_only=True)


def collapse_template_findings(findings: list[Finding], templates: set[str]) -> list[Finding]:
    """One finding per template problem however many pages show it, with the number of pages."""
    grouped: dict[tuple, list[Finding]] = defaultdict(list)
    kept = []
    for finding in findings:
        if finding.source in templates:
            grouped[(finding.source, finding.rule, finding.message, finding.severity)].append(finding)
        else:
            kept.append(finding)
    for group in grouped.values():
        first = min(group, key=lambda f: f.page)
        pages = len({f.page for f in group})
        message = first.message + (f" (on {pages} pages)" if pages > 1 else "")
        kept.append(Finding(first.source, first.line, first.rule, message, first.page, first.severity, first.detail))
    return kept


def summary_line(pages: int, links: int, targets: int, findings, seconds: float) -> str:
    """`Link check: 1,004 pages, 40,112 links, 2,310 unique targets, 0 failures, 1 warning (0.9 s)`."""
    failures, notes = len(errors(findings)), len(warnings(findings))
    return (
        f"Link check: {pages:,} pages, {links:,} links, {targets:,} unique targets, "
        f"{failures:,} failure{'s' if failures != 1 else ''}, {notes:,} warning{'s' if notes != 1 else ''} "
        f"({seconds:.2f} s)"
    )


def error_report(findings, limit: int = 200) -> str:
    broken = errors(findings)
    title = f"{len(broken)} broken link(s); fix each file below and build again:"
    return format_report(title, broken, limit)


def warning_report(findings, limit: int = 200) -> str:
    notes = warnings(findings)
    return format_report(f"{len(notes)} link warning(s) (the build still passes):", notes, limit) if notes else ""
