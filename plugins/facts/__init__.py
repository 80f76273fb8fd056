"""Facts and figures: one data file of sourced figures, shown on the facts page with build-time SVG charts."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
