"""Leaflets: a one-page A4 leaflet with a QR code for each "what to do if" guide and each audience."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.load)
    signals.generator_init.connect(hooks.install_in_jinja)
    signals.article_generator_pretaxonomy.connect(hooks.start_qr_codes)
    signals.get_generators.connect(hooks.add_generator)
