"""Reach: link-preview tags, favicon and robots.txt (site_meta), printable leaflets (leaflets), print styles."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from conftest import ROOT, article

from leaflets.generator import fill
from leaflets.plan import LeafletError, expected_qr_urls, plan_leaflets
from leaflets.qr import qr_codes, qr_svg
from leaflets.steps import intro, key_steps, read_guide, step_lead
from site_meta.files import card_problems, favicon_href, png_size, robots_txt
from sitekit.html import parse_fragment

LANGUAGES = {"km": {"name": "ខ្មែរ", "prefix": ""}, "en": {"name": "English", "prefix": "en"}}
LOCALES = {"km": "km_KH", "en": "en_US"}
CARD_MAX = 40 * 1024
SITE = "https://onlinesafety.example.org"


def png(width: int, height: int, extra: int = 0) -> bytes:
    """A PNG header big enough for png_size (the checks read only the IHDR chunk and the length)."""
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big")
    return header + b"\x00" * (5 + extra)


# --- site_meta: pure helpers ---------------------------------------------------------------------------


def test_png_size_reads_the_header_and_rejects_other_files():
    assert png_size(png(1200, 630)) == (1200, 630)
    assert png_size(b"GIF89a" + b"\x00" * 30) is None


def test_card_checks_name_the_file_and_say_what_to_do():
    assert card_problems("img/card.png", png(1200, 630), 40) == []
    assert "1200x630" in card_problems("img/card.png", png(300, 200), 40)[0]
    assert "1.91:1" in card_problems("img/card.png", png(1200, 1200), 40)[0]
    (too_big,) = card_problems("img/card.png", png(1200, 630, extra=41 * 1024), 40)
    assert too_big.startswith("img/card.png:") and "40 KB" in too_big
    assert "not a PNG" in card_problems("img/card.jpg", b"\xff\xd8\xff" + b"\x00" * 40, 40)[0]


def test_favicon_data_url_is_a_valid_attribute_value_and_decodes_to_the_svg():
    svg = (
        '<?xml version="1.0"?>\n<!-- icon -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n'
        '  <path d="M0 0h8" fill="#0d6b4c"/>\n</svg>\n'
    )
    href = favicon_href(svg)
    assert href.startswith("data:image/svg+xml,")
    assert not re.search(r'[\s"<>#]', href), href  # nothing a URL or a double-quoted attribute may not hold
    decoded = unquote(href.split(",", 1)[1])
    assert (
        decoded == "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'><path d='M0 0h8' fill='#0d6b4c'/></svg>"
    )


def test_robots_names_the_sitemap_only_with_an_absolute_address():
    published = robots_txt(SITE + "/", "sitemap.xml")
    assert "User-agent: *\nDisallow:\n" in published
    assert f"\nSitemap: {SITE}/sitemap.xml\n" in published
    local = robots_txt("", "sitemap.xml")
    assert "Sitemap:" not in local.replace("# The published build", "")
    assert not re.search(r"^Sitemap:", robots_txt(SITE, None), re.M)


# --- leaflets: pure helpers ----------------------------------------------------------------------------

GUIDE_HTML = """<p>It is <em>not</em> your fault.</p>
<h2 id="what-to-do-now">What to do now</h2>
<ol>
<li><strong>Say no.</strong> You never have to send a photo.</li>
<li><strong>Save <a class="term" href="/en/glossary/#evidence">proof</a>.</strong> Take a screenshot.</li>
<li>Tell an adult you trust.<ol><li>nested, part of step 3</li></ol></li>
</ol>
<ol start="4"><li><p><strong>Report it.</strong> In the app.</p></li></ol>
<h2>What not to do</h2>
<ul><li>Do not pay.</li></ul>
<h2>Afterwards</h2>
<p>Some text first.</p>
<ol><li><strong><span lang="km">ជំនួយ</span> helps.</strong> Call.</li></ol>
"""


def test_key_steps_are_the_top_level_numbered_lists_with_their_headings():
    steps = key_steps(GUIDE_HTML)
    assert [s.heading for s in steps] == ["What to do now", "", "Afterwards"]
    assert steps[0].html.startswith("<ol>") and "nested, part of step 3" in steps[0].html
    assert steps[1].html.startswith('<ol start="4">')
    assert steps[0].leads == (
        "Say no.",
        'Save <a class="term" href="/en/glossary/#evidence">proof</a>.',
        "Tell an adult you trust.<ol><li>nested, part of step 3</li></ol>",
    )
    assert steps[1].leads == ("Report it.",)
    assert steps[2].leads == ('<span lang="km">ជំនួយ</span> helps.',)
    assert key_steps("<p>No list.</p><ul><li>a</li></ul>") == []


def test_step_lead_is_the_opening_bold_phrase_only_when_it_opens_the_step():
    li = parse_fragment("<ol><li>Call <strong>1280</strong> now.</li></ol>").find(".//li")
    assert step_lead(li) == "Call <strong>1280</strong> now."
    loose = parse_fragment("<ol><li>\n<p><strong>Report it.</strong> In the app.</p></li></ol>").find(".//li")
    assert step_lead(loose) == "Report it."


def test_steps_keep_the_guides_own_html():
    """Attributes in the order the guide wrote them, `&` escaped once, void elements as HTML writes them."""
    html = '<ol><li><a href="/x/" class="term" rel="noopener">Tom &amp; Jerry</a><br>next</li></ol>'
    assert key_steps(html)[0].html == html
    assert read_guide("").steps == [] and read_guide("").intro is None


def test_intro_is_the_opening_paragraph_before_any_heading():
    assert intro(GUIDE_HTML) == "It is <em>not</em> your fault."
    assert intro("<h2>Steps</h2><p>Later text.</p>") is None


def test_a_guide_read_once_gives_the_same_steps_and_intro_as_each_read_alone():
    guide = read_guide(GUIDE_HTML)
    assert guide.steps == key_steps(GUIDE_HTML) and guide.intro == intro(GUIDE_HTML)
    assert read_guide("<h2>Steps</h2><p>x</p>").intro is None


def test_qr_svg_is_hidden_from_screen_readers_and_needs_no_style_attribute():
    svg = qr_svg(f"{SITE}/en/children/")
    assert svg.startswith('<svg class="qr" aria-hidden="true" viewBox="0 0 ')
    assert "style=" not in svg and "<script" not in svg and "xmlns" not in svg
    assert qr_svg(f"{SITE}/en/children/") == svg  # the same bytes in every build


def _article(lang, slug, audiences, type_="article"):
    url = f"{slug}/" if lang == "km" else f"en/{slug}/"
    # `metadata` as Pelican read it; `audiences` and `type` as the i18n plugin then sets them.
    metadata = {"audience": ", ".join(audiences)} | ({"type": type_} if type_ != "article" else {})
    return SimpleNamespace(lang=lang, slug=slug, url=url, audiences=audiences, type=type_, metadata=metadata)


CONFIG = {
    "path": "leaflets/", "guide_type": "what-to-do", "article_types": ["article"],
    "audience_guides_max": 6, "audience_articles_max": 14,
}  # fmt: skip


def _two_language_articles() -> dict:
    """A guide in both languages, a guide only in English, an article and a privacy guide."""
    return {
        "km": [_article("km", "if-asked", ["children"], "what-to-do"), _article("km", "sexting", ["children"])],
        "en": [
            _article("en", "if-asked", ["children"], "what-to-do"),
            _article("en", "only-en", ["parents"], "what-to-do"),
            _article("en", "setup", ["parents"], "privacy-guide"),
        ],
    }


def test_plan_makes_a_leaflet_per_guide_and_audience_in_each_language():
    articles = _two_language_articles()
    leaflets, indexes = plan_leaflets(articles, CONFIG, LANGUAGES, ["children", "parents"], SITE + "/")
    by = {(lf.lang, lf.key): lf for lf in leaflets}
    assert set(by) == {
        ("km", "children"), ("km", "parents"), ("km", "if-asked"),
        ("en", "children"), ("en", "parents"), ("en", "if-asked"), ("en", "only-en"),
    }  # fmt: skip
    guide = by[("en", "if-asked")]
    assert (guide.url, guide.save_as) == ("en/leaflets/if-asked/", "en/leaflets/if-asked/index.html")
    assert (guide.target_url, guide.qr_url) == ("en/if-asked/", f"{SITE}/en/if-asked/")
    assert [(a.lang, a.url) for a in guide.i18n.alternates] == [("km", "leaflets/if-asked/"), ("en", guide.url)]
    assert [o.url for o in guide.others] == ["leaflets/if-asked/"]
    only = by[("en", "only-en")]
    assert only.others == [] and only.i18n.alternates == () and only.i18n.switch[0].fallback
    parents = by[("en", "parents")]
    assert parents.qr_url == f"{SITE}/en/parents/"
    assert [g.slug for g in parents.guides] == ["only-en"] and parents.articles == []  # no privacy guides
    assert [g.slug for g in by[("km", "children")].articles] == ["sexting"]
    assert [(i.lang, i.url) for i in indexes] == [("km", "leaflets/"), ("en", "en/leaflets/")]
    assert len(indexes[1].leaflets) == 4


def test_the_qr_codes_made_early_are_those_of_every_planned_leaflet():
    articles = _two_language_articles()
    audiences = ["children", "parents"]
    leaflets, _indexes = plan_leaflets(articles, CONFIG, LANGUAGES, audiences, SITE)
    read = [a for items in articles.values() for a in items]
    early = expected_qr_urls(read, CONFIG, LANGUAGES, audiences, SITE)
    assert sorted(early) == sorted(lf.qr_url for lf in leaflets)
    assert expected_qr_urls([*read, _article("fr", "x", [], "what-to-do")], CONFIG, LANGUAGES, audiences, SITE) == early


def test_a_leaflet_takes_its_qr_code_from_those_made_early_and_makes_any_other_itself():
    url = f"{SITE}/en/if-asked/"
    made = qr_codes([url], "m")
    assert made == {url: qr_svg(url, "m")}

    def leaflet(address):
        return SimpleNamespace(qr_url=address, guide=None, guides=[])

    early = leaflet(url)
    fill(early, {"qr_error": "m"}, "", made={url: "<svg>made early</svg>"})
    assert str(early.qr_svg) == "<svg>made early</svg>"
    late = leaflet(f"{SITE}/en/parents/")
    fill(late, {"qr_error": "m"}, "", made={url: "<svg>made early</svg>"})
    assert str(late.qr_svg) == qr_svg(f"{SITE}/en/parents/", "m")


def test_an_audience_leaflet_of_a_large_site_stays_one_page_and_says_how_many_more_the_hub_lists():
    articles = {"en": [_article("en", f"a{n}", ["children"]) for n in range(40)]}
    articles["en"] += [_article("en", f"g{n}", ["children"], "what-to-do") for n in range(9)]
    leaflets, _ = plan_leaflets(articles, CONFIG, LANGUAGES, ["children"], SITE)
    children = next(lf for lf in leaflets if lf.key == "children" and lf.lang == "en")
    assert len(children.guides) == 6 and len(children.articles) == 14
    assert children.more == (9 - 6) + (40 - 14)


def test_a_guide_named_like_an_audience_is_a_clash_the_editor_must_fix():
    articles = {"km": [_article("km", "children", ["children"], "what-to-do")], "en": []}
    with pytest.raises(LeafletError, match="leaflets/children/"):
        plan_leaflets(articles, CONFIG, LANGUAGES, ["children"], SITE)
    # The message names the guide's own file, so the editor knows which one to rename.
    articles["km"][0].source_path = "/site/content/articles/km/guides/children.md"
    with pytest.raises(LeafletError, match=r"^content/articles/km/guides/children\.md: the file name 'children'"):
        plan_leaflets(articles, CONFIG, LANGUAGES, ["children"], SITE, "/site/content")


# --- a fixture site ------------------------------------------------------------------------------------

STEPS_EN = """\
Being asked is not your fault.

