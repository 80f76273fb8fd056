"""Signal handlers of the glossary plugin: load the terms, expose them to the glossary page, link first uses."""

from __future__ import annotations

from pathlib import Path

from sitekit.collect import all_items
from sitekit.page_cache import ResultCache, code_fingerprint
from sitekit.yamldata import DataFileError, load_plugin_data

from . import autolink
from .autolink import link_terms
from .terms import build_terms, matcher, validate_terms

DEFAULTS = {
    # The glossary file, relative to the content folder.
    "data_file": "data/glossary.yaml",
    # The glossary page's URL inside each language (links point to its #term anchors).
    "glossary_url": "glossary/",
    # Slugs of pages or articles whose text gets no automatic links.
    "skip_slugs": ["glossary"],
}

_state: dict = {}


def load(pelican) -> None:
    loaded = load_plugin_data(pelican.settings, "GLOSSARY", DEFAULTS)
    config, data, languages = loaded.config, loaded.data, loaded.languages
    problems = validate_terms(data, loaded.lines, loaded.shown, languages)
    if problems:
        raise DataFileError("\n".join(problems))
    terms = build_terms(data)
    _state.clear()
    _state.update(config=config, terms=terms, matchers={lang: matcher(terms, lang) for lang in languages})


def install_in_jinja(generator) -> None:
    if "terms" in _state:
        generator.env.globals["GLOSSARY_TERMS"] = _state["terms"]


def link_first_uses(generator) -> None:
    """Link each term's first use in every article and page (not the glossary page itself)."""
    settings = generator.settings
    siteurl = settings.get("SITEURL", "")
    languages = (settings.get("I18N") or {}).get("languages") or {}
    items = all_items(generator)
    # Linking is a regular expression over every article: reuse the result for unchanged text.
    kind = type(generator).__name__
    cache = ResultCache(Path(settings["CACHE_PATH"]) / f"glossary-{kind}.pickle", code_fingerprint(autolink))
    for item in items:
        found = _state["matchers"].get(item.lang)
        if found is None or item.slug in _state["config"]["skip_slugs"]:
            continue
        prefix = (languages.get(item.lang) or {}).get("prefix", "")
        url = f"{siteurl}/{prefix + '/' if prefix else ''}{_state['config']['glossary_url']}"
        key = ResultCache.key(item._content, found[0].pattern, repr(sorted(found[1].items())), url, item.lang)
        item._content, item.glossary_terms = cache.get(
            key, lambda item=item, found=found, url=url: link_terms(item._content, found[0], found[1], url, item.lang)
        )
    cache.save()
