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
    """A dict of per-page results on disk under one name, valid for one code fingerprint and settings.

    With `shards` > 1 the entries are spread over that many files by key, and a build writes only the
    files whose entries changed: after one edit, a cache of tens of megabytes (every page's search
    text) is not written again whole.
    """

    def __init__(self, path: str | os.PathLike | None, salt: str, shards: int = 1):
        self.path = Path(path) if path else None
        self.salt = salt
        self.shards = shards
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        self.hits = 0
        self.computed: set[str] = set()  # keys computed or replaced in this build: their files must be written
        self._read: set[int] = set()  # shards read from disk, made with this salt
        for number, file in enumerate(self._files()):
            stored = _read_entries(file, salt)
            if stored is not None:
                self.entries.update(stored)
                self._read.add(number)

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
            self.computed.add(key)
        self.used[key] = value
        return value

    def keep(self, key: str) -> None:
        """Keep the stored entry `key` for the next build (it was used without `get`)."""
        self.used[key] = self.entries[key]

    def put(self, key: str, value) -> None:
        """Store `value` under `key`, replacing what was there."""
        self.entries[key] = self.used[key] = value
        self.computed.add(key)

    def save(self) -> None:
        """Write the entries this build used; a file is written again only when one of its entries was
        computed, replaced or dropped (it can be tens of megabytes)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        used: list[dict] = [{} for _ in range(self.shards)]
        for key, value in self.used.items():
            used[self._shard(key)][key] = value
        stored = [0] * self.shards
        for key in self.entries:
            stored[self._shard(key)] += 1
        changed = {self._shard(key) for key in self.computed}
        for number, file in enumerate(self._files()):
            # Outside the changed files `used` holds only stored entries: the same count means none was dropped.
            if number in self._read and number not in changed and len(used[number]) == stored[number]:
                continue
            write_pickle(file, (self.salt, used[number]))
        if self.shards > 1:
            self.path.unlink(missing_ok=True)  # the one-file cache of an earlier version

    def _files(self) -> list[Path]:
        if self.path is None:
            return []
        if self.shards == 1:
            return [self.path]
        return [self.path.with_name(f"{self.path.stem}-{n:02x}{self.path.suffix}") for n in range(self.shards)]

    def _shard(self, key: str) -> int:
        return int(key[:8], 16) % self.shards if self.shards > 1 else 0


def _read_entries(file: Path, salt: str) -> dict | None:
    """The entries stored in `file`, or None when it is missing, unreadable or made with another salt."""
    try:
        stored_salt, entries = read_pickle(file)
    except (ValueError, TypeError):  # None, or not a (salt, entries) pair
        return None
    return entries if stored_salt == salt else None


def read_pickle(file: Path):
    """What `write_pickle` stored in `file`; None when it is missing or unreadable (a cache only saves time)."""
    if not file.is_file():
        return None
    try:
        with file.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError) as exc:
        logger.debug("ignoring unreadable cache %s: %s", file, exc)
        return None


def write_pickle(file: Path, value) -> None:
    """Pickle `value` into `file`, streamed (caches run to tens of megabytes) to a file beside it and then
    renamed: a build stopped half-way leaves no half-written cache."""
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, file)
