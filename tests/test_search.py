"""Search: Khmer cut into character clusters for the index, page text extraction, and the bundle a build writes."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, article, page
from hypothesis import given
from hypothesis import strategies as st

from search.extract import extract_page
from search.hooks import DEFAULTS
from search.index import index_document, read_fragments
from search.segment import (
    END,
    JS_CLUSTER,
    MARK,
    MARKS,
    OFFSET,
    clusters,
    decode,
    encode,
    restore,
    segment_text,
    segment_texts,
)

#: Enables the plugin in a fixture site the way pelicanconf.py will (idempotent once it is there).
SEARCH_SETTINGS = """\
if "search" not in PLUGINS:
    PLUGINS = [*PLUGINS[: PLUGINS.index("host_files")], "search", *PLUGINS[PLUGINS.index("host_files") :]]
THEME_ASSETS = {"hashed": ["js/quick-exit.js", "js/search.js"]}
"""

# --- character clusters -----------------------------------------------------------------------------


def test_clusters_keep_subscripts_and_vowels_with_their_consonant():
    assert clusters("ការគំរាមកំហែង") == ["កា", "រ", "គំ", "រា", "ម", "កំ", "ហែ", "ង"]
    assert clusters("ស្ត្រី") == ["ស្ត្រី"]  # two subscripts and a vowel: one cluster
    assert clusters("ឆ្នាំ ២០២១។") == ["ឆ្នាំ", "២០២១", "។"]  # digits stay one number; punctuation apart


def test_zero_width_spaces_inside_khmer_are_dropped_from_the_index():
    assert clusters("ការ\u200bគំរាម") == ["កា", "រ", "គំ", "រា", "ម"]


def test_a_word_from_the_middle_of_a_sentence_is_a_run_of_index_words():
    sentence = "មនុស្សដែលកំពុងគំរាមកំហែងអ្នក ទើបជាអ្នកធ្វើខុស។"
    indexed = segment_text(sentence).split()
    word = [encode(c) for c in clusters("កំហែង")]
    assert any(indexed[i : i + len(word)] == word for i in range(len(indexed))), indexed


def test_no_indexed_cluster_is_the_start_of_another():
    """Pagefind matches a term as the start of longer words: `រ` must not find `រុ`, nor `រុ` find `រុំ`."""
    words = {encode(c) for c in clusters("រ រុ រុំ រៀន ស្ត្រី ស ប បា ក្លែង")}
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]
    assert not [w for w in words if re.search(f"[{MARKS}]", w)]  # Pagefind would strip these marks
    assert all(decode(encode(c)) == c for c in clusters("រុំ ស្ត្រី ៗ ២០២១ ។"))


def test_the_pages_own_space_is_marked_and_inserted_spaces_are_not():
    assert decode(segment_text("ពាក្យ ខ្មែរ")) == f"ពា ក្យ {MARK}ខ្មែ រ"
    assert decode(segment_text("APLE បាន")) == "APLE បា ន"  # a space next to Latin is plain text, no mark needed


def test_a_khmer_word_split_by_a_link_still_gets_a_space_between_its_halves():
    nodes = segment_texts(["មនុស្សមិនស្គាល់ ដែល", "ក្លែងខ្លួន", "ថាមាន"])
    assert len(nodes) == 3
    joined = decode("".join(nodes))
    assert "លក្លែ" not in joined and "នថា" not in joined  # no two clusters glued across the link
    assert restore(joined) == "មនុស្សមិនស្គាល់ ដែលក្លែងខ្លួនថាមាន"


_KHMER_WORDS = st.sampled_from(["ការ", "គំរាម", "ស្ត្រី", "ឆ្នាំ", "២០២១", "។", "កុមារ", "ៗ", "អ៊ីនធឺណិត"])
_OTHER_WORDS = st.sampled_from(["APLE", "(sextortion)", "1280", "TikTok។", "«", "»", "-"])
_SPACES = st.sampled_from(["", " ", "  ", "\n"])


@given(st.lists(st.tuples(st.one_of(_KHMER_WORDS, _OTHER_WORDS), _SPACES), min_size=1, max_size=12))
def test_the_page_text_comes_back_exactly_from_the_index_text(parts):
    text = "".join(word + space for word, space in parts)
    assert restore(segment_text(text)) == re.sub(r"\s+", " ", text)


def test_search_js_writes_query_terms_as_the_index_does():
    script = (ROOT / "theme" / "static" / "js" / "search.js").read_text(encoding="utf-8")
    escaped = MARKS.encode("unicode_escape").decode()
    assert f"[{escaped}]/g, (m) => String.fromCharCode(m.charCodeAt() - {OFFSET})" in script
    assert f"\\u{ord(END):04x}" in script and f"m.charCodeAt() + {OFFSET}" in script


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
    text = found.body.get_text()
    assert "អត្ថបទពិត" in text and "ចំណងជើង" in text
    for noise in ("ទំព័រដើម", "1280", "ពិនិត្យ", "តំណក្នុងទំព័រ", "ប្រភព", "ទំព័រពាក់ព័ន្ធ", "អំពី"):
        assert noise not in text, noise


def test_listing_pages_without_the_editors_text_are_not_indexed():
    listing = ARTICLE_HTML.replace('<div class="prose">', '<div class="cards">')
    assert extract_page(listing, "children/index.html", DEFAULTS) is None


def test_index_document_carries_the_written_title_and_a_segmented_body():
    found = extract_page(ARTICLE_HTML, "sextortion/index.html", DEFAULTS)
    document = BeautifulSoup(index_document(found), "html.parser")
    assert document.html["lang"] == "km"
    assert document.find("meta", attrs={"data-pagefind-meta": "title[content]"})["content"] == "ចំណងជើង អត្ថបទ"
    assert document.find("meta", attrs={"data-pagefind-meta": "audience[content]"})["content"] == (
        "កុមារ និងយុវវ័យ, ឪពុកម្តាយ"
    )
    assert "អ ត្ថ ប ទ ពិ ត ។" in decode(document.body.get_text())


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
    return {record["url"]: record for record in read_fragments(site.output / "pagefind")}


def test_the_bundle_is_written_with_one_index_per_language_and_nothing_unused(built):
    bundle = built.output / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"km", "en"}
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.*.pagefind"))
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-worker.js").exists()
    assert re.search(r"^Search: en \d+ pages .*; km \d+ pages .*bundle", built.log, re.M), built.log


def test_the_khmer_index_holds_a_word_from_the_middle_of_a_sentence(built):
    record = _records(built)["/sextortion/"]
    words = record["content"].split()
    target = [encode(c) for c in clusters("កំហែង")]
    assert any(words[i : i + len(target)] == target for i in range(len(words)))
    assert MIDDLE in restore(record["content"])  # the excerpt reads like the page
    assert record["meta"] == {"title": "ការគំរាមកំហែងផ្លូវភេទ", "audience": "កុមារ និងយុវវ័យ"}


def test_only_the_pages_own_text_is_indexed(built):
    records = _records(built)
    pages = {"/sextortion/", "/passwords/", "/en/sextortion/", "/en/passwords/", "/help/", "/en/glossary/"}
    assert pages <= set(records)
    listings = ("/", "/en/", "/children/", "/en/parents/", "/privacy-guides/", "/404.html")
    for url in (*listings, "/search/", "/en/search/"):
        assert url not in records, url
    related = built.html("sextortion/index.html").select_one(".after h2").get_text()
    assert related not in restore(records["/sextortion/"]["content"])  # "related pages" is not this page's text


def test_visible_pages_are_unchanged(built):
    soup = built.html("sextortion/index.html")
    paragraph = soup.select_one(".prose p").get_text()
    assert paragraph == f"ពេលនោះ {MIDDLE} រក្សាទុកភស្តុតាង។"
    for rel in built.pages():
        assert MARK not in (built.output / rel).read_text(encoding="utf-8"), rel


def test_only_search_pages_load_the_script_and_allow_webassembly(built):
    for rel in built.pages():
        soup = built.html(rel)
        scripts = [s["src"] for s in soup.find_all("script")]
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        is_search = rel in ("search/index.html", "en/search/index.html")
        assert any("/assets/js/search." in s for s in scripts) == is_search, rel
        assert ("'wasm-unsafe-eval'" in policy) == is_search, rel
        assert "/pagefind/" not in soup.decode() or is_search, rel


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


def test_the_search_page_gives_the_script_the_index_cluster_expression(built):
    form = built.html("en/search/index.html").find("form", attrs={"data-search": True})
    assert form["data-cl"] == JS_CLUSTER and form["data-bundle"] == "/pagefind/"


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


def test_pagefind_entry_file_lists_languages_in_a_fixed_order(tmp_path):
    from search.index import normalise_entry

    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1.5.2","languages":{"km":{"page_count":2},"en":{"page_count":1}}}', "utf-8")
    normalise_entry(entry)
    assert entry.read_text("utf-8") == '{"version":"1.5.2","languages":{"en":{"page_count":1},"km":{"page_count":2}}}'
