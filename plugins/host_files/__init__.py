"""Host files: _headers (strict security headers, cache rules) and _redirects for static hosts."""

from pelican import signals

from . import hooks


def register():
    signals.finalized.connect(hooks.write_host_files)
