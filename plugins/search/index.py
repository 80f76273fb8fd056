"""Write the search index: per language, a small table of pages, the index in chunks, and the pages' text in pieces.

What a search downloads is what this module writes, so every choice here is about bytes (the
figures are in docs/search.md):

- Keys. A word of another script (English, numbers) is one key. A Khmer cluster is stored under
  the *pair* it forms with the next cluster (`កា រ`; `រ ` when no cluster follows), so a Khmer word
  of n clusters is looked up with about n/2 pairs, each far rarer than a single cluster: the
  postings a Khmer search needs are 5 to 10 times smaller than with one key per cluster, and a word
  of one cluster is all the pairs that start with it.
- Postings. For each page that holds a key: the page's number and the key's positions, both as
  differences from the one before; a position inside a heading is written negative (it weighs more).
- Chunks. Keys in sorted order, cut into files of about `SEARCH["chunk_bytes"]` of JSON: a search
  fetches the few chunks that hold its keys, not the whole index.
- Text. Each page's text (for the title and the passage shown with a result) is cut into pieces of
  `SEARCH["piece_positions"]` positions; a result downloads only the piece that holds its first match.

Every file is gzip-compressed here (fixed header, so the same input gives the same bytes): the
download is as small on a host that compresses nothing, and engine.js unpacks it with the browser's
own `DecompressionStream`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import os
import re
import shutil
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import sub
from pathlib import Path

from sitekit.compression import gzip_bytes
from sitekit.page_cache import ResultCache, read_pickle, write_pickle

from .extract import PageText
from .segment import keys_and_clusters, positions

#: Default bytes of JSON per index chunk before a new chunk starts (about 3 KB once compressed).
CHUNK_BYTES = 8000
#: Default positions of text per piece of a page's stored text.
PIECE_POSITIONS = 800
#: Elements that start a new line of text: nothing is found across the end of one.
BLOCKS = frozenset(
    [
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p"),
        *("pre", "section", "summary", "table", "td", "th", "tr", "ul"),
    ]
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SPACE = re.compile(r"\s+")
_LANG = re.compile(r"[A-Za-z0-9-]+")


@dataclass(frozen=True)
class IndexedPage:
    """One page as the index stores it.

    `text` is the page's text (blocks separated by line breaks) and `cuts` the character offsets
    where its pieces begin after the first. The page's postings are made here, once per page (and
    cached with it): `own_keys` holds each key of the page once, in the order of its first position,
    separated by U+001F, and `own_postings` (32-bit integers) for each of them its count and its
    positions as differences, negative inside a heading. Writing a language's index then only joins
    the pages' postings, instead of walking every position of every page after each edit (a second
    for the Khmer half of a site of 1,000 pages). `positions` counts the page's tokens, `keyed` those
    that hold a key.
    """

    path: str
    lang: str
    url: str
    title: str
    audience: str
    text: str
    own_keys: str
    own_postings: bytes
    positions: int
    keyed: int
    cuts: tuple[int, ...]

    def own(self) -> Iterator[tuple[str, array]]:
        """Each key of the page with its count and position differences."""
        values = array("i")
        values.frombytes(self.own_postings)
        i = 0
        for key in self.own_keys.split(_SEP) if self.own_keys else ():
            end = i + 1 + values[i]
            yield key, values[i:end]
            i = end

    @property
    def keys(self) -> list[str | None]:
        """The key of each position, None for a position without one."""
        keys: list[str | None] = [None] * self.positions
        for key, values in self.own():
            at = 0
            for value in values[1:]:
                at += abs(value)
                keys[at - 1] = key
        return keys

    @property
    def heading(self) -> bytes:
        """One byte per position: 1 for a position with a key inside a heading."""
        flags = bytearray(self.positions)
        for _key, values in self.own():
            at = 0
            for value in values[1:]:
                at += abs(value)
                flags[at - 1] = value < 0
        return bytes(flags)


def page_text(page: PageText) -> tuple[str, list[tuple[int, int]]]:
    """The page's text and the character ranges of its headings; a block element ends a line."""
    if page.body is None:
        return "", []
    # The text is kept as a list of pieces and joined once: adding each piece to one string copied the
    # page's text so far for every piece of it (a page has a hundred or more).
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    length = 0

    def emit(raw: str | None, in_heading: bool) -> None:
        nonlocal length
        if not raw:
            return
        piece = _SPACE.sub(" ", raw.replace("\u200b", ""))
        if piece.startswith(" ") and (not parts or parts[-1][-1] in " \n"):
            piece = piece[1:]
        if not piece:
            return
        if in_heading:
            headings.append((length, length + len(piece)))
        parts.append(piece)
        length += len(piece)

    def line_break() -> None:
        nonlocal length
        while parts and parts[-1].endswith(" "):  # spaces before the break are dropped
            kept = parts[-1].rstrip(" ")
            length -= len(parts[-1]) - len(kept)
            if kept:
                parts[-1] = kept
                break
            parts.pop()
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")
            length += 1

    _walk_text(page.body, page.body.tag in HEADINGS, emit, line_break)
    return "".join(parts).strip(), headings


