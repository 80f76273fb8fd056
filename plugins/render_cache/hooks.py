"""Signal handlers of render_cache: one session per build, the writer class, the summary line."""

from __future__ import annotations

import datetime as dt
import sys
from importlib import metadata
from pathlib import Path

from sitekit.collect import all_items
from sitekit.page_cache import ResultCache
from sitekit.settings import merge_settings
from sitekit.summary import say

from .inputs import describe, files_digest, item_text, page_key, site_fingerprint
from .store import PageStore
from .templates import bytecode_cache
from .writer import writer_for

DEFAULTS = {
    # False renders every page on every build (publishconf.py: a published site never reuses a page).
    "enabled": True,
    # Folder under CACHE_PATH holding the last build's rendered pages.
    "folder": "rendered-pages",
    # Folder under CACHE_PATH holding the theme's templates compiled by Jinja.
    "templates_folder": "compiled-templates",
}
#: Libraries whose version changes what a template renders.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "babel")

_state: dict = {}


class RenderSession:
    """One build's render cache: the site's fingerprint (made once, when the first page is written) and the store."""

    def __init__(self, settings: dict, generators: list, store: PageStore, code: str):
        self.settings = settings
        self.code = code
        self.generators = generators
        self.store = store
        self.rendered = self.reused = self.kept = 0
        self._site: str | None = None
        self._texts: dict[int, str] | None = None  # each item's description, by id(item)

    def key(self, name: str, template: str, item, options: dict, context: dict) -> str | None:
        """The page's key; `item` is the article or page it draws (None for a listing or a plugin's page)."""
        if self._texts is None:
            self._texts = self._describe_items()
            self._site = self._fingerprint(list(self._texts.values()), context)
        text = "" if item is None else self._texts.get(id(item))
        if self._site is None or text is None:
            return None
        return page_key(self._site, name, template, text, "" if item is None else item._content, options)

    def _describe_items(self) -> dict[int, str]:
        # Described after every plugin changed them: Pelican makes the writer after all_generators_finalized.
        items = {id(i): i for g in self.generators for i in all_items(g)}
        return {key: item_text(item) for key, item in items.items()}

    def _fingerprint(self, item_texts: list[str], context: dict) -> str | None:
        settings = self.settings
        # What generators and plugins added to the shared context (lists of items, by reference).
        shared = {k: v for k, v in context.items() if k not in settings and k != "localsiteurl"}
        files = self.code + files_digest([Path(settings["PATH"]) / "data"])
        inputs = {**settings, **shared}
        return site_fingerprint(files, inputs, item_texts, dt.date.today())


def code_digest(settings: dict) -> str:
    """A hash of the code every page is made by: the plugin folders, the theme, the settings files and the
    versions of Python and the libraries that render."""
    folders = [Path(p) for p in settings.get("PLUGIN_PATHS", [])] + [Path(settings["THEME"])]
    folders += sorted(Path(settings["PATH"]).resolve().parent.glob("*.py"))  # the settings files
    versions = " ".join([sys.version, *(f"{n}={_version(n)}" for n in LIBRARIES)])
    return files_digest(folders) + versions


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def start(pelican) -> None:
    _state.clear()
    config = merge_settings("RENDER_CACHE", DEFAULTS, pelican.settings.get("RENDER_CACHE"))
    _state["config"] = config
    _state["generators"] = []
    if config["enabled"]:
        settings = pelican.settings
        _state["code"] = code_digest(settings)
        jinja = ResultCache.key(_state["code"], describe(settings.get("JINJA_ENVIRONMENT")))
        _state["bytecode"] = bytecode_cache(Path(settings["CACHE_PATH"]) / config["templates_folder"], jinja)


def use_compiled_templates(generator) -> None:
    """Pelican's `generator_init`: the generator's Jinja environment keeps its compiled templates."""
    if "bytecode" in _state:
        generator.env.bytecode_cache = _state["bytecode"]


def remember_generators(generators) -> None:
    _state["generators"] = list(generators)


def writer_class(pelican):
    """Pelican's `get_writer`: the caching writer, or None (Pelican's own) when the cache is off."""
    config = _state.get("config")
    if not config or not config["enabled"]:
        return None
    store = PageStore(Path(pelican.settings["CACHE_PATH"]) / config["folder"])
    _state["session"] = RenderSession(pelican.settings, _state["generators"], store, _state["code"])
    return writer_for(_state["session"])


def finish(pelican) -> None:
    session = _state.get("session")
    if session is None:
        return
    session.store.prune()
    say("Render cache: %d page(s) rendered, %d written from the last build (inputs unchanged; %d of them "
        "already in place)", session.rendered, session.reused, session.kept)  # fmt: skip
