"""Signal handlers any plugin may connect to keep the output-to-source map (connecting twice is harmless)."""

from __future__ import annotations

import os

from . import attribution, source_map

MAP_FILE = "source-map.json"


def reset_map(pelican) -> None:
    """At the start of every build: forget the last build's pages and the Markdown lines read for it.

    Connected to `get_generators`, which Pelican sends on every run; `initialized` is sent only once
    under `invoke livereload`, so edited files would keep the first build's line numbers.
    """
    source_map.reset()
    attribution.clear_cache()


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


def on_each_build(signals, handler) -> None:
    """Call `handler(pelican)` at the start of every build, before anything is read.

    Pelican sends `initialized` once per Pelican object, and `pelican --autoreload` (`invoke livereload`)
    keeps one object for all its rebuilds, so data loaded there would never be read again and the
    content checks would not run on an edited file. `get_generators` is sent at the start of every run;
    a handler that returns None adds no generator. `handler` must be a module-level function: blinker
    keeps only a weak reference to it.
    """
    signals.get_generators.connect(handler)


def connect(signals) -> None:
    """Connect the three handlers; call from a plugin's register()."""
    on_each_build(signals, reset_map)
    signals.content_written.connect(record_written)
    signals.finalized.connect(save_map)
