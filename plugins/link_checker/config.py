"""The LINK_CHECKER settings dict: documented defaults, merged with the project's pelicanconf.py."""

from __future__ import annotations

import re

from sitekit.settings import PluginSettingsError, merge_settings

#: Every key the plugin understands, with its default. The README documents each one.
DEFAULTS = {
    # Regular expressions (re.search): a URL matching one is not checked at all, offline or live.
    "ignore": [],
    # Regular expressions: external URLs the live check skips (sites known to block link checkers).
    "external_allow": [],
    # Request every external URL during the build too. Off: the build stays offline and only checks
    # that external URLs are well-formed https; `invoke linkcheck --external` checks them live.
    "check_external": False,
    # File of live-check results; a relative path is inside CACHE_PATH.
    "cache_path": "linkcheck-cache.json",
    # A cached result older than this is checked again.
    "cache_max_age_hours": 72,
    # Live check: requests in flight at once, and at once to the same host.
    "concurrency": 8,
    "per_host": 2,
    # Live check: seconds to wait for a server, tries after a timeout/5xx/429, first pause between tries
    # (doubled each time; a 429's Retry-After wins).
    "timeout": 10.0,
    "retries": 2,
    "backoff": 1.0,
    # Class of the element holding the Markdown text in the theme's article and page templates: links
    # inside it are reported against the Markdown file, links outside it against the template.
    "content_class": "prose",
    # Class of the language switch (see theme/templates/partials/language_switch.html).
    "switch_class": "lang-switch",
    # Theme regions: a link inside an element with this class (or this element, e.g. `head`) is reported
    # against this template (relative to the templates folder) instead of the page's own template.
    "regions": {
        "head": "base.html",
        "site-header": "partials/header.html",
        "help-strip": "partials/help_strip.html",
        "lang-switch": "partials/language_switch.html",
        "site-footer": "partials/footer.html",
        "sources": "partials/sources.html",
        "after": "partials/after_article.html",
    },
    # The address the site is published at (publishconf.py's SITEURL). A link written with it in full,
    # `https://<site>/en/help/`, is checked as a link inside the site in every build, also an editor's
    # (SITEURL empty), instead of being taken for another website's and never checked.
    "published_url": "",
    # Report lines shown at most (the counts by rule always cover every problem).
    "report_limit": 200,
}


class LinkCheckerSettingsError(PluginSettingsError):
    """A LINK_CHECKER setting has an invalid value (a pattern that is not a regular expression, ...)."""


def load_config(settings: dict) -> dict:
    """LINK_CHECKER merged over DEFAULTS, with patterns compiled (`ignore_re`, `external_allow_re`)."""
    config = merge_settings("LINK_CHECKER", DEFAULTS, settings.get("LINK_CHECKER"))
    problems = []
    for key in ("ignore", "external_allow"):
        compiled = []
        for pattern in config[key]:
            try:
                compiled.append(re.compile(pattern))
            except (re.error, TypeError) as exc:
                problems.append(f"LINK_CHECKER[{key!r}]: {pattern!r} is not a regular expression ({exc})")
        config[f"{key}_re"] = tuple(compiled)
    for key in ("concurrency", "per_host"):
        if config[key] < 1:
            problems.append(f"LINK_CHECKER[{key!r}] must be at least 1, not {config[key]!r}")
    for key in ("timeout", "cache_max_age_hours", "retries", "backoff"):
        if config[key] < 0:
            problems.append(f"LINK_CHECKER[{key!r}] must not be negative")
    if problems:
        raise LinkCheckerSettingsError("\n".join(problems))
    return config
