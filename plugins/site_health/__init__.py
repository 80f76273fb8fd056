"""Site health: one report of what needs a person (`invoke health`, `python -m site_health.cli`).

Not a Pelican plugin: a library over the other plugins' pure functions (contacts, content checks,
translations, the external link check) and a command-line entry. See docs/health.md.
"""
