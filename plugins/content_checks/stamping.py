"""Record in a translation which version of its source it was made from (`Translated-from: en 3f2a9c1b0d`)."""

from __future__ import annotations

import re
from pathlib import Path

from sitekit.errors import SiteBuildError
from sitekit.patterns import LANG_FOLDER

from .translations import text_hash


class StampError(SiteBuildError, ValueError):
    """The file to stamp is not a content file, or its source does not exist."""


def _content_path(path: Path, content: Path) -> tuple[str, re.Match]:
    """`path` relative to the content folder, and its `articles|pages/<lang>/` match."""
    rel = path.relative_to(content).as_posix() if path.is_relative_to(content) else ""
    match = LANG_FOLDER.match(rel)
    if match is None:
        raise StampError(f"{path}: not inside content/articles/<lang>/ or content/pages/<lang>/")
    return rel, match


def counterpart(path: Path, content: Path, lang: str) -> Path:
    """The same file in another language folder (same sub-folder and file name)."""
    rel, match = _content_path(path, content)
    return content / match.group("kind") / lang / rel[match.end() :]


def find_counterpart(path: Path, content: Path, lang: str) -> Path | None:
    """The file with the same name in `lang`, in any sub-folder (editors may file pairs differently)."""
    direct = counterpart(path, content, lang)
    if direct.exists():
        return direct
    kind = path.relative_to(content).parts[0]
    matches = sorted((content / kind / lang).rglob(path.name))
    return matches[0] if matches else None


def set_metadata_line(text: str, key: str, value: str) -> str:
    """Replace or add `Key: value` in the metadata header (before the first blank line)."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    pattern = re.compile(rf"^{re.escape(key)}\s*:", re.I)
    for i in range(end):
        if pattern.match(lines[i]):
            lines[i] = f"{key}: {value}"
            return "\n".join(lines)
    lines.insert(end, f"{key}: {value}")
    return "\n".join(lines)


def stamp_file(path: Path, content: Path, languages: list[str], source_lang: str | None) -> str:
    rel, match = _content_path(path, content)
    lang = match.group("lang")
    source_lang = source_lang or next(code for code in languages if code != lang)
    source = find_counterpart(path, content, source_lang)
    if source is None:
        raise StampError(f"{rel}: there is no {source_lang} file named {path.name} to translate from")
    stamp = f"{source_lang} {text_hash(source.read_text(encoding='utf-8'))}"
    path.write_text(set_metadata_line(path.read_text(encoding="utf-8"), "Translated-from", stamp), encoding="utf-8")
    return f"{rel}: Translated-from: {stamp} (from {source.relative_to(content).as_posix()})"