def _walk_text(element, in_heading: bool, emit, line_break) -> None:
    # A module function, not an inner one: a recursive inner function refers to itself, and that cycle
    # kept each page's parsed tree alive until the garbage collector ran (see a11y_checks.document).
    emit(element.text, in_heading)
    for child in element:
        if isinstance(child.tag, str):
            _walk_text(child, in_heading or child.tag in HEADINGS, emit, line_break)
            if child.tag in BLOCKS:
                line_break()
        emit(child.tail, in_heading)


def indexed_page(page: PageText, piece_positions: int = PIECE_POSITIONS) -> IndexedPage:
    """One extracted page made ready for the index (a pure function of the page: cached between builds)."""
    text, headings = page_text(page)
    texts, starts = positions(text)
    keys, clusters = keys_and_clusters(texts)
    if any(clusters):
        # A Khmer cluster's key is the pair it makes with the next position's cluster ("" when that is not one).
        keys = [f"{c} {then}" if c else key for key, c, then in zip(keys, clusters, [*clusters[1:], ""], strict=True)]
    # Each position numbered from 1, negative inside a heading (made in slices: a page has thousands).
    signed = list(range(1, len(texts) + 1))
    for first, end in headings:
        i, j = bisect_left(starts, first), bisect_left(starts, end)
        signed[i:j] = range(-i - 1, -j - 1, -1)
    # Each key's positions, in the order the keys first come (a defaultdict: `setdefault` made an empty
    # list for each of a page's two thousand positions); `compress` leaves out the gaps, whose key is None.
    at: defaultdict[str, list[int]] = defaultdict(list)
    for key, position in compress(zip(keys, signed, strict=True), keys):
        at[key].append(position)
    flat: list[int] = []
    add, more = flat.append, flat.extend
    for positions_of_key in at.values():
        if len(positions_of_key) == 1:  # most keys: one position, whose difference from 0 is itself, signed
            add(1)
            add(positions_of_key[0])
            continue
        add(len(positions_of_key))
        if positions_of_key[0] > 0 and min(positions_of_key) > 0:  # none in a heading: the differences, made in C
            more(map(sub, positions_of_key, chain((0,), positions_of_key)))
            continue
        before = 0
        for position in positions_of_key:
            add(position - before if position > 0 else position + before)
            before = abs(position)
    values = array("i", flat)
    cuts = tuple(starts[i] for i in range(piece_positions, len(texts), piece_positions))
    url = "/" + page.path.removesuffix("index.html")
    return IndexedPage(
        page.path, page.lang, url, page.title, ", ".join(page.audiences), text,
        _SEP.join(at), values.tobytes(), len(texts), len(values) - len(at), cuts,
    )  # fmt: skip


_SEP = "\x1f"


@dataclass
class BundleReport:
    """Pages indexed per language and bytes on disk, for the build summary and the docs."""

    pages: Counter = field(default_factory=Counter)
    index_bytes: Counter = field(default_factory=Counter)
    text_bytes: Counter = field(default_factory=Counter)
    chunks: Counter = field(default_factory=Counter)
    total_bytes: int = 0

    def add(self, lang: str, pages: int, sizes: tuple[int, int, int]) -> None:
        """Count one language: its pages and (index bytes, text bytes, chunks) as close_folder returns."""
        self.pages[lang] = pages
        self.index_bytes[lang], self.text_bytes[lang], self.chunks[lang] = sizes

    def summary(self) -> str:
        parts = [
            f"{lang} {self.pages[lang]} pages (index {kb(self.index_bytes[lang])} in {self.chunks[lang]} chunks, "
            f"text {kb(self.text_bytes[lang])})"
            for lang in sorted(self.pages)
        ]
        return f"Search: {'; '.join(parts) or 'no pages'}; bundle {kb(self.total_bytes)} on disk"


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def packed(value) -> bytes:
    """JSON, gzip-compressed with a fixed header (no time stamp, no file name)."""
    return packed_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def packed_json(text: str) -> bytes:
    """JSON text, gzip-compressed with a fixed header."""
    return gzip_bytes(text.encode("utf-8"), 9)


