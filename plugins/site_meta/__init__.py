"""Site metadata for chat apps, browsers and crawlers: link-preview tags, the favicon and robots.txt."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.all_generators_finalized.connect(hooks.write_files)
