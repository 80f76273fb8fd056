"""Content images: resized, recompressed, metadata-free copies at the widths they are shown at, with size attributes."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.reset)
    signals.article_generator_finalized.connect(hooks.rewrite_items)
    signals.page_generator_finalized.connect(hooks.rewrite_items)
    signals.all_generators_finalized.connect(hooks.write_images)