def unpacked(data: bytes):
    return json.loads(gzip.decompress(data))


def short_hash(data: bytes | str) -> str:
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()[:10]


def postings(pages: list[IndexedPage]) -> dict[str, array]:
    """Every key with its postings, flat: page difference, count, position differences (negative in a heading).

    Kept as arrays of 32-bit integers: a large site has millions of postings, and a Python list of ints
    takes about nine times the memory. Each page's own postings are copied in whole slices (this loop
    runs for every key of every page of a language after each edit).
    """
    found: dict[str, list] = {}  # key -> [its postings, the number of the last page that holds it]
    for number, page in enumerate(pages):
        for key, values in page.own():
            entry = found.get(key)
            if entry is None:
                flat = array("i", (number,))
                found[key] = [flat, number]
            else:
                flat = entry[0]
                flat.append(number - entry[1])
                entry[1] = number
            flat += values
    return {key: entry[0] for key, entry in found.items()}


def updated_postings(pages: list[IndexedPage], last: dict) -> tuple[dict[str, array], set[str]] | None:
    """The postings of `pages` made from `last` (what `postings_state` kept of the last build of this
    language) when the pages are the same ones in the same order, and the keys whose postings changed.
    Only the keys of the edited pages are joined again (after one edit, a few hundred keys instead of
    every key of every page). None when pages were added, removed or renamed: their numbers moved, so
    every key changes."""
    if last.get("urls") != [page.url for page in pages]:
        return None
    index = dict(last["index"])  # the arrays of touched keys are replaced, not changed
    changed = {n for n, page in enumerate(pages) if _posting_mark(page) != last["marks"][n]}
    touched: set[str] = set()
    new: dict[str, dict[int, array]] = defaultdict(dict)
    for number in sorted(changed):
        old_keys = last["keys"][number]
        touched.update(old_keys.split(_SEP) if old_keys else ())
        for key, values in pages[number].own():
            touched.add(key)
            new[key][number] = values
    differ: set[str] = set()  # a page's key whose positions stayed (text added after them) is the same
    pages_changed = sorted(changed)
    for key in touched:
        before = index.get(key)
        after = _spliced(before, pages_changed, new.get(key, {}))
        if after != before:
            differ.add(key)
        if after:
            index[key] = after
        else:
            index.pop(key, None)
    return index, differ


def postings_state(pages: list[IndexedPage], index: dict[str, array], chunks: list[Chunk] | None = None) -> dict:
    """What `updated_postings` and `chunked` need of this build: the pages' URLs, a mark of each page's
    postings, its keys, the index and where its chunks were cut (without their text)."""
    return {
        "urls": [page.url for page in pages],
        "marks": [_posting_mark(page) for page in pages],
        "keys": [page.own_keys for page in pages],
        "index": index,
        "chunks": [chunk.without_text() for chunk in chunks or ()],
    }


def _posting_mark(page: IndexedPage) -> str:
    return short_hash(page.own_keys.encode("utf-8") + b"\0" + page.own_postings)


