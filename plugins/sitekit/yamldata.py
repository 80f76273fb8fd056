"""Load a YAML data file and remember the line of every value, so errors can say where to look."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitekit.errors import SiteBuildError
from sitekit.paths import display_path
from sitekit.settings import merge_settings


class DataFileError(SiteBuildError, ValueError):
    """A data file is missing, not valid YAML, or does not match its schema."""


def load_with_lines(path: str | Path, shown: str) -> tuple[object, dict[tuple, int]]:
    """The parsed data and a map from a key path (e.g. ('contacts', 0, 'name', 'km')) to its line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"{shown}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{shown}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{shown}{line}: not valid YAML: {problem}") from exc
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node, path: tuple, lines: dict) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, key_node.value), lines)
            lines[(*path, key_node.value)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def line_for(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of `path`, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def site_languages(settings: dict) -> list[str]:
    """The site's language codes, from the i18n plugin's settings."""
    return list((settings.get("I18N") or {}).get("languages") or ["km", "en"])


@dataclass(frozen=True)
class PluginData:
    """A plugin's settings and its data file, parsed, with the line of every value."""

    config: dict
    data: object
    lines: dict
    shown: str
    languages: list[str]


def load_plugin_data(settings: dict, setting_name: str, defaults: dict) -> PluginData:
    """Merge the plugin's settings dict and load the data file it names (`data_file`, under the content folder)."""
    config = merge_settings(setting_name, defaults, settings.get(setting_name))
    path = Path(settings["PATH"]) / config["data_file"]
    shown = display_path(str(path), settings["PATH"])
    data, lines = load_with_lines(path, shown)
    return PluginData(config, data, lines, shown, site_languages(settings))
