"""Signal handlers of the search plugin: check settings and give the search page what it needs (step.py indexes)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from sitekit.settings import PluginSettingsError, merge_settings
from theme_assets.assets import hashed_name

from .index import CHUNK_BYTES, PIECE_POSITIONS
from .segment import JS_CLUSTER

#: The search itself (index reader, ranking, result list), imported by the search page's script on
#: the first search and published beside the index under a name that changes with its content.
ENGINE = Path(__file__).with_name("engine.js")

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Output folder of the search index (index chunks, page texts, engine.js), inside the site.
    "bundle_dir": "search-index",
    # Regular expressions of output pages (relative paths) never indexed: the search pages themselves.
    "exclude": [r"(^|/)search/index\.html$"],
    # Only pages whose <main> holds this element are indexed: articles and pages, not listings.
    "require_selector": ".prose:not([data-unlisted])",
    # Parts of <main> left out of the index: in-page navigation, the "last reviewed" line, the
    # privacy guides' "last checked" notice (the same words on every guide), the sources list,
    # "related pages" and "need help?" (they name other pages), pagination.
    "ignore_selectors": ["nav", "article > .meta", "article > .notice", ".sources", ".after", ".pagination"],
    # Links whose text names the page's audiences (shown with each result).
    "audience_selector": "article > .meta a",
    # Most results the search page shows for one search (each downloads one piece of that page's text).
    "results": 8,
    # Characters of text shown around the match in each result.
    "excerpt_length": 180,
    # Bytes of JSON per index chunk: smaller chunks mean fewer unneeded bytes per search, more files.
    "chunk_bytes": CHUNK_BYTES,
    # Positions (clusters, words, spaces) per piece of a page's stored text; a result downloads one piece.
    "piece_positions": PIECE_POSITIONS,
    # The search script (under the theme's static folder); it must be in THEME_ASSETS["hashed"].
    "script": "js/search.js",
    # Pages with this `Template:` are search pages: they load the script.
    "template": "search",
    # Without JavaScript the search page lists this many pages of each audience, then links to the
    # audience's hub (split into pages), so the search page stays in the page budget as the site grows.
    "fallback_items": 15,
}


class SearchSettingsError(PluginSettingsError):
    """The SEARCH settings or the settings the search page depends on are wrong."""


_state: dict = {}


def load(pelican) -> None:
    """Check the settings once per build, before anything is read."""
    configure(pelican.settings)


def configure(settings) -> dict:
    config = merge_settings("SEARCH", DEFAULTS, settings.get("SEARCH"))
    hashed = (settings.get("THEME_ASSETS") or {}).get("hashed") or []
    if config["script"] not in hashed:
        raise SearchSettingsError(
            f"SEARCH: the search script {config['script']!r} is not published; add it to "
            f'THEME_ASSETS["hashed"] in pelicanconf.py, e.g. THEME_ASSETS = {{"hashed": '
            f'["js/quick-exit.js", {config["script"]!r}]}}'
        )
    for pattern in config["exclude"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SearchSettingsError(f"SEARCH['exclude']: {pattern!r} is not a regular expression: {exc}") from exc
    if config["results"] < 1 or config["excerpt_length"] < 20:
        raise SearchSettingsError("SEARCH: 'results' must be at least 1 and 'excerpt_length' at least 20")
    if config["chunk_bytes"] < 1000 or config["piece_positions"] < 100:
        raise SearchSettingsError("SEARCH: 'chunk_bytes' must be at least 1000 and 'piece_positions' at least 100")
    _state.clear()
    _state["config"] = config
    return config


def engine_name() -> str:
    """`engine.<hash>.js`: a new name whenever engine.js changes, so browsers never mix old and new."""
    return hashed_name(ENGINE.name, ENGINE.read_bytes())


def install_in_jinja(generator) -> None:
    config = _state.get("config") or configure(generator.settings)
    bundle = f"{generator.settings.get('SITEURL', '')}/{config['bundle_dir'].strip('/')}/"
    generator.env.globals["search_page"] = {
        "template": config["template"],
        "script": config["script"],
        "bundle": bundle,
        "engine": bundle + engine_name(),
        "site": generator.settings.get("SITEURL", ""),
        "results": config["results"],
        "excerpt_length": config["excerpt_length"],
        "fallback_items": config["fallback_items"],
        "cluster": JS_CLUSTER,
    }
