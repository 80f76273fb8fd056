"""Search that works in Khmer: the site's own index of every page's text, loaded only when someone searches."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
