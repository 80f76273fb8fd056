"""Terminology: one agreed word per key idea; discouraged variants warn and wrong ones stop the build."""

from pelican import signals

from sitekit.hooks import on_each_build

from . import hooks


def register():
    on_each_build(signals, hooks.check_terminology)
    signals.all_generators_finalized.connect(hooks.report_terminology)
