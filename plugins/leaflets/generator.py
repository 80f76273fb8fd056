"""A Pelican generator that writes the leaflet pages and each language's list of leaflets."""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from i18n.config import load_config as load_i18n_config
from sitekit.page_cache import ResultCache, code_fingerprint
from sitekit.paths import display_path
from sitekit.summary import say
from sitekit.writing import write_page

from . import qr, steps
from .hooks import state
from .plan import plan_leaflets
from .qr import qr_svg
from .steps import intro, key_steps

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
        # QR codes and key steps depend only on an address and a guide's HTML: kept between builds.
        cache = ResultCache(Path(self.settings["CACHE_PATH"]) / "leaflets.pickle", code_fingerprint(qr, steps))
        for leaflet in self.leaflets:
            fill(leaflet, self.config, self.settings["PATH"], cache)
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


def fill(leaflet, config: dict, content_root: str, cache: ResultCache | None = None) -> None:
    """Give a planned leaflet its steps (from the guide's own HTML) and its QR code."""

    def cached(kind: str, key: str, compute):
        return compute() if cache is None else cache.get(ResultCache.key(kind, key), compute)

    url, error = leaflet.qr_url, config["qr_error"]
    leaflet.qr_svg = Markup(cached("qr", f"{error} {url}", lambda: qr_svg(url, error)))
    leaflet.steps, leaflet.intro, leaflet.guide_leads = [], None, []
    if leaflet.guide is not None:
        html = leaflet.guide.content
        found_steps = cached("steps", html, lambda: key_steps(html))
        leaflet.steps = [{"heading": Markup(s.heading), "html": Markup(s.html)} for s in found_steps]
        found = cached("intro", html, lambda: intro(html))
        leaflet.intro = Markup(found) if found else None
        if not leaflet.steps:
            say(
                "warning: %s: no numbered list, so its leaflet shows only the summary; write the steps as "
                "a numbered list (1. 2. 3.)",
                display_path(leaflet.guide.source_path, content_root),
            )
    else:
        leaflet.guide_leads = [
            (guide, [Markup(lead) for s in cached("steps", guide.content, lambda g=guide: key_steps(g.content))
                     for lead in s.leads])
            for guide in leaflet.guides
        ]  # fmt: skip
