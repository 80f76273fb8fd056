"""A page that gives a percentage or cites a law names its source: its `Sources:` must not be empty.

The site's rule is that every statistic and legal claim cites its source on the page; the sources
plugin prints the documents of `Sources:` at the end of the page. A percentage or a law typed into a
page whose `Sources:` is empty would stand there with nothing behind it. Other figures ("128
reports") cannot be told from everyday numbers ("3 steps", "24 hours") by their form, so they are
left to the person who reviews the text.
"""

from __future__ import annotations

import re

from sitekit.patterns import outside_fences

#: A percentage (Latin or Khmer digits, `%` or the word; not "100 percent", which people say when sure), an
#: article of a law, or a law or code by name.
CLAIM = re.compile(
    r"(?<![\w.,])(?!100 ?per ?cent\b)[\d០-៩]+(?:[.,][\d០-៩]+)?\s?(?:%|percent\b|per cent\b|ភាគរយ)"
    r"|\bArt(?:icles?|\.)\s*\d+|\b(?:Criminal Code|Penal Code|Law on)\b|មាត្រា\s*[\d០-៩]+|ក្រមព្រហ្មទណ្ឌ|ច្បាប់ស្តីពី",
    re.I,
)


def uncited_claims(read: list[str], sources: str) -> list[tuple[int, str]]:
    """(line, message) for the first percentage or legal claim of a page with an empty `Sources:`; `read` is
    every line a reader sees (title, summary and text; other metadata lines blank)."""
    if sources.strip():
        return []
    found = [(number, match.group(0)) for number, line in outside_fences(read) if (match := CLAIM.search(line))]
    if not found:
        return []
    (line, claim), more = found[0], len(found) - 1
    also = f" (and {more} more line{'s' if more > 1 else ''})" if more else ""
    return [
        (
            line,
            f"this page gives a figure or cites a law ({claim!r}){also} but its `Sources:` is empty: add the id "
            "of the document it comes from (content/data/sources.yaml), so the page names its source",
        )
    ]
