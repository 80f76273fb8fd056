"""Signal handler of a11y_checks: check every written page once the site is complete, stop on any error."""

from __future__ import annotations

import logging
from pathlib import Path

from sitekit import source_map
from sitekit.errors import SiteBuildError
from sitekit.findings import errors, warnings
from sitekit.page_cache import ResultCache, code_fingerprint
from sitekit.summary import say

from . import aria, checks, contrast, document, images, language, links, rules, site, structure, viewport
from .config import load_config
from .report import error_report, summary_table, warning_report
from .site import check_site

logger = logging.getLogger(__name__)


class A11yCheckError(SiteBuildError):
    """At least one page (or the theme's colours) fails an accessibility rule."""


def check_output(pelican) -> None:
    settings = pelican.settings
    config = load_config(settings)
    # Pages unchanged since the last build (most of them, when an editor changed one article) are not checked again.
    code = code_fingerprint(aria, checks, contrast, document, images, language, links, rules, site, structure, viewport)
    cache = ResultCache(Path(settings["CACHE_PATH"]) / "a11y-pages.pickle", code + repr(config))
    result = check_site(Path(settings["OUTPUT_PATH"]), config, source_map.lookup, cache)
    cache.save()
    say("%s", summary_table(result))
    if warnings(result.findings):
        say("%s", warning_report(result))
    if errors(result.findings):
        raise A11yCheckError(error_report(result))
    logger.info("Accessibility: %d pages passed every rule", len(result.pages))
