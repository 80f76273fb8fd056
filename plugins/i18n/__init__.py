"""Khmer and English in one Pelican site: language from folders, gettext strings, per-language listings.

Written as a local plugin rather than using pelican-i18n-subsites: that plugin is AGPL-3.0, barely
maintained, writes cross-language links as `/km/../page.html` and crashes on an unknown language,
while what this site needs (one site, the default language at /, the other under a prefix) is a
small amount of code on top of Pelican's own translation pairing.
"""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.check_settings)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.article_generator_finalized.connect(hooks.prepare_articles)
    signals.article_generator_finalized.connect(hooks.drafts_without_category)
    signals.page_generator_finalized.connect(hooks.prepare_pages)
    signals.get_generators.connect(hooks.add_generator)
