"""Measure the search on the real site in Debian's Chromium: bytes per search, index size, words found.

Run from the project root with the project's virtualenv (the test requirements and Chromium installed):

    .venv/bin/python benchmarks/search.py                  # builds content/ with search into a temp folder
    .venv/bin/python benchmarks/search.py --site output    # measures a folder built already
    .venv/bin/python benchmarks/search.py --words 300      # more words for the "found" figure

Prints, per language: what opening the search page downloads, what the first search downloads, what
a later search downloads (all counted from the browser's responses: bytes as served by a plain
server, and the gzip size a compressing host would send for the text files); the bundle's size on
disk; and, for Khmer, how many words taken from the middle of sentences (cut by Chromium's own word
segmenter) find their page. The figures belong in docs/search.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
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

from search.index import read_fragments  # noqa: E402
from search.segment import clusters, restore  # noqa: E402

QUERIES = {"km": ("រាយការណ៍", "ពាក្យសម្ងាត់"), "en": ("report", "password")}
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


class Counter:
    def __init__(self, page, site: Path):
        self.site, self.rows = site, []
        page.on("requestfinished", lambda r: self.rows.append((r.url, r.sizes()["responseBodySize"])))

    def take(self) -> list[tuple[str, int]]:
        rows, self.rows = self.rows, []
        return rows

    def total(self, rows) -> str:
        served = sum(size for _url, size in rows)
        wire = sum(wire_size(self.site, url, size) for url, size in rows)
        files = ", ".join(f"{urlsplit(u).path.rsplit('/', 1)[-1] or 'page'} {s / 1024:.1f}" for u, s in rows)
        return f"{served / 1024:.1f} KB served ({wire / 1024:.1f} KB gzip on the wire), {len(rows)} files: {files}"


def run_search(page, query: str) -> list[str]:
    page.fill("#search-q", query)
    page.evaluate("() => { document.getElementById('search-status').textContent = ''; }")
    page.click("form[data-search] button")
    page.wait_for_function(DONE_JS, timeout=30_000)
    return page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))")


def bundle_report(site: Path) -> None:
    bundle = site / "pagefind"
    for lang in ("km", "en"):
        index = sum(p.stat().st_size for p in (bundle / "index").glob(f"{lang}_*"))
        frags = list((bundle / "fragment").glob(f"{lang}_*"))
        size = sum(p.stat().st_size for p in frags)
        print(
            f"  {lang}: index {index / 1024:.1f} KB in {len(list((bundle / 'index').glob(f'{lang}_*')))} chunks; "
            f"page texts {size / 1024:.1f} KB for {len(frags)} pages ({size / max(1, len(frags)) / 1024:.1f} KB each)"
        )
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    print(f"  whole bundle on disk: {total / 1024:.1f} KB")


def found_words(page, site: Path, count: int) -> None:
    """Words from the middle of Khmer sentences, each on one page only: does searching it put that page first?"""
    records = read_fragments(site / "pagefind")
    texts = {r["url"]: restore(r["content"]) for r in records if not r["url"].startswith("/en/")}
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
    for url, word in sample:
        hrefs = run_search(page, word)
        first += bool(hrefs) and hrefs[0] == url
        anywhere += url in hrefs
    print(
        f"  {len(sample)} Khmer words from the middle of sentences (Chromium's segmenter), each on one page: "
        f"that page first for {first}, listed for {anywhere}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an output folder built with the search plugin")
    parser.add_argument("--words", type=int, default=150, help="Khmer words to search for the 'found' figure")
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
            for lang, (first_query, later_query) in QUERIES.items():
                context, _offsite = new_context(browser, server.base_url)
                page = context.new_page()
                counter = Counter(page, site)
                rel = "search/index.html" if lang == "km" else "en/search/index.html"
                page.goto(server.url(rel))
                page.wait_for_load_state("networkidle")
                print(f"{lang} search page:")
                print(f"  opening it: {counter.total(counter.take())}")
                for name, query in (("first", first_query), ("later", later_query)):
                    started = time.perf_counter()
                    hits = run_search(page, query)
                    took = time.perf_counter() - started
                    what = f"{name} search ({query}, {len(hits)} results, {took:.2f} s)"
                    print(f"  {what}: {counter.total(counter.take())}")
                if lang == "km":
                    found_words(page, site, args.words)
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
