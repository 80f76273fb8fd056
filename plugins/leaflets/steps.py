"""Pick a guide's key steps out of its HTML: the numbered lists, their headings and each step's lead.

A guide is parsed once, with lxml (`sitekit.html.parse_fragment`), for its steps and its opening
paragraph; the lists and phrases are taken as the guide's HTML wrote them (attributes in their order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitekit.html import inner_html, outer_html, parse_fragment

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
    root = parse_fragment(html)
    return Guide(_key_steps(root), _intro(root))


def key_steps(html: str) -> list[StepList]:
    """Every top-level `<ol>` of the guide, in order, with the heading that introduces it.

    A heading counts only when it comes right before the list (nothing but paragraphs between
    them), so a second list under the same heading does not repeat it.
    """
    return _key_steps(parse_fragment(html))


def _key_steps(root) -> list[StepList]:
    found = []
    for ol in root.iter("ol"):
        if next(ol.iterancestors("ol", "ul"), None) is not None:
            continue
        heading = ""
        previous = ol.getprevious()
        while previous is not None and previous.tag != "ol" and not _HEADING.match(str(previous.tag)):
            previous = previous.getprevious()
        if previous is not None and previous.tag != "ol":
            heading = inner_html(previous).strip()
        leads = tuple(step_lead(li) for li in ol.iterchildren("li"))
        found.append(StepList(heading, outer_html(ol), leads))
    return found


def step_lead(li) -> str:
    """The step's action: its opening bold phrase (`**Say no.**`), else the whole step (inner HTML)."""
    if not (li.text or "").strip():
        first = next(li.iterchildren(), None)
        if first is not None and first.tag in ("strong", "b"):
            return inner_html(first).strip()
        if first is not None and first.tag == "p":  # a loose list wraps each step in <p>
            return step_lead(first)
    return inner_html(li).strip()


def intro(html: str) -> str | None:
    """The guide's first paragraph when it comes before any heading (its reassuring opening), else None."""
    return _intro(parse_fragment(html))


def _intro(root) -> str | None:
    for tag in root.iterchildren():
        if tag.tag == "p":
            return inner_html(tag).strip()
        if _HEADING.match(str(tag.tag)) or tag.tag in ("ol", "ul"):
            return None
    return None
