"""How the build names a source file in its messages: relative to the project, as editors see it."""

from __future__ import annotations

from pathlib import PurePosixPath


def display_path(path: str, content_root: str) -> str:
    """`/abs/site/content/articles/en/x.md` -> `content/articles/en/x.md` (the content folder's name kept)."""
    p, root = PurePosixPath(path), PurePosixPath(content_root)
    try:
        return (PurePosixPath(root.name) / p.relative_to(root)).as_posix()
    except ValueError:
        return p.as_posix()
