"""Precompress: reproducible .gz and .br copies of every text file, for hosts that serve them (publish build)."""

from pelican import signals

from . import hooks


def register():
    signals.finalized.connect(hooks.compress_output)
