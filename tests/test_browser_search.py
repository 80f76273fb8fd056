"""Search in a real browser (Debian's Chromium) over the real content: Khmer and English queries, what loads when.

The real `content/` is built once for this module with the search plugin on, served on 127.0.0.1, and
searched the way a reader does: type in the form, press Search, read the results.
"""

from __future__ import annotations

import functools
import inspect
import queue
import re
import threading
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from browser import AXE_TAGS, BrowserUnavailable, LocalServer, axe_source, launch, new_context, run_axe
from conftest import ROOT, build_site
from test_search import SEARCH_SETTINGS

from search.extract import extract_page
from search.hooks import DEFAULTS
from search.index import read_pages
from search.segment import clusters

#: Pick words from the middle of sentences with the browser's own word segmenter (what a reader types).
MIDDLE_WORDS_JS = """(pages) => {
    const seg = new Intl.Segmenter("km", {granularity: "word"});
    const out = [];
    for (const [url, paragraphs] of pages) {
        for (const text of paragraphs) {
            const words = Array.from(seg.segment(text)).filter(s => s.isWordLike);
            // Not the first two words of a sentence, not the last one.
            for (let i = 2; i < words.length - 1; i++) {
                const before = text.slice(0, words[i].index);
                if (/[។៕?!:]\\s*$/.test(before) || /[។៕?!:]\\s*\\S*$/.test(before.slice(-12))) continue;
                out.push([url, words[i].segment]);
            }
        }
    }
    return out;
}"""
DONE_JS = (
    "() => { const s = document.getElementById('search-status').textContent; "
    "return s && s !== document.querySelector('form[data-search]').dataset.searching; }"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {
        path.relative_to(ROOT / "content").as_posix(): path.read_bytes()
        for path in (ROOT / "content").rglob("*")
        if path.is_file()
    }
    built = build_site(tmp_path_factory.mktemp("search-real"), files, settings=SEARCH_SETTINGS, base_pages=False)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def server(site):
    with LocalServer(site.output) as running:
        yield running


class Chromium:
    """Debian's Chromium driven from a thread of its own.

    Playwright's sync API runs one browser session per thread; the accessibility tests keep theirs
    open for the whole pytest session, so this module drives its own from another thread and hands
    each check to it (`run`). An assertion that fails there is raised here, with its traceback.
    """

    def __init__(self):
        self.calls: queue.Queue = queue.Queue()
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._main, name="chromium-search", daemon=True)
        self.thread.start()
        self.ready.wait(120)

    def _main(self) -> None:
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = launch(playwright)
                self.ready.set()
                while (call := self.calls.get()) is not None:
                    check, args, done = call
                    try:
                        done.put((True, check(browser, *args)))
                    except BaseException as exc:  # handed to the test's own thread
                        done.put((False, exc))
                browser.close()
        except BaseException as exc:  # Playwright or Chromium missing: every test reports it
            self.error = exc
            self.ready.set()

    def run(self, check, *args):
        if self.error is not None:
            raise self.error
        done: queue.Queue = queue.Queue()
        self.calls.put((check, args, done))
        ok, value = done.get(timeout=600)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self.calls.put(None)
        self.thread.join(60)


@pytest.fixture(scope="module")
def chromium():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("Playwright is missing: .venv/bin/pip install -r requirements-test.txt", pytrace=False)
    driver = Chromium()
    if isinstance(driver.error, BrowserUnavailable):
        pytest.fail(str(driver.error), pytrace=False)
    yield driver
    driver.close()


