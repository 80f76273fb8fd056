"""Search: the index's tokens (Khmer clusters, numbers, words), page text extraction, and the bundle a build writes."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import time
from array import array
from pathlib import Path

import pytest
from conftest import article, page
from hypothesis import given, settings
from hypothesis import strategies as st

from search.extract import extract_page
from search.hooks import DEFAULTS, ENGINE, engine_name
from search.index import (
    CHUNK_BYTES,
    PIECE_POSITIONS,
    chunked,
    indexed_page,
    postings,
    postings_state,
    read_pages,
    unpacked,
    updated_postings,
    write_bundle,
)
from search.segment import JS_CLUSTER, clusters, fold, tokens

#: Enables the plugin in a fixture site the way pelicanconf.py will (idempotent once it is there).
SEARCH_SETTINGS = """\
if "search" not in PLUGINS:
    PLUGINS = [*PLUGINS[: PLUGINS.index("host_files")], "search", *PLUGINS[PLUGINS.index("host_files") :]]
THEME_ASSETS = {"hashed": ["js/quick-exit.js", "js/search.js"]}
"""

# --- tokens --------------------------------------------------------------------------------------------


def keys(text: str) -> list[str | None]:
    return [t.key for t in tokens(text)]


def test_clusters_keep_subscripts_and_vowels_with_their_consonant():
    assert clusters("ការគំរាមកំហែង") == ["កា", "រ", "គំ", "រា", "ម", "កំ", "ហែ", "ង"]
    assert clusters("ស្ត្រី") == ["ស្ត្រី"]  # two subscripts and a vowel: one cluster
    assert clusters("ម្នាក់ៗ") == ["ម្នា", "ក់", "ៗ"]  # the repetition sign belongs to the word it repeats


def test_zero_width_spaces_inside_khmer_are_dropped_from_the_index():
    assert keys("ការ\u200bគំរាម") == ["កា", "រ", "គំ", "រា", "ម"]


def test_khmer_and_latin_digits_are_the_same_number():
    """`១២៨០` and `1280` are one token, at index time here and at search time in engine.js."""
    assert keys("លេខ ១២៨០។") == ["លេ", "ខ", None, "1280", None]
    assert keys("លេខ 1280។") == keys("លេខ ១២៨០។")
    assert keys("ឆ្នាំ២០២១") == ["ឆ្នាំ", "2021"]  # a number written against a word is still a number
    assert fold("១២៨០") == "1280" and fold("Café") == "cafe"


def test_spaces_and_punctuation_take_a_position_so_no_word_is_found_across_them():
    assert keys("ពាក្យ សម្ងាត់, APLE") == ["ពា", "ក្យ", None, "ស", "ម្ងា", "ត់", None, None, "aple"]


_KHMER_WORDS = st.sampled_from(["ការ", "គំរាម", "ស្ត្រី", "ឆ្នាំ", "២០២១", "។", "កុមារ", "ៗ", "អ៊ីនធឺណិត", "ការ\u200bពារ"])
_OTHER_WORDS = st.sampled_from(["APLE", "(sextortion)", "1280", "TikTok។", "«", "»", "-", "Café"])
_SPACES = st.sampled_from(["", " ", "  ", "\n"])


@given(st.lists(st.tuples(st.one_of(_KHMER_WORDS, _OTHER_WORDS), _SPACES), min_size=1, max_size=12))
def test_tokens_cover_the_text_in_order_and_khmer_clusters_spell_it(parts):
    text = "".join(word + space for word, space in parts)
    found = tokens(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    covered = "".join(text[t.start : t.end] for t in found)
    assert covered.replace("\u200b", "") == text.replace("\u200b", "")  # every character is in one position
    assert all(t.key == text[t.start : t.end] for t in found if t.khmer)


def test_the_engine_reads_the_cluster_expression_and_folds_words_as_the_index_does():
    script = ENGINE.read_text(encoding="utf-8")
    assert "d.cl" in script  # the expression comes from the search page, made from JS_CLUSTER
    assert "(c) => c.charCodeAt() - 6112" in script and ord("០") == 6112  # ០ (U+17E0) -> 0, one for one
    assert 'normalize("NFD").replace(/\\p{M}/gu, "")' in script  # accents removed, as fold() does


# --- page extraction ----------------------------------------------------------------------------------

ARTICLE_HTML = """<!doctype html><html lang="km"><head><title>ចំណងជើង | គេហទំព័រ</title></head><body>
<header><nav><a href="/">ទំព័រដើម</a></nav><div class="help-strip">លេខ 1280</div></header>
<main id="main"><div class="wrap"><article>
<h1>ចំណងជើង   អត្ថបទ</h1>
<p class="meta"><a href="/children/">កុមារ និងយុវវ័យ</a> · <a href="/parents/">ឪពុកម្តាយ</a> · ពិនិត្យ <time>២០២៦</time></p>
<div class="prose"><p>អត្ថបទពិត។</p><nav aria-label="x"><a href="#a">តំណក្នុងទំព័រ</a></nav></div>
<section class="sources"><h2>ប្រភព</h2><ol><li>ឯកសារ</li></ol></section>
<div class="after"><h2>ទំព័រពាក់ព័ន្ធ</h2></div>
</article></div></main><footer>អំពី</footer></body></html>"""


def test_extract_keeps_the_page_text_and_drops_the_frame_and_lists():
    found = extract_page(ARTICLE_HTML, "sextortion/index.html", DEFAULTS)
    assert found.path == "sextortion/index.html" and found.lang == "km"
    assert found.title == "ចំណងជើង អត្ថបទ"
    assert found.audiences == ["កុមារ និងយុវវ័យ", "ឪពុកម្តាយ"]
    text = found.body.text_content()
    assert "អត្ថបទពិត" in text and "ចំណងជើង" in text
    for noise in ("ទំព័រដើម", "1280", "ពិនិត្យ", "តំណក្នុងទំព័រ", "ប្រភព", "ទំព័រពាក់ព័ន្ធ", "អំពី"):
        assert noise not in text, noise


def test_listing_pages_without_the_editors_text_are_not_indexed():
    listing = ARTICLE_HTML.replace('<div class="prose">', '<div class="cards">')
    assert extract_page(listing, "children/index.html", DEFAULTS) is None


def test_hidden_pages_are_not_indexed():
    """`Status: hidden`: the theme marks the text data-unlisted; such a page is listed nowhere, search included."""
    hidden = ARTICLE_HTML.replace('<div class="prose">', '<div class="prose" data-unlisted>')
    assert extract_page(hidden, "quiet/index.html", DEFAULTS) is None


def _indexed(html: str | None = None):
    return indexed_page(extract_page(html or ARTICLE_HTML, "sextortion/index.html", DEFAULTS))


def test_the_indexed_page_keeps_the_text_as_written_with_blocks_on_lines_of_their_own():
    found = _indexed()
    assert found.url == "/sextortion/" and found.title == "ចំណងជើង អត្ថបទ"
    assert found.audience == "កុមារ និងយុវវ័យ, ឪពុកម្តាយ"
    assert found.text == "ចំណងជើង អត្ថបទ\nអត្ថបទពិត។"


def test_khmer_clusters_are_keyed_by_the_pair_they_start_and_headings_are_marked():
    found = _indexed()
    assert found.keys[:5] == ["ចំ ណ", "ណ ង", "ង ជើ", "ជើ ង", "ង "]  # nothing follows the last cluster of a run
    assert found.keys[5] is None  # the space
    assert found.heading[0] and not found.heading[-1]


def test_a_word_from_the_middle_of_a_sentence_is_a_run_of_pairs_at_adjacent_positions():
    found = _indexed(ARTICLE_HTML.replace("អត្ថបទពិត។", "មនុស្សដែលកំពុងគំរាមកំហែងអ្នក ទើបជាអ្នកធ្វើខុស។"))
    word = clusters("កំហែង")
    wanted = [f"{a} {b}" for a, b in itertools.pairwise(word)]
    assert any(list(found.keys[i : i + len(wanted)]) == wanted for i in range(len(found.keys)))


def _decode(flat: list[int]) -> dict[int, list[int]]:
    """Postings as engine.js reads them: page -> positions (negative inside a heading)."""
    pages, i, number = {}, 0, 0
    while i < len(flat):
        number += flat[i]
        count, at, positions = flat[i + 1], 0, []
        for value in flat[i + 2 : i + 2 + count]:
            at += abs(value)
            positions.append(-at if value < 0 else at)
        pages[number] = positions
        i += 2 + count
    return pages


def test_postings_give_back_every_page_and_position_of_a_key():
    one = _indexed()
    two = _indexed(ARTICLE_HTML.replace("អត្ថបទពិត។", "ពិត ពិត។"))
    expected: dict = {}
    for number, indexed in enumerate([one, two]):
        for position, (key, heading) in enumerate(zip(indexed.keys, indexed.heading, strict=True), start=1):
            if key:
                expected.setdefault(key, {}).setdefault(number, []).append(-position if heading else position)
    index = postings([one, two])
    assert {key: _decode(flat) for key, flat in index.items()} == expected
    assert _decode(index["ពិ ត"]) == {0: [16], 1: [12, 15]}
    assert _decode(index["ចំ ណ"]) == {0: [-1], 1: [-1]}  # the first word of the heading


def test_chunks_hold_every_key_once_in_order_and_stay_small():
    index = {f"key{n:04d}": array("i", [0, 3, 1, -2, 3] * (n % 7 + 1)) for n in range(2000)}
    chunks = chunked(index)
    assert len(chunks) > 1
    parsed = [json.loads(chunk.text) for chunk in chunks]
    assert [k for chunk in parsed for k in chunk] == sorted(index)
    assert [chunk.first for chunk in chunks] == [next(iter(chunk)) for chunk in parsed]
    assert [chunk.last for chunk in chunks] == [list(chunk)[-1] for chunk in parsed]
    assert parsed[0]["key0001"] == index["key0001"].tolist()
    assert all(len(chunk.text) < CHUNK_BYTES + 200 for chunk in chunks)


def test_chunks_an_edit_did_not_touch_are_taken_from_the_last_build_and_the_rest_made_as_from_scratch():
    index = {f"key{n:04d}": array("i", [0, 3, 1, -2, 3] * (n % 7 + 1)) for n in range(2000)}
    last = chunked(index)
    edited = dict(index)
    edited["key0500"] = array("i", [0, 4, 1, -2, 3, 9])  # one position more: the same cuts
    edited["key1500a"] = array("i", [3, 1, 7])  # a new key
    del edited["key1800"]
    touched = {"key0500", "key1500a", "key1800"}
    again = chunked(edited, reuse=last, touched=touched)
    fresh = chunked(edited)
    assert [(c.first, c.last, c.name) for c in again] == [(c.first, c.last, c.name) for c in fresh]
    reused = [c for c in again if c.text is None]
    assert reused and len(reused) < len(again)
    assert all(c.text is not None for c in again if not touched.isdisjoint(json.loads(
        next(f.text for f in fresh if f.name == c.name))))  # fmt: skip
    # The last chunk was cut by the end of the keys: when keys come after it, it is made again.
    more = {**index, "key9999": array("i", [0, 1, 1])}
    grown = chunked(more, reuse=last, touched={"key9999"})
    assert [(c.first, c.name) for c in grown] == [(c.first, c.name) for c in chunked(more)]


def test_a_page_without_a_language_belongs_to_no_index(tmp_path):
    report = write_bundle([_indexed(ARTICLE_HTML.replace('<html lang="km">', "<html>"))], tmp_path / "bundle")
    assert not report.pages and sorted(p.name for p in (tmp_path / "bundle").iterdir()) == []


def _page_in(lang: str, slug: str, text: str):
    html = ARTICLE_HTML.replace('<html lang="km">', f'<html lang="{lang}">').replace("អត្ថបទពិត។", text)
    return indexed_page(extract_page(html, f"{slug}/index.html", DEFAULTS))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rebuilt_bundle_reuses_unchanged_languages_and_is_the_same_as_one_written_from_scratch(tmp_path):
    km = [_page_in("km", f"km{n}", "ការពារកុមារ។ " * (n + 1)) for n in range(3)]
    en = [_page_in("en", f"en{n}", f"Keep the evidence {n}. " * 200) for n in range(3)]
    kept = tmp_path / "kept"
    small = 300  # bytes of JSON per index chunk: several chunks per language
    write_bundle(km + en, tmp_path / "first", kept=kept, made_by="v1", chunk_bytes=small)
    changed_en = [*en[:2], _page_in("en", "en2", "A new sentence about passwords. " * 200)]
    second = write_bundle(km + changed_en, tmp_path / "second", kept=kept, made_by="v1", chunk_bytes=small)
    fresh = write_bundle(km + changed_en, tmp_path / "fresh", chunk_bytes=small)
    assert _files(tmp_path / "second") == _files(tmp_path / "fresh")
    assert second.summary() == fresh.summary()
    # the unchanged language is the last build's files (hard links), the changed one was written again
    assert (tmp_path / "second" / "km" / "meta.bin").samefile(tmp_path / "first" / "km" / "meta.bin")
    assert not (tmp_path / "second" / "en" / "meta.bin").samefile(tmp_path / "first" / "en" / "meta.bin")
    # and in the changed language, an unchanged page's text was not compressed again
    unchanged_piece = sorted((tmp_path / "first" / "en").glob("*-0.bin"))[0]
    assert (tmp_path / "second" / "en" / unchanged_piece.name).samefile(unchanged_piece)
    # nor an index chunk whose keys the edit did not touch; the chunks it touched are new files
    chunks = [f for f in (tmp_path / "second" / "en").glob("*.bin") if "-" not in f.stem and f.stem != "meta"]
    before = tmp_path / "first" / "en"
    linked = [f for f in chunks if (before / f.name).is_file() and f.samefile(before / f.name)]
    assert len(chunks) > 3 and 0 < len(linked) < len(chunks)


def test_a_kept_chunk_whose_file_is_gone_is_made_again(tmp_path):
    """The last build's chunk list says a chunk can be reused, but its file was deleted from the cache and
    the output: the language is written whole again, not with a chunk missing."""
    pages = [_page_in("km", f"km{n}", "ការពារកុមារ។ " * (n + 1) + f"ពាក្យ{n}។") for n in range(6)]
    kept, small = tmp_path / "kept", 300
    write_bundle(pages, tmp_path / "out", kept=kept, made_by="v1", chunk_bytes=small)
    chunks = sorted(f.name for f in (kept / "files" / "km").glob("*.bin") if "-" not in f.stem and f.stem != "meta")
    for folder in (kept / "files" / "km", tmp_path / "out" / "km"):
        (folder / chunks[0]).unlink()
    edited = [*pages[:5], _page_in("km", "km5", "ការពារកុមារ។ " * 6 + "ពាក្យថ្មី។")]
    write_bundle(edited, tmp_path / "out", kept=kept, made_by="v1", chunk_bytes=small)
    write_bundle(edited, tmp_path / "fresh", chunk_bytes=small)
    assert _files(tmp_path / "out") == _files(tmp_path / "fresh")


def test_postings_updated_for_the_edited_pages_are_the_postings_joined_again():
    texts = ["ការពារកុមារ។ " * (n + 1) + "ពិត។" for n in range(5)]
    texts[4] += " ស្រមោលតែមួយ។"  # words no other page has: their keys go when the edit removes them
    pages = [_page_in("km", f"p{n}", text) for n, text in enumerate(texts)]
    last = postings_state(pages, postings(pages))
    edited = list(pages)
    edited[1] = _page_in("km", "p1", "ថ្មី ពិត ការពារ។")  # some keys kept, some new
    edited[3] = _page_in("km", "p3", "ពាក្យថ្មីទាំងស្រុង។")  # every key new
    edited[4] = _page_in("km", "p4", texts[4].replace(" ស្រមោលតែមួយ។", ""))
    index, touched = updated_postings(edited, last)
    assert index == postings(edited)
    assert {k for k in set(index) | set(last["index"]) if index.get(k) != last["index"].get(k)} == touched
    assert updated_postings(pages, last) == (postings(pages), set())  # nothing changed
    # A page added or removed renumbers the pages after it: every key is joined again.
    assert updated_postings(edited[:4], last) is None


_WORDS = ["keep", "the", "evidence", "block", "report", "ការពារ", "កុមារ", "ពិត"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10), min_size=1, max_size=8),
    st.data(),
)
def test_postings_updated_after_any_edits_are_the_postings_joined_again(texts, data):
    pages = [_page_in("km", f"p{n}", " ".join(words) + "។") for n, words in enumerate(texts)]
    last = postings_state(pages, postings(pages))
    edited = list(pages)
    for n in data.draw(st.sets(st.integers(0, len(pages) - 1))):
        words = data.draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10))
        edited[n] = _page_in("km", f"p{n}", " ".join(words) + "។")
    index, touched = updated_postings(edited, last)
    assert index == postings(edited)
    assert touched == {k for k in set(index) | set(last["index"]) if index.get(k) != last["index"].get(k)}


def test_a_bundle_made_by_other_code_or_settings_is_never_reused(tmp_path):
    pages = [_page_in("km", "one", "ការពារកុមារ។"), _page_in("en", "two", "Keep the evidence.")]
    kept = tmp_path / "kept"
    write_bundle(pages, tmp_path / "first", kept=kept, made_by="v1")
    write_bundle(pages, tmp_path / "second", kept=kept, made_by="v2")
    for lang in ("km", "en"):
        assert not (tmp_path / "second" / lang / "meta.bin").samefile(tmp_path / "first" / lang / "meta.bin")
    assert _files(tmp_path / "second") == _files(tmp_path / "first")


def test_a_long_page_is_cut_into_pieces_at_token_boundaries():
    found = _indexed(ARTICLE_HTML.replace("អត្ថបទពិត។", "ការពារកុមារ។ " * 300))
    assert len(found.cuts) == (len(found.keys) - 1) // PIECE_POSITIONS
    starts = [t.start for t in tokens(found.text)]
    assert [starts[n] for n in range(PIECE_POSITIONS, len(starts), PIECE_POSITIONS)] == list(found.cuts)


# --- a fixture site built with search -------------------------------------------------------------------

MIDDLE = "មនុស្សដែលកំពុងគំរាមកំហែងអ្នក ទើបជាអ្នកធ្វើខុស។"
SITE_FILES = {
    "articles/km/children/sextortion.md": article(
        "ការគំរាមកំហែងផ្លូវភេទ", f"ពេលនោះ {MIDDLE} រក្សាទុកភស្តុតាង។", summary="សង្ខេប។", extra="Related: passwords"
    ),
    "articles/en/children/sextortion.md": article("Sextortion", "Keep the evidence. The threat is a crime."),
    "articles/km/parents/passwords.md": article("ពាក្យសម្ងាត់", "ពាក្យសម្ងាត់ល្អគឺវែង។", summary="សង្ខេប។", audience="parents"),
    "articles/en/parents/passwords.md": article("Passwords", "A good password is long.", audience="parents"),
    "pages/km/search.md": page("ស្វែងរក", "វាយពាក្យមួយ ឬពីរ។", "search"),
    "pages/en/search.md": page("Search", "Type a word or two.", "search"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site

    site = build_site(tmp_path_factory.mktemp("search"), SITE_FILES, settings=SEARCH_SETTINGS)
    assert site.returncode == 0, site.log
    return site


def _records(site) -> dict[str, dict]:
    return {record["url"]: record for record in read_pages(site.output / "search-index")}


def test_the_bundle_is_written_with_one_index_per_language_and_the_engine(built):
    bundle = built.output / "search-index"
    assert sorted(p.name for p in bundle.iterdir()) == sorted([engine_name(), "en", "km"])
    assert (bundle / engine_name()).read_bytes() == ENGINE.read_bytes()
    for lang in ("en", "km"):
        table = unpacked((bundle / lang / "meta.bin").read_bytes())
        assert len(table["p"]) >= 2 and table["s"] == PIECE_POSITIONS
        assert all((bundle / lang / f"{name}.bin").is_file() for name in table["f"])
        for path in (bundle / lang).iterdir():  # compressed by the build, without a time stamp
            data = path.read_bytes()
            assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0", path
    assert re.search(r"^Search: en \d+ pages .*; km \d+ pages .*bundle", built.log, re.M), built.log


def test_the_khmer_index_holds_a_word_from_the_middle_of_a_sentence(built):
    record = _records(built)["/sextortion/"]
    assert MIDDLE in record["text"]  # the excerpt reads like the page
    assert record["title"] == "ការគំរាមកំហែងផ្លូវភេទ" and record["audience"] == "កុមារ និងយុវវ័យ"
    folder = built.output / "search-index" / "km"
    merged: dict = {}
    for name in unpacked((folder / "meta.bin").read_bytes())["f"]:
        merged.update(unpacked((folder / f"{name}.bin").read_bytes()))
    assert {"កំ ហែ", "ហែ ង"} <= set(merged)


def test_only_the_pages_own_text_is_indexed(built):
    records = _records(built)
    pages = {"/sextortion/", "/passwords/", "/en/sextortion/", "/en/passwords/", "/help/", "/en/glossary/"}
    assert pages <= set(records)
    listings = ("/", "/en/", "/children/", "/en/parents/", "/privacy-guides/", "/404.html")
    for url in (*listings, "/search/", "/en/search/"):
        assert url not in records, url
    related = built.html("sextortion/index.html").select_one(".after h2").get_text()
    assert related not in records["/sextortion/"]["text"]  # "related pages" is not this page's text


def test_visible_pages_are_unchanged(built):
    soup = built.html("sextortion/index.html")
    paragraph = soup.select_one(".prose p").get_text()
    assert paragraph == f"ពេលនោះ {MIDDLE} រក្សាទុកភស្តុតាង។"


def test_only_search_pages_load_the_script_and_no_page_allows_webassembly(built):
    for rel in built.pages():
        soup = built.html(rel)
        scripts = [s["src"] for s in soup.find_all("script")]
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        is_search = rel in ("search/index.html", "en/search/index.html")
        assert any("/assets/js/search." in s for s in scripts) == is_search, rel
        assert "'wasm-unsafe-eval'" not in policy, rel
        assert "/search-index/" not in soup.decode() or is_search, rel


def test_the_search_page_lists_every_article_by_audience_without_javascript(built):
    soup = built.html("en/search/index.html")
    form = soup.find("form", attrs={"role": "search"})
    assert form["method"] == "get" and form.find("input", attrs={"type": "search", "name": "q"})
    assert soup.find("label", attrs={"for": form.find("input")["id"]}).get_text(strip=True)
    headings = {h.get_text(strip=True): h for h in soup.select("#all-pages ~ h3")}
    children = headings["Children and young people"].find_next_sibling("ul")
    assert [a["href"] for a in children.find_all("a")] == ["/en/sextortion/"]
    parents = headings["Parents and caregivers"].find_next_sibling("ul")
    assert [a["href"] for a in parents.find_all("a")] == ["/en/passwords/"]
    assert soup.select_one("#search-status")["aria-live"] == "polite"


def test_without_javascript_long_lists_stop_at_the_limit_and_link_to_the_hub(site):
    files = dict(SITE_FILES)
    for n in range(4):
        files[f"articles/en/children/more-{n}.md"] = article(f"More {n}", "Text.")
        files[f"articles/km/children/more-{n}.md"] = article(f"បន្ថែម {n}", "អត្ថបទ។")
    built = site(files, settings=SEARCH_SETTINGS + 'SEARCH = {**globals().get("SEARCH", {}), "fallback_items": 3}\n')
    assert built.returncode == 0, built.log
    soup = built.html("en/search/index.html")
    children = next(h for h in soup.select("#all-pages ~ h3") if h.get_text(strip=True) == "Children and young people")
    assert len(children.find_next_sibling("ul").find_all("a")) == 3
    more = children.find_next_sibling("p").a
    assert more["href"] == "/en/children/" and "All 5 pages of this list" in more.get_text()
    assert "ទំព័រទាំង ៥ នៃបញ្ជីនេះ" in built.html("search/index.html").get_text()


def test_the_search_page_gives_the_script_the_engine_and_the_cluster_expression(built):
    form = built.html("en/search/index.html").find("form", attrs={"data-search": True})
    assert form["data-cl"] == JS_CLUSTER and form["data-bundle"] == "/search-index/"
    assert form["data-engine"] == "/search-index/" + engine_name() and built.exists(form["data-engine"])


def test_the_engine_is_published_under_a_name_that_changes_with_its_content():
    assert engine_name() == f"engine.{hashlib.sha256(ENGINE.read_bytes()).hexdigest()[:10]}.js"


def test_the_search_page_strings_are_translated(built):
    form = built.html("search/index.html").find("form", attrs={"data-search": True})
    assert form["data-found"] == "ទំព័រដែលរកឃើញ៖ {n}"
    assert form["data-digits"] == "០១២៣៤៥៦៧៨៩"
    assert built.html("search/index.html").select_one("nav.site-nav [aria-current=page]").get_text() == "ស្វែងរក"


def test_a_missing_script_setting_stops_the_build_with_the_fix(tmp_path):
    from conftest import build_site

    settings = SEARCH_SETTINGS.replace('"js/quick-exit.js", "js/search.js"', '"js/quick-exit.js"')
    site = build_site(tmp_path, SITE_FILES, settings=settings)
    assert site.returncode == 1
    assert 'add it to THEME_ASSETS["hashed"]' in site.log


def test_a_bundle_written_again_into_its_folder_leaves_an_unchanged_language_in_place(tmp_path):
    km = [_page_in("km", f"km{n}", "ការពារកុមារ។ " * (n + 1)) for n in range(3)]
    en = [_page_in("en", f"en{n}", f"Keep the evidence {n}. " * 20) for n in range(3)]
    kept, out = tmp_path / "kept", tmp_path / "out"
    write_bundle(km + en, out, kept=kept, made_by="v1")
    (out / "stray.bin").write_bytes(b"left by someone")
    (out / "en" / "stray.bin").write_bytes(b"left by someone")
    untouched = (out / "km").stat().st_mtime_ns
    time.sleep(0.05)
    edited = [*en[:2], _page_in("en", "en2", "A new sentence about passwords. " * 20)]
    write_bundle(km + edited, out, kept=kept, made_by="v1")
    write_bundle(km + edited, tmp_path / "fresh")
    assert _files(out) == _files(tmp_path / "fresh")  # nothing stray is left
    assert (out / "km").stat().st_mtime_ns == untouched  # the unchanged language was not written again
    # A language folder someone changed in the output is written again from the kept copy.
    next(p for p in (out / "km").iterdir() if p.name != "meta.bin").unlink()
    again = [*edited[:2], _page_in("en", "en2", "Another sentence. " * 20)]
    write_bundle(km + again, out, kept=kept, made_by="v1")
    write_bundle(km + again, tmp_path / "fresh-2")
    assert _files(out) == _files(tmp_path / "fresh-2")
    # The kept copy holds exactly this build's files (the dropped ones removed, the new ones linked).
    for lang in ("km", "en"):
        assert _files(kept / "files" / lang) == _files(out / lang)


def test_an_edited_language_is_updated_in_its_folder_and_the_kept_copy_stays_whole(tmp_path):
    """After an edit in a build into the same folder, the edited language's folder keeps every file the edit
    did not change (same file, not removed and linked again), gets the new ones, loses the dropped ones,
    and equals a bundle written from nothing; the last build's kept copy is never written through."""
    en = [_page_in("en", f"en{n}", f"Keep the evidence {n}. " * 20) for n in range(4)]
    kept, out = tmp_path / "kept", tmp_path / "out"
    write_bundle(en, out, kept=kept, made_by="v1")
    before = {p.name: p.stat().st_ino for p in (out / "en").iterdir()}
    old_meta = (kept / "files" / "en" / "meta.bin").read_bytes()
    os.link(kept / "files" / "en" / "meta.bin", tmp_path / "held-meta.bin")  # the last build's file itself
    edited = [*en[:3], _page_in("en", "en3", "A new sentence about passwords. " * 20)]
    write_bundle(edited, out, kept=kept, made_by="v1")
    write_bundle(edited, tmp_path / "fresh")
    assert _files(out) == _files(tmp_path / "fresh")
    after = {p.name: p.stat().st_ino for p in (out / "en").iterdir()}
    stayed = [name for name in after if name in before and name != "meta.bin"]
    assert stayed and all(after[name] == before[name] for name in stayed)
    assert set(before) - set(after)  # the edited page's old pieces are gone
    assert _files(kept / "files" / "en") == _files(out / "en")
    # The new page table is a new file: the last build's (shared by the output and the kept copy) was
    # not written over, so a build stopped half-way never leaves the kept copy inconsistent.
    assert (tmp_path / "held-meta.bin").read_bytes() == old_meta != (out / "en" / "meta.bin").read_bytes()
