"""Load a YAML data file with the line of every value and check it against its JSON Schema, naming file and line."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from sitekit.errors import SiteBuildError
from sitekit.paths import display_path
from sitekit.settings import merge_settings

#: libyaml's loader where PyYAML was built with it: the same data and lines, 21 ms instead of 204 ms for the
#: five data files.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)  # _LOADER is a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{shown}{line}: not valid YAML: {problem}") from exc
    except ValueError as exc:  # YAML reads 2026-11-31 as a date and then cannot build it
        bad = _impossible_date(node)
        where = f"{shown}:{bad.start_mark.line + 1}" if bad else shown
        value = f"{bad.value!r} " if bad else ""
        raise DataFileError(f"{where}: {value}is not a real date ({exc}); write YYYY-MM-DD") from exc
    lines: dict[tuple, int] = {}
    twice: list[str] = []
    if node is not None:
        _walk(node, (), lines, twice)
    if twice:
        # YAML keeps the last of two equal keys and drops the first without a word: a second `channels:`
        # typed into a contact replaced its phone number on every page.
        raise DataFileError("\n".join(f"{shown}:{problem}" for problem in twice))
    return data, lines


def _walk(node, path: tuple, lines: dict, twice: list[str]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        first: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if isinstance(key_node, yaml.ScalarNode) and key_node.value in first:
                twice.append(
                    f"{line}: `{key_node.value}:` is written twice in the same block (first on line "
                    f"{first[key_node.value]}); YAML would keep only this one and drop the other without a word: "
                    "remove one, or merge them"
                )
            first.setdefault(key_node.value, line)
            _walk(value_node, (*path, key_node.value), lines, twice)
            lines[(*path, key_node.value)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, twice)


def _impossible_date(node):
    """The first scalar YAML reads as a date but the calendar does not have (2026-02-30), or None."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    return next((bad for child in children if (bad := _impossible_date(child)) is not None), None)


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


# --- JSON Schema --------------------------------------------------------------------------------------------------
# Each data file's structure lives in schemas/<name>.schema.json (the file's first line points editors' YAML
# language server at it, so they see the same rules while typing). Python keeps only what a schema cannot say.

#: The folder of the data files' schemas (part of the code, not of the content folder).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

#: The build's wording when a schema gives no `x-message` for a problem (see `_template`).
DEFAULT_MESSAGES = {
    "required": "field {name!r} is missing",
    "unknown": "unknown field {name!r}; known: {known}",
    "enum": "{value!r} is not one of: {choices}",
    "type": "{value!r} must be {expected}",
}
_EXPECTED = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (field: value)",
    "null": "empty",
}


@dataclass(frozen=True)
class SchemaProblem:
    """One place a data file does not match its schema: the key path, its line and what to do."""

    path: tuple
    line: int | None
    message: str

    def format(self, shown: str, prefix: str = "") -> str:
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {prefix}{self.message}"


