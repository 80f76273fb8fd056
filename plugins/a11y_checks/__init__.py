"""Accessibility checks: every written page against WCAG 2.2 rules, and the theme's colour contrast."""

from pelican import signals

from sitekit import hooks as sitekit_hooks

from . import hooks


def register():
    sitekit_hooks.connect(signals)
    signals.finalized.connect(hooks.check_output)
