"""Signal handlers of parallel_read: a helper per generator that reads files, started when it is made."""

from __future__ import annotations

import logging
import multiprocessing
import os

from pelican.readers import _filter_discardable_metadata

from sitekit import background
from sitekit.settings import merge_settings

from . import converter
from .reading import ReadAhead

logger = logging.getLogger(__name__)

DEFAULTS = {
    # False: Pelican reads every file in its own process, one after the other, with its own reader.
    "enabled": True,
    # Fewer files to convert than this (an editor's build, where Pelican's cache has the rest): no helper,
    # starting it costs more than it saves.
    "min_files": 40,
}

#: The file formats whose reader is a pure function of the file (no reader of this site logs or keeps state).
FORMATS = ("md", "markdown", "mkd", "mdown")

_state: dict = {"config": None, "helpers": {}}


def start_build(pelican) -> None:
    """At the start of every build: this build's settings, no helper left from the last one."""
    for helper in _state["helpers"].values():
        helper.close()
    _state.update(config=merge_settings("PARALLEL_READ", DEFAULTS, pelican.settings.get("PARALLEL_READ")),
                  helpers={})  # fmt: skip


def use_converter(readers) -> None:
    """Markdown read with one converter per reader (converter.py), whether or not a helper reads too."""
    config = _state["config"]
    if config is not None and config["enabled"]:
        converter.use_in(readers.reader_classes)


def start_articles(generator) -> None:
    _start(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def start_pages(generator) -> None:
    _start(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def _start(generator, paths_setting: str, excludes_setting: str) -> None:
    config = _state["config"]
    if config is None or not config["enabled"]:
        return
    converter.remember_stamps(generator)
    if not background.forks():
        return
    readers = generator.readers
    files = generator.get_files(generator.settings[paths_setting], exclude=generator.settings[excludes_setting])
    paths = [os.path.abspath(os.path.join(generator.path, f)) for f in files if f.rsplit(".", 1)[-1] in FORMATS]
    if len(_not_cached(readers, paths)) < config["min_files"]:
        return
    helper = ReadAhead(
        paths,
        lambda path: _converted(readers, path),
        lambda path: _in_cache(readers, path),
        {"settings": generator.settings},
        multiprocessing.get_context("fork"),
    )
    original = readers.get_cached_data

    def get_cached_data(filename, default=None):
        data = original(filename, default)
        if data is not default:
            return data
        found = helper.take(filename)
        if found is None:
            return default
        readers.cache_data(filename, found)  # as Pelican does with what it converts: kept for the next build
        return found

    readers.get_cached_data = get_cached_data
    _state["helpers"][id(generator)] = helper


def stop(generator) -> None:
    """Once the generator has read every file: the helper's process ends."""
    helper = _state["helpers"].pop(id(generator), None)
    if helper is not None:
        helper.close()
        logger.debug("parallel_read: %d of %d files converted by the helper", helper.converted, len(helper.index))


def _converted(readers, path: str):
    """What Pelican's `Readers.read_file` gets from the reader (and keeps in its cache) for `path`."""
    reader = readers.readers[path.rsplit(".", 1)[-1]]
    content, metadata = reader.read(path)
    return content, _filter_discardable_metadata(metadata)


def _in_cache(readers, path: str) -> bool:
    return readers.get_cached_data(path, (None, None))[0] is not None


def _not_cached(readers, paths: list[str]) -> list[str]:
    """The `paths` Pelican's content cache knows nothing of (by name only: hashing every file here would
    cost an editor's build what Pelican then does again; an edited file counts as cached)."""
    known = getattr(readers, "_cache", None) or {}
    return [path for path in paths if path not in known]
