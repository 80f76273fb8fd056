"""Build tests of the two-language site: lang attributes, hreflang pairs, the switch, listings, errors."""

import gzip
import re

import pytest
from conftest import article


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site

    files = {
        "articles/km/children/grooming.md": article("ការលួងលោម", "អត្ថបទ។", summary="សង្ខេប។"),
        "articles/en/children/grooming.md": article("Grooming", "Text.", extra="Related: only-english"),
        "articles/en/parents/only-english.md": article("Only in English", "Text.", audience="parents"),
        "articles/km/guides/if-asked.md": article("ប្រសិនបើ", "ជំហាន។", extra="Type: what-to-do"),
        "articles/en/guides/if-asked.md": article("If asked", "Steps.", extra="Type: what-to-do"),
    }
    site = build_site(tmp_path_factory.mktemp("i18n"), files)
    assert site.returncode == 0, site.log
    return site


def test_every_page_says_its_language(built):
    for rel in built.pages():
        lang = built.html(rel).html["lang"]
        assert lang == ("en" if rel.startswith("en/") else "km"), rel


def test_hreflang_alternates_exist_and_point_back(built):
    checked = 0
    for rel in built.pages():
        soup = built.html(rel)
        for link in soup.select('link[rel="alternate"][hreflang]'):
            if link["hreflang"] == "x-default":
                continue
            assert built.exists(link["href"]), f"{rel}: {link['href']}"
            target = built.html(_file_of(link["href"]))
            back = {a["hreflang"]: a["href"] for a in target.select('link[rel="alternate"][hreflang]')}
            assert back.get(soup.html["lang"]) == "/" + _url_of(rel), f"{link['href']} does not link back to {rel}"
            checked += 1
    assert checked > 10


def test_language_switch_lands_on_the_same_page(built):
    km = built.html("grooming/index.html").select_one(".lang-switch a")
    assert km["href"] == "/en/grooming/" and km["lang"] == "en"
    en = built.html("en/grooming/index.html").select_one(".lang-switch a")
    assert en["href"] == "/grooming/" and en["lang"] == "km" and en.get_text() == "ខ្មែរ"


def test_language_switch_without_translation_goes_home_and_says_so(built):
    soup = built.html("en/only-english/index.html")
    switch = soup.select_one(".lang-switch")
    assert switch.a["href"] == "/"
    assert "not translated yet" in switch.get_text()
    assert not soup.select('link[rel="alternate"][hreflang]')


def test_every_switch_target_exists(built):
    for rel in built.pages():
        for a in built.html(rel).select(".lang-switch a"):
            assert built.exists(a["href"]), f"{rel}: {a['href']}"


def test_no_dot_segments_in_any_url(built):
    for rel in built.pages():
        text = (built.output / rel).read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src)="[^"]*/\.\.?/', text), rel


def test_each_language_has_home_hubs_and_404(built):
    for prefix in ("", "en/"):
        for page in (
            "index.html",
            "children/index.html",
            "parents/index.html",
            "practitioners/index.html",
            "404.html",
        ):
            assert (built.output / prefix / page).is_file(), prefix + page
    assert built.html("index.html").h1.get_text().startswith("នៅ")
    assert built.html("en/index.html").select_one("nav a").get_text() == "Home"
    assert built.html("en/404.html").h1.get_text() == "Page not found"
    assert built.html("404.html").h1.get_text() == "រកទំព័រនេះមិនឃើញ"


def test_home_page_reaches_each_hub_in_one_tap(built):
    links = {a["href"] for a in built.html("en/index.html").select(".cards a")}
    assert links == {"/en/children/", "/en/parents/", "/en/practitioners/"}


def test_hubs_list_their_articles_in_their_language(built):
    km = [a.get_text() for a in built.html("children/index.html").select(".item-list a")]
    en = [a.get_text() for a in built.html("en/children/index.html").select(".item-list a")]
    assert "ការលួងលោម" in km and "Grooming" not in km
    assert "Grooming" in en and "If asked" in en
    assert [a.get_text() for a in built.html("en/parents/index.html").select(".item-list a")] == ["Only in English"]


