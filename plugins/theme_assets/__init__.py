"""Theme assets: the stylesheet inlined into every page and scripts published under content-hashed names."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.all_generators_finalized.connect(hooks.write_assets)
