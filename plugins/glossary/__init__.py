"""Glossary: terms in both languages from one data file, a glossary page, and links on each term's first use."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.article_generator_finalized.connect(hooks.link_first_uses)
    signals.page_generator_finalized.connect(hooks.link_first_uses)
