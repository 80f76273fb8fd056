"""gzip with a fixed header through zlib-ng: the one compressor of the build's weights and compressed files.

The page budget weighs every page as gzip at level 6, the search bundle's files are gzip at level 9
and a publish writes a .gz copy of every file: three uses, one function. zlib-ng (the maintained
fork of zlib that servers and distributions ship) writes standard gzip that every browser reads, and
does it faster than Python's own `zlib`: on every page of the 2 x 500 benchmark site, level 6 took
0.26 s instead of 0.66 s with sizes within 1.6 % of zlib's (median 7.2 KB both ways), and the search
files at level 9 took 0.28 s instead of 0.50 s for 0.07 % more bytes (docs/performance.md, stop 32).

The same input gives the same bytes: no time stamp and no file name in the header, and the version
is pinned in requirements.txt. Like zlib's, zlib-ng's output may differ on another processor family
(ARM against x86): what it writes there is still the same file once unpacked. `COMPRESSOR` names the
compressor (its version and this module's code) for the caches whose entries hold its bytes or sizes.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from zlib_ng import zlib_ng

#: gzip's header and trailer around a raw deflate stream (zlib's `wbits` convention).
_GZIP_WBITS = 31

#: Which compressor made a cached copy or weight, for every cache that keeps one: another version of
#: zlib-ng or another version of this module makes new entries instead of mixing the two.
COMPRESSOR = f"zlib-ng {metadata.version('zlib-ng')} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}"


def gzip_bytes(data: bytes, level: int) -> bytes:
    """`data` as a gzip file at `level` (1 to 9), with a fixed header (no time stamp, no file name)."""
    return zlib_ng.compress(data, level, wbits=_GZIP_WBITS)


def gzip_size(data: bytes, level: int) -> int:
    """How many bytes `data` takes as gzip at `level`."""
    return len(gzip_bytes(data, level))
