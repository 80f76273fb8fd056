"""Content checks: every Markdown file is checked before Pelican reads it, and translations are tracked."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.check_content)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.finalized.connect(hooks.log_translation_summary)
