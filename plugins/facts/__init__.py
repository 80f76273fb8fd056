"""Facts and figures: one data file of sourced figures, shown on the facts page with build-time SVG charts."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
