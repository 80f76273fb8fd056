"""Keep the per-page results of a check between builds, so an unchanged page is not checked again.

Pelican writes every page on every build, but after an editor changes one article almost every
page comes out byte for byte the same. A check's result for a page depends only on what the key
is made from (the page's bytes, its Markdown file, the settings) and on the check's own code, so
each entry is keyed by a hash of all of that and the cache file is dropped when the code changes.
Only entries used in the last build are kept, so the file never grows past one site's worth.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

logger = logging.getLogger(__name__)


def code_fingerprint(*modules) -> str:
    """A hash of the source files of `modules` (and of this file): changes when the check's code does."""
    digest = hashlib.sha256()
    for path in sorted({Path(m.__file__) for m in modules} | {Path(__file__)}):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stable_repr(value) -> str:
    """A text of `value` that is the same in every process: sets sorted, patterns by their source.

    (`repr` of a set or frozenset follows string hashing, which changes from one process to the next.)
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in sorted(value.items(), key=str)) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_repr(v) for v in value) + "]"
    if hasattr(value, "pattern") and hasattr(value, "flags"):
        return f"re({value.pattern!r}, {value.flags})"
    if hasattr(value, "__dataclass_fields__"):
        return type(value).__name__ + stable_repr({k: getattr(value, k) for k in value.__dataclass_fields__})
    return repr(value)


class ResultCache:
    """A dict of per-page results on disk under one name, valid for one code fingerprint and settings."""

    def __init__(self, path: str | os.PathLike | None, salt: str):
        self.path = Path(path) if path else None
        self.salt = salt
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        self.hits = 0
        self.dirty = False  # set when a result is computed or replaced: the file must be written
        if self.path and self.path.is_file():
            try:
                with self.path.open("rb") as fh:
                    stored_salt, entries = pickle.load(fh)
                if stored_salt == salt:
                    self.entries = entries
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError) as exc:
                logger.debug("ignoring unreadable cache %s: %s", self.path, exc)

    @staticmethod
    def key(*parts: bytes | str | None) -> str:
        digest = hashlib.sha256()
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    def get(self, key: str, compute):
        """The stored result for `key`, or `compute()` stored under it."""
        if key in self.entries:
            self.hits += 1
            value = self.entries[key]
        else:
            value = compute()
            self.dirty = True
        self.used[key] = value
        return value

    @property
    def changed(self) -> bool:
        """Whether saving would write anything new: a computed result, or an entry no longer used."""
        return self.dirty or self.used.keys() != self.entries.keys()

    def save(self) -> None:
        if self.path is None or (self.path.is_file() and not self.changed):
            return  # an unchanged site: nothing to write (the file can be tens of megabytes)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("wb") as fh:
            pickle.dump((self.salt, self.used), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
