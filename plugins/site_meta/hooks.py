"""Signal handlers of site_meta: check the card images, give the theme their URLs, write the files."""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup

from sitekit.errors import SiteBuildError
from sitekit.paths import display_path
from sitekit.plugins import require
from sitekit.settings import merge_settings
from theme_assets.hooks import add_hashed

from .files import card_problems, favicon_href, png_size, robots_txt

logger = logging.getLogger(__name__)

DEFAULTS = {
    # og:locale of each language (Facebook's locale codes); every I18N language needs one.
    "locales": {"km": "km_KH", "en": "en_US"},
    # Link-preview card image of each language (PNG, 1200x630), relative to the theme's static folder.
    "cards": {"km": "img/card-km.png", "en": "img/card-en.png"},
    # Largest card image, in KB: chat apps load it on the reader's mobile data.
    "card_max_kb": 40,
    # Favicon inlined in every page as a data: URL (no request), relative to the theme's static folder.
    "favicon_svg": "img/favicon.svg",
    # Copied to /favicon.ico for browsers and tools that ask for it without reading the page.
    "favicon_ico": "img/favicon.ico",
    # Write /robots.txt (with the sitemap's absolute address when SITEURL is absolute).
    "robots_txt": True,
}


class SiteMetaError(SiteBuildError):
    """A card image or icon is missing, too big or the wrong shape, or a language has no og:locale."""


_state: dict = {}


def load(pelican) -> None:
    """Check the card images and icons once per build; stop it naming the file on any problem."""
    settings = pelican.settings
    require(settings, "theme_assets", by="site_meta", why="the card images are published with the theme's assets")
    config = merge_settings("SITE_META", DEFAULTS, settings.get("SITE_META"))
    static = Path(settings["THEME"]) / "static"
    project_root = Path(settings["PATH"]).resolve().parent
    languages = list((settings.get("I18N") or {}).get("languages") or {settings.get("DEFAULT_LANG", "en"): {}})
    problems = []
    for lang in languages:
        for key in ("locales", "cards"):
            if lang not in config[key]:
                problems.append(f"SITE_META[{key!r}] has no entry for the site's language {lang!r}")
    cards = {}
    for lang, rel in config["cards"].items():
        path = static / rel
        shown = display_path(str(path.resolve()), str(project_root))
        if not path.is_file():
            problems.append(f"{shown}: card image not found (SITE_META['cards'][{lang!r}])")
            continue
        data = path.read_bytes()
        problems += card_problems(shown, data, config["card_max_kb"])
        width, height = png_size(data) or (0, 0)
        # Published with the theme's hashed assets (theme_assets), so it can be cached for a year.
        cards[lang] = {"url": add_hashed(rel, data), "width": width, "height": height}
    icons = {}
    for key in ("favicon_svg", "favicon_ico"):
        path = static / config[key]
        if not path.is_file():
            problems.append(f"{display_path(str(path.resolve()), str(project_root))}: not found (SITE_META[{key!r}])")
        else:
            icons[key] = path.read_bytes()
    if problems:
        raise SiteMetaError("\n".join(problems))
    _state.clear()
    _state.update(
        config=config,
        cards=cards,
        ico=icons["favicon_ico"],
        favicon=favicon_href(icons["favicon_svg"].decode("utf-8")),
        sitemap="sitemap.xml" if (settings.get("I18N") or {}).get("sitemap", True) else None,
    )


def install_in_jinja(generator) -> None:
    """LINK_PREVIEW (og:locale of each language, each card's url, width, height) and FAVICON_HREF.

    Not named SITE_META: Pelican puts every setting into the template context, where the settings
    dict would hide a global of the same name.
    """
    if "config" not in _state:
        return
    generator.env.globals["LINK_PREVIEW"] = {
        "locales": _state["config"]["locales"],
        "cards": _state["cards"],
    }
    generator.env.globals["FAVICON_HREF"] = Markup(_state["favicon"])


def write_files(generators) -> None:
    """Written before the pages' checks run, so the link checker and host_files see them."""
    if not generators or "config" not in _state:
        return
    settings = generators[0].settings
    out = Path(generators[0].output_path)
    (out / "favicon.ico").write_bytes(_state["ico"])
    if _state["config"]["robots_txt"]:
        text = robots_txt(settings.get("SITEURL", ""), _state["sitemap"])
        (out / "robots.txt").write_text(text, encoding="utf-8")
    logger.info("site_meta: favicon.ico and robots.txt written (the card images go with theme_assets)")