def _spliced(flat: array | None, pages: list[int], values: dict[int, array]) -> array:
    """`flat` (one key's postings) with the segments of `pages` (sorted page numbers) taken out and those in
    `values` (page number -> count and position differences) put in.

    The segments between two changed pages are copied in one slice; only the page difference that starts
    each slice is written again. A common Khmer key is on most pages: after one edit its postings are
    copied in two or three slices instead of being cut into a segment per page and joined again (the
    Khmer postings of a 2 x 500 site after one page changed: 0.13 s before, 0.04 s now).
    """
    out = array("i")
    last = None  # the last page written to `out`
    run_start = run_page = run_last = None  # the run of unchanged segments not yet copied

    def close_run(run_end: int) -> None:
        nonlocal last, run_start
        if run_start is not None:
            out.append(run_page if last is None else run_page - last)
            out.extend(flat[run_start + 1 : run_end])
            last, run_start = run_last, None

    def put(page: int) -> None:
        nonlocal last
        if page in values:
            out.append(page if last is None else page - last)
            out.extend(values[page])
            last = page

    todo = iter(pages)
    next_changed = next(todo, None)
    i, page, size = 0, 0, len(flat) if flat is not None else 0
    while i < size:
        page += flat[i]
        end = i + 2 + flat[i + 1]
        while next_changed is not None and next_changed <= page:
            close_run(i)
            put(next_changed)
            skip, next_changed = next_changed == page, next(todo, None)
            if skip:
                break
        else:
            if run_start is None:
                run_start, run_page = i, page
            run_last = page
        i = end
    close_run(size)
    while next_changed is not None:
        put(next_changed)
        next_changed = next(todo, None)
    return out


@dataclass(frozen=True)
class Chunk:
    """One file of a language's index: its first and last key, how many keys it holds, its name (a hash of
    its JSON), whether it was cut for its size (not by the end of the keys), and its JSON (None for a
    chunk that is the same as one of the last build, whose file is reused)."""

    first: str
    last: str
    keys: int
    name: str
    full: bool
    text: str | None = None

    def without_text(self) -> Chunk:
        """The same chunk as kept between builds and as reused (its file holds the text)."""
        return Chunk(self.first, self.last, self.keys, self.name, self.full)


def chunked(
    index: dict, chunk_bytes: int = CHUNK_BYTES, reuse: list[Chunk] | None = None, touched: set[str] = frozenset()
) -> list[Chunk]:
    """The keys in sorted order, cut into chunks of about `chunk_bytes` of JSON.

    Each key's JSON is made once, here (the same text `json.dumps` makes of the chunk's dict): a
    rebuild writes the index of a whole language again, and encoding it twice was a third of the time.
    `reuse` (the last build's chunks) and `touched` (every key whose postings changed since)
    skip the JSON of a chunk that starts at the same key and holds the same keys, none touched: it is
    cut at the same place and holds the same bytes. After one edit that is most chunks, and making
    their JSON again was a third of the time the Khmer index took.
    """
    chunks: list[Chunk] = []
    current: list[str] = []
    first, size = "", 0
    encode_key = json.JSONEncoder(ensure_ascii=False).encode
    # engine.js compares keys as JavaScript does, by UTF-16 code units.
    keys = sorted(index, key=lambda k: k.encode("utf-16-be"))
    last_chunks = {chunk.first: chunk for chunk in reuse or ()}

    def cut(last: str, full: bool) -> None:
        text = "{" + ",".join(current) + "}"
        chunks.append(Chunk(first, last, len(current), short_hash(text), full, text))

    i = 0
    while i < len(keys):
        key = keys[i]
        if not current:
            same = last_chunks.get(key)
            if same is not None and _unchanged(same, keys, i, touched):
                chunks.append(same.without_text())
                i += same.keys
                continue
            first = key
        values = str(index[key].tolist()).replace(" ", "")  # "[1,-2,3]": twice as fast as joining str()s
        current.append(f"{encode_key(key)}:{values}")
        size += len(key.encode("utf-8")) + len(values) + 4
        i += 1
        if size >= chunk_bytes:
            cut(key, True)
            current, size = [], 0
    if current or not chunks:
        cut(keys[-1] if current else "", False)
    return chunks


def _unchanged(chunk: Chunk, keys: list[str], start: int, touched: set[str]) -> bool:
    """Whether the last build's `chunk`, starting at keys[start] now, holds the same keys and postings."""
    end = start + chunk.keys
    if end > len(keys) or keys[end - 1] != chunk.last:
        return False
    # A chunk cut by the end of the keys would grow when keys follow it now; one cut for its size would not.
    return (chunk.full or end == len(keys)) and touched.isdisjoint(keys[start:end])


@dataclass
class Part:
    """One half of a language's folder as written: its file names, their bytes, and its entries of meta.bin."""

    names: set[str]
    size: int
    table: dict


def open_folder(folder: Path) -> set[str]:
    """Make `folder` exist; the names of the files it holds already."""
    folder.mkdir(parents=True, exist_ok=True)
    return set(os.listdir(folder))


