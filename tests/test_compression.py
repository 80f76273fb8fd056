"""The build's one gzip (sitekit.compression): standard files, the same bytes every time, sizes a server would send."""

import gzip
import zlib
from pathlib import Path

import pytest

from sitekit.compression import COMPRESSOR, gzip_bytes, gzip_size

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("level", [1, 6, 9])
def test_any_browser_unpacks_it_and_the_same_input_gives_the_same_bytes(level):
    data = "ការពារកុមារ online safety ".encode() * 200
    packed = gzip_bytes(data, level)
    assert gzip.decompress(packed) == data
    assert packed == gzip_bytes(data, level)
    assert packed[:4] == b"\x1f\x8b\x08\x00"  # gzip, deflate, no file name in the header
    assert packed[4:8] == b"\0\0\0\0"  # no time stamp
    assert gzip_size(data, level) == len(packed)


def test_weights_stay_within_two_percent_of_zlib_at_the_budget_level():
    # The budget promises what a server compressing at level 6 sends: the site's own Khmer and English
    # text must weigh what classic zlib makes of it, give or take 2 %.
    page = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))[:6]).encode()
    ours, classic = gzip_size(page, 6), len(zlib.compress(page, 6, wbits=31))
    assert abs(ours - classic) / classic < 0.02, (ours, classic)
    assert gzip_size(page, 1) > gzip_size(page, 6)  # the level is passed on


def test_the_compressor_is_named_with_its_version_for_the_caches():
    assert COMPRESSOR.startswith("zlib-ng ") and COMPRESSOR[len("zlib-ng ") :][0].isdigit()
