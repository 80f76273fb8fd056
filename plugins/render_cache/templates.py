"""The theme's templates compiled once: Jinja's bytecode cache, in a folder per version of what configures Jinja.

Jinja compiles every template on every build (0.2 s for this theme) although they rarely change.
Its `FileSystemBytecodeCache` keys a compiled template by the template's name and source only, not
by the environment that compiled it (extensions such as i18n, `trim_blocks`): so the folder is named
by a hash of the code and settings that configure the environment, and a change there starts an
empty one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def bytecode_cache(folder: Path, code: str) -> FileSystemBytecodeCache:
    """A bytecode cache in `folder`/<code>, the folders of other code removed (only one is ever read)."""
    target = folder / code[:16]
    target.mkdir(parents=True, exist_ok=True)
    for other in folder.iterdir():
        if other != target and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    return FileSystemBytecodeCache(str(target))
