"""Find the line of a source file (Markdown, data file or template) that wrote what a check found.

Every check that names a `file:line` asks this one function: the link checker (the line holding a
link), the accessibility checks (the line holding an unmarked phrase, the `Title:` line), the page
budget (the line holding an image), contacts and sources (the line holding a placeholder or the
`Sources:` metadata). File contents are read once per build.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# An occurrence right inside an element that has a `lang` (`<span lang="en">Internet Hotline Cambodia`)
# is the correctly marked one, not the one a language check is about.
_MARKED = re.compile(r'lang="[^"]*"[^>]*>[^<]*$')


@lru_cache(maxsize=1024)
def source_lines(path: str) -> tuple[str, ...]:
    """The lines of a file (empty when it cannot be read), read once per build."""
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def clear_cache() -> None:
    """Forget file contents read for line numbers (a new build may have changed them)."""
    source_lines.cache_clear()


def find_line(
    source_file: str,
    needles,
    project_root: str = ".",
    nth: int = 0,
    body_only: bool = False,
    skip_marked: bool = False,
    at_line_end: bool = False,
) -> int | None:
    """The line (1-based) of `source_file` holding the `nth` occurrence of the first of `needles` found.

    `body_only` skips the metadata block at the top of a Markdown file (up to the first blank line);
    `skip_marked` passes over occurrences right inside a lang-marked element. When there are fewer
    occurrences than `nth`, the last one is given; None when no needle occurs. `at_line_end` counts only
    occurrences at the end of a line, a heading (`#`) or a table cell (`|`), spaces aside.
    """
    lines = source_lines(str(Path(project_root) / source_file))
    first = 0
    if body_only and str(source_file).endswith(".md"):
        first = next((n + 1 for n, line in enumerate(lines) if not line.strip()), 0)
    for needle in needles:
        if not needle:
            continue
        found = []
        for number in range(first, len(lines)):
            line = lines[number]
            start = line.find(needle)
            while start != -1:
                rest = line[start + len(needle) :].lstrip(" \t")
                ends_line = not at_line_end or not rest or rest[0] in "#|"
                if ends_line and (not skip_marked or not _MARKED.search(line[:start])):
                    found.append(number + 1)
                    if not skip_marked and nth == 0:
                        return number + 1
                start = line.find(needle, start + 1)
        if found:
            return found[min(nth, len(found) - 1)]
    return None
