"""Turn one source image into WebP copies at the widths a phone and a desktop show it at, without metadata."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from sitekit.errors import SiteBuildError


class ImageFileError(SiteBuildError, ValueError):
    """An image an article shows is missing, unreadable or over the image budget."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason or message  # the cause in an editor's words, for a message that names the line


@dataclass(frozen=True)
class Variant:
    """One encoded copy: its file name (content-hashed), pixel size and bytes."""

    name: str
    width: int
    height: int
    data: bytes


def target_widths(original_width: int, widths: list[int]) -> list[int]:
    """The configured widths the image is wide enough for; never upscale (the original if it is narrower)."""
    fitting = sorted({w for w in widths if w <= original_width})
    return fitting or [original_width]


def encode_variants(path: Path, widths: list[int], quality: int) -> list[Variant]:
    """WebP copies at each width. EXIF (camera, GPS location) and other metadata are dropped on purpose."""
    try:
        with Image.open(path) as img:
            img.load()
            source = img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB")
    except FileNotFoundError as exc:
        raise ImageFileError(f"{path}: no such image file", "no such file") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageFileError(
            f"{path}: not an image Pillow can read ({exc})", "not a picture format the build can open"
        ) from exc
    variants = []
    for width in target_widths(source.width, widths):
        height = max(1, round(source.height * width / source.width))
        resized = source if width == source.width else source.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=quality, method=6, exif=b"", icc_profile=None)
        data = buffer.getvalue()
        digest = hashlib.sha256(data).hexdigest()[:10]
        variants.append(Variant(f"{path.stem}-{width}.{digest}.webp", width, height, data))
    return variants
