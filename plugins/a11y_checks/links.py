"""Link rules: every link has a name, no bare "click here" or "read more", links opening a new window say so."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .document import Document, Problem

#: Punctuation, arrows and spaces ignored when comparing a link's text with the vague phrases.
_PUNCT = re.compile(r"[\s\u200b\u200c\u200d.,:;!?…\"'«»“”‘’()\[\]<>→←»›‹\-–—។៕៖]+")


def squash(text: str) -> str:
    return _PUNCT.sub(" ", text).strip().casefold()


def check(doc: Document, config: dict) -> Iterator[Problem]:
    vague = {lang: {squash(t) for t in texts} for lang, texts in config["vague_link_texts"].items()}
    every_vague = set().union(*vague.values()) if vague else set()
    new_window = [squash(t) for texts in config["new_window_texts"].values() for t in texts]
    for el in doc.elements:
        if el.tag not in ("a", "area") or el.get("href") is None:
            continue
        name = doc.accessible_name(el)
        href = el.get("href", "")
        needles = (f"]({href})", href) if href else ()
        if not name:
            yield Problem(
                "link-name",
                f"a link to {href or '(no address)'} has no text: screen readers would read out only the address; "
                "give it words that say where it goes",
                el,
                needles=("[](", *needles),
            )
            continue
        lang = doc.lang_of(el)
        if squash(name) in vague.get(lang, every_vague):
            yield Problem(
                "link-vague",
                f'the link text "{name}" (to {href}) does not say where it goes; use words that make sense out of '
                'context, e.g. "how to block someone on TikTok"',
                el,
                needles=(f"[{name}]({href}", f"[{name}]", *needles),
            )
        target = el.get("target", "").strip().lower()
        if target and target not in ("_self", "_parent", "_top"):
            said = squash(" ".join([name, doc.idref_texts(el.get("aria-describedby", "")), el.get("title", "")]))
            if not any(phrase in said for phrase in new_window):
                yield Problem(
                    "link-new-window",
                    f'the link "{name}" opens a new window (target="{el.get("target")}") without saying so: remove '
                    'target, or add "(opens in a new tab)" to its text',
                    el,
                    needles=needles,
                )
