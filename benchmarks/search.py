"""Measure the search on the real site in Debian's Chromium: bytes per file of each search, index size, words found.

Run from the project root with the project's virtualenv (the test requirements and Chromium installed):

    .venv/bin/python benchmarks/search.py                  # builds content/ with search into a temp folder
    .venv/bin/python benchmarks/search.py --site output    # measures a folder built already
    .venv/bin/python benchmarks/search.py --words 300      # Khmer words searched for the "found" figure
    .venv/bin/python benchmarks/search.py --runs 7         # fresh browser tabs timed per search (median)

Prints, per language: what opening the search page downloads, and then file by file what the first
search and a later search download, counted from the browser's responses: the bytes as served, and
the gzip size a compressing host sends (the index files are compressed by the build already, so
they are the same either way); the median time of each search over fresh tabs; the bundle's size on
disk; and, for Khmer, how many words taken from the middle of sentences (cut by Chromium's own
word segmenter) find their page first. The figures belong in docs/search.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins"), str(Path(__file__).resolve().parent)]

from browser import LocalServer, launch, new_context  # noqa: E402
from machine import describe  # noqa: E402

from search.index import read_pages, unpacked  # noqa: E402
from search.segment import clusters  # noqa: E402

QUERIES = {"km": ("រាយការណ៍", "ពាក្យសម្ងាត់"), "en": ("report", "password")}
BUNDLE = "search-index"
SETTINGS = """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa
PATH = {content!r}
CACHE_PATH = {cache!r}
if "search" not in PLUGINS:
    PLUGINS = [*PLUGINS[: PLUGINS.index("host_files")], "search", *PLUGINS[PLUGINS.index("host_files") :]]
