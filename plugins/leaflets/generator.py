"""A Pelican generator that writes the leaflet pages and each language's list of leaflets."""

from __future__ import annotations

import logging

from markupsafe import Markup
from pelican.generators import Generator

from i18n.config import load_config as load_i18n_config
from sitekit.page_cache import ResultCache
from sitekit.paths import display_path
from sitekit.summary import say
from sitekit.writing import write_page

from .hooks import early_qr_codes, open_cache, qr_key, state
from .plan import plan_leaflets
from .qr import qr_svg
from .steps import read_guide

logger = logging.getLogger(__name__)


class LeafletsGenerator(Generator):
    """Runs after the articles are read and finalised, so each guide's HTML is the one its page shows."""

    def generate_context(self):
        self.config = state["config"]
        i18n = load_i18n_config(self.settings)
        self.leaflets, self.indexes = plan_leaflets(
            self.context.get("articles_by_lang", {}),
            self.config,
            i18n["languages"],
            self.config["audiences"] or i18n["audiences"],
            state["site_url"],
            self.settings["PATH"],
        )

    def generate_output(self, writer):
        # Guides' HTML is read here, not in generate_context: every plugin has finished changing it.
        cache = state.pop("cache", None)  # opened by start_qr_codes
        if cache is None:
            cache = open_cache(self.settings)
        made = early_qr_codes()
        for leaflet in self.leaflets:
            fill(leaflet, self.config, self.settings["PATH"], cache, made)
            write_page(self, writer, leaflet, self.config["template"], leaflet=leaflet)
        for index in self.indexes:
            write_page(self, writer, index, self.config["index_template"], leaflet_index=index)
        cache.save()
        say(
            "Leaflets: %d guide and %d audience leaflets, %d languages",
            sum(1 for lf in self.leaflets if lf.kind == "guide"),
            sum(1 for lf in self.leaflets if lf.kind == "audience"),
            len(self.indexes),
        )


def guide_key(html: str) -> str:
    return ResultCache.key("guide", html)


def fill(leaflet, config: dict, content_root: str, cache: ResultCache | None = None, made: dict | None = None) -> None:
    """Give a planned leaflet its steps (from the guide's own HTML) and its QR code (from `made`, the codes
    made early by address, when it is there)."""

    def cached(key: str, compute):
        return compute() if cache is None else cache.get(key, compute)

    url, error = leaflet.qr_url, config["qr_error"]
    leaflet.qr_svg = Markup(cached(qr_key(error, url), lambda: (made or {}).get(url) or qr_svg(url, error)))
    leaflet.steps, leaflet.intro, leaflet.guide_leads = [], None, []
    if leaflet.guide is not None:
        html = leaflet.guide.content
        guide = cached(guide_key(html), lambda: read_guide(html))
        leaflet.steps = [{"heading": Markup(s.heading), "html": Markup(s.html)} for s in guide.steps]
        leaflet.intro = Markup(guide.intro) if guide.intro else None
        if not leaflet.steps:
            say(
                "warning: %s: no numbered list, so its leaflet shows only the summary; write the steps as "
                "a numbered list (1. 2. 3.)",
                display_path(leaflet.guide.source_path, content_root),
            )
    else:
        leaflet.guide_leads = [
            (guide, [Markup(lead) for s in cached(guide_key(guide.content), lambda g=guide: read_guide(g.content)).steps
                     for lead in s.leads])
            for guide in leaflet.guides
        ]  # fmt: skip
