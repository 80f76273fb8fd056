"""Signal handlers of the contacts plugin: validate the data file, expose it to the theme, fill placeholders."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sitekit.collect import all_items
from sitekit.dates import latest_today
from sitekit.paths import display_path
from sitekit.plugins import require
from sitekit.source_map import line_of
from sitekit.summary import say
from sitekit.yamldata import DataFileError, line_for, load_plugin_data
from sources.hooks import registry as sources_registry

from .model import build_contacts
from .placeholders import EATEN_MESSAGE, IN_TAG_MESSAGE, replace_placeholders
from .schema import CONFIRMATION_HOW, NEEDS, confirmation_status, validate_contacts

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The contacts file, relative to the content folder.
    "data_file": "data/contacts.yaml",
    # A contact confirmed with its organisation longer ago than this is listed as a warning (and by
    # `invoke health`): numbers and opening hours change.
    "max_age_days": 180,
    # The help page's URL inside each language (placeholders link to its sections).
    "help_url": "help/",
}

_state: dict = {}


class ContactPlaceholderError(DataFileError):
    """A page uses {contact:ID} or {tel:ID} with an id the contacts file does not have."""


def load(pelican) -> None:
    """Validate the contacts file before anything is read; stop the build on any problem."""
    require(pelican.settings, "sources", by="contacts", why="every contact names its source in sources.yaml")
    registry = sources_registry()
    loaded = load_plugin_data(pelican.settings, "CONTACTS", DEFAULTS)
    config, data, lines, shown, languages = loaded.config, loaded.data, loaded.lines, loaded.shown, loaded.languages
    today = dt.date.today()
    # A date must not be later than today anywhere (sitekit.dates): a confirmation recorded this morning
    # in Phnom Penh is not in the future on a build machine whose clock is still on yesterday.
    problems = validate_contacts(data, lines, languages, latest_today(), set(registry))
    if problems:
        raise DataFileError("\n".join(p.format(shown) for p in problems))
    contacts = build_contacts(data, registry)
    _state.clear()
    _state.update(config=config, contacts=contacts, by_id={c.id: c for c in contacts}, problems=[], loaded=loaded)
    confirmed = sum(1 for c in contacts if c.confirmed)
    for index, cid, date in confirmation_status(data, today, config["max_age_days"]):
        if date is not None:  # confirmed, but long ago (unconfirmed ones are counted below)
            say(
                "warning: %s:%s: contact %r was confirmed on %s, more than %d days ago; confirm it with the "
                "organisation again",
                shown,
                line_for(lines, ("contacts", index, "confirmed", "date")),
                cid,
                date.isoformat(),
                config["max_age_days"],
            )
    say(
        "Contacts: %d entries from %s; %d confirmed with their organisation, %d not yet (the site says so)",
        len(contacts),
        shown,
        confirmed,
        len(contacts) - confirmed,
    )


def loaded_data():
    """The contacts file as this build read it (sitekit.yamldata.PluginData), or None before it was read."""
    return _state.get("loaded")


def install_in_jinja(generator) -> None:
    if "contacts" not in _state:
        return
    generator.env.globals["CONTACTS"] = _state["contacts"]
    generator.env.globals["CONTACT_NEEDS"] = NEEDS
    generator.env.globals["CONFIRMATION_HOW"] = tuple(CONFIRMATION_HOW)
    generator.env.globals["URGENT_CONTACTS"] = tuple(c for c in _state["contacts"] if c.urgent)


def fill_placeholders(generator) -> None:
    """Replace placeholders in every article or page; problems are raised once both are done."""
    items = all_items(generator)
    settings = generator.settings
    siteurl = settings.get("SITEURL", "")
    languages = (settings.get("I18N") or {}).get("languages") or {}
    for item in items:
        prefix = (languages.get(item.lang) or {}).get("prefix", "")
        help_url = f"{siteurl}/{prefix + '/' if prefix else ''}{_state['config']['help_url']}"
        html, problems = replace_placeholders(item._content, _state["by_id"], item.lang, help_url)
        item._content = html
        shown = display_path(item.source_path, settings["PATH"])
        project_root = str(Path(settings["PATH"]).parent)
        for placeholder, message in problems:
            # The wrong use, not an earlier right one of the same id: a dropped placeholder ends its line, one
            # in a link is its address.
            line = (
                (message == IN_TAG_MESSAGE and line_of(shown, f"({placeholder}", project_root))
                or (message == EATEN_MESSAGE and line_of(shown, placeholder, project_root, at_line_end=True))
                or line_of(shown, placeholder, project_root)
            )
            _state["problems"].append(f"{shown}:{line}: {message}" if line else f"{shown}: {message}")


def report_problems(generators) -> None:
    problems = _state.get("problems") or []
    if problems:
        raise ContactPlaceholderError("\n".join(sorted(set(problems))))