def write_texts(pages: list[IndexedPage], folder: Path, present: set[str], reuse: Path | None) -> Part:
    """Each page's text in pieces, and the pages' entries of meta.bin (file name, positions with a key)."""
    names, size, listed = set(), 0, []
    for page in pages:
        name = short_hash("\n".join([page.url, page.title, page.audience, page.text]))
        starts = (0, *page.cuts)
        ends = (*page.cuts, len(page.text))
        for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
            target = folder / f"{name}-{number}.bin"
            names.add(target.name)
            if target.name in present or (reuse is not None and link_or_copy(reuse / target.name, target)):
                size += target.stat().st_size
            else:
                data = packed({"u": page.url, "t": page.title, "a": page.audience, "x": page.text[start:end]})
                target.write_bytes(data)
                size += len(data)
        listed.append([name, page.keyed])
    return Part(names, size, {"p": listed})


def write_index(
    pages: list[IndexedPage],
    folder: Path,
    present: set[str],
    chunk_bytes: int,
    reuse: Path | None,
    state: tuple[Path | None, Path | None],
) -> Part:
    """The index in chunks, and the chunks' entries of meta.bin (first key, file name).

    `state` is (the last build's postings state to update, or None; where to keep this build's).
    """
    last_state, next_state = state
    last = read_pickle(last_state) if last_state is not None else None
    try:
        update = updated_postings(pages, last) if isinstance(last, dict) else None
    except (KeyError, IndexError, TypeError):  # a state of another shape: joined again from the pages
        update = None
    if update is None:
        index, last_chunks, touched = postings(pages), None, set()
    else:
        (index, touched), last_chunks = update, last.get("chunks")
    chunks = chunked(index, chunk_bytes, last_chunks, touched)
    kept = [f"{chunk.name}.bin" for chunk in chunks if chunk.text is None]
    if kept:
        have = present | (set(os.listdir(reuse)) if reuse is not None and reuse.is_dir() else set())
        if not have.issuperset(kept):
            chunks = chunked(index, chunk_bytes)  # a kept chunk's file is gone: every chunk made again
    if next_state is not None:
        write_pickle(next_state, postings_state(pages, index, chunks))  # at 2 x 2000 the Khmer state is 55 MB
    names, size, firsts, files = set(), 0, [], []
    for chunk in chunks:
        # Named by what it holds, so a chunk the edit did not touch is linked from the last build, not
        # compressed and created again (creating a file is the slowest step on some disks).
        target = folder / f"{chunk.name}.bin"
        names.add(target.name)
        if target.name in present or (reuse is not None and link_or_copy(reuse / target.name, target)):
            size += target.stat().st_size
        else:
            data = packed_json(chunk.text)
            target.write_bytes(data)
            size += len(data)
        firsts.append(chunk.first)
        files.append(chunk.name)
    return Part(names, size, {"c": firsts, "f": files})


def close_folder(
    folder: Path, present: set[str], piece_positions: int, texts: Part, index: Part
) -> tuple[int, int, int]:
    """Write meta.bin from both halves and remove what the folder held that this build does not use;
    returns (index bytes, text bytes, chunks)."""
    table = {"s": piece_positions, **texts.table, **index.table}
    data = packed(table)
    # A new file, not the old one written over: the last build's kept folder holds the same file (a hard link).
    (folder / "meta.bin").unlink(missing_ok=True)
    (folder / "meta.bin").write_bytes(data)
    for name in present - texts.names - index.names - {"meta.bin"}:
        (folder / name).unlink()
    return index.size + len(data), texts.size, len(table["f"])


