"""Sources: one registry of cited documents; each page lists the sources named in its `Sources:` line."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.article_generator_finalized.connect(hooks.attach_sources)
    signals.page_generator_finalized.connect(hooks.attach_sources)
    signals.all_generators_finalized.connect(hooks.report_problems)
