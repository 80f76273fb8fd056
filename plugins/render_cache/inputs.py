"""What a page's rendering depends on, as one text per input: the site's files, every item, the page's own item.

Written here because no library describes Pelican's objects: `repr` of most of them holds a memory
address, which changes from one build to the next, and `pickle` follows every reference (an item
holds the whole site's context).

The rule that makes a rendered page reusable: the theme's templates read the *content* only of the
item they draw (`article.content`, `page.content`); of every other item they read metadata, URLs and
summaries (a test holds the templates to it), and what a plugin takes from an item's text for its
own page (a leaflet's steps) is an attribute of the object that page is drawn from. So a page's key
is the site's fingerprint (code, theme, data files, settings, today's date, every item without its
content) plus how the page is written and the objects it is drawn from, with the text of its own
item. Anything this module cannot describe the same way twice makes no key: that page is rendered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import types
from pathlib import Path

from sitekit.page_cache import ResultCache

#: Attributes of an item left out of its description: the text (only the page's own item includes it),
#: the shared context and settings (described once for the whole site) and Pelican's caches.
SKIPPED = frozenset({"_content", "_context", "settings", "_summary", "_cached_content"})
#: How deep a description follows objects inside objects (deeper: no key, the page is rendered).
DEPTH = 32


#: Stands in a description for a value that has no stable text; a key holding it is never made.
UNSTABLE = "\x00unstable\x00"


def is_item(value) -> bool:
    """A Pelican article or page (they carry their source file and their metadata)."""
    return hasattr(value, "source_path") and hasattr(value, "metadata") and hasattr(value, "_content")


def describe(value, path: tuple[int, ...] = ()) -> str:
    """A text of `value` that is the same in every build exactly when the value is; items by reference.

    `path` holds the objects being described around this one: an object that refers back to one of
    them (a leaflet listing its other languages, which list it) is named, not described again.
    """
    if type(value) in _PLAIN:  # most values: checked first, by exact type (every page's key describes thousands)
        return repr(value)
    if isinstance(value, (dict, list, tuple)):
        inner = _inner(value, path)
        if inner is None:
            return _nested(value, path)
        if isinstance(value, dict):
            return (
                "{" + ", ".join(sorted([f"{describe(k, inner)}: {describe(v, inner)}" for k, v in value.items()])) + "}"
            )
        return "[" + ", ".join([describe(v, inner) for v in value]) + "]"
    if isinstance(value, (bool, int, float, str, bytes)):
        return repr(value) if not isinstance(value, str) else repr(str(value))  # Markup -> its text
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return f"{type(value).__name__}({value.isoformat()})"
    if isinstance(value, dt.tzinfo):
        return f"tz({value})"  # the zone's name
    if is_item(value):
        # By its file (each is described once, in the site's fingerprint); not by `save_as`, which
        # Pelican works out from the settings on every call.
        return f"<item {value.source_path}>" if value.source_path else UNSTABLE
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)):
        # Code: the text of the project's code and the libraries' versions are in the site's fingerprint.
        name = getattr(value, "__qualname__", getattr(value, "__name__", ""))
        return f"<code {getattr(value, '__module__', '')}.{name}>"
    if hasattr(value, "pattern") and hasattr(value, "flags"):
        return f"re({value.pattern!r}, {value.flags})"
    inner = _inner(value, path)
    if inner is None:
        return _nested(value, path)
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(describe(v, inner) for v in value)) + "}"
    if hasattr(value, "__dict__") and not isinstance(value, types.MethodType):
        # Objects (Pelican's Category and Author, a plugin's leaflet or listing): every attribute, also
        # those set after it was made (a leaflet's steps), but not the settings an Author holds.
        fields = {k: v for k, v in vars(value).items() if k not in SKIPPED}
        return type(value).__name__ + describe(fields, inner)
    if hasattr(value, "__dataclass_fields__"):
        fields = {k: getattr(value, k) for k in value.__dataclass_fields__}
        return type(value).__name__ + describe(fields, inner)
    return UNSTABLE


_PLAIN = frozenset({str, int, float, bool, bytes, type(None)})


def _inner(value, path: tuple[int, ...]) -> tuple[int, ...] | None:
    """The path for what `value` holds; None when `value` is already on it or the path is too deep."""
    if id(value) in path or len(path) >= DEPTH:
        return None
    return (*path, id(value))


def _nested(value, path: tuple[int, ...]) -> str:
    if id(value) in path:
        return f"<cycle {type(value).__name__} {path.index(id(value))}>"
    return UNSTABLE


def item_text(item) -> str:
    """An item's description without its text: every attribute and its summary."""
    metadata = item.metadata
    # Pelican also sets every metadata value as an attribute: described once, in `metadata`.
    fields = {
        name: value
        for name, value in vars(item).items()
        if name not in SKIPPED and not (name in metadata and metadata[name] is value)
    }
    fields["summary"] = item.summary
    return type(item).__name__ + describe(fields)


def files_digest(paths: list[Path]) -> str:
    """A hash of every file under `paths` (folders are walked; a missing path counts as empty)."""
    digest = hashlib.sha256()
    for root in paths:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root] if root.is_file() else []
        for path in files:
            if "__pycache__" in path.parts:
                continue
            data = path.read_bytes()
            digest.update(f"{path.relative_to(root) if root.is_dir() else path.name}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def site_fingerprint(files: str, settings: dict, item_texts: list[str], today: dt.date) -> str | None:
    """The inputs every page shares: the project's files and libraries, the settings, the date, and every
    item (no text); None when one of them has no stable description (then no page is reused)."""
    return _hash([files, today.isoformat(), describe(settings), *sorted(item_texts)])


def page_key(site: str, name: str, template: str, item_text: str, content: str, options: dict) -> str | None:
    """The key of one page: the site's fingerprint, where and how it is written, and its item with its text;
    None when something in it has no stable description (the page is rendered again)."""
    return _hash([site, name, template, describe(options), item_text, content])


def _hash(texts: list[str]) -> str | None:
    return None if any(UNSTABLE in text for text in texts) else ResultCache.key(*texts)