def link_or_copy(source: Path, target: Path) -> bool:
    """Give `target` the bytes of `source` (a hard link where the file system allows it, else a copy);
    False when `source` does not exist. Nothing writes into a bundle file once written, so two names
    may share the data."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copy2(source, target)
        except FileNotFoundError:
            return False
    return True


def by_language(pages: list[IndexedPage]) -> dict[str, list[IndexedPage]]:
    """The pages of each language in URL order.

    The search page finds its index by its own <html lang>; a page without a language (which the
    accessibility checks report) belongs to no search page.
    """
    found: dict[str, list[IndexedPage]] = defaultdict(list)
    for page in sorted(pages, key=lambda p: p.url):
        if _LANG.fullmatch(page.lang):
            found[page.lang].append(page)
    return dict(sorted(found.items()))


def write_bundle(
    pages: list[IndexedPage],
    bundle_dir: Path,
    files: dict[str, bytes] | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    piece_positions: int = PIECE_POSITIONS,
    kept: Path | None = None,
    made_by: str = "",
) -> BundleReport:
    """Write one index per page language into `bundle_dir`, and `files` beside them.

    `piece_positions` must be the value the pages were made with (`indexed_page`). With `kept` (a
    folder of the build's cache) and `made_by` (a fingerprint of the code and settings), a language
    whose pages did not change since the last build keeps that build's folder (hard links, no data
    copied; left in place when `bundle_dir` still holds it), and a changed one reuses the pieces of
    text and index chunks of its unchanged pages. Anything else in `bundle_dir` is removed.
    """
    state_file = kept / "state.json" if kept else None
    last = json.loads(state_file.read_text(encoding="utf-8")) if state_file and state_file.is_file() else {}
    if last.get("made_by") != made_by:
        last = {}  # other code or settings: nothing of the last bundle may be reused
    languages = by_language(pages)
    digests = {lang: language_digest(members) for lang, members in languages.items()}
    known = last.get("languages") or {}  # each language of the last bundle: its digest and sizes
    unchanged = {lang for lang, digest in digests.items() if (known.get(lang) or {}).get("digest") == digest}
    # The last build's folder of a language, still in the output (a build into the same folder): kept as it
    # is when the language did not change, updated in place when it did.
    in_place = {
        lang for lang in digests if kept is not None and last and same_tree(kept / "files" / lang, bundle_dir / lang)
    }
    _empty_except(bundle_dir, in_place)
    report = BundleReport()
    state = {"made_by": made_by, "languages": {}}
    todo = []
    for lang, members in languages.items():
        digest = digests[lang]
        here = bundle_dir / lang
        if lang in unchanged and (here.is_dir() or link_tree(kept / "files" / lang, here)):
            sizes = tuple(known[lang]["sizes"])
            report.add(lang, len(members), sizes)
            state["languages"][lang] = {"digest": digest, "sizes": sizes}
        else:
            postings_file = kept / "postings" / f"{lang}.pickle" if kept else None
            files_of_postings = (postings_file if last else None, postings_file)
            todo.append(
                (lang, members, bundle_dir / lang, kept / "files" / lang if last else None, digest, files_of_postings)
            )
    for (lang, members, *_rest, digest, _state), sizes in zip(
        todo, _write_languages(todo, chunk_bytes, piece_positions), strict=True
    ):
        report.add(lang, len(members), sizes)
        state["languages"][lang] = {"digest": digest, "sizes": sizes}
    for name, data in (files or {}).items():
        (bundle_dir / name).write_bytes(data)
    sizes = state["languages"].values()
    report.total_bytes = sum(s["sizes"][0] + s["sizes"][1] for s in sizes) + sum(map(len, (files or {}).values()))
    if kept is not None:
        _keep(bundle_dir, kept, state, rewritten=[lang for lang, *_rest in todo])
    return report


def _keep(bundle_dir: Path, kept: Path, state: dict, rewritten: list[str]) -> None:
    """Make `kept` hold this build's language folders (hard links): only the rewritten ones change."""
    state_file = kept / "state.json"
    state_file.unlink(missing_ok=True)  # until the folders are complete, nothing in `kept` may be reused
    folders = kept / "files"
    folders.mkdir(parents=True, exist_ok=True)
    for old in folders.iterdir():
        if old.name not in state["languages"] or (old.name in rewritten and not old.is_dir()):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    for lang in rewritten:
        _sync_links(bundle_dir / lang, folders / lang)
    state_file.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


