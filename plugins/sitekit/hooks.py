"""Signal handlers any plugin may connect to keep the output-to-source map (connecting twice is harmless)."""

from __future__ import annotations

import os

from . import attribution, source_map

MAP_FILE = "source-map.json"


def reset_map(pelican) -> None:
    source_map.reset()
    attribution.clear_cache()  # a new build: sources may have changed since the last one (livereload)


def record_written(path, context) -> None:
    """On each written page: remember its Markdown file (if any) and template."""
    if not str(path).endswith(".html"):
        return
    project_root = os.path.dirname(os.path.abspath(context["PATH"]))
    page = source_map.page_source_from_context(context, context["THEME"], project_root)
    source_map.record(path, context["OUTPUT_PATH"], page)


def save_map(pelican) -> None:
    """Keep the map next to the cache so `invoke linkcheck` / `invoke a11y` can name sources later."""
    source_map.save(os.path.join(pelican.settings["CACHE_PATH"], MAP_FILE))


def connect(signals) -> None:
    """Connect the three handlers; call from a plugin's register()."""
    signals.initialized.connect(reset_map)
    signals.content_written.connect(record_written)
    signals.finalized.connect(save_map)
