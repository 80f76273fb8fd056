"""Page budget over the whole site: settings, each page's problems named by source, the summary (step.py runs it)."""

from __future__ import annotations

import statistics
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitekit import source_map
from sitekit.errors import SiteBuildError
from sitekit.findings import Finding

from .rules import check_page, kb, origin_of

DEFAULTS = {
    # Largest HTML page (inline CSS included) after gzip, in KB: one TCP round trip is about 14 KB.
    "html_max_gzip_kb": 14,
    # Most JavaScript one page may load (sum of its deferred scripts, uncompressed), in KB.
    "script_max_kb": 4,
    # Largest image file, in KB.
    "image_max_kb": 30,
    # How many of the heaviest pages the build summary lists.
    "largest_listed": 5,
    # Regular expressions of output paths (e.g. "^drafts/") that are not weighed.
    "skip": [],
}


class PageBudgetError(SiteBuildError):
    """At least one page breaks the page budget."""


def judge_site(output: Path, inventories: dict, config: dict, siteurl: str, project_root: str):
    """(findings, weights) from each page's (inventory, gzip weight): sizes of the files pages load are read here."""
    site_origin = origin_of(siteurl) if siteurl else None
    sizes: dict[Path, int | None] = {}

    def local_size_for(page_dir: Path):
        def local_size(url: str) -> int | None:
            path = local_path(output, page_dir, url, siteurl)
            if path is None:
                return None
            if path not in sizes:
                sizes[path] = path.stat().st_size if path.is_file() else None
            return sizes[path]

        return local_size

    findings: list[Finding] = []
    weights: dict[str, int] = {}
    for rel in sorted(inventories):
        inv, gzip_weight = inventories[rel]
        page_dir = (output / rel).parent
        weight, problems = check_page(b"", inv, config, local_size_for(page_dir), site_origin, gzip_weight)
        weights[rel] = weight
        findings.extend(to_finding(rel, problem, project_root) for problem in problems)
    return findings, weights


def local_path(output: Path, page_dir: Path, url: str, siteurl: str) -> Path | None:
    """The output file a URL of this site is served from (directory URLs -> index.html)."""
    if siteurl and url.startswith(siteurl):
        url = url[len(siteurl) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    rel = unquote(parts.path)
    target = output / rel.lstrip("/") if rel.startswith("/") else page_dir / rel
    return target / "index.html" if rel.endswith("/") else target


def to_finding(page: str, problem, project_root: str) -> Finding:
    """Name the Markdown file when the problem comes from the article text, else the template."""
    src = source_map.lookup(page)
    source, line = page, problem.line
    if src is not None:
        source, line = src.template, None
        if src.source:
            needle = _needle(problem.message)
            found = source_map.line_of(src.source, needle, project_root) if needle else None
            if found or problem.rule == "page-weight":
                source, line = src.source, found
    return Finding(source, line, f"budget/{problem.rule}", problem.message, page=page)


def _needle(message: str) -> str:
    """The URL a message is about, to find the Markdown line that wrote it."""
    words = message.split()
    for word in words[:3]:
        if "/" in word or "." in word:
            return word
    return ""


def summary(weights: dict[str, int], listed: int) -> str:
    if not weights:
        return "Page budget: no pages"
    heaviest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:listed]
    median = statistics.median(weights.values())
    top = ", ".join(f"{page} {kb(size)}" for page, size in heaviest)
    return f"Page budget: {len(weights)} pages weighed; median {kb(int(median))} gzip; heaviest: {top}"
