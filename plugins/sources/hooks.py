"""Signal handlers of the sources plugin: load the registry and attach cited sources to each page."""

from __future__ import annotations

import logging
from pathlib import Path

from i18n.listings import split_list
from sitekit.collect import all_items
from sitekit.errors import SiteBuildError
from sitekit.paths import display_path
from sitekit.source_map import line_of
from sitekit.yamldata import DataFileError, load_plugin_data

from .registry import build_registry, resolve, validate_sources

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The registry of sources, relative to the content folder.
    "data_file": "data/sources.yaml",
}

_state: dict = {}


class UnknownSourceError(SiteBuildError, ValueError):
    """A page cites a source id that is not in the registry."""


def load(pelican) -> None:
    loaded = load_plugin_data(pelican.settings, "SOURCES", DEFAULTS)
    data = loaded.data
    problems = validate_sources(data, loaded.lines, loaded.shown)
    if problems:
        raise DataFileError("\n".join(problems))
    _state.clear()
    _state.update(registry=build_registry(data), problems=[])


def install_in_jinja(generator) -> None:
    if "registry" in _state:
        generator.env.globals["SOURCES"] = _state["registry"]


def attach_sources(generator) -> None:
    """Give each article or page `cited_sources`; unknown ids are collected and raised together."""
    settings = generator.settings
    project_root = str(Path(settings["PATH"]).parent)
    items = all_items(generator)
    for item in items:
        ids = split_list(item.metadata.get("sources"))
        item.cited_sources, unknown = resolve(ids, _state["registry"])
        if unknown:
            shown = display_path(item.source_path, settings["PATH"])
            line = line_of(shown, "Sources:", project_root) or line_of(shown, "sources:", project_root)
            known = ", ".join(sorted(_state["registry"]))
            _state["problems"].append(
                f"{shown}:{line}: Sources: unknown id(s) {', '.join(map(repr, unknown))}; "
                f"add them to content/data/sources.yaml or use one of: {known}"
            )


def report_problems(generators) -> None:
    if _state.get("problems"):
        raise UnknownSourceError("\n".join(sorted(set(_state["problems"]))))


def registry() -> dict:
    """The loaded registry, for plugins that check source ids of their own data (e.g. facts)."""
    return _state.get("registry", {})
