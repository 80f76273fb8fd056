"""Contacts: one validated data file feeds the help page, the help strip and {contact:ID} placeholders."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.article_generator_finalized.connect(hooks.fill_placeholders)
    signals.page_generator_finalized.connect(hooks.fill_placeholders)
    signals.all_generators_finalized.connect(hooks.report_problems)