def in_chromium(test):
    """Run the test's body in Chromium's thread; its `tab` (a fresh page) or `browser` argument is made there."""
    signature = inspect.signature(test)
    wants_tab = "tab" in signature.parameters
    others = [p for name, p in signature.parameters.items() if name not in ("tab", "browser")]

    def check(browser, kwargs):
        if not wants_tab:
            return test(browser=browser, **kwargs)
        with open_tab(browser, kwargs["server"]) as tab:
            return test(tab=tab, **kwargs)

    @functools.wraps(test)
    def wrapper(chromium, **kwargs):
        return chromium.run(check, kwargs)

    chromium_param = inspect.Parameter("chromium", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    wrapper.__signature__ = signature.replace(parameters=[chromium_param, *others])
    return wrapper


@contextmanager
def open_tab(browser, server, **options):
    """A fresh page; `tab.requests` lists every URL it asked for, `tab.errors` console errors."""
    context, _offsite = new_context(browser, server.base_url, **options)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


def search(tab, server, query: str, lang: str = "km") -> list[dict]:
    """Type `query` on the search page of `lang`, press Search; the results as the reader sees them."""
    target = server.url("en/search/index.html" if lang == "en" else "search/index.html")
    if tab.url.split("?")[0] != target:
        tab.goto(target)
    tab.fill("#search-q", query)
    tab.evaluate("() => { document.getElementById('search-status').textContent = ''; }")
    tab.click("form[data-search] button")
    tab.wait_for_function(DONE_JS, timeout=20_000)
    return tab.eval_on_selector_all(
        "#search-results li",
        """items => items.map(li => ({href: li.querySelector("a").getAttribute("href"),
            title: li.querySelector("a").textContent, audience: li.querySelector(".meta").textContent,
            excerpt: li.lastElementChild.textContent,
            marked: [...li.querySelectorAll("mark")].map(m => m.textContent)}))""",
    )


def page_text(site, rel: str) -> str:
    """The text of the page a reader sees, less the parts the index leaves out (menus, sources ...)."""
    found = extract_page((site.output / rel).read_text(encoding="utf-8"), rel, DEFAULTS)
    return re.sub(r"\s+", " ", found.body.text_content()).replace(".", "")


@in_chromium
def test_khmer_words_from_the_middle_of_sentences_find_their_page(site, server, tab):
    """Words a reader would type, cut by Chromium's segmenter, each found on exactly one page: it comes first."""
    km = {r["url"]: r["text"] for r in read_pages(site.output / "search-index") if r["lang"] == "km"}
    pages = []
    for url in sorted(km):
        soup = site.html(url.lstrip("/") + "index.html")
        pages.append([url, [p.get_text() for p in soup.select(".prose p")]])
    tab.goto(server.url("search/index.html"))
    candidates = tab.evaluate(MIDDLE_WORDS_JS, pages)
    unique = []
    for url, word in candidates:
        if len(clusters(word)) >= 3 and [u for u, text in km.items() if word in text] == [url]:
            unique.append((url, word))
    chosen = unique[:: max(1, len(unique) // 12)][:12]
    assert len(chosen) >= 8, f"too few words found only on one page: {unique[:20]}"
    missed = []
    for url, word in chosen:
        results = search(tab, server, word)
        if not results or results[0]["href"] != url:
            missed.append((word, url, [r["href"] for r in results]))
    assert not missed, f"searched {chosen}; not found first: {missed}"


@pytest.mark.parametrize(
    ("query", "lang", "page", "why"),
    [
        ("កំហែង", "km", "sextortion/index.html", "only inside the longer word ការគំរាមកំហែង"),
        ("ពាក្យសម្ងាត់", "km", "keeping-personal-information-private/index.html", "two words typed without a space"),
        ("ពាក្យសម្ងាត់ រឹងមាំ", "km", "keeping-personal-information-private/index.html", "two words apart"),
        ("passwords", "en", "en/keeping-personal-information-private/index.html", "plural of a word on the page"),
        ("sextortion", "en", "en/sextortion/index.html", "the page's subject"),
    ],
)
@in_chromium
def test_named_queries_return_the_expected_page(site, server, tab, query, lang, page, why):
    text = page_text(site, page)
    for word in query.split():
        assert word.rstrip("s") in text[40:], f"content changed: {word!r} is no longer in the middle of {page}"
    results = search(tab, server, query, lang)
    hrefs = [r["href"] for r in results]
    assert "/" + page.removesuffix("index.html") in hrefs, f"{query!r} ({why}): got {hrefs}"
    assert all(r["title"] and r["excerpt"] for r in results)


@in_chromium
def test_the_excerpt_reads_like_the_page(site, server, tab):
    """Each excerpt is the page's own text, with the word searched for marked."""
    results = search(tab, server, "កំហែង")
    assert results
    for result in results:
        shown = re.sub(r"\s+", "", result["excerpt"].replace("…", ""))
        text = re.sub(r"\s+", "", page_text(site, result["href"].lstrip("/") + "index.html"))
        assert shown and shown in text, f"{result['href']}: {shown!r}"
        assert result["marked"] == ["កំហែង"]


@pytest.mark.parametrize(
    ("query", "lang", "page", "written"),
    [
        ("១២៨០", "km", "help/index.html", "1280"),
        ("១២៨០", "en", "en/help/index.html", "1280"),
        ("2008", "km", "cambodian-law-on-ocse/index.html", "២០០៨"),
        ("២០០៨", "en", "en/cambodian-law-on-ocse/index.html", "2008"),
    ],
)
@in_chromium
def test_khmer_and_latin_digits_find_each_other(site, server, tab, query, lang, page, written):
    """A number typed in Khmer digits finds it written in Latin digits, and the other way round."""
    text = page_text(site, page)
    assert written in text and query not in text, f"content changed: {page} no longer writes {written} only"
    results = search(tab, server, query, lang)
    found = [r for r in results if r["href"] == "/" + page.removesuffix("index.html")]
    assert found, f"{query!r} on the {lang} search page: got {[r['href'] for r in results]}"
    assert found[0]["marked"] == [written]  # the passage shows the number as the page writes it


@in_chromium
def test_results_name_the_audience_in_the_page_language(server, tab):
    results = search(tab, server, "ពាក្យសម្ងាត់")
    assert {"ឪពុកម្តាយ និងអ្នកថែទាំ", "កុមារ និងយុវវ័យ"} & {r["audience"] for r in results}


@in_chromium
def test_article_pages_load_nothing_of_the_search(server, tab):
    for rel in ("sextortion/index.html", "en/sextortion/index.html", "index.html"):
        tab.goto(server.url(rel))
        tab.wait_for_load_state("networkidle")
        loaded = [url for url in tab.requests if "/search-index/" in url or "/assets/js/search." in url]
        assert not loaded, f"{rel} requested {loaded}"
        assert tab.query_selector("nav.site-nav a[href$='/search/']"), f"{rel}: no Search link in the menu"


@in_chromium
def test_the_search_page_downloads_the_index_only_when_someone_searches(server, tab):
    tab.goto(server.url("search/index.html"))
    tab.wait_for_load_state("networkidle")
    assert any("/assets/js/search." in url for url in tab.requests)
    assert not [url for url in tab.requests if "/search-index/" in url]
    results = search(tab, server, "កុមារ")
    loaded = [url.split("/search-index/", 1)[1] for url in tab.requests if "/search-index/" in url]
    assert loaded[0].startswith("engine.") and loaded[1] == "km/meta.bin", loaded
    pieces = [name for name in loaded if re.fullmatch(r"km/[0-9a-f]{10}-\d+\.bin", name)]
    assert results and len(pieces) == len(results)  # one piece of text per result shown, no more
    assert not tab.errors, tab.errors  # the page's policy lets the engine run, and nothing else failed


@in_chromium
def test_a_link_with_a_query_searches_at_once(server, tab):
    tab.goto(server.url("en/search/index.html") + "?q=" + quote("grooming"))
    tab.wait_for_function(DONE_JS, timeout=20_000)
    assert tab.input_value("#search-q") == "grooming"
    assert tab.eval_on_selector_all("#search-results li a", "links => links.length") > 0


@in_chromium
def test_an_unknown_word_says_so(server, tab):
    assert search(tab, server, "zzqxw", "en") == []
    assert "No page has all of these words" in tab.text_content("#search-status")
    assert tab.is_hidden("#search-results")


@in_chromium
def test_without_javascript_the_search_page_leads_to_every_page_the_search_finds(browser, server, site):
    """Each indexed page is in the list, or in an audience whose list stops at the limit and links to its hub."""
    indexed = read_pages(site.output / "search-index")
    context, _offsite = new_context(browser, server.base_url, java_script_enabled=False)
    page = context.new_page()
    for lang, rel in (("km", "search/index.html"), ("en", "en/search/index.html")):
        page.goto(server.url(rel))
        links = set(page.eval_on_selector_all("#all-pages ~ ul a", "links => links.map(a => a.getAttribute('href'))"))
        hubs = set(page.eval_on_selector_all("#all-pages ~ p a", "links => links.map(a => a.getAttribute('href'))"))
        missing = []
        for record in (r for r in indexed if r["lang"] == lang):
            audiences = {
                a["href"] for a in site.html(record["url"].lstrip("/") + "index.html").select("article > .meta a")
            }
            if record["url"] not in links and not audiences & hubs:
                missing.append(record["url"])
        assert len(indexed) > 40 and not missing, f"{rel}: not reachable from the list: {missing}"
        assert page.is_visible("noscript p, .notice")
    context.close()


@in_chromium
def test_the_search_page_with_results_passes_axe(browser, server):
    context, _offsite = new_context(browser, server.base_url, axe=axe_source(), viewport={"width": 360, "height": 740})
    page = context.new_page()
    for rel, query in (("search/index.html", "រាយការណ៍"), ("en/search/index.html", "report")):
        page.goto(server.url(rel) + "?q=" + quote(query))
        page.wait_for_function(DONE_JS, timeout=20_000)
        violations = run_axe(page, AXE_TAGS)["violations"]
        assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations]
    context.close()


@in_chromium
def test_when_the_index_cannot_load_the_page_says_so_and_keeps_the_list(server, tab):
    tab.route("**/search-index/**", lambda route: route.abort())
    tab.goto(server.url("en/search/index.html"))
    tab.fill("#search-q", "report")
    tab.click("form[data-search] button")
    tab.wait_for_function(DONE_JS, timeout=20_000)
    assert "Search could not start" in tab.text_content("#search-status")
    assert tab.is_visible("#all-pages ~ ul a")
