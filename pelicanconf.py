"""Pelican settings for the editor's build (`invoke build`, `invoke livereload`)."""

import logging
import os
import sys

PROJECT_ROOT = os.path.dirname(os.path.abspath(__file__))
# Local plugins share helper modules (plugins/sitekit); make them importable by name.
if os.path.join(PROJECT_ROOT, "plugins") not in sys.path:
    sys.path.insert(0, os.path.join(PROJECT_ROOT, "plugins"))

AUTHOR = "Online Safety Cambodia"
SITENAME = "Online Safety Cambodia"
SITEURL = ""
# The address the site is published at (publishconf.py's SITEURL): the leaflets' QR codes lead there, and
# the link checker checks a link written with it in full as a link inside the site.
PUBLISHED_URL = os.environ.get("SITEURL", "https://onlinesafety.example.org")

PATH = "content"
THEME = os.path.join(PROJECT_ROOT, "theme")
TIMEZONE = "Asia/Phnom_Penh"

# Khmer is the main language, served at /; English lives under /en/.
DEFAULT_LANG = "km"

# --- Where content comes from ------------------------------------------------------------
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
# Theme assets are published by the theme_assets plugin (inlined or content-hashed), not copied as-is.
THEME_STATIC_PATHS = []
# The language comes from the folder and the slug from the file name, never from a (Khmer) title.
PATH_METADATA = r"(?:articles|pages)/(?P<lang>[^/]+)/.*"
FILENAME_METADATA = r"(?P<slug>[a-z0-9-]+)"
USE_FOLDER_AS_CATEGORY = False
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"
# Editors write Markdown only; disabling reST also avoids docutils' "no localization for 'km'" warning.
READERS = {"rst": None, "html": None, "htm": None}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Heading ids for links to a section: Python-Markdown's `toc` without the table of contents no page
        # shows (plugins/sitekit/heading_ids.py); a `[TOC]` paragraph still gets one.
        "sitekit.heading_ids": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- Where pages go: pretty URLs, Khmer at the root, English under /en/ -------------------
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Pelican's own listings are not per language: the i18n plugin writes home, hubs and 404 instead.
DIRECT_TEMPLATES = []
INDEX_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# Feeds are written per language by the i18n plugin.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 30

DEFAULT_PAGINATION = False
RELATIVE_URLS = False

# --- Plugins: always listed, so nothing installed elsewhere loads by surprise --------------
PLUGIN_PATHS = [os.path.join(PROJECT_ROOT, "plugins")]
PLUGINS = [
    "content_checks",
    # Converts Markdown files in a second process while Pelican reads (cold and publish builds).
    "parallel_read",
    "terminology",
    "i18n",
    "theme_assets",
    # sources before contacts and facts: they cite its entries.
    "sources",
    "contacts",
    "glossary",
    "facts",
    "search",
    "content_images",
    # Says in every build how many items (unconfirmed contacts, ...) block `invoke publish`.
    "publish_gate",
    # Link previews, favicon, robots.txt; printable leaflets with QR codes (docs/reach.md).
    "site_meta",
    "leaflets",
    # Checks over the written site: each provides a step of the audit pass (AUDIT["steps"]).
    "link_checker",
    "page_budget",
    "a11y_checks",
    # Writes an article or page whose inputs did not change from the last build's copy (editor's build).
    "render_cache",
    # The one pass over the written pages: reads and parses each page once, runs the steps in order.
    "audit",
    # After the audit: _headers gives a cache rule to every top-level folder, the search index included.
    "host_files",
    # Last: compress only what passed every check (publish build only, see publishconf.py).
    "precompress",
]

JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
    # Pelican makes a new environment for every build (also under `invoke livereload`), so a template can
    # never change while one is in use: without this, Jinja looks at each template file's modification time
    # every time a page includes it (tens of thousands of times in a large build).
    "auto_reload": False,
}

I18N = {
    "languages": {
        "km": {"name": "ខ្មែរ", "prefix": ""},
        "en": {"name": "English", "prefix": "en"},
    },
    "audiences": ["children", "parents", "practitioners"],
    "type_hubs": {"privacy-guides": "privacy-guide"},
}

# The build runs with --fatal warnings. Filter only messages known to be harmless, by template.
LOG_FILTER = [
    (logging.WARN, "Docutils has no localization for '%s'. Using 'en' instead."),
    # A content cache written by another Pelican, Python or GZIP_CACHE setting: Pelican starts with an
    # empty cache, which is all a rebuild needs; it must not stop the build.
    (
        logging.WARN,
        "Cannot unpickle cache %s, cache may be using an incompatible protocol (see pelican caching docs). "
        "Proceeding with empty cache.\n%s",
    ),
]

# Rebuilds reuse the Markdown Pelican read last time when the file is unchanged (md5, so a fresh
# checkout, where every mtime is new, still hits). `invoke rebuild` (and a publish) starts cold.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"
# Not gzipped: Pelican compresses the whole cache at level 9 on every build: at 2 x 500 articles
# 0.77 s to write a 2 MB file, against 0.02 s for the same cache as 10 MB.
GZIP_CACHE = False
CACHE_PATH = os.path.join(PROJECT_ROOT, "cache")

# The search page's script is published content-hashed like the quick exit script.
THEME_ASSETS = {"hashed": ["js/quick-exit.js", "js/search.js"]}

# What must be done by a person before `invoke publish` deploys (docs/publishing.md): by default every
# contact shown on the site confirmed with its organisation; add "khmer-review" and "guides-checked"
# to also require every Khmer page reviewed and every privacy guide tried on a phone.
PUBLISH_GATE = {"require": ["contacts"]}

# Agreed Khmer (and English) terms: content/data/terminology.yaml (docs/terminology.md).
TERMINOLOGY = {}

# Search (docs/search.md); the defaults fit this theme.
SEARCH = {}

# Link checker: every build checks every link offline; `invoke linkcheck --external` checks other sites.
LINK_CHECKER = {
    # External sites known to refuse link checkers (regular expressions): skipped by the live check.
    "external_allow": [],
    # A link written with the site's own published address in full is checked as a link inside the site.
    "published_url": PUBLISHED_URL,
}

# Accessibility checks over every written page and the theme's colours (README: "a11y_checks").
A11Y_CHECKS = {}

# Link previews (Open Graph), favicon and robots.txt (docs/reach.md); the defaults fit this theme.
SITE_META = {}

# Printable leaflets (docs/reach.md). Their QR codes lead to the published site in every build, also a
# local one (publishconf.py sets the same address from SITEURL).
LEAFLETS = {"site_url": PUBLISHED_URL}

# Where the Quick exit link goes: an everyday page that gives nothing away.
QUICK_EXIT_URL = "https://www.google.com/"
