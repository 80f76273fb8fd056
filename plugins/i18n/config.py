"""The I18N settings dict: documented defaults, merged with the project's pelicanconf.py."""

from __future__ import annotations

from sitekit.settings import PluginSettingsError, merge_settings

#: Every key the plugin understands, with its default. The README documents each one.
DEFAULTS = {
    # Language code -> how it is shown and where it lives. The default language (Pelican's
    # DEFAULT_LANG) must have the empty prefix: it is served at the site root.
    "languages": {
        "km": {"name": "ខ្មែរ", "prefix": ""},
        "en": {"name": "English", "prefix": "en"},
    },
    # Folder of gettext catalogues, relative to the theme:
    # <THEME>/<catalog_dir>/<lang>/LC_MESSAGES/<catalog_domain>.po
    "catalog_dir": "translations",
    "catalog_domain": "messages",
    # The language the theme's msgids are written in (needs no catalogue).
    "source_language": "en",
    # Audience keys: one hub page each, at /<prefix>/<audience>/.
    "audiences": ["children", "parents", "practitioners"],
    # Extra listing pages: URL folder -> the article `Type` they list.
    "type_hubs": {"privacy-guides": "privacy-guide"},
    # Per-language Atom feed, relative to the language's prefix. Empty string: no feed.
    "feed_path": "feeds/atom.xml",
    # Write /sitemap.xml with hreflang alternates.
    "sitemap": True,
    # Hub pages list at most this many articles each and continue on /<hub>/page/2/ ..., so a
    # listing stays inside the page budget however many articles the site grows to. 0: no limit.
    "hub_page_size": 30,
}


class I18nConfigError(PluginSettingsError):
    """The I18N settings do not describe a usable set of languages."""


def load_config(settings: dict) -> dict:
    config = merge_settings("I18N", DEFAULTS, settings.get("I18N"))
    if "languages" in (settings.get("I18N") or {}):
        # A project that lists its languages means exactly those, not the defaults plus them.
        config["languages"] = settings["I18N"]["languages"]
    default = settings.get("DEFAULT_LANG", "km")
    languages = config["languages"]
    if default not in languages:
        raise I18nConfigError(f"DEFAULT_LANG {default!r} is not one of I18N['languages']: {sorted(languages)}")
    if languages[default].get("prefix", "") != "":
        raise I18nConfigError(f"the default language {default!r} must have prefix '' (it is served at /)")
    for code, info in languages.items():
        if code != default and not info.get("prefix"):
            raise I18nConfigError(f"language {code!r} needs a non-empty URL prefix in I18N['languages']")
    config["default_lang"] = default
    return config
