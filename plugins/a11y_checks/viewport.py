"""Viewport rule: the page's viewport meta lets people zoom (no user-scalable=no, no maximum-scale)."""

from __future__ import annotations

from collections.abc import Iterator

from .document import Document, Problem


def parse_viewport(content: str) -> dict[str, str]:
    """`width=device-width, initial-scale=1` -> {"width": "device-width", "initial-scale": "1"}."""
    pairs = {}
    for part in content.replace(";", ",").split(","):
        key, _, value = part.partition("=")
        if key.strip():
            pairs[key.strip().lower()] = value.strip().lower()
    return pairs


def check(doc: Document, config: dict) -> Iterator[Problem]:
    metas = [el for el in doc.elements if el.tag == "meta" and el.get("name", "").strip().lower() == "viewport"]
    if not metas:
        yield Problem(
            "meta-viewport",
            'the page has no <meta name="viewport" content="width=device-width, initial-scale=1">: phones show it '
            "zoomed out, with tiny text",
        )
    for meta in metas:
        settings = parse_viewport(meta.get("content", ""))
        if settings.get("user-scalable") in ("no", "0"):
            yield Problem(
                "meta-viewport",
                f"the viewport has user-scalable={settings['user-scalable']}: people who need larger text cannot zoom; "
                "remove it",
                meta,
            )
        if "maximum-scale" in settings:
            yield Problem(
                "meta-viewport",
                f"the viewport has maximum-scale={settings['maximum-scale']}: it limits zoom; remove it",
                meta,
            )
