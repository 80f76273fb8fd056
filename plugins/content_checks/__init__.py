"""Content checks: every Markdown file checked while Pelican reads, before any page is written; translations."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.check_content)
    signals.all_generators_finalized.connect(hooks.report_content)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.finalized.connect(hooks.log_translation_summary)
