"""Replace `{contact:ID}` and `{tel:ID}` in a page's HTML with the contact's name and tap-to-call link."""

from __future__ import annotations

import re
from html import escape

from i18n.languages import wrap_foreign

from .model import Contact

PLACEHOLDER = re.compile(r"\{(contact|tel):([^}\s]*)\}")


def channel_link(channel) -> str:
    # A web address shows itself as the link text: class "address" tells print styles not to repeat it.
    extra = ' class="address" rel="noopener noreferrer"' if channel.type == "web" else ""
    return f'<a href="{escape(channel.href)}"{extra}>{escape(channel.display)}</a>'


def render_contact(contact: Contact, page_lang: str, help_url: str) -> str:
    """The contact's name (linking to its entry on the help page) and its main channel."""
    name = f'<a href="{escape(help_url)}#{contact.id}">{wrap_foreign(contact.name[page_lang], page_lang)}</a>'
    main = contact.phone or contact.channels[0]
    return f"{name} ({channel_link(main)})"


def render_tel(contact: Contact) -> str | None:
    return channel_link(contact.phone) if contact.phone else None


def replace_placeholders(html: str, contacts: dict[str, Contact], page_lang: str, help_url: str):
    """The HTML with every placeholder replaced, and a list of (placeholder, problem) for bad ones."""
    problems: list[tuple[str, str]] = []

    def _sub(match: re.Match) -> str:
        kind, cid = match.group(1), match.group(2)
        contact = contacts.get(cid)
        if contact is None:
            known = ", ".join(sorted(contacts))
            problems.append((match.group(0), f"no contact with id {cid!r} in the contacts file (known: {known})"))
            return match.group(0)
        if kind == "contact":
            return render_contact(contact, page_lang, help_url)
        rendered = render_tel(contact)
        if rendered is None:
            problems.append((match.group(0), f"contact {cid!r} has no phone number; use {{contact:{cid}}}"))
            return match.group(0)
        return rendered

    return PLACEHOLDER.sub(_sub, html), problems
