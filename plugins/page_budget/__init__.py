"""Page budget: every page renders from its first round trip (size, blocking requests, scripts, images, origins)."""

from pelican import signals

from sitekit import hooks as sitekit_hooks

from . import hooks


def register():
    sitekit_hooks.connect(signals)
    signals.finalized.connect(hooks.check_output)
