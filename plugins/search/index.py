"""Write the Pagefind bundle: one index per page language, from the segmented copies of the pages."""

from __future__ import annotations

import asyncio
import gzip
import html
import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import Comment

from sitekit.errors import SiteBuildError

from .extract import PageText
from .segment import segment_texts

#: What the search page needs from the bundle Pagefind writes; everything else (its ready-made UIs,
#: the web worker search.js does not use) is removed so nobody deploys or downloads it by mistake.
KEEP = ("pagefind.js", "pagefind-entry.json", "*.pf_meta", "wasm.*.pagefind", "index", "fragment", "filter")


class SearchIndexError(SiteBuildError):
    """Pagefind could not be started or could not write the bundle."""


@dataclass
class BundleReport:
    """Pages indexed per language and bytes on disk, for the build summary and the docs."""

    pages: Counter = field(default_factory=Counter)
    index_bytes: Counter = field(default_factory=Counter)
    fragment_bytes: Counter = field(default_factory=Counter)
    total_bytes: int = 0

    def summary(self) -> str:
        parts = [
            f"{lang} {self.pages[lang]} pages (index {kb(self.index_bytes[lang])}, "
            f"text {kb(self.fragment_bytes[lang])})"
            for lang in sorted(self.pages)
        ]
        return f"Search: {'; '.join(parts) or 'no pages'}; bundle {kb(self.total_bytes)} on disk"


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


#: Elements that start a new line of text: a space is put after each, so a Khmer word never runs
#: from one block into the next in the index text and the excerpt keeps them apart.
BLOCKS = [
    *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt"),
    *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p"),
    *("pre", "section", "summary", "table", "td", "th", "tr", "ul"),
]


def index_document(page: PageText) -> str:
    """The HTML handed to Pagefind for one page: its body with Khmer segmented, and its metadata.

    The title and audiences go in as metadata exactly as the page shows them; the `<h1>` in the body
    (segmented) makes the title's words searchable with a heading's weight. The page's body is
    rewritten in place: call this once per page.
    """
    body = page.body
    if body is not None:
        for block in body.find_all(BLOCKS):
            block.insert_after("\n")
        nodes = [s for s in body.find_all(string=True) if not isinstance(s, Comment)]
        for node, text in zip(nodes, segment_texts([str(n) for n in nodes]), strict=True):
            node.replace_with(text)
    meta = [f'<meta data-pagefind-meta="title[content]" content="{html.escape(page.title)}">']
    if page.audiences:
        meta.append(f'<meta data-pagefind-meta="audience[content]" content="{html.escape(", ".join(page.audiences))}">')
    return f'<html lang="{html.escape(page.lang)}"><head>{"".join(meta)}</head><body>{body or ""}</body></html>'


@dataclass(frozen=True)
class IndexedPage:
    """One page as Pagefind reads it: where it was written, its language and the segmented document."""

    path: str
    lang: str
    document: str


def indexed_page(page: PageText) -> IndexedPage:
    return IndexedPage(page.path, page.lang, index_document(page))


def write_bundle(pages: list[IndexedPage], bundle_dir: Path) -> BundleReport:
    """Index `pages` into `bundle_dir`; result URLs are the pages' paths from the site root (`/en/x/`).

    The segmented copies are written to a temporary folder that Pagefind reads in one go: its
    Python API answers one request per 0.1 s, so handing it pages one by one would take minutes
    on a large site, while a folder of a thousand pages takes a second.
    """
    shutil.rmtree(bundle_dir, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="search-pages-") as tmp:
        for page in pages:
            target = Path(tmp) / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.document, encoding="utf-8")
        try:
            asyncio.run(_write(Path(tmp), bundle_dir))
        except (ImportError, OSError) as exc:
            raise SearchIndexError(
                f"search: cannot run Pagefind ({exc}); install it with `pip install -r requirements.txt`"
            ) from exc
    prune(bundle_dir)
    normalise_entry(bundle_dir / "pagefind-entry.json")
    return measure(bundle_dir, Counter(page.lang for page in pages))


def normalise_entry(path: Path) -> None:
    """Sort the languages of Pagefind's entry file: Pagefind writes them in a random order (a Rust
    HashMap), and the same input must build the same bytes."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


async def _write(source: Path, bundle_dir: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"output_path": str(bundle_dir.resolve())}) as index:
        await index.add_directory(str(source))


def prune(bundle_dir: Path) -> None:
    """Remove what Pagefind writes besides the search library, its indexes and its WebAssembly."""
    keep = {p for pattern in KEEP for p in bundle_dir.glob(pattern)}
    for path in bundle_dir.iterdir():
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def measure(bundle_dir: Path, pages: Counter) -> BundleReport:
    report = BundleReport(pages=pages)
    for folder, counter in (("index", report.index_bytes), ("fragment", report.fragment_bytes)):
        for path in (bundle_dir / folder).glob("*"):
            counter[path.name.split("_", 1)[0]] += path.stat().st_size
    report.total_bytes = sum(p.stat().st_size for p in bundle_dir.rglob("*") if p.is_file())
    return report


def read_fragments(bundle_dir: Path) -> list[dict]:
    """Every page record of the bundle (url, content, meta), decoded; for tests and checks."""
    records = []
    for path in sorted((bundle_dir / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return records
