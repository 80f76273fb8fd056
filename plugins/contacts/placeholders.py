"""Replace `{contact:ID}` and `{tel:ID}` in a page's HTML with the contact's name and tap-to-call link."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from i18n.languages import wrap_foreign
from sitekit.patterns import prose_stretches

from .model import Contact

PLACEHOLDER = re.compile(r"\{(contact|tel):([^}\s]*)\}")
#: A placeholder Markdown's attr_list took for the attributes of an element: it ended a heading, a table
#: cell or stood alone on the last line of a paragraph, and is now `<h2 contact:child-helpline ...>`.
EATEN = re.compile(r"<[a-zA-Z][^<>]*?\s(contact|tel):([^\s=<>/\"']*)")
EATEN_MESSAGE = (
    "this placeholder is missing from the page: at the end of a heading or a table cell, or alone on a "
    "paragraph's last line, Markdown takes {...} for a formatting instruction and drops it; put a word after "
    'it ("call {tel:child-helpline} now") or join it to the line above'
)
#: Text that was meant as a placeholder but is not written as one, so it is shown as typed: a brace and the
#: word (`{contact: x}`, `{Tel:x}`, `{contact:x` without its closing brace), or the word and a contact's id
#: without braces (`(contact:child-helpline)`, filled in by `miswritten`).
_BRACED = r"\{\s*(contact|tel)\s*:\s*([\w-]*)(?:\s*\})?"
_UNBRACED = r"(?<![\w{/#])(contact|tel)\s*:\s*(IDS)(?![\w-])"
#: A misspelled word in front of a contact's id: `{contcat:child-helpline}`, `{phone:child-helpline}`.
_MISSPELLED = r"\{\s*([A-Za-z]+)\s*:\s*(IDS)(?:\s*\})?"
#: Whether a page may hold one of those, looked for in the page in lower case: "contact:" or "tel:" not right
#: after a quote (an address's own "tel:"), or a brace, a word and a colon. Case-sensitive and starting with
#: the letters that can begin a match, so that `re` skips straight to them (`re.IGNORECASE` made it try the
#: whole expression at every character: 0.25 ms a page, most of the time placeholders take).
_MAYBE = re.compile(r"""[ct{](?:(?<=c)(?<!["']c)ontact|(?<=t)(?<!["']t)el|(?<=\{)\s*\w+)\s*:""")
IN_TAG_MESSAGE = (
    "this placeholder cannot be a link's address or sit inside an HTML tag: write it on its own in the text "
    "(it becomes a link by itself), e.g. 'Call {tel:child-helpline} today.'"
)


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
    # Looked for only where a tag can hold one (" contact:" or " tel:"), not over every tag of every page.
    for match in EATEN.finditer(html) if " contact:" in html or " tel:" in html else ():
        problems.append((f"{{{match.group(1)}:{match.group(2)}}}", EATEN_MESSAGE))

    def _sub(match: re.Match) -> str:
        kind, cid = match.group(1), match.group(2)
        if html.rfind("<", 0, match.start()) > html.rfind(">", 0, match.start()):
            # Inside a tag: a link's address ([text]({tel:id})) or an attribute; a link would break it.
            problems.append((match.group(0), IN_TAG_MESSAGE))
            return match.group(0)
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

    filled = PLACEHOLDER.sub(_sub, html)
    return filled, problems + miswritten(filled, contacts)


@lru_cache(maxsize=8)
def _miswritten_pattern(ids: tuple[str, ...]) -> re.Pattern:
    known = "|".join(map(re.escape, ids)) or "(?!)"
    return re.compile(f"{_BRACED}|{_UNBRACED.replace('IDS', known)}|{_MISSPELLED.replace('IDS', known)}", re.I)


def miswritten(html: str, contacts: dict[str, Contact]) -> list[tuple[str, str]]:
    """(text as typed, message) for each placeholder written so that it is not filled in (`replace_placeholders`
    has filled in the right ones): a space, a capital letter, a missing brace."""
    if not _MAYBE.search(html.lower()):  # most pages: no "contact:" or "tel:" outside the links made above
        return []
    pattern = _miswritten_pattern(tuple(sorted(contacts, key=len, reverse=True)))
    found = []
    for text in prose_stretches(html):
        for match in pattern.finditer(text):
            typed = match.group(0).strip()
            if PLACEHOLDER.fullmatch(typed):
                continue  # a right form whose id is unknown or misplaced: reported by replace_placeholders
            kind, cid = (part.lower() for part in match.groups() if part is not None)  # one alternative's two
            if kind not in ("contact", "tel"):  # a misspelled word: the placeholder it most looks like
                fixed = f"{{{'tel' if kind.startswith(('t', 'ph')) else 'contact'}:{cid}}}"
                found.append(
                    (
                        typed,
                        f"{typed!r} is not a placeholder the site knows (only contact and tel are), so the page "
                        f"shows it as typed instead of the contact; write {fixed}",
                    )
                )
                continue
            example = f"{{{kind}:{cid}}}" if cid in contacts else "{contact:child-helpline}"
            found.append(
                (
                    typed,
                    f"{typed!r} is not written as a placeholder, so the page shows it as typed instead of the "
                    f"contact; write it in lower case with no spaces, between braces: {example}",
                )
            )
    return found
