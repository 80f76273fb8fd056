"""Rendered pages kept between builds: one file per page key in the build's cache folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sitekit.page_cache import read_pickle, write_pickle

#: The output files of the last build, by path: the key of the page each holds, its size, time and inode.
OUTPUTS = "outputs.pickle"


class PageStore:
    """The pages of the last build by key; a build keeps only the pages it used."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> str | None:
        try:
            text = (self.folder / f"{key}.html").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        self.used.add(key)
        return text

    def keep(self, key: str) -> None:
        """Keep the page `key` for the next build without reading it (its output file is still in place)."""
        self.used.add(key)

    def put(self, key: str, text: str) -> None:
        # Written beside and renamed into place: a build stopped half-way leaves no half page to reuse.
        handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, self.folder / f"{key}.html")
        self.used.add(key)

    def read_outputs(self) -> dict[str, tuple]:
        """Which page (key) the last build wrote into each output file, and the file as it left it."""
        found = read_pickle(self.folder / OUTPUTS)
        return found if isinstance(found, dict) else {}

    def write_outputs(self, files: dict[str, tuple]) -> None:
        write_pickle(self.folder / OUTPUTS, files)

    def prune(self) -> int:
        """Remove the pages this build did not use (and any half-written file); returns how many."""
        removed = 0
        for path in self.folder.iterdir():
            if path.suffix == ".part" or (path.suffix == ".html" and path.stem not in self.used):
                path.unlink(missing_ok=True)
                removed += 1
        return removed