def _sync_links(source: Path, target: Path) -> None:
    """Make the folder `target` hold hard links of exactly the files of `source`. Most files of a rewritten
    language are the last build's (linked from `target` in the first place), so only the few new and
    dropped ones are touched, not the whole folder deleted and linked again."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = set(os.listdir(source))
    present = set(os.listdir(target))
    for name in present - wanted:
        (target / name).unlink()
    for name in wanted:
        here = target / name
        if name in present:  # a name `target` had before (after a cold build: none, and no look at each)
            try:
                if os.path.samefile(source / name, here):
                    continue
                here.unlink()
            except FileNotFoundError:
                pass
        link_or_copy(source / name, here)


# Set before the workers fork: each writes one half of one language from what it inherited.
_PENDING: list = []


def _write_languages(todo: list, chunk_bytes: int, piece_positions: int) -> list[tuple[int, int, int]]:
    """Write each language's folder; returns (index bytes, text bytes, chunks) for each.

    `meta.bin` is the page table engine.js reads first: the piece size, each page's file name and
    length (positions that hold a key, for the ranking), and each chunk's first key and file name.
    A piece of text or a chunk already in the last build's folder (`reuse`, made with the same code
    and settings) is linked instead of compressed again: its name is the hash of everything it holds.
    When the folder exists (the last build's, left in place), a file it already holds is kept (the
    same name is the same bytes) and one this build does not use is removed, so an edit touches only
    the files it changed instead of removing and linking again thousands of them.

    A language's two halves, its pages' text (`write_texts`) and its index (`write_index`), are
    independent: with two processors or more each half is written in a process of its own (pure CPU:
    the postings, the compression; each half alone, so the files are the same). The index halves go
    first, the largest language's first: the Khmer index is most of the work.
    """
    presents = [open_folder(folder) for _lang, _members, folder, *_rest in todo]
    _PENDING[:] = [(*job, present) for job, present in zip(todo, presents, strict=True)]
    try:
        workers = min(2 * len(todo), os.cpu_count() or 1)
        by_size = sorted(range(len(todo)), key=lambda n: -len(todo[n][1]))
        halves = [(n, "index") for n in by_size] + [(n, "texts") for n in by_size]
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            done = dict(zip(halves, [_write_half(n, half, chunk_bytes) for n, half in halves], strict=True))
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                numbers, kinds = zip(*halves, strict=True)
                written = pool.map(_write_half, numbers, kinds, [chunk_bytes] * len(halves))
                done = dict(zip(halves, written, strict=True))
        return [
            close_folder(folder, presents[n], piece_positions, done[(n, "texts")], done[(n, "index")])
            for n, (_lang, _members, folder, *_rest) in enumerate(todo)
        ]
    finally:
        _PENDING.clear()


def _write_half(number: int, half: str, chunk_bytes: int) -> Part:
    _lang, members, folder, reuse, _digest, state, present = _PENDING[number]
    if half == "texts":
        return write_texts(members, folder, present, reuse)
    return write_index(members, folder, present, chunk_bytes, reuse, state)


def same_tree(kept: Path, folder: Path) -> bool:
    """Whether `folder` holds exactly the files of `kept`, as hard links of them (the output folder of the
    last build, when the build writes into the same folder again: it can stay as it is)."""
    try:
        names = sorted(os.listdir(folder))
        return names == sorted(os.listdir(kept)) and all(
            os.path.samefile(folder / name, kept / name) for name in ("meta.bin", names[0], names[-1])
        )
    except (FileNotFoundError, NotADirectoryError, IndexError):
        return False


def _empty_except(folder: Path, keep: set[str]) -> None:
    """Make `folder` exist and hold nothing but the entries named in `keep`."""
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    elif folder.is_dir():
        for entry in folder.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    folder.mkdir(parents=True, exist_ok=True)


def link_tree(source: Path, target: Path) -> bool:
    """`target` made a copy of the folder `source` by hard links; False when `source` is missing."""
    if not source.is_dir():
        return False
    shutil.copytree(source, target, copy_function=lambda s, t: link_or_copy(Path(s), Path(t)))
    return True


def language_digest(pages: list[IndexedPage]) -> str:
    """What one language's files are made of: each page's fields (its keys follow from its text and the code)."""
    return ResultCache.key(
        *(part for page in pages for part in (page.path, page.lang, page.url, page.title, page.audience,
                                               page.text, page.own_postings))
    )  # fmt: skip


def read_pages(bundle_dir: Path) -> list[dict]:
    """Every page of the bundle with its whole text (pieces joined), for tests and the benchmark."""
    pages = []
    for meta in sorted(bundle_dir.glob("*/meta.bin")):
        table = unpacked(meta.read_bytes())
        for name, _length in table["p"]:
            pieces = [unpacked(p.read_bytes()) for p in sorted(meta.parent.glob(f"{name}-*.bin"), key=_piece_number)]
            first = pieces[0]
            text = "".join(piece["x"] for piece in pieces)
            pages.append(
                {"lang": meta.parent.name, "url": first["u"], "title": first["t"], "audience": first["a"], "text": text}
            )
    return pages


def _piece_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])
