"""Audit: one pass over the built site; each page is read and parsed once and handed to every check in order."""

from pelican import signals

from sitekit import hooks as source_map_hooks

from . import hooks


def register():
    # The checks name the Markdown file or template of each page: remember them as pages are written.
    source_map_hooks.connect(signals)
    source_map_hooks.on_each_build(signals, hooks.start_audit)
    signals.content_written.connect(hooks.page_written)  # after the source map's own handler
    signals.finalized.connect(hooks.audit_site)
