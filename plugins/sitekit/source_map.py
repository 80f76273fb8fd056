"""Remember which source file each written page came from, so checks can name the file to fix."""

from __future__ import annotations

import contextlib
import functools
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sitekit.attribution import find_line


@dataclass(frozen=True)
class PageSource:
    """Where a written page came from: its Markdown file (if any) and the template that framed it."""

    source: str | None
    template: str
    lang: str


_pages: dict[str, PageSource] = {}


def reset() -> None:
    _pages.clear()


def relative_to_project(path: str | os.PathLike, project_root: str | os.PathLike) -> str:
    found = _relative(path, project_root)
    return Path(path).as_posix() if found is None else found


def page_rel(output_file: str | os.PathLike, output_root: str | os.PathLike) -> str | None:
    """A written file's path inside the output folder, as the map keys it (None when it is outside)."""
    return _relative(output_file, output_root)


def _relative(path: str | os.PathLike, folder: str | os.PathLike) -> str | None:
    """`path` relative to `folder` (None when it is outside). Asked for every written page: a path spelled
    under the folder is cut without touching the disk; only another spelling is resolved (links)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    if path.startswith(folder + os.sep):
        return path[len(folder) + 1 :].replace(os.sep, "/")
    try:
        return Path(path).resolve().relative_to(_resolved(folder)).as_posix()
    except ValueError:
        return None


@functools.lru_cache(maxsize=64)
def _resolved(folder: str) -> Path:
    """A folder's real path; the same few folders (project, theme, output) are asked for on every page."""
    return Path(folder).resolve()


def page_source_from_context(context: dict, theme_dir: str, project_root: str) -> PageSource:
    """Work out the source of a page from the context Pelican rendered it with."""
    item = context.get("article") or context.get("page")
    theme_rel = _theme_rel(theme_dir, project_root)
    if item is not None and getattr(item, "source_path", None):
        template = getattr(item, "template", "page")
        return PageSource(
            relative_to_project(item.source_path, project_root),
            f"{theme_rel}/templates/{template}.html",
            getattr(item, "lang", ""),
        )
    template = context.get("page_template") or "base"
    i18n = context.get("i18n")
    return PageSource(None, f"{theme_rel}/templates/{template}.html", getattr(i18n, "lang", ""))


@functools.lru_cache(maxsize=16)
def _theme_rel(theme_dir: str, project_root: str) -> str:
    return relative_to_project(theme_dir, project_root)


def record(output_file: str, output_root: str, page: PageSource) -> None:
    rel = _relative(output_file, output_root)
    if rel is None:
        raise ValueError(f"{output_file} is not inside the output folder {output_root}")
    _pages[rel] = page


def lookup(page_rel: str) -> PageSource | None:
    found = _pages.get(page_rel)
    if found is None and _misses is not None:
        _misses.add(page_rel)
    return found


_misses: set[str] | None = None


@contextlib.contextmanager
def watching_misses():
    """Collect the pages looked up and not (yet) in the map while the block runs."""
    global _misses
    _misses = set()
    try:
        yield _misses
    finally:
        _misses = None


def all_pages() -> dict[str, PageSource]:
    return dict(_pages)


def use(pages: dict[str, PageSource], replace: bool = True) -> None:
    """Take another process's map, or (`replace=False`) add to this one: the audit's process gets the map
    of each page as it is written, and the whole map at the end."""
    if replace:
        _pages.clear()
    _pages.update(pages)


def save(path: str | os.PathLike) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    data = {page: asdict(src) for page, src in sorted(_pages.items())}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: str | os.PathLike) -> None:
    """Load a map saved by an earlier build (for checks run on their own over output/)."""
    p = Path(path)
    stored = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
    use({page: PageSource(**src) for page, src in stored.items()})


def line_of(
    source_file: str | os.PathLike, needle: str, project_root: str | os.PathLike = ".", at_line_end: bool = False
) -> int | None:
    """First line (1-based) of `source_file` that contains `needle` (with `at_line_end`, only where it ends the
    line, a heading or a table cell), or None (see sitekit.attribution)."""
    return find_line(str(source_file), (needle,), str(project_root), at_line_end=at_line_end)
