"""Contacts as objects the theme can render: names in the page's language and ready-made link targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

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
class Contact:
    """One organisation or service from the contacts file."""

    id: str
    name: dict
    short: dict
    description: dict
    needs: tuple
    channels: tuple
    hours: dict
    languages: tuple
    cost: dict
    urgent: bool
    source: str
    source_name: str
    verified: dt.date

    def first(self, kind: str) -> Channel | None:
        return next((c for c in self.channels if c.type == kind), None)

    @property
    def phone(self) -> Channel | None:
        return self.first("phone")


def channel_href(kind: str, value: str) -> str:
    if kind == "phone":
        return "tel:" + digits_of(value)
    if kind == "sms":
        return "sms:" + digits_of(value)
    if kind == "email":
        return "mailto:" + value
    return value


def build_contacts(data) -> tuple[Contact, ...]:
    """Contact objects from a file that has passed validate_contacts()."""
    contacts = []
    for entry in data["contacts"]:
        verified = entry["verified"]
        if isinstance(verified, str):
            verified = dt.date.fromisoformat(verified)
        channels = tuple(
            Channel(c["type"], c["value"], channel_href(c["type"], c["value"]), c.get("label") or {})
            for c in entry["channels"]
        )
        contacts.append(
            Contact(
                id=entry["id"],
                name=entry["name"],
                short=entry.get("short") or entry["name"],
                description=entry["description"],
                needs=tuple(entry["needs"]),
                channels=channels,
                hours=entry["hours"],
                languages=tuple(entry["languages"]),
                cost=entry["cost"],
                urgent=bool(entry.get("urgent", False)),
                source=entry["source"],
                source_name=entry["source_name"],
                verified=verified,
            )
        )
    return tuple(contacts)
