"""Parallel reading: a second process converts Markdown files from the end of the list while Pelican reads
from the start, each with one Markdown converter (docs/performance.md, docs/plugins.md)."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.start_build)
    signals.readers_init.connect(hooks.use_converter)
    signals.article_generator_init.connect(hooks.start_articles)
    signals.page_generator_init.connect(hooks.start_pages)
    signals.article_generator_finalized.connect(hooks.stop)
    signals.page_generator_finalized.connect(hooks.stop)
