"""Search that works in Khmer: the site's own index of every page's text, loaded only when someone searches."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
