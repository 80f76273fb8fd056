"""Leaflets: a one-page A4 leaflet with a QR code for each "what to do if" guide and each audience."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.get_generators.connect(hooks.add_generator)
