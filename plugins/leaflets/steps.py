"""Pick a guide's key steps out of its HTML: the numbered lists, their headings and each step's lead.

BeautifulSoup is imported where a guide is read, not with this module: importing it takes 0.1 to
0.2 s, and a rebuild takes every unchanged guide's steps from the leaflets' cache, whose entries
(Guide, StepList) load this module. A guide is parsed once for its steps and its opening paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

_HEADING = re.compile(r"^h[2-6]$")


@dataclass(frozen=True)
class StepList:
    """One numbered list of a guide: the heading just above it (HTML, may be empty) and the list itself."""

    heading: str
    html: str
    leads: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Guide:
    """What a leaflet takes from a guide's HTML: its numbered lists and its opening paragraph."""

    steps: list[StepList]
    intro: str | None


def read_guide(html: str) -> Guide:
    """The guide's key steps and intro, from one parse of its HTML."""
    soup = _parsed(html)
    return Guide(_key_steps(soup), _intro(soup))


def _parsed(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def key_steps(html: str) -> list[StepList]:
    """Every top-level `<ol>` of the guide, in order, with the heading that introduces it.

    A heading counts only when it comes right before the list (nothing but paragraphs between
    them), so a second list under the same heading does not repeat it.
    """
    return _key_steps(_parsed(html))


def _key_steps(soup) -> list[StepList]:
    found = []
    for ol in soup.find_all("ol"):
        if ol.find_parent(["ol", "ul"]) is not None:
            continue
        heading = ""
        previous = ol.find_previous_sibling(lambda tag: tag.name == "ol" or _HEADING.match(tag.name))
        if previous is not None and previous.name != "ol":
            heading = previous.decode_contents().strip()
        leads = tuple(step_lead(li) for li in ol.find_all("li", recursive=False))
        found.append(StepList(heading, str(ol), leads))
    return found


def step_lead(li: Tag) -> str:
    """The step's action: its opening bold phrase (`**Say no.**`), else the whole step (inner HTML)."""
    from bs4 import NavigableString

    for child in li.children:
        if isinstance(child, NavigableString):
            if child.strip():
                break
            continue
        if child.name in ("strong", "b"):
            return child.decode_contents().strip()
        if child.name == "p":  # a loose list wraps each step in <p>
            return step_lead(child)
        break
    return li.decode_contents().strip()


def intro(html: str) -> str | None:
    """The guide's first paragraph when it comes before any heading (its reassuring opening), else None."""
    return _intro(_parsed(html))


def _intro(soup) -> str | None:
    for tag in soup.find_all(True, recursive=False):
        if tag.name == "p":
            return tag.decode_contents().strip()
        if _HEADING.match(tag.name) or tag.name in ("ol", "ul"):
            return None
    return None
