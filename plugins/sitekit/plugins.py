"""Dependencies between the site's plugins, said out loud: a plugin that uses another one's data asks here.

Pelican runs plugins' handlers for a signal in the order of PLUGINS. A plugin that reads what
another loaded (facts and contacts read the sources registry; host_files writes the policy
theme_assets made) must come after it; when the order is wrong or the plugin is missing, the build
stops with a message saying which plugin needs which, instead of failing on empty module state.
"""

from __future__ import annotations

from sitekit.errors import SiteBuildError


class MissingPluginError(SiteBuildError):
    """A plugin this one depends on is not in PLUGINS, or is listed after it."""


def _names(settings: dict) -> list[str]:
    return [str(p).split(".")[-1] for p in settings.get("PLUGINS") or []]


def require(settings: dict, needed: str, by: str, why: str) -> None:
    """Stop the build unless `needed` is in PLUGINS before `by`; `why` says what `by` uses it for."""
    names = _names(settings)
    if needed not in names:
        raise MissingPluginError(f"{by}: {why}, so the `{needed}` plugin must be in PLUGINS (pelicanconf.py)")
    if by in names and names.index(needed) > names.index(by):
        raise MissingPluginError(f"{by}: {why}, so `{needed}` must be listed before `{by}` in PLUGINS (pelicanconf.py)")
