"""Signal handlers of leaflets: read the settings, tell the theme where the leaflets are, add the generator."""

from __future__ import annotations

import re
from pathlib import Path

from i18n.config import load_config as load_i18n_config
from sitekit import background
from sitekit.page_cache import ResultCache, code_fingerprint
from sitekit.settings import merge_settings

from . import qr, steps
from .plan import LeafletError, expected_qr_urls

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
    background.forget(QR_TASK)


#: The background task (sitekit.background) that makes the QR codes while Pelican goes on.
QR_TASK = "leaflets.qr_codes"


def open_cache(settings: dict) -> ResultCache:
    """QR codes and key steps depend only on an address and a guide's HTML: kept between builds."""
    return ResultCache(Path(settings["CACHE_PATH"]) / "leaflets.pickle", code_fingerprint(qr, steps))


def qr_key(error: str, url: str) -> str:
    """The cache key of the QR code of `url` (generator.fill stores it under the same)."""
    return ResultCache.key("qr", f"{error} {url}")


def start_qr_codes(generator) -> None:
    """As soon as the articles are read, make the QR codes the leaflets will need in a process of their own.

    segno takes about 5 ms a code (it tries all eight masks), and a site of 2 x 500 articles has 174
    leaflets: 0.7 to 0.9 s of work. From here until it writes its first page Pelican works alone
    (the glossary links, the other plugins' work on the articles, the pages), so the second
    processor makes them then, instead of Pelican later, on the build's critical path.
    """
    if "config" not in state:
        return
    config, settings = state["config"], generator.settings
    i18n = load_i18n_config(settings)
    articles = [*generator.articles, *generator.translations]
    audiences = config["audiences"] or i18n["audiences"]
    urls = expected_qr_urls(articles, config, i18n["languages"], audiences, state["site_url"])
    cache = state["cache"] = open_cache(settings)
    missing = [url for url in urls if qr_key(config["qr_error"], url) not in cache.entries]
    if missing:
        background.start(QR_TASK, qr.qr_codes, missing, config["qr_error"])


def early_qr_codes() -> dict[str, str]:
    """The codes `start_qr_codes` made (waiting for them), by address; {} when it made none."""
    if not background.waiting(QR_TASK):
        return {}
    try:
        return background.result(QR_TASK)
    finally:
        background.forget(QR_TASK)


def install_in_jinja(generator) -> None:
    """LEAFLETS_PATH lets other templates (the practitioners' hub) link to the list of leaflets."""
    if "config" in state:
        generator.env.globals["LEAFLETS_PATH"] = state["config"]["path"].strip("/") + "/"


def add_generator(pelican):
    from .generator import LeafletsGenerator

    return LeafletsGenerator
