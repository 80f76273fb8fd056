"""Python-Markdown's `toc` extension without the table of contents no page shows: the same heading ids.

The site uses `toc` for one thing: every heading gets an `id`, so that a link can point to a section
(`#who-can-help`, or `#_2` for a Khmer heading) and the link checker can check it. For every file,
`toc` also builds the table of contents, serialises it, runs every postprocessor over it and walks
the whole document for a `[TOC]` marker; Pelican keeps none of it (it reads no `md.toc`) and no
template shows one. That work was 0.22 s of the 2.48 s Python-Markdown took for the 1,090 files of
the 2 x 500 benchmark site, and Pelican converts each file's `Summary:` too.

So this is `toc`'s own tree processor with its `run` reduced to the ids, made by `toc`'s functions
(`render_inner_html`, `strip_tags`, `slugify`, `unique`), in the same order, so every id is the one
`toc` gives (tests compare them on headings with links, code, entities, footnotes and Khmer). A
document that asks for a table of contents (a `[TOC]` paragraph), or settings that add anchors or
permalinks, get `toc`'s whole `run`: nothing an editor can write works differently.
"""

from __future__ import annotations

import html

from markdown.extensions.toc import (
    TocExtension,
    TocTreeprocessor,
    remove_fnrefs,
    render_inner_html,
    strip_tags,
    unique,
)


class HeadingIdsTreeprocessor(TocTreeprocessor):
    """`TocTreeprocessor` that gives each heading its id and leaves `md.toc` empty when no `[TOC]` asks for it."""

    def run(self, doc) -> None:
        if self.use_anchors or self.use_permalinks not in (False, None) or self._asks_for_toc(doc):
            return super().run(doc)
        used_ids = {el.attrib["id"] for el in doc.iter() if "id" in el.attrib}
        id_counters: dict[str, int] = {}
        for el in doc.iter():
            if isinstance(el.tag, str) and self.header_rgx.match(el.tag):
                self.set_level(el)
                if "id" not in el.attrib:  # an id written with {#id} stays
                    name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
                    el.attrib["id"] = unique(self.slugify(html.unescape(name), self.sep), used_ids, id_counters)
                el.attrib.pop("data-toc-label", None)  # only labels an entry of the table of contents
        return None

    def _asks_for_toc(self, doc) -> bool:
        # The paragraph `replace_marker` would replace (a marker inside code stays text there too).
        marker = self.marker
        return bool(marker) and any(el.text and len(el) == 0 and el.text.strip() == marker for el in doc.iter())


class HeadingIdsExtension(TocExtension):
    """Use as `sitekit.heading_ids` in MARKDOWN's extensions, with `toc`'s settings."""

    TreeProcessorClass = HeadingIdsTreeprocessor


def makeExtension(**kwargs) -> HeadingIdsExtension:  # Python-Markdown's name for an extension's entry point
    return HeadingIdsExtension(**kwargs)
