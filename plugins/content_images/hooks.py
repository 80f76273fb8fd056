"""Signal handlers of content_images: rewrite image tags while content is read, write the copies before pages."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sitekit.collect import all_items
from sitekit.paths import display_path
from sitekit.settings import merge_settings
from sitekit.source_map import line_of
from sitekit.summary import say

from .resize import ImageFileError, encode_variants
from .rewrite import img_tag, rewrite_images

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Folder under the content folder that holds the original images (`![alt](/images/x.jpg)`).
    "source_dir": "images",
    # Folder in the output for the resized copies.
    "output_dir": "images",
    # Widths, in pixels, of the copies: a phone screen and the desktop text column at 2x.
    "widths": [360, 720],
    # WebP quality, 1-100.
    "quality": 70,
    # A copy larger than this (KB) stops the build.
    "max_kb": 30,
    # The `sizes` attribute: how wide the image is shown (the text column is 40rem).
    "sizes": "(min-width: 42rem) 40rem, 100vw",
    # The first image of a page loads at once (likely above the fold); later ones are lazy.
    "eager_first": True,
}

_state: dict = {}


def reset(pelican) -> None:
    _state.clear()
    _state["config"] = merge_settings("CONTENT_IMAGES", DEFAULTS, pelican.settings.get("CONTENT_IMAGES"))
    _state["variants"] = {}
    _state["problems"] = []


def rewrite_items(generator) -> None:
    settings = generator.settings
    config = _state.get("config") or merge_settings("CONTENT_IMAGES", DEFAULTS, settings.get("CONTENT_IMAGES"))
    content_root = Path(settings["PATH"])
    project_root = str(content_root.parent)
    siteurl = settings.get("SITEURL", "")
    url_prefix = f"{siteurl}/{config['output_dir'].strip('/')}"
    items = all_items(generator)
    for item in items:
        if "<img" not in item._content:
            continue
        shown = display_path(item.source_path, settings["PATH"])

        def render(attrs, rel, index, shown=shown, item_src=item):
            try:
                variants = _variants_for(content_root / rel, config)
            except ImageFileError as exc:
                line = line_of(shown, attrs.get("src", rel), project_root)
                where = f"{shown}:{line}" if line else shown
                _state["problems"].append(f"{where}: {unreadable_image(rel, exc)}")
                return f'<img src="{attrs.get("src", "")}" alt="{attrs.get("alt", "")}">'
            if variants is None:
                line = line_of(shown, attrs.get("src", rel), project_root)
                where = f"{shown}:{line}" if line else shown
                _state["problems"].append(f"{where}: image {attrs.get('src')} not found: put it in content/{rel}")
                return f'<img src="{attrs.get("src", "")}" alt="{attrs.get("alt", "")}">'
            lazy = index > 0 or not config["eager_first"]
            for variant in variants:
                if len(variant.data) > config["max_kb"] * 1024:
                    line = line_of(shown, attrs.get("src", rel), project_root)
                    where = f"{shown}:{line}" if line else shown
                    _state["problems"].append(
                        f"{where}: image {rel} is still {len(variant.data) / 1024:.1f} KB at {variant.width} px "
                        f"wide, over the {config['max_kb']} KB image budget: crop it or use a simpler picture"
                    )
            return img_tag(attrs, variants, url_prefix, config["sizes"], lazy)

        item._content, _refs = rewrite_images(item._content, render, siteurl, config["source_dir"])


def unreadable_image(rel: str, exc: ImageFileError) -> str:
    """What an editor reads when a file under content/images is not a picture the build can resize."""
    hint = (
        "photos from an iPhone are often HEIC: choose Settings > Camera > Formats > Most Compatible, or "
        "export the photo as JPEG"
        if Path(rel).suffix.lower() in (".heic", ".heif")
        else "open it in an image program and save it as JPEG or PNG"
    )
    return f"image {rel} cannot be read as a picture ({exc.reason}); save it as JPEG or PNG ({hint}) and link to that"


def _variants_for(path: Path, config: dict):
    key = str(path)
    if key not in _state.setdefault("variants", {}):
        if not path.is_file():
            return None
        _state["variants"][key] = encode_variants(path, config["widths"], config["quality"])
    return _state["variants"][key]


def write_images(generators) -> None:
    problems = _state.get("problems") or []
    if problems:
        raise ImageFileError("\n".join(sorted(set(problems))))
    variants = _state.get("variants") or {}
    if not variants or not generators:
        return
    out = Path(generators[0].output_path) / _state["config"]["output_dir"].strip("/")
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for copies in variants.values():
        for variant in copies:
            (out / variant.name).write_bytes(variant.data)
            count += 1
    say("Images: %d originals, %d resized copies in %s", len(variants), count, os.path.relpath(out))
