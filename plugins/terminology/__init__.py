"""Terminology: one agreed word per key idea; discouraged variants warn and wrong ones stop the build."""

from pelican import signals

from . import hooks


def register():
    signals.initialized.connect(hooks.check_terminology)
