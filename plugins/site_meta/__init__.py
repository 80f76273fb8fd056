"""Site metadata for chat apps, browsers and crawlers: link-preview tags, the favicon and robots.txt."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.all_generators_finalized.connect(hooks.write_files)
