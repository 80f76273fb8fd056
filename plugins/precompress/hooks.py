"""Signal handler of precompress: after every check has run, write the compressed copies (publish build only)."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from sitekit.settings import merge_settings
from sitekit.summary import say

from .compress import compress_all, files_to_compress, remove_orphans

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Off in the editor's build (pelicanconf.py), on in the publish build (publishconf.py).
    "enabled": False,
    # Which files get .gz and .br copies.
    "extensions": [".html", ".css", ".js", ".xml", ".svg", ".txt", ".json", ".webmanifest"],
    "gzip_level": 9,
    "brotli_quality": 11,
    # Where compressed copies are kept between publishes, keyed by content; "" = CACHE_PATH/precompress.
    "cache_dir": "",
    # Worker processes; 0 = one per CPU.
    "workers": 0,
}


def compress_output(pelican) -> None:
    settings = pelican.settings
    config = merge_settings("PRECOMPRESS", DEFAULTS, settings.get("PRECOMPRESS"))
    if not config["enabled"]:
        return
    output = Path(settings["OUTPUT_PATH"])
    cache = Path(config["cache_dir"] or os.path.join(settings["CACHE_PATH"], "precompress"))
    started = time.perf_counter()
    removed = remove_orphans(output)
    files = files_to_compress(output, config["extensions"])
    outcomes = compress_all(files, cache, config["gzip_level"], config["brotli_quality"], config["workers"])
    reused = sum(o.reused for o in outcomes)
    say(
        "Precompress: .gz and .br for %d files (%d compressed now, %d unchanged since the last publish), "
        "%d orphan copies removed, %.1f s",
        len(outcomes),
        len(outcomes) - reused,
        reused,
        removed,
        time.perf_counter() - started,
    )
