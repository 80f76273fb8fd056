"""Benchmark the build: full editor build vs plain Pelican, incremental rebuild, page weights, compression.

Run from the project root with the project's virtualenv:

    .venv/bin/python benchmarks/build.py            # 2 x 100, 2 x 500, 2 x 2000 articles, 3 runs each
    .venv/bin/python benchmarks/build.py --sizes 100 500 --runs 5

Prints wall time (median of the runs), peak memory (largest resident set of one build) and the
ratio full/plain for each size (each build paired with a plain Pelican build run next to it: the
median of the pairs' ratios); the incremental rebuild after editing one article; the median and
largest page of the real site, raw and gzip; and the publish build's compression time, cold and
with the cache of an earlier publish. The figures belong in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe
from synthetic import ROOT, make_site, touch_one_article

PYTHON = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), PYTHONHASHSEED="0")

#: Runs one build in its own process and reports its wall time and peak memory as JSON.
_MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    log = (proc.stdout + proc.stderr)[-3000:]
    print(json.dumps({"rc": proc.returncode, "wall": wall, "peak_mb": peak_kb / 1024, "log": log}))
    """
)


def measure(cmd: list[str]) -> dict:
    # Flush what earlier runs wrote and deleted first. This machine's ext4 has no journal, and then Linux
    # does not reuse an inode freed in the last 60 s (360 s while its inode table block is unwritten):
    # each new file walks past them (fs/ext4/ialloc.c, recently_deleted), so a build that follows a large
    # deletion pays seconds for it. Nothing is deleted between timed builds (each has its own folders).
    os.sync()
    out = subprocess.run([PYTHON, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=ENV, cwd=ROOT)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{result['log']}")
    return result


def full_build_cmd(content: Path, output: Path, cache: Path, extra: list[str] | None = None) -> list[str]:
    """The command `invoke build` runs, on another content folder and into the same output folder each time."""
    return [
        PYTHON, "-m", "sitekit.runner", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
        "--fatal", "warnings", "-e", f'CACHE_PATH="{cache}"', *(extra or []),
    ]  # fmt: skip


def plain_conf(work: Path, content: Path) -> Path:
    """Plain Pelican: default theme, no plugins, the same content and URL scheme."""
    conf = work / "plainconf.py"
    conf.write_text(
        textwrap.dedent(
            f"""
            PATH = {str(content)!r}
            SITENAME = "Plain"
            SITEURL = ""
            DEFAULT_LANG = "km"
            TIMEZONE = "Asia/Phnom_Penh"
            ARTICLE_PATHS = ["articles"]
            PAGE_PATHS = ["pages"]
            STATIC_PATHS = []
            PLUGINS = []
            PATH_METADATA = r"(?:articles|pages)/(?P<lang>[^/]+)/.*"
            FILENAME_METADATA = r"(?P<slug>[a-z0-9-]+)"
            USE_FOLDER_AS_CATEGORY = False
            READERS = {{"rst": None, "html": None, "htm": None}}
            ARTICLE_URL = "{{slug}}/"
            ARTICLE_SAVE_AS = "{{slug}}/index.html"
            ARTICLE_LANG_URL = "{{lang}}/{{slug}}/"
            ARTICLE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
            PAGE_URL = "{{slug}}/"
            PAGE_SAVE_AS = "{{slug}}/index.html"
            PAGE_LANG_URL = "{{lang}}/{{slug}}/"
            PAGE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
            CACHE_CONTENT = False
            LOAD_CONTENT_CACHE = False
            FEED_ALL_ATOM = None
            CATEGORY_FEED_ATOM = None
            TRANSLATION_FEED_ATOM = None
            AUTHOR_FEED_ATOM = None
            AUTHOR_FEED_RSS = None
            """
        ),
        encoding="utf-8",
    )
    return conf


def summary_of(results: list[dict]) -> dict:
    return {
        "wall": statistics.median(r["wall"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
    }


def paired(runs: int, ours, plain) -> tuple[dict, dict, float, list[tuple[float, float]]]:
    """(ours, plain, ratio, pairs): `runs` builds of each, alternated (ours first in even runs, plain first in
    odd ones), the ratio as the median of each pair's ratio, and each pair's wall times.

    This machine's speed drifts by a quarter within minutes (cold builds of the same code from 11.5 to
    16.8 s in one hour): timed one after the other, three of ours could fall in a slow spell and three of
    plain Pelican's in a fast one. Paired, both builds of a ratio see the same spell.
    """
    mine, theirs = [], []
    for i in range(runs):
        order = ((ours, mine), (plain, theirs)) if i % 2 == 0 else ((plain, theirs), (ours, mine))
        for cmd_for_run, results in order:
            results.append(measure(cmd_for_run(i)))
    walls = [(a["wall"], b["wall"]) for a, b in zip(mine, theirs, strict=True)]
    return summary_of(mine), summary_of(theirs), statistics.median(a / b for a, b in walls), walls


def bench_size(pairs: int, runs: int, work: Path) -> dict:
    content = make_site(work / f"content-{pairs}", pairs)
    files = sum(1 for _ in content.rglob("*.md"))

    def full(i):
        out, cache = work / f"full-{pairs}-{i}", work / f"cache-full-{pairs}-{i}"
        for p in (out, cache):
            shutil.rmtree(p, ignore_errors=True)
        return full_build_cmd(content, out, cache)

    conf = plain_conf(work, make_site(work / f"content-plain-{pairs}", pairs, theme_templates=False))

    def plain(i):
        out = work / f"plain-{pairs}-{i}"
        shutil.rmtree(out, ignore_errors=True)
        return [PYTHON, "-m", "pelican", "-s", str(conf), "-o", str(out), "-q"]

    def warm(i):
        # `invoke build` again with nothing changed: the output and caches of run 0 are kept.
        return full_build_cmd(content, work / f"full-{pairs}-0", work / f"cache-full-{pairs}-0")

    def plain_again(i):
        return [PYTHON, "-m", "pelican", "-s", str(conf), "-o", str(work / f"plain-{pairs}-0"), "-q"]

    full_r, plain_r, cold_ratio, cold_pairs = paired(runs, full, plain)
    warm_r, plain_warm_r, warm_ratio, _ = paired(runs, warm, plain_again)
    pages = sum(1 for _ in (work / f"full-{pairs}-0").rglob("*.html"))
    return {
        "pairs": pairs, "files": files, "pages": pages, "full": full_r, "plain": plain_r,
        "warm": warm_r, "plain_warm": plain_warm_r, "cold_ratio": cold_ratio, "warm_ratio": warm_ratio,
        "cold_pairs": cold_pairs,
    }  # fmt: skip


def bench_incremental(pairs: int, runs: int, work: Path) -> dict:
    """Editor's loop: build with the content cache, change one article, build again; an English article and
    a Khmer one (a Khmer edit writes the larger search index again)."""
    content = make_site(work / f"content-inc-{pairs}", pairs)
    out, cache = work / "inc-out", work / "inc-cache"
    measure(full_build_cmd(content, out, cache))  # pelicanconf.py keeps Pelican's content cache on
    walls: dict[str, list[float]] = {"en": [], "km": []}
    for _ in range(runs):
        for lang, found in walls.items():
            touch_one_article(content, lang)
            found.append(measure(full_build_cmd(content, out, cache))["wall"])
    return {"pairs": pairs, **{lang: statistics.median(found) for lang, found in walls.items()}}


def real_site_weights(work: Path) -> dict:
    sys.path.insert(0, str(ROOT / "plugins"))
    from page_budget.rules import gzip_size

    out = work / "real-out"
    measure(full_build_cmd(ROOT / "content", out, work / "real-cache"))
    raw, gz = [], []
    for path in out.rglob("*.html"):
        data = path.read_bytes()
        raw.append(len(data))
        gz.append(gzip_size(data))  # as the page budget weighs a page
    return {
        "pages": len(raw),
        "raw_median": statistics.median(raw),
        "raw_max": max(raw),
        "gzip_median": statistics.median(gz),
        "gzip_max": max(gz),
    }


def bench_compression(pairs: int, work: Path) -> dict:
    """The publish build's .gz/.br step alone, on a built site: with an empty cache, then a warm one."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from precompress.compress import compress_all, files_to_compress
    from precompress.hooks import DEFAULTS

    out = work / f"full-{pairs}-0"
    files = files_to_compress(out, DEFAULTS["extensions"])
    cache = work / "precompress-cache"
    shutil.rmtree(cache, ignore_errors=True)
    timings = {}
    for label in ("cold", "warm"):
        started = time.perf_counter()
        compress_all(files, cache, DEFAULTS["gzip_level"], DEFAULTS["brotli_quality"], workers=0)
        timings[label] = time.perf_counter() - started
    return {"pairs": pairs, "files": len(files), **timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000], help="article pairs per site")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is reported)")
    args = parser.parse_args()
    print(f"Machine: {describe()}")
    print(
        f"Date: {time.strftime('%Y-%m-%d')}; runs per figure: {args.runs} (median); each build alternates with "
        "a plain Pelican build, and a ratio is the median of those pairs' ratios\n"
    )
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        print(
            "| articles (km + en) | pages | cold build (invoke rebuild) | plain Pelican | ratio | "
            "nothing changed (invoke build) | plain Pelican again | ratio | peak memory full / plain |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        sizes = [bench_size(pairs, args.runs, work) for pairs in args.sizes]
        for r in sizes:
            full, plain, warm, again = r["full"], r["plain"], r["warm"], r["plain_warm"]
            print(
                f"| 2 x {r['pairs']} (+ real content, {r['files']} files) | {r['pages']} | {full['wall']:.2f} s | "
                f"{plain['wall']:.2f} s | {r['cold_ratio']:.2f}x | {warm['wall']:.2f} s | "
                f"{again['wall']:.2f} s | {r['warm_ratio']:.2f}x | "
                f"{max(full['peak_mb'], warm['peak_mb']):.0f} MB / {plain['peak_mb']:.0f} MB |"
            )
        for r in sizes:
            print(
                f"\nCold builds, 2 x {r['pairs']}, each pair run next to each other (this build / plain Pelican): "
                + ", ".join(f"{a:.2f} s / {b:.2f} s = {a / b:.2f}x" for a, b in r["cold_pairs"])
            )
        if len(sizes) > 1:
            first, last = sizes[0], sizes[-1]
            per_page = [r["full"]["wall"] / r["pages"] * 1000 for r in sizes]
            print(
                "\nFull build per page written: "
                + ", ".join(f"{p:.1f} ms (2 x {r['pairs']})" for p, r in zip(per_page, sizes, strict=True))
                + f"; growth {last['full']['wall'] / first['full']['wall']:.1f}x for "
                f"{last['pages'] / first['pages']:.1f}x the pages"
            )
        middle = sorted(args.sizes)[len(args.sizes) // 2]
        inc = bench_incremental(middle, args.runs, work)
        print(f"\nIncremental rebuild after editing one article (2 x {inc['pairs']}, the build invoke build runs): "
              f"English article {inc['en']:.2f} s, Khmer article {inc['km']:.2f} s (medians)")  # fmt: skip
        comp = bench_compression(middle, work)
        print(
            f"Publish compression (.gz level 9 + .br quality 11, {os.cpu_count()} processes), 2 x {comp['pairs']} "
            f"site, {comp['files']} files: {comp['cold']:.1f} s with an empty cache, {comp['warm']:.2f} s when "
            "nothing changed since the last publish"
        )
        real = real_site_weights(work)
        print(
            f"Real site: {real['pages']} pages; median {real['raw_median'] / 1024:.1f} KB raw / "
            f"{real['gzip_median'] / 1024:.1f} KB gzip; largest {real['raw_max'] / 1024:.1f} KB raw / "
            f"{real['gzip_max'] / 1024:.1f} KB gzip (budget 14 KB gzip)"
        )


if __name__ == "__main__":
    main()
