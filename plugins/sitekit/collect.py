"""Every article and page a generator holds, in every language: the one list the content plugins work on.

Pelican keeps a generator's items in several lists: published items (`articles`, `pages`), their
translations (`translations`), hidden pages and hidden translations, and drafts. A plugin that
changes or checks items must see the same ones as every other plugin, or a hidden translated page
would get no resized images, no cited sources or no glossary links while its original does.
"""

from __future__ import annotations

#: The lists of a Pelican generator that hold items written to the output, in a fixed order.
ITEM_LISTS = ("articles", "translations", "pages", "hidden_pages", "hidden_translations", "drafts",
              "drafts_translations", "draft_pages", "draft_translations")  # fmt: skip


def all_items(generator) -> list:
    """Each article or page of `generator` once, whatever list Pelican keeps it in."""
    seen: set[int] = set()
    items = []
    for name in ITEM_LISTS:
        for item in getattr(generator, name, None) or []:
            if id(item) not in seen:
                seen.add(id(item))
                items.append(item)
    return items
