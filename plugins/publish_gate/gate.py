"""What blocks publishing: contacts nobody confirmed with their organisation (and, if required, Khmer
pages awaiting review and privacy guides nobody tried on a phone), each with what a person must do."""

from __future__ import annotations

from dataclasses import dataclass

from contacts.hooks import DEFAULTS as CONTACTS_DEFAULTS
from contacts.schema import confirmed_on
from content_checks.hooks import scan
from sitekit.errors import SiteBuildError
from sitekit.settings import merge_settings
from sitekit.yamldata import PluginData, line_for, load_plugin_data

REQUIREMENTS = {
    "contacts": "every contact shown on the site is confirmed with its organisation",
    "khmer-review": "every Khmer page is reviewed by a Khmer-speaking editor",
    "guides-checked": "every privacy guide's steps were tried on a phone",
}
DEFAULTS = {
    # What must be true before `invoke publish` deploys (keys of REQUIREMENTS). Contacts always matter
    # most: a child who calls a wrong number gets no help.
    "require": ["contacts"],
}


class PublishGateSettingsError(SiteBuildError, ValueError):
    """PUBLISH_GATE names a requirement the gate does not know."""


@dataclass(frozen=True)
class Blocker:
    """One thing a person must do before the site may be published."""

    requirement: str
    where: str
    what: str
    todo: str

    def format(self) -> str:
        return f"{self.where}: {self.what}\n    to do: {self.todo}"


def gate_config(settings: dict) -> dict:
    config = merge_settings("PUBLISH_GATE", DEFAULTS, settings.get("PUBLISH_GATE"))
    unknown = [r for r in config["require"] if r not in REQUIREMENTS]
    if unknown:
        raise PublishGateSettingsError(
            f"PUBLISH_GATE['require']: unknown {', '.join(map(repr, unknown))}; use any of: {', '.join(REQUIREMENTS)}"
        )
    return config


def contact_blockers(data, lines: dict, shown: str) -> list[Blocker]:
    """Every contact in the file (all are shown on the help page) that has no `confirmed:` record."""
    found = []
    for index, entry in enumerate(data.get("contacts") or []):
        if confirmed_on(entry) is not None:
            continue
        values = list(dict.fromkeys(str(c.get("value")) for c in entry.get("channels") or []))
        organisation = (entry.get("organisation") or {}).get("en") or "the organisation"
        callable_ = any(c.get("type") in ("phone", "sms") for c in entry.get("channels") or [])
        how = (
            f"call the number and make sure you reach {organisation} (how: called), or ask {organisation} to "
            "confirm it in writing (how: written)"
            if callable_
            else f"open the address, and ask {organisation} to confirm in writing that it is the right one "
            "(how: written)"
        )
        found.append(
            Blocker(
                "contacts",
                f"{shown}:{line_for(lines, ('contacts', index))}",
                f"contact {entry.get('id')!r} ({', '.join(values)}) is not confirmed with {organisation}",
                f"{how}; then add `confirmed:` with date, how and by (your role, not your name). "
                "If it is wrong, correct the entry or remove it",
            )
        )
    return found


def content_blockers(infos, require: list[str]) -> list[Blocker]:
    """Khmer pages awaiting review and privacy guides nobody tried on a phone, when the settings require them."""
    found = []
    if "khmer-review" in require:
        found += [
            Blocker(
                "khmer-review",
                info.path,
                "Khmer page awaiting review by a Khmer-speaking editor (Review: pending)",
                "have it reviewed, then replace `Review: pending` with `Reviewed:` (date) and `Reviewed-by:` (role)",
            )
            for info in infos
            if info.lang == "km" and info.review_pending
        ]
    if "guides-checked" in require:
        found += [
            Blocker(
                "guides-checked",
                info.path,
                "privacy guide whose steps nobody has tried on a phone",
                "try every step on a phone with the current app, correct the text in both languages, then add "
                "`Checked:`, `Checked-version:` and `Checked-by:`",
            )
            for info in infos
            if info.guide and not info.phone_checked
        ]
    return found


def blockers(settings: dict, contacts: PluginData | None = None, infos=None) -> list[Blocker]:
    """Everything that blocks publishing the site these settings build. A build passes the contacts file
    and the content infos its plugins have already read; on its own (`invoke publish`) the gate reads them."""
    require = gate_config(settings)["require"]
    found: list[Blocker] = []
    if "contacts" in require:
        contacts = contacts or load_plugin_data(settings, "CONTACTS", CONTACTS_DEFAULTS)
        found += contact_blockers(contacts.data or {}, contacts.lines, contacts.shown)
    if {"khmer-review", "guides-checked"} & set(require):
        found += content_blockers(scan(settings)[1] if infos is None else infos, require)
    return found


def report(found: list[Blocker], require: list[str]) -> str:
    """The text `invoke publish` prints when it refuses."""
    wanted = "; ".join(REQUIREMENTS[r] for r in require)
    lines = [f"Publishing needs: {wanted}.", f"{len(found)} item(s) to do first:"]
    lines += ["  " + b.format() for b in found]
    return "\n".join(lines)