## What to do now

1. **Say no.** You never have to send anything.
2. **Tell an adult you trust.** Call {contact:child-helpline}.

## What not to do

- Do not pay.
"""
STEPS_KM = """\
នេះមិនមែនជាកំហុសរបស់អ្នកទេ។

## អ្វីដែលត្រូវធ្វើ

1. **និយាយថាទេ។** អ្នកមិនចាំបាច់ផ្ញើអ្វីទេ។
2. **ប្រាប់មនុស្សពេញវ័យ។** ហៅ {contact:child-helpline}។
"""
FILES = {
    "articles/en/guides/if-asked.md": article("If someone asks", STEPS_EN, extra="Type: what-to-do"),
    "articles/km/guides/if-asked.md": article("ប្រសិនបើគេសុំ", STEPS_KM, extra="Type: what-to-do"),
    "articles/en/guides/if-no-list.md": article("If there is no list", "Just text.", extra="Type: what-to-do"),
    "articles/km/guides/if-no-list.md": article("បើគ្មានបញ្ជី", "អត្ថបទ។", extra="Type: what-to-do"),
    "articles/en/practitioners/law.md": article("The law", "Text.", audience="practitioners"),
    "articles/km/practitioners/law.md": article("ច្បាប់", "អត្ថបទ។", audience="practitioners"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site

    settings = f'SITEURL = "{SITE}"\nLEAFLETS = {{"site_url": SITEURL}}\n'
    site = build_site(tmp_path_factory.mktemp("reach"), FILES, settings=settings)
    assert site.returncode == 0, site.log
    return site


def _meta(soup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key and (key.startswith("og:") or key.startswith("twitter:")):
            found.setdefault(key, []).append(tag.get("content", ""))
    return found


def test_a_guide_leaflet_prints_the_guides_own_steps_and_the_contacts_from_the_data(built):
    page = built.html("en/leaflets/if-asked/index.html")
    leaflet = page.select_one(".leaflet")
    guide = built.html("en/if-asked/index.html")
    assert leaflet.h1.get_text() == guide.h1.get_text() == "If someone asks"
    assert leaflet.select_one(".lede").get_text() == "Being asked is not your fault."
    assert [h.get_text() for h in leaflet.find_all("h2")] == ["What to do now", "Who can help"]
    steps = [li.get_text(" ", strip=True) for li in leaflet.select("ol > li")]
    assert steps == [li.get_text(" ", strip=True) for li in guide.select(".prose ol > li")]
    assert "Do not pay." not in leaflet.get_text()  # the bulleted "what not to do" is not a step
    import yaml

    contacts = yaml.safe_load((built.content / "data/contacts.yaml").read_text(encoding="utf-8"))["contacts"]
    listed = leaflet.select(".leaflet-help li")
    assert [li.strong.get_text() for li in listed] == [c["name"]["en"] for c in contacts]
    for li, contact in zip(listed, contacts, strict=True):
        numbers = {a.get_text() for a in li.find_all("a")}
        assert numbers <= {ch["value"] for ch in contact["channels"]} | {
            re.sub(r"^https://|/$", "", ch["value"]) for ch in contact["channels"]
        }
        assert numbers, f"{contact['id']}: no number or address"
    assert not re.search(r"verified|confirmed|checked", leaflet.get_text(), re.I)


def test_the_qr_code_and_the_printed_address_are_the_pages_published_address(built):
    for rel, target in [
        ("en/leaflets/if-asked/index.html", "en/if-asked/"),
        ("leaflets/if-asked/index.html", "if-asked/"),
        ("en/leaflets/children/index.html", "en/children/"),
    ]:
        figure = built.html(rel).select_one("figure.leaflet-qr")
        assert figure.svg["aria-hidden"] == "true" and figure.svg.path
        link = figure.figcaption.a
        assert link.get_text() == f"{SITE}/{target}" and link["href"] == f"{SITE}/{target}"
        assert built.exists("/" + target)


def test_a_guide_without_a_numbered_list_gets_a_leaflet_with_its_summary_and_a_warning(built):
    leaflet = built.html("en/leaflets/if-no-list/index.html").select_one(".leaflet")
    assert leaflet.select_one(".lede").get_text() == "Just text." and not leaflet.find("ol")
    assert "content/articles/en/guides/if-no-list.md: no numbered list" in built.log


def test_an_audience_leaflet_lists_its_guides_step_leads_and_topics(built):
    leaflet = built.html("en/leaflets/children/index.html").select_one(".leaflet")
    guides = {
        s.h3.get_text(): [li.get_text() for li in s.select("li")] for s in leaflet.select(".leaflet-guides section")
    }
    assert guides == {"If someone asks": ["Say no.", "Tell an adult you trust."], "If there is no list": []}
    practitioners = built.html("en/leaflets/practitioners/index.html").select_one(".leaflet")
    assert [a.get_text() for a in practitioners.select(".leaflet-topics a")] == ["The law"]


def test_the_leaflets_page_lists_every_leaflet_with_its_other_language(built):
    page = built.html("en/leaflets/index.html")
    links = [a["href"] for a in page.select("main .item-list > li > a")]
    assert links == [
        f"{SITE}/en/leaflets/{k}/" for k in ("children", "parents", "practitioners", "if-asked", "if-no-list")
    ]
    other = page.select_one('main a[hreflang="km"]')
    assert other["href"] == f"{SITE}/leaflets/children/" and other["lang"] == "km"
    hub = built.html("en/practitioners/index.html")
    assert hub.select_one(f'main a[href="{SITE}/en/leaflets/"]'), "the practitioners hub links to the leaflets"
    assert not built.html("en/children/index.html").select_one(f'main a[href="{SITE}/en/leaflets/"]')


def test_publish_build_previews_use_absolute_addresses_and_robots_names_the_sitemap(built):
    for rel in ("index.html", "en/if-asked/index.html", "en/leaflets/index.html"):
        soup = built.html(rel)
        meta = _meta(soup)
        assert meta["og:url"] == [soup.find("link", rel="canonical")["href"]]
        assert meta["og:url"][0].startswith(SITE + "/") and meta["og:image"][0].startswith(SITE + "/assets/")
        assert (built.output / meta["og:image"][0][len(SITE) + 1 :]).is_file()
    assert _meta(built.html("en/if-asked/index.html"))["og:type"] == ["article"]
    assert _meta(built.html("en/index.html"))["og:type"] == ["website"]
    robots = (built.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    assert (built.output / "favicon.ico").read_bytes() == (ROOT / "theme/static/img/favicon.ico").read_bytes()


def test_a_card_over_budget_stops_the_build_naming_the_file(site, tmp_path):
    big = tmp_path / "big.png"
    big.write_bytes(png(1200, 630, extra=50 * 1024))
    result = site(FILES, settings=f'SITE_META = {{"cards": {{"km": {str(big)!r}, "en": "img/card-en.png"}}}}\n')
    assert result.returncode != 0
    assert "big.png: 50.0 KB, over the 40 KB card budget" in result.log


# --- the real site -------------------------------------------------------------------------------------


def _page_preview_cost(html: str) -> int:
    without = re.sub(r'^<meta (?:property="og:|name="twitter:)[^\n]*\n', "", html, flags=re.M)
    return len(gzip.compress(html.encode(), 6, mtime=0)) - len(gzip.compress(without.encode(), 6, mtime=0))


def _site_names() -> dict[str, str]:
    from babel.messages.pofile import read_po

    with (ROOT / "theme/translations/km/LC_MESSAGES/messages.po").open("rb") as fh:
        km = read_po(fh, locale="km")["Online Safety Cambodia"].string
    return {"km": km, "en": "Online Safety Cambodia"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_real_page_has_valid_link_preview_tags(real_site):
    import json

    sources = json.loads((real_site.output.parent / "cache" / "source-map.json").read_text(encoding="utf-8"))
    names = _site_names()
    problems = []
    pages = real_site.pages()
    for rel in pages:
        html = (real_site.output / rel).read_text(encoding="utf-8")
        soup = real_site.html(rel)
        meta = {key: [_one_line(v) for v in values] for key, values in _meta(soup).items()}
        lang = soup.html["lang"]
        alternates = {a["hreflang"] for a in soup.select('link[rel="alternate"][hreflang]')} - {"x-default", lang}
        is_article = "/articles/" in (sources.get(rel, {}).get("source") or "")
        expected = {
            "og:type": ["article" if is_article else "website"],
            "og:title": [_one_line(soup.title.get_text()).rsplit(" | ", 1)[0]],
            "og:description": [_one_line(soup.find("meta", attrs={"name": "description"})["content"])],
            "og:url": [soup.find("link", rel="canonical")["href"]],
            "og:site_name": [names[lang]],
            "og:locale": [LOCALES[lang]],
            "og:locale:alternate": sorted(LOCALES[a] for a in alternates),
            "twitter:card": ["summary_large_image"],
        }
        if not alternates:
            del expected["og:locale:alternate"]
        for key, value in expected.items():
            if sorted(meta.get(key, [])) != sorted(value):
                problems.append(f"{rel}: {key} is {meta.get(key)}, expected {value}")
        if meta.get("og:image:alt", [""])[0].strip() == "":
            problems.append(f"{rel}: og:image:alt is empty")
        image = real_site.output / meta["og:image"][0].lstrip("/")
        size = png_size(image.read_bytes()) if image.is_file() else None
        if size is None or [str(size[0]), str(size[1])] != meta["og:image:width"] + meta["og:image:height"]:
            problems.append(f"{rel}: og:image {meta['og:image']} is not a PNG of the stated size")
        elif image.stat().st_size > CARD_MAX or f"card-{lang}." not in image.name:
            problems.append(f"{rel}: og:image {image.name} is not this language's card within 40 KB")
        if not soup.find("link", rel="icon", href=re.compile(r"^data:image/svg\+xml,")):
            problems.append(f"{rel}: no inline favicon")
        if _page_preview_cost(html) > 512:
            problems.append(f"{rel}: link-preview tags cost {_page_preview_cost(html)} B gzip (budget 512 B)")
    assert len(pages) > 50
    assert problems == []


def test_both_card_images_are_1200_by_630_and_within_40_kb():
    for lang in LOCALES:
        data = (ROOT / f"theme/static/img/card-{lang}.png").read_bytes()
        assert png_size(data) == (1200, 630) and len(data) <= CARD_MAX, lang


def test_every_real_guide_and_audience_has_a_leaflet_in_both_languages(real_site):
    missing = []
    for folder, lang_prefix in (("km", ""), ("en", "en/")):
        guides = [
            p.stem
            for p in (real_site.content / "articles" / folder).rglob("*.md")
            if re.search(r"^Type:\s*what-to-do\s*$", p.read_text(encoding="utf-8"), re.M)
        ]
        assert guides, f"no guides in {folder}"
        for key in [*guides, "children", "parents", "practitioners"]:
            rel = f"{lang_prefix}leaflets/{key}/index.html"
            if not (real_site.output / rel).is_file():
                missing.append(rel)
            else:
                listed = real_site.html(f"{lang_prefix}leaflets/index.html").select(f'main a[href="/{rel[:-10]}"]')
                if not listed:
                    missing.append(f"{rel} (not on the leaflets page)")
    assert missing == []


def test_robots_and_favicon_are_published(real_site):
    assert (real_site.output / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    robots = (real_site.output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "sitemap.xml" in robots


def test_print_styles_hide_navigation_and_print_link_addresses():
    css = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    block = css[css.index("@media print") :]
    hidden = re.search(r"\n  ([^{}]*)\{ display: none; \}", block).group(1)
    for selector in (".quick-exit", ".site-nav", ".lang-switch", "form", ".skip-link"):
        assert selector in hidden, selector
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in block
    assert "tel:" not in block  # phone links print as their number, once


def test_no_new_file_is_loaded_before_the_page_renders(real_site):
    """Link previews and the favicon add no request: the card is only for chat apps, the icon is inline."""
    for rel in ("index.html", "en/if-someone-asks-for-photos/index.html", "en/leaflets/children/index.html"):
        soup = real_site.html(rel)
        for link in soup.find_all("link"):
            assert "stylesheet" not in link.get("rel", []) and "preload" not in link.get("rel", []), rel
            if "icon" in link.get("rel", []):
                assert link["href"].startswith("data:"), rel
        assert Path(soup.find("meta", property="og:image")["content"]).suffix == ".png"
