"""Rendered pages kept between builds: one file per page key in the build's cache folder.

A page is kept as a hard link of the file the build wrote, and written into the next build's output
as a hard link of the kept one: no page is read, copied or created byte by byte (creating files is
the slowest step of a build on some disks). Nothing may therefore write into such a file: the
caching writer replaces a shared output file instead of writing over it (`unshare`), and a kept
page is only ever replaced by a new file, never written over.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitekit.page_cache import read_pickle, write_pickle

#: Each kept page's size and modification time when it was kept.
STAMPS = "stamps.pickle"


class PageStore:
    """The pages of the last build by key; a build keeps only the pages it used."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.used: set[str] = set()
        # Each kept page's size and modification time as it was kept: a page written over since (through
        # its output file, which is the same file) is not the page of its key any more.
        found = read_pickle(folder / STAMPS)
        self._last_stamps: dict[str, tuple[int, int]] = found if isinstance(found, dict) else {}
        self._stamps: dict[str, tuple[int, int]] = {}

    def path_of(self, key: str) -> Path | None:
        """The kept file of the page `key`, or None (never kept, or written over since)."""
        path = self.folder / f"{key}.html"
        try:
            found = path.stat()
        except OSError:
            return None
        stamp = (found.st_size, found.st_mtime_ns)
        return path if self._stamps.get(key, self._last_stamps.get(key)) == stamp else None

    def holds(self, key: str, path: str) -> bool:
        """Whether the file at `path` is the kept page `key` itself (its hard link, unchanged since it was
        kept): a build into the same folder as the last one (`invoke livereload`) need not write it."""
        kept = self.path_of(key)
        if kept is None:
            return False
        try:
            found, own = os.stat(path), kept.stat()
        except OSError:
            return False
        return (found.st_ino, found.st_dev) == (own.st_ino, own.st_dev)

    def place(self, key: str, target: str) -> None:
        """Make `target` (a path this build writes) the kept page `key`: a hard link, or a copy where the file
        system has none. Whatever file was there is replaced, never written over."""
        Path(target).unlink(missing_ok=True)
        if not _linked(self.folder / f"{key}.html", target):
            shutil.copyfile(self.folder / f"{key}.html", target)
        self.keep(key)

    def keep(self, key: str) -> None:
        """Keep the page `key` for the next build without reading it (its output file is still in place)."""
        self.used.add(key)
        if key in self._last_stamps:
            self._stamps[key] = self._last_stamps[key]

    def put(self, key: str, written: str | None, text: str) -> None:
        """Keep the page `key`, rendered as `text` and just written to the file `written` (None: not written)."""
        # Linked (or written) beside and renamed into place: a build stopped half-way leaves no half page.
        temp = self.folder / f"{key}.{os.getpid()}.part"
        temp.unlink(missing_ok=True)
        if written is None or not _linked(written, temp):
            temp.write_text(text, encoding="utf-8")
        os.replace(temp, self.folder / f"{key}.html")
        found = (self.folder / f"{key}.html").stat()
        self._stamps[key] = (found.st_size, found.st_mtime_ns)
        self.used.add(key)

    def prune(self) -> int:
        """Remove the pages this build did not use (and any half-written file); returns how many. Saves the
        stamps of the pages kept."""
        write_pickle(self.folder / STAMPS, {key: self._stamps[key] for key in self.used if key in self._stamps})
        removed = 0
        for path in self.folder.iterdir():
            if path.suffix == ".part" or (path.suffix == ".html" and path.stem not in self.used):
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _linked(source: str | os.PathLike, target: Path) -> bool:
    """Whether `target` could be made a hard link of `source` (not on file systems without them)."""
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def unshare(path: str | os.PathLike) -> None:
    """Remove the file at `path` when it shares its data with another name (a kept page), so that what is
    written there next goes into a new file and the kept page stays as it was."""
    try:
        if os.stat(path).st_nlink > 1:
            os.unlink(path)
    except FileNotFoundError:
        pass