def test_khmer_dates_use_khmer_digits(built):
    time = built.html("grooming/index.html").select_one("article .meta time")
    assert time.get_text() == "២២ វិច្ឆិកា ២០២៦"
    assert time["datetime"] == "2026-11-22"


def test_related_pages_are_listed_in_the_same_language(built):
    after = built.html("en/grooming/index.html").select_one(".after")
    assert after.find("a", string="Only in English")["href"] == "/en/only-english/"


def test_feeds_and_sitemap_per_language(built):
    assert "Grooming" in (built.output / "en/feeds/atom.xml").read_text(encoding="utf-8")
    assert "ការលួងលោម" in (built.output / "feeds/atom.xml").read_text(encoding="utf-8")
    sitemap = (built.output / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="en" href="/en/grooming/"' in sitemap
    assert "404" not in sitemap


def test_unknown_language_stops_the_build_naming_the_file(site):
    result = site(
        {
            "articles/fr/children/bonjour.md": article("Bonjour"),
            "articles/en/children/bonjour.md": article("Hello"),
        }
    )
    assert result.returncode != 0
    assert "content/articles/fr/children/bonjour.md: language 'fr' is not one of the site's languages" in result.log
    assert not (result.output / "en" / "bonjour" / "index.html").exists()


def test_unknown_related_slug_stops_the_build(site):
    result = site({"articles/en/children/a.md": article("A", extra="Related: no-such-page")})
    assert result.returncode != 0
    assert "content/articles/en/children/a.md:6: Related: no page has the slug 'no-such-page'" in result.log


def _url_of(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _file_of(url: str) -> str:
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or path == "" else path


def test_long_hubs_are_split_into_pages_that_link_each_other_and_their_translation(site):
    files = {}
    for n in range(5):
        files[f"articles/km/children/topic-{n}.md"] = article(f"ប្រធានបទ {n}", "អត្ថបទ។", summary="សង្ខេប។")
        if n < 3:  # English has fewer articles: its hub has fewer pages
            files[f"articles/en/children/topic-{n}.md"] = article(f"Topic {n}", "Text.")
    built = site(files, settings='I18N = {**I18N, "hub_page_size": 2}')
    assert built.returncode == 0, built.log
    assert [len(built.html(p).select("main .item-list li")) for p in (
        "children/index.html", "children/page/2/index.html", "children/page/3/index.html"
    )] == [2, 2, 1]  # fmt: skip
    assert not (built.output / "children/page/4/index.html").exists()
    second = built.html("children/page/2/index.html")
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "/children/"
    assert second.select_one('.pagination a[rel="next"]')["href"] == "/children/page/3/"
    assert "២" in second.title.get_text()  # unique title, Khmer digits
    assert second.select_one('link[hreflang="en"]')["href"] == "/en/children/page/2/"
    # Page 3 exists only in Khmer: no alternate, and the switch says there is no translation.
    third = built.html("children/page/3/index.html")
    assert third.select_one('link[hreflang="en"]') is None
    assert third.select_one(".lang-switch a")["href"] == "/en/"
    assert built.html("en/children/page/2/index.html").select_one('link[hreflang="km"]')["href"] == "/children/page/2/"


def test_a_hidden_article_is_written_with_its_language_but_listed_nowhere(site):
    result = site(
        {
            "articles/en/children/shown.md": article("Shown"),
            "articles/en/children/quiet.md": article("Quiet", extra="Status: hidden"),
        }
    )
    assert result.returncode == 0, result.log
    quiet = (result.output / "en" / "quiet" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in quiet
    hub = (result.output / "en" / "children" / "index.html").read_text(encoding="utf-8")
    assert "/en/shown/" in hub and "/en/quiet/" not in hub
    # Nor in the site's search: its index names the shown page only.
    bundle = result.output / "search-index" / "en"
    texts = b"".join(gzip.decompress(p.read_bytes()) for p in bundle.glob("*.bin"))
    assert b"/en/shown/" in texts and b"/en/quiet/" not in texts
