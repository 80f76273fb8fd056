"""The page budget as a step of the audit pass: each page weighed and inventoried from its parsed tree."""

from __future__ import annotations

import re

from audit.steps import StepReport
from sitekit import compression, html, patterns
from sitekit.findings import errors, format_report
from sitekit.page_cache import code_fingerprint, stable_repr
from sitekit.settings import merge_settings

from . import inventory as inventory_module
from . import rules
from .hooks import DEFAULTS, PageBudgetError, judge_site, summary

NAME = "budget"
ERROR = PageBudgetError


def configure(settings: dict) -> dict:
    config = merge_settings("PAGE_BUDGET", DEFAULTS, settings.get("PAGE_BUDGET"))
    config["_skip"] = [re.compile(p) for p in config["skip"]]
    config["_siteurl"] = settings.get("SITEURL", "")
    return config


def fingerprint(config: dict) -> str:
    # `skip` decides whether a page is weighed at all: a page skipped last time is weighed once it no longer is.
    made_by = code_fingerprint(inventory_module, rules, html, patterns) + compression.COMPRESSOR
    return made_by + stable_repr(config["skip"])


def check_page(page, config: dict):
    """(what the page downloads, its gzip weight), or None for a page the budget skips."""
    if any(p.search(page.rel) for p in config["_skip"]):
        return None
    return inventory_module.inventory_of(page.tree, page.data), rules.gzip_size(page.data)


def finish(results: dict, site, config: dict) -> StepReport:
    inventories = {rel: value for rel, value in results.items() if value is not None}
    findings, weights = judge_site(site.output, inventories, config, config["_siteurl"], site.project_root)
    failed = errors(findings)
    return StepReport(
        findings=findings,
        summary=[summary(weights, config["largest_listed"])],
        errors=format_report("Page budget: these pages are too heavy or slow to render", findings) if failed else "",
    )
