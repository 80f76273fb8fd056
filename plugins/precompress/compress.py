"""Make the .gz and .br copies of one file, byte for byte the same on every machine, reusing earlier work.

Written here rather than with pelican-precompress: that plugin keeps an existing .gz when the page
has changed (stale copies unless PRECOMPRESS_OVERWRITE), compresses one file at a time, and cannot
reuse the slow brotli work of the last publish. Here every copy is keyed by the SHA-256 of the
original and by the compressors (their versions, and the code of sitekit.compression), so a cached
copy can never be stale. gzip is zlib-ng's (sitekit.compression), whose bytes may differ on another
processor family (ARM against x86).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from sitekit.compression import COMPRESSOR, gzip_bytes

#: The compressors that made a cached copy: a new version makes new copies instead of mixing the two.
_MADE_BY = hashlib.sha256(f"{COMPRESSOR} brotli {brotli.__version__}".encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Outcome:
    """How the copies of one file were made."""

    path: Path
    reused: bool


def brotli_bytes(data: bytes, quality: int) -> bytes:
    return brotli.compress(data, quality=quality)


def _compress_one(args: tuple[str, str, int, int]) -> tuple[str, bool]:
    """Write `path.gz` and `path.br`, from the cache when this exact content was compressed before."""
    path_s, cache_s, gzip_level, brotli_quality = args
    path, cache = Path(path_s), Path(cache_s)
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    tag = f"{key}.{_MADE_BY}.g{gzip_level}b{brotli_quality}"
    cached_gz, cached_br = cache / f"{tag}.gz", cache / f"{tag}.br"
    reused = cached_gz.is_file() and cached_br.is_file()
    if reused:
        gz, br = cached_gz.read_bytes(), cached_br.read_bytes()
    else:
        gz, br = gzip_bytes(data, gzip_level), brotli_bytes(data, brotli_quality)
        _write_atomic(cached_gz, gz)
        _write_atomic(cached_br, br)
    path.with_name(path.name + ".gz").write_bytes(gz)
    path.with_name(path.name + ".br").write_bytes(br)
    return path_s, reused


def _write_atomic(path: Path, data: bytes) -> None:
    # Several workers may compress identical files at once: never leave a half-written cache entry.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def files_to_compress(output: Path, extensions: list[str]) -> list[Path]:
    wanted = {e.lower() for e in extensions}
    return sorted(p for p in output.rglob("*") if p.is_file() and p.suffix.lower() in wanted)


def remove_orphans(output: Path) -> int:
    """Delete .gz/.br copies whose original is gone (only possible when writing into an old folder)."""
    removed = 0
    for path in list(output.rglob("*.gz")) + list(output.rglob("*.br")):
        if not path.with_suffix("").exists():
            path.unlink()
            removed += 1
    return removed


def compress_all(files: list[Path], cache: Path, gzip_level: int, brotli_quality: int, workers: int) -> list[Outcome]:
    """Compress `files` in parallel processes (brotli at quality 11 is slow: about 25 ms a page)."""
    cache.mkdir(parents=True, exist_ok=True)
    jobs = [(str(p), str(cache), gzip_level, brotli_quality) for p in files]
    if workers == 1 or len(jobs) < 8:
        results = [_compress_one(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers or None) as pool:
            results = list(pool.map(_compress_one, jobs, chunksize=8))
    return [Outcome(Path(p), reused) for p, reused in results]