THEME_ASSETS = {{"hashed": ["js/quick-exit.js", "js/search.js"]}}
"""
DONE_JS = (
    "() => { const s = document.getElementById('search-status').textContent; "
    "return s && s !== document.querySelector('form[data-search]').dataset.searching; }"
)
WORDS_JS = """(texts) => {
    const seg = new Intl.Segmenter("km", {granularity: "word"});
    return texts.map(([url, text]) => [url, Array.from(seg.segment(text)).filter(s => s.isWordLike)
        .map(s => [s.segment, s.index])]);
}"""


def build(tmp: Path) -> Path:
    conf = tmp / "searchconf.py"
    conf.write_text(
        SETTINGS.format(root=str(ROOT), content=str(ROOT / "content"), cache=str(tmp / "cache")), encoding="utf-8"
    )
    out = tmp / "output"
    cmd = [sys.executable, "-m", "sitekit.runner", "-s", str(conf), "-o", str(out), "--fatal", "warnings"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    return out


def wire_size(site: Path, url: str, served: int) -> int:
    """What a host that compresses text sends: gzip for .js/.json/.html, the file as is for the rest."""
    path = urlsplit(url).path
    if path.endswith((".js", ".json", ".html", "/")):
        file = site / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        return len(gzip.compress(file.read_bytes(), 6))
    return served


def what(site: Path, url: str) -> str:
    """What a downloaded file is for, in a word or two."""
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    if f"/{BUNDLE}/" not in path:
        return "page" if not name or name.endswith(".html") else name.split(".")[0] + ".js"
    if name.startswith("engine."):
        return "engine.js"
    if name == "meta.bin":
        return "page table"
    if re.fullmatch(r"[0-9a-f]{10}-\d+\.bin", name):
        return "text piece"
    return "index chunk"


class Counter:
    def __init__(self, page, site: Path):
        self.site, self.rows = site, []
        page.on("requestfinished", lambda r: self.rows.append((r.url, r.sizes()["responseBodySize"])))

    def take(self) -> list[tuple[str, int]]:
        rows, self.rows = self.rows, []
        return rows

    def report(self, rows, indent: str = "    ") -> str:
        served = sum(size for _url, size in rows)
        wire = sum(wire_size(self.site, url, size) for url, size in rows)
        groups: dict[str, list[int]] = {}
        for url, size in rows:
            groups.setdefault(what(self.site, url), []).append(wire_size(self.site, url, size))
        lines = [f"{served / 1024:.1f} KB served, {wire / 1024:.1f} KB gzip, {len(rows)} files"]
        for name, sizes in groups.items():
            each = ", ".join(f"{s / 1024:.1f}" for s in sizes)
            lines.append(f"{indent}{name}: {len(sizes)} x, {sum(sizes) / 1024:.1f} KB gzip ({each})")
        return "\n".join(lines)


def run_search(page, query: str) -> list[str]:
    page.fill("#search-q", query)
    page.evaluate("() => { document.getElementById('search-status').textContent = ''; }")
    page.click("form[data-search] button")
    page.wait_for_function(DONE_JS, timeout=30_000)
    return page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))")


def bundle_report(site: Path) -> None:
    bundle = site / BUNDLE
    for lang in ("km", "en"):
        folder = bundle / lang
        table = unpacked((folder / "meta.bin").read_bytes())
        chunks = [folder / f"{name}.bin" for name in table["f"]]
        pieces = list(folder.glob("*-*.bin"))
        index = sum(p.stat().st_size for p in chunks)
        text = sum(p.stat().st_size for p in pieces)
        median = statistics.median(p.stat().st_size for p in chunks)
        print(
            f"  {lang}: page table {(folder / 'meta.bin').stat().st_size / 1024:.1f} KB for {len(table['p'])} pages; "
            f"index {index / 1024:.1f} KB in {len(chunks)} chunks (median {median / 1024:.1f} KB); "
            f"text {text / 1024:.1f} KB in {len(pieces)} pieces ({text / max(1, len(pieces)) / 1024:.1f} KB each)"
        )
    engine = next(bundle.glob("engine.*.js"))
    packed = len(gzip.compress(engine.read_bytes(), 6))
    print(f"  engine.js: {engine.stat().st_size / 1024:.1f} KB, {packed / 1024:.1f} KB gzip")
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    print(f"  whole bundle on disk: {total / 1024:.1f} KB in {sum(1 for p in bundle.rglob('*') if p.is_file())} files")


def found_words(page, site: Path, count: int) -> None:
    """Words from the middle of Khmer sentences, each on one page only: does searching it put that page first?"""
    texts = {r["url"]: r["text"] for r in read_pages(site / BUNDLE) if r["lang"] == "km"}
    segmented = page.evaluate(WORDS_JS, sorted(texts.items()))
    candidates = []
    for url, words in segmented:
        text = texts[url]
        for word, at in words[2:-1]:
            before = text[max(0, at - 12) : at]
            if re.search(r"[។៕?!:]\s*\S*$", before) or len(clusters(word)) < 2:
                continue
            if [u for u, t in texts.items() if word in t] == [url]:
                candidates.append((url, word))
    random.Random(7).shuffle(candidates)
    sample = candidates[:count]
    first = anywhere = 0
    missed = []
    for url, word in sample:
        hrefs = run_search(page, word)
        first += bool(hrefs) and hrefs[0] == url
        anywhere += url in hrefs
        if not hrefs or hrefs[0] != url:
            missed.append((word, url, hrefs[:3]))
    print(
        f"  {len(sample)} Khmer words from the middle of sentences (Chromium's segmenter), each on one page: "
        f"that page first for {first}, listed for {anywhere}"
    )
    for word, url, hrefs in missed[:10]:
        print(f"    not first: {word} ({url}): {hrefs}")


def measure_language(browser, server, site: Path, lang: str, runs: int) -> None:
    first_query, later_query = QUERIES[lang]
    rel = "search/index.html" if lang == "km" else "en/search/index.html"
    timings: dict[str, list[float]] = {"first": [], "later": []}
    for run in range(runs):
        context, _offsite = new_context(browser, server.base_url)
        page = context.new_page()
        counter = Counter(page, site)
        page.goto(server.url(rel))
        page.wait_for_load_state("networkidle")
        opening = counter.take()
        results = {}
        for name, query in (("first", first_query), ("later", later_query)):
            started = time.perf_counter()
            results[name] = (len(run_search(page, query)), counter.take())
            timings[name].append(time.perf_counter() - started)
        if run == 0:
            print(f"{lang} search page:")
            print(f"  opening it: {counter.report(opening)}")
            for name, query in (("first", first_query), ("later", later_query)):
                hits, rows = results[name]
                print(f"  {name} search ({query}, {hits} results): {counter.report(rows)}")
        context.close()
    first, later = statistics.median(timings["first"]), statistics.median(timings["later"])
    print(f"  time, median of {runs} fresh tabs (local server): first search {first:.2f} s, later search {later:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an output folder built with the search plugin")
    parser.add_argument("--words", type=int, default=300, help="Khmer words to search for the 'found' figure")
    parser.add_argument("--runs", type=int, default=5, help="fresh tabs per language for the median times")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp))
        print(f"Machine: {describe()}")
        print("Bundle:")
        bundle_report(site)
        with LocalServer(site) as server, sync_playwright() as p:
            browser = launch(p)
            print(f"Browser: Chromium {browser.version}")
            for lang in QUERIES:
                measure_language(browser, server, site, lang, args.runs)
            context, _offsite = new_context(browser, server.base_url)
            page = context.new_page()
            page.goto(server.url("search/index.html"))
            found_words(page, site, args.words)
            context.close()
            browser.close()


if __name__ == "__main__":
    main()
