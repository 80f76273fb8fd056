"""Signal handlers of leaflets: read the settings, tell the theme where the leaflets are, add the generator."""

from __future__ import annotations

import re

from sitekit.settings import merge_settings

from .plan import LeafletError

DEFAULTS = {
    # The published address the QR codes lead to; empty: SITEURL. It must be absolute (https://...)
    # in every build, also a local one: a QR code on paper is useless with a path alone.
    "site_url": "",
    # Folder of the leaflets inside each language: /leaflets/<key>/ and /en/leaflets/<key>/.
    "path": "leaflets/",
    # Articles of this `Type` get a leaflet of their own.
    "guide_type": "what-to-do",
    # Audience leaflets; None: the audiences of I18N (one hub each).
    "audiences": None,
    # Types of the articles an audience leaflet lists under "Read more about it".
    "article_types": ["article"],
    # Most guides and articles an audience leaflet lists (it stays one A4 page and inside the page
    # budget on a large site); the leaflet then says how many more its hub lists.
    "audience_guides_max": 6,
    "audience_articles_max": 14,
    # QR error correction: "l" 7 %, "m" 15 %, "q" 25 %, "h" 30 % of the code may be damaged.
    "qr_error": "m",
    # Theme templates of a leaflet and of the list of leaflets.
    "template": "leaflet",
    "index_template": "leaflets",
}

state: dict = {}


def load(pelican) -> None:
    settings = pelican.settings
    config = merge_settings("LEAFLETS", DEFAULTS, settings.get("LEAFLETS"))
    site_url = config["site_url"] or settings.get("SITEURL", "")
    if not re.match(r"https?://[^/]", site_url):
        raise LeafletError(
            "LEAFLETS['site_url'] (or SITEURL) must be the site's absolute address, e.g. "
            "https://onlinesafety.example.org: the leaflets' QR codes lead there from paper"
        )
    if config["qr_error"] not in ("l", "m", "q", "h"):
        raise LeafletError(f"LEAFLETS['qr_error'] must be one of l, m, q, h, not {config['qr_error']!r}")
    state.clear()
    state.update(config=config, site_url=site_url.rstrip("/"))


def install_in_jinja(generator) -> None:
    """LEAFLETS_PATH lets other templates (the practitioners' hub) link to the list of leaflets."""
    if "config" in state:
        generator.env.globals["LEAFLETS_PATH"] = state["config"]["path"].strip("/") + "/"


def add_generator(pelican):
    from .generator import LeafletsGenerator

    return LeafletsGenerator