@cache
def load_schema(name: str) -> dict:
    """schemas/<name>.schema.json, parsed (checked against Draft 2020-12 by the tests)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_problems(data, lines: dict, name: str) -> list[SchemaProblem]:
    """Every place `data` does not match schemas/<name>.schema.json: one problem per value, in file order.

    A missing field is reported at its own path (its parent's line), an unknown field at its key.
    """
    validator = _validator(name)
    plain = as_json(data)
    found: dict[tuple, str] = {}
    for error in validator.iter_errors(plain):
        for path, message in _explain(error, validator.schema, plain):
            found.setdefault(path, message)  # the first (most basic) problem of each value
    problems = [SchemaProblem(path, line_for(lines, path), message) for path, message in found.items()]
    return sorted(problems, key=lambda p: p.line or 0)


def check_against_schema(
    data, lines: dict, name: str, shown: str, prefix: Callable[[tuple], str] | None = None, more=()
) -> list[str]:
    """`file:line: message` for every problem, in file order: the schema's, each after `prefix(path)` (which
    names the entry, by default as `entry_prefix` does: "source 'x': "), and `more`, the SchemaProblems a
    plugin found itself, worded in full."""
    prefix = prefix or (lambda path: entry_prefix(data, path))
    found = [(p, prefix(p.path)) for p in schema_problems(data, lines, name)]
    found += [(p, "") for p in more]
    found.sort(key=lambda pair: pair[0].line or 0)
    return [problem.format(shown, text) for problem, text in found]


def entry_name(data, path: tuple) -> str:
    """The id of the list entry `path` is in (('sources', 2, 'url') -> that source's id), else '#3'."""
    if len(path) < 2 or not isinstance(path[1], int):
        return ""
    entries = data.get(path[0]) if isinstance(data, dict) else None
    entry = entries[path[1]] if isinstance(entries, list) and path[1] < len(entries) else None
    ident = entry.get("id") if isinstance(entry, dict) else None
    return str(ident) if ident is not None else f"#{path[1] + 1}"


def entry_prefix(data, path: tuple) -> str:
    """How a message names the list entry `path` is in: ('sources', 2, 'url') -> "source 'x': ", '' above it."""
    return f"{path[0][:-1]} {entry_name(data, path)!r}: " if len(path) >= 2 else ""


def repeated_ids(data, lines: dict, key: str) -> list[SchemaProblem]:
    """A problem at every entry of the list `key` whose id an earlier entry already has."""
    entries = data.get(key) if isinstance(data, dict) else None
    seen: set[str] = set()
    found = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            path = (key, index, "id")
            found.append(SchemaProblem(path, line_for(lines, path), f"{key[:-1]} {ident!r} is listed twice"))
        seen.add(ident)
    return found


def field_label(path: tuple) -> str:
    """The part of `path` below its list entry as editors write it: ('contacts', 0, 'channels', 1, 'value')
    -> 'channels[1].value'."""
    label = ""
    for part in path[2:]:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def as_json(value):
    """The parsed YAML as JSON Schema sees it: dates become YYYY-MM-DD text (as editors typed them)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    return value


def _explain(error, root: dict, data) -> list[tuple[tuple, str]]:
    """(path, message) for one jsonschema error; `required` and `additionalProperties` name each field."""
    path, schema = tuple(error.absolute_path), error.schema
    if error.validator == "required":
        found = []
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                # The missing field's own schema knows best what it is for.
                own = _resolve(schema.get("properties", {}).get(name, {}), root)
                template = _template(own, "missing") or _template(schema, "required") or DEFAULT_MESSAGES["required"]
                fallback = DEFAULT_MESSAGES["required"]
                found.append(((*path, name), _render(template, (*path, name), own, data, fallback)))
        return found
    if error.validator == "additionalProperties" and error.validator_value is False:
        template = _template(schema, "unknown") or DEFAULT_MESSAGES["unknown"]
        return [((*path, key), _render(template, (*path, key), schema, data)) for key in _extra(error.instance, schema)]
    return [(path, _render(_message(error), path, schema, data, _braces(error.message)))]


def _message(error) -> str:
    """The template for an error: the schema's x-message, else the editor's hint, else a default."""
    schema, keyword = error.schema, error.validator
    if keyword == "type" and error.instance is None:  # `key:` with nothing after it
        return _template(schema, "missing") or _template(schema, "type") or DEFAULT_MESSAGES["required"]
    template = _template(schema, keyword)
    if template:
        return template
    if keyword == "pattern" and "patternErrorMessage" in schema:
        return "{value!r}: " + _braces(schema["patternErrorMessage"])
    for hint in ("errorMessage", "deprecationMessage"):
        if hint in schema:
            return _braces(schema[hint])
    return DEFAULT_MESSAGES.get(keyword) or _braces(error.message)  # jsonschema's wording for rare rules


def _extra(instance: dict, schema: dict) -> list:
    """The keys `additionalProperties: false` rejects, in file order."""
    known, patterns = schema.get("properties", {}), schema.get("patternProperties", {})
    return [k for k in instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]


def _template(schema: dict, keyword: str) -> str | None:
    """The schema's `x-message` for `keyword`: a text for every keyword, or {keyword: text}.

    `missing` is used when the field is absent or empty, `unknown` for a field the object does not allow.
    """
    message = schema.get("x-message")
    if isinstance(message, str):
        return message
    if isinstance(message, dict):
        return message.get(keyword)
    return None


def _resolve(schema, root: dict) -> dict:
    """A property's schema, following a local $ref when the property itself has no x-message."""
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref", "")
    if "x-message" in schema or not ref.startswith("#/"):
        return schema
    target = root
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    return target if isinstance(target, dict) else {}


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _render(template: str, path: tuple, schema: dict, data, fallback: str = "") -> str:
    """Fill a message template. Fields: value (the value at `path`), parent (the mapping holding it), name
    (its key), field (its path below the list entry), n (1-based position of the innermost list item), path,
    known (the fields the object allows), choices / explained (the allowed values, with their descriptions),
    expected (the type wanted, in words). `fallback`, a template too, is used when `template` names
    something the data does not have."""
    parent, value = _at(data, path[:-1]), _at(data, path)
    props = schema.get("properties", {})
    enum = schema.get("enum", [])
    kinds = schema.get("type", [])
    fields = {
        "value": value,
        "parent": parent,
        "name": next((p for p in reversed(path) if isinstance(p, str)), ""),
        "field": field_label(path),
        "n": next((p + 1 for p in reversed(path) if isinstance(p, int)), ""),
        "path": path,
        "known": ", ".join(k for k, v in props.items() if not (isinstance(v, dict) and "deprecationMessage" in v)),
        "choices": ", ".join(map(str, enum)),
        "explained": "; ".join(f"{v} ({d})" for v, d in zip(enum, schema.get("enumDescriptions", []), strict=False)),
        "expected": " or ".join(_EXPECTED.get(k, k) for k in ([kinds] if isinstance(kinds, str) else kinds)),
    }
    try:
        return template.format(**fields)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        # e.g. {parent[term]} when `term` is missing too (that gets its own message): the plain wording
        return fallback.format(**fields) if fallback else template


def _at(data, path: tuple):
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def as_date(value) -> dt.date | None:
    """A date from YAML or metadata: a date, a datetime or text starting `YYYY-MM-DD`; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None
