"""Theme assets: the stylesheet inlined into every page and scripts published under content-hashed names."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.all_generators_finalized.connect(hooks.write_assets)
