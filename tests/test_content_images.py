"""Content images: resized WebP copies with width, height, srcset and lazy loading; too-heavy images stop the build."""

import io
import os

from conftest import article
from PIL import Image

from content_images.resize import encode_variants, target_widths
from content_images.rewrite import local_image

PLUGIN = 'if "content_images" not in PLUGINS:\n    PLUGINS = [*PLUGINS, "content_images"]\n'


def photo(width: int, height: int, noise: bool = False, exif_gps: bool = False) -> bytes:
    img = (
        Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        if noise
        else Image.new("RGB", (width, height), (30, 120, 90))
    )
    buffer = io.BytesIO()
    exif = Image.Exif()
    if exif_gps:
        exif[0x8825] = {1: "N", 2: (11.0, 33.0, 0.0)}  # GPSInfo: where the photo was taken
    img.save(buffer, "JPEG", quality=95, exif=exif.tobytes())
    return buffer.getvalue()


def test_widths_never_upscale():
    assert target_widths(2000, [360, 720]) == [360, 720]
    assert target_widths(500, [360, 720]) == [360]
    assert target_widths(200, [360, 720]) == [200]


def test_copies_drop_location_metadata_and_are_reproducible(tmp_path):
    src = tmp_path / "p.jpg"
    src.write_bytes(photo(1000, 500, exif_gps=True))
    assert Image.open(src).getexif().get(0x8825) is not None
    first = encode_variants(src, [360, 720], 70)
    assert [(v.width, v.height) for v in first] == [(360, 180), (720, 360)]
    for v in first:
        copy = Image.open(io.BytesIO(v.data))
        assert copy.format == "WEBP" and not copy.getexif()
    assert [v.data for v in encode_variants(src, [360, 720], 70)] == [v.data for v in first]


def test_only_images_of_this_site_are_processed():
    assert local_image("/images/a.jpg", "", "images") == "images/a.jpg"
    assert local_image("images/a.jpg", "", "images") == "images/a.jpg"
    assert local_image("https://s.org/images/a.jpg", "https://s.org", "images") == "images/a.jpg"
    assert local_image("https://other.org/images/a.jpg", "https://s.org", "images") is None
    assert local_image("/theme/a.jpg", "", "images") is None


def test_article_images_get_copies_dimensions_and_lazy_loading(site):
    body = "First:\n\n![A phone's privacy screen](/images/screen.jpg)\n\n"
    body += "Later:\n\n![The same, again](/images/screen.jpg)"
    files = {
        "articles/en/children/a.md": article("A", body),
        "articles/km/children/a.md": article("ក", "អ។"),
        "images/screen.jpg": photo(1200, 800),
    }
    built = site(files, settings=PLUGIN)
    assert built.returncode == 0, built.log
    first, second = built.html("en/a/index.html").select(".prose img")
    assert first["alt"] == "A phone's privacy screen"
    assert (first["width"], first["height"]) == ("720", "480")
    assert first["src"].startswith("/images/screen-720.") and first["src"].endswith(".webp")
    assert first["srcset"].count("w,") == 1 and "360w" in first["srcset"] and first["sizes"]
    assert "loading" not in first.attrs and second["loading"] == "lazy"
    for candidate in first["srcset"].split(", "):
        url = candidate.split()[0]
        assert (built.output / url.lstrip("/")).stat().st_size < 30 * 1024
    assert not (built.output / "images" / "screen.jpg").exists()  # the heavy original is never published


def test_pelican_static_syntax_works_exactly_like_a_plain_image_path(site):
    files = {
        "articles/en/children/a.md": article("A", "First:\n\n![A phone's privacy screen]({static}/images/screen.jpg)"),
        "articles/km/children/a.md": article("ក", "អ។"),
        "images/screen.jpg": photo(1200, 800),
    }
    built = site(files, settings=PLUGIN)
    assert built.returncode == 0, built.log
    img = built.html("en/a/index.html").select_one(".prose img")
    assert (img["width"], img["height"]) == ("720", "480") and img["src"].startswith("/images/screen-720.")
    assert local_image("{static}/images/a.jpg", "", "images") == local_image("/images/a.jpg", "", "images")


def test_an_image_over_budget_or_missing_stops_the_build_naming_the_file(site):
    files = {
        "articles/en/children/a.md": article("A", "Look:\n\n![Noise](/images/noise.jpg)\n\n![Gone](/images/gone.png)"),
        "articles/km/children/a.md": article("ក", "អ។"),
        "images/noise.jpg": photo(1400, 1400, noise=True),
    }
    built = site(files, settings=PLUGIN)
    assert built.returncode == 1
    assert "content/articles/en/children/a.md:9: image images/noise.jpg is still" in built.log
    assert "over the 30 KB image budget" in built.log
    missing = (
        "content/articles/en/children/a.md:11: image /images/gone.png not found: put it in content/images/gone.png"
    )
    assert missing in built.log
    assert not (built.output / "en" / "a" / "index.html").exists()


def test_a_photo_the_build_cannot_open_names_the_markdown_line_and_how_to_save_it(site):
    files = {
        "articles/en/children/a.md": article("A", "Look:\n\n![My phone's screen](/images/IMG_0001.heic)"),
        "articles/km/children/a.md": article("ក", "អ។"),
        "images/IMG_0001.heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + bytes(200),  # an iPhone photo's start
    }
    built = site(files, settings=PLUGIN)
    assert built.returncode == 1
    assert (
        "content/articles/en/children/a.md:9: image images/IMG_0001.heic cannot be read as a picture (not a picture "
        "format the build can open); save it as JPEG or PNG (photos from an iPhone are often HEIC" in built.log
    )
    assert "Traceback" not in built.log
