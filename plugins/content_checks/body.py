"""Rules for the text of a Markdown file: no active content, nothing from other origins, not empty."""

from __future__ import annotations

import re

_FORBIDDEN_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|frame|frameset|applet|base|meta|link)\b", re.I)
_EVENT_ATTR = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I)
_JS_URL = re.compile(r"(?:\]\(\s*<?|=\s*[\"']?)\s*(javascript|vbscript|data:text/html)", re.I)
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)")
_HTML_MEDIA = re.compile(
    r"<\s*(img|video|audio|source|track|picture)\b[^>]*?\s(?:src|srcset|poster)\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.I
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")
_INTERNAL_LINK = re.compile(r"\{(?P<kind>filename|static|attach)\}(?P<target>[^)\s\"'>#?]+)")


def check_body(lines: list[str], start: int) -> list[tuple[int, str]]:
    """(line, message) for every problem in the text that begins at line `start` (1-based)."""
    problems: list[tuple[int, str]] = []
    in_fence = False
    has_text = False
    for number, line in enumerate(lines[start - 1 :], start=start):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            has_text = True
            continue
        if line.strip():
            has_text = True
        if m := _FORBIDDEN_TAG.search(line):
            problems.append((number, f"raw <{m.group(1).lower()}> is not allowed in Markdown; remove it"))
        if m := _EVENT_ATTR.search(line):
            problems.append((number, f"the event attribute {m.group(1)}= runs script; remove it"))
        if m := _JS_URL.search(line):
            problems.append((number, f"a {m.group(1).lower()} link runs script; link to a page instead"))
        for m in _MD_IMAGE.finditer(line):
            if _EXTERNAL.match(m.group("src")):
                problems.append(
                    (number, f"image {m.group('src')!r} comes from another website; save it under content/images/")
                )
            if not m.group("alt").strip():
                problems.append(
                    (number, "image without alt text: describe it inside the [ ], e.g. ![A phone's privacy menu](...)")
                )
        for m in _HTML_MEDIA.finditer(line):
            if _EXTERNAL.match(m.group("src")):
                problems.append(
                    (number, f"media {m.group('src')!r} comes from another website; save it under content/")
                )
    if not has_text:
        problems.append((start, "the page has no text after its metadata; write the article or remove the file"))
    return problems


def internal_link_problems(lines: list[str], start: int, exists) -> list[tuple[int, str]]:
    """(line, message) for every `{filename}path` or `{static}path` whose file does not exist.

    `exists(target)` answers for a target as written (a leading `/` means the content folder).
    Checked before Pelican reads anything, because Pelican only logs such a link as a warning,
    buried in a traceback when warnings are fatal.
    """
    problems = []
    for number, line in enumerate(lines[start - 1 :], start=start):
        for m in _INTERNAL_LINK.finditer(line):
            if not exists(m.group("target")):
                problems.append(
                    (
                        number,
                        f"the link {{{m.group('kind')}}}{m.group('target')} points to a file that does not exist; "
                        "check the path (it starts at the content folder, e.g. /articles/en/children/x.md)",
                    )
                )
    return problems
