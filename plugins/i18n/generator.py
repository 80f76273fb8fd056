"""A Pelican generator that writes the per-language listing pages, Atom feeds and the sitemap."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from sitekit.writing import write_page

from .config import load_config
from .listings import plan_listing_pages
from .sitemap import sitemap_xml

logger = logging.getLogger(__name__)


class I18nPagesGenerator(Generator):
    """Writes home, hub and 404 pages and a feed for each language, then one sitemap."""

    def generate_context(self):
        config = load_config(self.settings)
        self.config = config
        self.listings = plan_listing_pages(self.context.get("articles_by_lang", {}), config)
        self.context["listing_pages"] = self.listings

    def generate_output(self, writer):
        for listing in self.listings:
            write_page(self, writer, listing, listing.template, listing=listing)
        if self.config["feed_path"]:
            self._write_feeds(writer)
        if self.config["sitemap"]:
            self._write_sitemap()

    def _write_feeds(self, writer):
        languages = self.config["languages"]
        for lang, articles in self.context.get("articles_by_lang", {}).items():
            prefix = languages[lang].get("prefix", "")
            path = f"{prefix}/{self.config['feed_path']}" if prefix else self.config["feed_path"]
            newest_first = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
            title = f"{self.settings['SITENAME']} ({languages[lang]['name']})"
            writer.write_feed(newest_first, self.context, path, feed_title=title)

    def _write_sitemap(self):
        entries = []
        for item in self.context.get("articles_all", []) + self.context.get("pages_all", []):
            if getattr(item, "status", "published") != "published":
                continue
            lastmod = str(getattr(item, "reviewed", "") or "") or item.date.date().isoformat()
            entries.append((item.url, lastmod, [(a.lang, a.url) for a in item.i18n.alternates]))
        for listing in self.listings:
            if listing.in_sitemap:
                entries.append((listing.url, None, [(a.lang, a.url) for a in listing.i18n.alternates]))
        path = os.path.join(self.output_path, "sitemap.xml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(sitemap_xml(entries, self.settings.get("SITEURL", "")))
        logger.info("Writing %s (%d pages)", path, len(entries))
