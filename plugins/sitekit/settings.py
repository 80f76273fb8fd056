"""Merge a plugin's settings dict over its documented defaults and report unknown keys."""

from __future__ import annotations

import copy
import difflib
import logging

from sitekit.errors import SiteBuildError

logger = logging.getLogger(__name__)


class PluginSettingsError(SiteBuildError, ValueError):
    """A plugin settings dict holds a key the plugin does not know or a value of the wrong type."""


def merge_settings(setting_name: str, defaults: dict, user: dict | None) -> dict:
    """Return defaults updated with `user`; unknown keys and wrong types raise PluginSettingsError.

    Nested dicts are merged one level deep so a project can change one entry of a table without
    repeating the others.
    """
    merged = copy.deepcopy(defaults)
    if user is None:
        return merged
    if not isinstance(user, dict):
        raise PluginSettingsError(f"{setting_name} must be a dict, not {type(user).__name__}")
    problems = []
    for key, value in user.items():
        if key not in defaults:
            hint = difflib.get_close_matches(key, list(defaults), n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            problems.append(
                f"{setting_name}: unknown key {key!r}{suggestion}; known keys: {', '.join(sorted(defaults))}"
            )
            continue
        default = defaults[key]
        if default is not None and value is not None and not _same_kind(default, value):
            problems.append(f"{setting_name}[{key!r}] must be {type(default).__name__}, not {type(value).__name__}")
            continue
        if isinstance(default, dict) and isinstance(value, dict):
            merged[key] = {**default, **value}
        else:
            merged[key] = value
    if problems:
        raise PluginSettingsError("\n".join(problems))
    return merged


def _same_kind(default, value) -> bool:
    numbers = (int, float)
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, numbers) and isinstance(value, numbers):
        return True
    if isinstance(default, (list, tuple)) and isinstance(value, (list, tuple)):
        return True
    return isinstance(value, type(default))
