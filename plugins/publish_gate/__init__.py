"""Publish gate: what must be done by a person before the site may go public; every build says how much."""

from pelican import signals

from . import hooks


def register():
    signals.finalized.connect(hooks.report_blockers)
