"""How the build names a source file in its messages: relative to the project, as editors see it."""

from __future__ import annotations

import os
from pathlib import PurePosixPath


def display_path(path: str, content_root: str) -> str:
    """`/abs/site/content/articles/en/x.md` -> `content/articles/en/x.md` (the content folder's name kept)."""
    p, root = PurePosixPath(path), PurePosixPath(content_root)
    try:
        return (PurePosixPath(root.name) / p.relative_to(root)).as_posix()
    except ValueError:
        return p.as_posix()


def list_output(output) -> list[str]:
    """Every file under an output folder, as sorted POSIX paths relative to it (one walk of the folder)."""
    found = []
    root = str(output)
    for folder, _dirs, names in os.walk(root):
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel_folder == "." else rel_folder + "/"
        found += [prefix + name for name in names]
    return sorted(found)
