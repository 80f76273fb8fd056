"""Read the `Key: value` header of a Markdown file the way Pelican does, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")

#: The metadata lines a reader sees on the page, in hub lists and in link previews (lower case).
SHOWN_KEYS = ("title:", "summary:")


@dataclass
class Header:
    """The metadata of one file: lower-cased key -> (value, line), and where the body starts."""

    values: dict[str, tuple[str, int]] = field(default_factory=dict)
    body_start: int = 1
    problems: list[tuple[int, str]] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, (default, 0))[0]

    def line(self, key: str) -> int:
        return self.values.get(key, ("", 1))[1] or 1


def parse_header(lines: list[str]) -> Header:
    """Parse Python-Markdown's meta block: `Key: value` lines, 4-space continuations, then a blank line."""
    header = Header()
    last_key = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            header.body_start = number + 1
            return header
        match = _KEY.match(line)
        if match:
            key = match.group("key").lower()
            if key in header.values:
                header.problems.append((number, f"metadata {match.group('key')!r} is given twice; keep one line"))
            header.values[key] = (match.group("value").strip(), number)
            last_key = key
        elif line.startswith(("    ", "\t")) and last_key:
            value, first = header.values[last_key]
            header.values[last_key] = ((value + " " + line.strip()).strip(), first)
        else:
            if number == 1:
                header.problems.append(
                    (1, "the file must start with metadata lines such as `Title: ...`, then a blank line")
                )
            else:
                header.problems.append(
                    (
                        number,
                        f"{line.strip()[:40]!r} is not a `Key: value` metadata line; "
                        "add the colon, or leave a blank line before the text starts",
                    )
                )
            header.body_start = number
            return header
    header.body_start = len(lines) + 1
    return header
