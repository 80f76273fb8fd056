"""Search indexing as a step of the audit pass: each page's text from its parsed tree, then the bundle."""

from __future__ import annotations

import re
from pathlib import Path

from audit.steps import StepReport
from sitekit import compression, html
from sitekit.errors import SiteBuildError
from sitekit.page_cache import code_fingerprint, stable_repr
from theme_assets.assets import hashed_name

from . import extract, index, segment
from .hooks import ENGINE
from .hooks import configure as configure_search
from .index import indexed_page, write_bundle

NAME = "search"


class SearchIndexError(SiteBuildError):
    """The search index could not be written."""


ERROR = SearchIndexError
#: `finish` writes the bundle and returns its report, nothing else: it may run beside the other steps.
FINISH_APART = True


def configure(settings: dict) -> dict:
    config = dict(configure_search(settings))
    config["_exclude"] = [re.compile(p) for p in config["exclude"]]
    config["_kept"] = str(Path(settings["CACHE_PATH"]) / "search-bundle")
    return config


def fingerprint(config: dict) -> str:
    shown = {k: v for k, v in config.items() if not k.startswith("_")}
    return code_fingerprint(extract, index, segment, html) + stable_repr(shown)


def check_page(page, config: dict):
    """One page ready for the index (None for a page that is not indexed: listings, the search pages)."""
    bundle = config["bundle_dir"].strip("/") + "/"
    if page.rel.startswith(bundle) or any(p.search(page.rel) for p in config["_exclude"]):
        return None
    found = extract.extract_tree(page.tree, page.rel, config)
    return None if found is None else indexed_page(found, config["piece_positions"])


def finish(results: dict, site, config: dict) -> StepReport:
    pages = [results[rel] for rel in sorted(results) if results[rel] is not None]
    bundle = Path(site.output) / config["bundle_dir"].strip("/")
    code = ENGINE.read_bytes()
    report = write_bundle(
        pages,
        bundle,
        {hashed_name(ENGINE.name, code): code},
        config["chunk_bytes"],
        config["piece_positions"],
        kept=Path(config["_kept"]),
        # The bundle's files hold the compressor's bytes; the pages' results do not.
        made_by=fingerprint(config) + compression.COMPRESSOR,
    )
    return StepReport(summary=[report.summary()])
