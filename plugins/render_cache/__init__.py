"""Render cache: a page whose inputs did not change since the last build is written from that build's copy.

Pelican renders every page on every build, even with its content cache (its own `WRITE_SELECTED` is
broken, Pelican issues #2601, #2678, #2957), so after an editor changes one sentence the whole site
is rendered again. See docs/performance.md and docs/plugins.md.
"""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.start)
    signals.generator_init.connect(hooks.use_compiled_templates)
    signals.all_generators_finalized.connect(hooks.remember_generators)
    signals.get_writer.connect(hooks.writer_class)
    signals.finalized.connect(hooks.finish)
