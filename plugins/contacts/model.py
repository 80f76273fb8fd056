"""Contacts as objects the theme can render: names in the page's language and ready-made link targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitekit.yamldata import as_date

from .schema import digits_of


@dataclass(frozen=True)
class Channel:
    """One way to reach a contact: its kind, the text shown and the link target."""

    type: str
    value: str
    href: str
    label: dict

    @property
    def display(self) -> str:
        """What the reader sees: the number as written, or a web address without its scheme."""
        if self.type == "web":
            parts = urlsplit(self.value)
            return (parts.netloc + parts.path).rstrip("/")
        return self.value


@dataclass(frozen=True)
class Confirmation:
    """A person confirmed the entry with the organisation: when, how (called / written) and in which role."""

    date: dt.date
    how: str
    by: str


@dataclass(frozen=True)
class Contact:
    """One organisation or service from the contacts file.

    `source` is where the number or address was read (a sources.yaml entry) and `source_read` the
    day a person read it on that source's live page (None until someone has); `confirmed` is None
    until a person has confirmed the entry with the organisation, and only then may the site say it
    is confirmed.
    """

    id: str
    name: dict
    short: dict
    organisation: dict
    description: dict
    needs: tuple
    channels: tuple
    hours: dict | None
    languages: tuple
    cost: dict | None
    urgent: bool
    source: object
    source_read: dt.date | None
    more_sources: tuple = ()
    confirmed: Confirmation | None = None

    def first(self, kind: str) -> Channel | None:
        return next((c for c in self.channels if c.type == kind), None)

    @property
    def phone(self) -> Channel | None:
        return self.first("phone")

    @property
    def main(self) -> Channel:
        """The channel shown where there is room for one: the phone number, else the first."""
        return self.phone or self.channels[0]


def channel_href(kind: str, value: str) -> str:
    if kind == "phone":
        return "tel:" + digits_of(value)
    if kind == "sms":
        return "sms:" + digits_of(value)
    if kind == "email":
        return "mailto:" + value
    return value


def build_contacts(data, sources: dict) -> tuple[Contact, ...]:
    """Contact objects from a file that has passed validate_contacts(); `sources` maps ids to Source objects."""
    contacts = []
    for entry in data["contacts"]:
        channels = tuple(
            Channel(c["type"], c["value"], channel_href(c["type"], c["value"]), c.get("label") or {})
            for c in entry["channels"]
        )
        record = entry.get("confirmed")
        confirmed = (
            Confirmation(as_date(record["date"]), record["how"], " ".join(record["by"].split())) if record else None
        )
        contacts.append(
            Contact(
                id=entry["id"],
                name=entry["name"],
                short=entry.get("short") or entry["name"],
                organisation=entry["organisation"],
                description=entry["description"],
                needs=tuple(entry["needs"]),
                channels=channels,
                hours=entry.get("hours"),
                languages=tuple(entry.get("languages") or ()),
                cost=entry.get("cost"),
                urgent=bool(entry.get("urgent", False)),
                source=sources[entry["source"]],
                source_read=as_date(entry.get("source_read")),
                more_sources=tuple(sources[s] for s in entry.get("more_sources") or ()),
                confirmed=confirmed,
            )
        )
    return tuple(contacts)
