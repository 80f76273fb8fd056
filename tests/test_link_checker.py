"""Link checker: the pure checks (HTML in, problems out), fixture builds with one of each broken link,
the standalone command, and the live external check against a local HTTP server (never the internet)."""

import email.utils
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, article, build_site

from link_checker import external as live
from link_checker.checks import (
    Site,
    Tally,
    check_alternates,
    check_css,
    check_page,
    check_sitemap,
    check_switch,
    external_problem,
    mailto_problem,
    sms_problem,
    tel_problem,
)
from link_checker.config import DEFAULTS, load_config
from link_checker.extract import Markers, css_urls, parse_html, sitemap_entries, srcset_urls
from link_checker.report import Attributor, collapse_template_findings, summary_line
from link_checker.resolve import SiteURL, file_for, resolve
from link_checker.scan import check_output
from sitekit import source_map
from sitekit.findings import Finding, errors
from sitekit.settings import PluginSettingsError

ENABLE = (
    'if "link_checker" not in PLUGINS:\n    PLUGINS = [*PLUGINS, "link_checker"]\n'
    # These sites type tel: and sms: links on purpose, to test the link checker's own rules for them.
    'CONTENT_CHECKS = {"allow_typed_numbers": True}\n'
)
KM_SUMMARY = "សង្ខេប។"  # a Khmer page needs a Khmer summary (English text on it must be marked)
MARKERS = Markers("prose", "lang-switch", frozenset(DEFAULTS["regions"]))


def refs_of(html: str) -> list[tuple]:
    return [(r.url, r.tag, r.attr, r.kind) for r in parse_html(html, MARKERS).refs]


# --- extracting references -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/en/help/">Help</a>', [("/en/help/", "a", "href", "link")]),
        ("<a name=top>no href</a>", []),
        ('<img src="/a.png" srcset="/a-1.png 1x, /a-2.png 2x" alt="">',
         [("/a.png", "img", "src", "link"), ("/a-1.png", "img", "srcset", "link"),
          ("/a-2.png", "img", "srcset", "link")]),
        ('<picture><source srcset="/b.webp 320w, /c.webp 640w"><img src="/b.png" alt=""></picture>',
         [("/b.webp", "source", "srcset", "link"), ("/c.webp", "source", "srcset", "link"),
          ("/b.png", "img", "src", "link")]),
        ('<link rel="canonical" href="/en/x/">', [("/en/x/", "link", 'rel="canonical" href', "link")]),
        ('<link rel="alternate" hreflang="km" href="/x/">', [("/x/", "link", 'rel="alternate" href', "alternate")]),
        ('<link rel="alternate" type="application/atom+xml" href="/feeds/atom.xml">',
         [("/feeds/atom.xml", "link", 'rel="alternate" href', "link")]),
        ('<script src="/assets/js/q.js" defer></script>', [("/assets/js/q.js", "script", "src", "link")]),
        ('<form action="/search/"><input type="image" src="/go.png" alt="Go"></form>',
         [("/search/", "form", "action", "link"), ("/go.png", "input", "src", "link")]),
        ('<meta http-equiv="refresh" content="0; url=/en/new/">', [("/en/new/", "meta", "content", "refresh")]),
        ('<meta http-equiv="Refresh" content="5;URL=\'/later/\'">', [("/later/", "meta", "content", "refresh")]),
        ("<style>a{background:url(/bg.png)} /* url(/old.png) */ @import '/print.css';</style>",
         [("/bg.png", "style", "css", "css"), ("/print.css", "style", "css", "css")]),
        ('<p style="background-image: url(\'/dots.svg\')">x</p>', [("/dots.svg", "p", "style", "css")]),
        ('<video src="/v.mp4" poster="/v.jpg"><track src="/v.vtt"></video>',
         [("/v.mp4", "video", "src", "link"), ("/v.jpg", "video", "poster", "link"),
          ("/v.vtt", "track", "src", "link")]),
        ('<object data="/doc.pdf"></object><iframe src="/embed/"></iframe><area href="/map/">',
         [("/doc.pdf", "object", "data", "link"), ("/embed/", "iframe", "src", "link"),
          ("/map/", "area", "href", "link")]),
        ('<svg><use href="/icons.svg#child"/></svg>', [("/icons.svg#child", "use", "href", "link")]),
    ],
)  # fmt: skip
def test_every_kind_of_reference_is_extracted(html, expected):
    assert refs_of(html) == expected


def test_ids_language_text_and_where_each_link_sits():
    page = parse_html(
        '<html lang="km"><head><link rel="alternate" hreflang="en" href="/en/x/"></head><body>'
        '<header class="site-header"><div class="lang-switch"><a href="/en/x/" hreflang="en">English</a></div></header>'
        '<h2 id="steps">Steps</h2><div class="prose"><p>Read <a href="/a/">the <b>first</b> page</a><p>'
        '<a href="/b/"><img src="/i.png" alt="A picture"></a><a name="old-anchor"></a></div>'
        '<footer class="site-footer"><a href="/about/">About</a></footer>',
        MARKERS,
    )
    assert page.lang == "km"
    assert page.ids == {"steps", "old-anchor"}
    where = {(r.url, r.tag): (r.kind, r.in_content, r.region, r.text) for r in page.refs}
    assert where[("/en/x/", "link")] == ("alternate", False, "head", "")
    assert where[("/en/x/", "a")] == ("switch", False, "lang-switch", "English")
    assert where[("/a/", "a")] == ("link", True, "", "the first page")
    assert where[("/b/", "a")] == ("link", True, "", "A picture")  # an image link is named by its alt text
    assert where[("/about/", "a")] == ("link", False, "site-footer", "About")


@pytest.mark.parametrize(
    ("srcset", "expected"),
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("/w/320.webp 320w,/w/640.webp 640w", ["/w/320.webp", "/w/640.webp"]),
        ("a,b.png 1x, c.png 2x", ["a,b.png", "c.png"]),  # a comma inside a URL belongs to it
        ("a.png, b.png 2x", ["a.png", "b.png"]),
        ("  ", []),
    ],
)
def test_srcset_candidates(srcset, expected):
    assert srcset_urls(srcset) == expected


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a{background:url(/a.png)}", ["/a.png"]),
        ("a{background:url( '/b c.png' )}", ["/b c.png"]),
        ('@font-face{src:url("/k.woff2") format("woff2")}', ["/k.woff2"]),
        ("/* url(/gone.png) */ a{}", []),
        ("a{background:url(data:image/png;base64,AAAA)}", []),
        ('@import "base.css"; @import url(print.css) print;', ["base.css", "print.css"]),
    ],
)
def test_css_urls(css, expected):
    assert sorted(css_urls(css)) == sorted(expected)


# --- resolving URLs --------------------------------------------------------------------------------------

SITE_URL = SiteURL.parse("https://onlinesafety.example.org")


@pytest.mark.parametrize(
    ("url", "kind", "path", "fragment"),
    [
        ("/en/help/", "internal", "/en/help/", ""),
        ("/en/help/#child-helpline", "internal", "/en/help/", "child-helpline"),
        ("#steps", "internal", "/en/x/index.html", "steps"),
        ("../help/", "internal", "/en/help/", ""),
        ("photo.png", "internal", "/en/x/photo.png", ""),
        ("/en/./a/../help/", "internal", "/en/help/", ""),
        ("/%E1%9E%80/", "internal", "/ក/", ""),
        ("https://onlinesafety.example.org/en/help/#x", "internal", "/en/help/", "x"),
        ("HTTPS://OnlineSafety.Example.org", "internal", "/", ""),
        ("https://www.google.com/", "external", "", ""),
        ("//cdn.example.com/a.js", "external", "", ""),
        ("tel:1280", "tel", "", ""),
        ("mailto:help@example.org", "mailto", "", ""),
        ("javascript:void(0)", "javascript", "", ""),
        ("  ", "empty", "", ""),
    ],
)
def test_resolve(url, kind, path, fragment):
    target = resolve(url, "/en/x/index.html", SITE_URL)
    assert (target.kind, target.path, target.fragment) == (kind, path, fragment)


def test_the_published_address_counts_as_internal_in_a_build_without_siteurl():
    """An editor's build has no SITEURL: a link pasted with the site's published address is still this site's."""
    editor = SiteURL.parse("", "https://onlinesafety.example.org")
    target = resolve("https://onlinesafety.example.org/en/help/#x", "/en/x/index.html", editor)
    assert (target.kind, target.path, target.fragment) == ("internal", "/en/help/", "x")
    assert resolve("https://www.google.com/", "/en/x/index.html", editor).kind == "external"
    assert resolve("https://onlinesafety.example.org/en/", "/index.html", SiteURL()).kind == "external"
    in_folder = SiteURL.parse("", "https://example.org/safety")
    assert resolve("https://example.org/safety/en/", "/index.html", in_folder).path == "/en/"
    assert resolve("https://example.org/other/", "/index.html", in_folder).kind == "external"


def test_a_link_pasted_with_the_sites_full_address_is_checked_like_one_inside_the_site(tmp_path):
    """It would otherwise pass every build as "another website" and break the day the page moved."""
    result = build_site(
        tmp_path,
        {
            "articles/en/children/links.md": article(
                "Links",
                "See [help](https://onlinesafety.example.org/en/help/) and "
                "[the old page](https://onlinesafety.example.org/en/no-such-page/).",
            ),
            "articles/km/children/links.md": article("តំណ", "អានទំព័រ [ជំនួយ](/help/)។"),
        },
    )
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log
    assert (
        "link “the old page” -> https://onlinesafety.example.org/en/no-such-page/: no such file in the output "
        "(en/no-such-page/index.html) (internal-link)"
    ) in result.log
    assert "link “help” ->" not in result.log


def test_siteurl_with_a_folder_counts_only_that_folder_as_internal():
    site = SiteURL.parse("https://example.org/safety/")
    assert resolve("https://example.org/safety/en/", "/index.html", site).path == "/en/"
    assert resolve("https://example.org/other/", "/index.html", site).kind == "external"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", ("index.html", False)),
        ("/en/help/", ("en/help/index.html", False)),
        ("/en/help", ("en/help/index.html", True)),
        ("/sitemap.xml", ("sitemap.xml", False)),
        ("/en/gone/", (None, False)),
        ("/en/help/index.html", ("en/help/index.html", False)),
    ],
)
def test_file_for(path, expected):
    assert file_for(path, {"index.html", "en/help/index.html", "sitemap.xml"}) == expected


# --- tel:, sms:, mailto: and external URLs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("tel:1280", None),
        ("tel:+85592311511", None),
        ("tel:092311511", None),
        ("tel:092 311 511", "has spaces; write the number without spaces, e.g. `tel:092311511`"),
        ("tel:092%20311%20511", "has spaces"),
        ("tel:092-311-511", "may hold only digits and an optional leading +; write `tel:092311511`"),
        ("tel:(855)92311511", "may hold only digits"),
        ("tel:", "has no number"),
        ("tel:+1234567890123456", "more than 15 digits"),
    ],
)
def test_tel_links(url, problem):
    found = tel_problem(url)
    assert found is None if problem is None else problem in found


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("sms:1280", None),
        ("sms:+85512345678,1280", None),
        ("sms:1280?body=Help%20me", None),
        ("sms:12 80", "has spaces"),
        ("sms:1280?body=help me", "the part after `?`"),
        ("sms:", "has no number"),
    ],
)
def test_sms_links(url, problem):
    found = sms_problem(url)
    assert found is None if problem is None else problem in found


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mailto:help@example.org", None),
        ("mailto:help@example.org,info@example.org?subject=Hello%20there", None),
        ("mailto:help.example.org", "is not a valid e-mail address"),
        ("mailto:help@example", "is not a valid e-mail address"),
        ("mailto:", "has no e-mail address"),
        ("mailto:help@example.org?subject=two words", "has spaces"),
    ],
)
def test_mailto_links(url, problem):
    found = mailto_problem(url)
    assert found is None if problem is None else problem in found


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.aplecambodia.org/reporting-page/", None),
        ("https://ភាសាខ្មែរ.example/", None),
        ("https://127.0.0.1:8000/", None),
        ("http://example.org/", ("warning", "insecure-link")),
        ("//example.org/a", ("warning", "insecure-link")),
        ("https://example..org/", ("error", "external-url")),
        ("https://exa mple.org/", ("error", "external-url")),
        ("https:///path-only", ("error", "external-url")),
        ("https://example.org:99999/", ("error", "external-url")),
        ("https://-bad-.example.org/", ("error", "external-url")),
    ],
)
def test_external_urls_offline(url, expected):
    found = external_problem(url)
    assert (found[:2] if found else None) == expected


# --- checking pages --------------------------------------------------------------------------------------


def make_site(pages: dict[str, str], other_files=(), siteurl="", ignore=()) -> Site:
    parsed = {rel: parse_html(html, MARKERS) for rel, html in pages.items()}
    return Site(frozenset([*pages, *other_files]), parsed, SiteURL.parse(siteurl), tuple(map(re.compile, ignore)))


def problems_on(page_html: str, others: dict[str, str] | None = None, **kwargs) -> list[tuple[str, str, str]]:
    site = make_site({"en/x/index.html": page_html, **(others or {})}, **kwargs)
    found = check_page("en/x/index.html", site.pages["en/x/index.html"], site)
    return sorted((p.rule, p.severity, p.url) for p in found)


OTHER = {"en/other/index.html": '<h2 id="steps">Steps</h2><p id="ព័ត៌មាន">x</p>', "index.html": "<p>home</p>"}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/en/other/">ok</a><a href="/">home</a><a href="../other/#steps">ok</a>', []),
        ('<a href="/en/missing/">x</a>', [("internal-link", "error", "/en/missing/")]),
        ('<img src="/images/gone.png" alt="">', [("internal-link", "error", "/images/gone.png")]),
        ('<img src="/logo.png" srcset="/logo.png 1x, /logo-2x.png 2x" alt="">',
         [("internal-link", "error", "/logo-2x.png")]),
        ('<script src="/assets/js/old.js" defer></script>', [("internal-link", "error", "/assets/js/old.js")]),
        ('<form action="/search/"></form>', [("internal-link", "error", "/search/")]),
        ('<meta http-equiv="refresh" content="0; url=/en/gone/">', [("internal-link", "error", "/en/gone/")]),
        ('<style>body{background:url(/bg.png)}</style>', [("internal-link", "error", "/bg.png")]),
        ('<a href="/en/other">x</a>', [("internal-link", "warning", "/en/other")]),
        ('<a href="/en/other/#nope">x</a>', [("fragment", "error", "/en/other/#nope")]),
        (f'<a href="/en/other/#{quote("ព័ត៌មាន")}">x</a>', []),  # a Khmer id, percent-encoded
        ('<h2 id="here">x</h2><a href="#here">ok</a><a href="#top">top</a><a href="#">x</a>', []),
        ('<a href="#nowhere">x</a>', [("fragment", "error", "#nowhere")]),
        ('<a name="old"></a><a href="#old">x</a>', []),
        ('<a href="https://onlinesafety.example.org/en/gone/">x</a>', [("internal-link", "error",
                                                                      "https://onlinesafety.example.org/en/gone/")]),
        ('<a href="tel:092 311 511">x</a><a href="tel:1280">ok</a>', [("tel", "error", "tel:092 311 511")]),
        ('<a href="sms:12-80">x</a>', [("sms", "error", "sms:12-80")]),
        ('<a href="mailto:nobody">x</a>', [("mailto", "error", "mailto:nobody")]),
        ('<a href="http://example.org/">x</a>', [("insecure-link", "warning", "http://example.org/")]),
        ('<a href="https://example..org/">x</a>', [("external-url", "error", "https://example..org/")]),
        ('<a href="javascript:history.back()">x</a>', [("scheme", "error", "javascript:history.back()")]),
        ('<a href="file:///C:/site/a.html">x</a>', [("scheme", "error", "file:///C:/site/a.html")]),
        ('<a href="">x</a>', [("empty-link", "error", "")]),
        ('<a href="/en/missing/">one</a> <a href="/en/missing/">twice</a>',  # reported once
         [("internal-link", "error", "/en/missing/")]),
        ('<img src="data:image/gif;base64,R0lGOD" alt="">', []),
    ],
)  # fmt: skip
def test_page_checks(html, expected):
    assert problems_on(html, OTHER, other_files=["logo.png"], siteurl="https://onlinesafety.example.org") == expected


def test_ignore_patterns_skip_matching_urls():
    html = '<a href="/en/drafts/a/">x</a><a href="/en/missing/">y</a>'
    assert problems_on(html, OTHER, ignore=[r"^/en/drafts/"]) == [("internal-link", "error", "/en/missing/")]


def test_the_tally_counts_pages_links_targets_and_external_urls():
    site = make_site(
        {
            "a/index.html": '<a href="/b/">1</a><a href="/b/#s">2</a><a href="https://x.org/p#1">3</a>',
            "b/index.html": '<h2 id="s">S</h2><a href="https://x.org/p#2">4</a><a href="/a/">5</a>',
        }
    )
    tally = Tally()
    for rel, page in site.pages.items():
        check_page(rel, page, site, tally)
    assert (tally.pages, tally.links) == (2, 5)
    assert tally.targets == {"b/index.html", "b/index.html#s", "https://x.org/p", "a/index.html"}
    assert [page for page, _ in tally.external["https://x.org/p"]] == ["a/index.html", "b/index.html"]


def pair(km_alternates: str, en_alternates: str, km_switch="/en/x/", en_switch="/x/", en_lang="en") -> Site:
    """A Khmer page and its English translation, each with alternates in the head and a language switch."""

    def page(lang, alternates, switch, switch_lang, name):
        switch_html = f'<div class="lang-switch"><a href="{switch}" hreflang="{switch_lang}">{name}</a></div>'
        return f'<html lang="{lang}"><head>{alternates}</head>{switch_html}'

    km = page("km", km_alternates, km_switch, "en", "En")
    en = page(en_lang, en_alternates, en_switch, "km", "ខ្មែរ")
    return make_site({"x/index.html": km, "en/x/index.html": en, "index.html": "", "en/index.html": ""})


def alt(lang: str, url: str) -> str:
    return f'<link rel="alternate" hreflang="{lang}" href="{url}">'


BOTH = alt("km", "/x/") + alt("en", "/en/x/") + alt("x-default", "/x/")


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        (pair(BOTH, BOTH), []),
        (pair(alt("en", "/en/x/"), alt("km", "/x/")), []),
        (pair(alt("en", "/en/y/"), BOTH),
         [("x/index.html", "hreflang", "hreflang `en` alternate /en/y/: no such page in the output"),
          ("en/x/index.html", "hreflang", "hreflang `km` alternate /x/: the translation does not link back "
                                          "(no hreflang alternate on x/index.html points to /en/x/)")]),
        (pair(alt("km", "/x/"), BOTH),
         [("en/x/index.html", "hreflang", "hreflang `km` alternate /x/: the translation does not link back "
                                          "(no hreflang alternate on x/index.html points to /en/x/)")]),
        (pair(BOTH, BOTH, en_lang="km"),
         [("x/index.html", "hreflang", "hreflang `en` alternate /en/x/ is a page in `km` (its <html lang>)"),
          ("en/x/index.html", "hreflang", "hreflang `en` alternate /en/x/ is a page in `km` (its <html lang>)")]),
        (pair(BOTH, BOTH, km_switch="/en/"),
         [("x/index.html", "language-switch", "language switch “En” -> /en/: the language switch lands on "
                                              "en/index.html, but this page's `en` translation is en/x/index.html")]),
        (pair(BOTH, BOTH, en_switch="/nowhere/"),
         [("en/x/index.html", "language-switch",
           "language switch “ខ្មែរ” -> /nowhere/: the language switch target does not exist")]),
        (pair("", "", km_switch="/en/"), []),  # no translation: the switch may go to the other home page
    ],
)  # fmt: skip
def test_translations_and_language_switch(site, expected):
    found = []
    for rel, page in site.pages.items():
        found += check_alternates(rel, page, site) + check_switch(rel, page, site)
    assert sorted((p.page, p.rule, p.message) for p in found) == sorted(expected)


def translated(extra_pages: dict[str, str] | None = None, link: str = "/x/", hreflang: str = "") -> list:
    """An English page whose text links to `link`; /x/ (Khmer) has an English version /en/x/, /only-km/ none."""
    pair_alternates = alt("km", "/x/") + alt("en", "/en/x/")
    lang_attr = f' hreflang="{hreflang}"' if hreflang else ""
    pages = {
        "x/index.html": f'<html lang="km"><head>{pair_alternates}</head><p>ខ្មែរ</p>',
        "en/x/index.html": f'<html lang="en"><head>{pair_alternates}</head><p>English</p>',
        "only-km/index.html": '<html lang="km"><head></head><p>ខ្មែរ</p>',
        "en/page/index.html": f'<html lang="en"><div class="prose"><a href="{link}"{lang_attr}>how to block</a></div>'
        '<nav><a href="/x/">ខ្មែរ</a></nav>',
        **(extra_pages or {}),
    }
    site = make_site(pages)
    return [(p.rule, p.message) for p in check_page("en/page/index.html", site.pages["en/page/index.html"], site)]


def test_a_link_in_the_text_to_the_other_language_version_of_a_translated_page_is_an_error():
    assert translated() == [
        (
            "other-language",
            "link “how to block” -> /x/: leads to the `km` page, but this page is in `en` and that page has a "
            "version in `en`: link to it (/en/x/), or to its Markdown file in the `en` folder",
        )
    ]
    assert translated(link="/en/x/") == []  # the page in this language
    assert translated(link="/only-km/") == []  # no English version: the Khmer page is the only one
    assert translated(hreflang="km") == []  # marked as a link to the Khmer page on purpose


SITEMAP = """<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url>
<loc>https://onlinesafety.example.org/x/</loc>
<xhtml:link rel="alternate" hreflang="en" href="https://onlinesafety.example.org/en/x/"/>
<xhtml:link rel="alternate" hreflang="km" ref="https://onlinesafety.example.org/x/"/>
</url>
<url>
<loc>https://onlinesafety.example.org/en/gone/</loc>
</url>
<url>
<loc>https://elsewhere.example.org/x/</loc>
</url>
<url>
<loc>/x/</loc>
</url>
</urlset>
"""


def test_sitemap_entries_must_be_pages_of_this_site():
    site = make_site({"x/index.html": "", "en/x/index.html": ""}, siteurl="https://onlinesafety.example.org")
    found = [(p.line, p.severity, p.message) for p in check_sitemap(sitemap_entries(SITEMAP), site)]
    assert found == [
        (6, "error", "xhtml:link has `ref=` instead of `href=`"),
        (9, "error", "sitemap <loc> https://onlinesafety.example.org/en/gone/: no such page in the output"),
        (12, "error", "sitemap <loc> https://elsewhere.example.org/x/ is not on this site "
                      "(SITEURL onlinesafety.example.org)"),
        (15, "warning", "sitemap <loc> /x/ must be an absolute URL (SITEURL is set)"),
    ]  # fmt: skip


def test_a_sitemap_that_is_not_xml_is_reported():
    site = make_site({})
    [problem] = check_sitemap(sitemap_entries("<urlset><url><loc>/x/</url>"), site)
    assert "sitemap.xml is not valid XML" in problem.message


def test_css_files_resolve_urls_relative_to_themselves():
    site = make_site({}, other_files=["assets/css/site.css", "assets/img/dot.svg"])
    css = "a{background:url(../img/dot.svg)}\nb{background:url(../img/gone.svg)}\n@import 'http://x.org/a.css';"
    found = [(p.line, p.rule, p.severity) for p in check_css("assets/css/site.css", css, site)]
    assert found == [(2, "internal-link", "error"), (3, "insecure-link", "warning")]


# --- naming the file to fix ----------------------------------------------------------------------------

MARKDOWN = """\
Title: Grooming
Summary: What grooming is.

Intro with a [link to nowhere](/en/nowhere/).
See [steps]({filename}/articles/en/children/other.md#no-such-step).
Call {contact:child-helpline} now.
Here is Grooming again, as link text only.
"""


@pytest.fixture
def project(tmp_path):
    md = tmp_path / "content" / "articles" / "en" / "children" / "grooming.md"
    md.parent.mkdir(parents=True)
    md.write_text(MARKDOWN, encoding="utf-8")
    pages = {
        "en/grooming/index.html": source_map.PageSource(
            "content/articles/en/children/grooming.md", "theme/templates/article.html", "en"
        ),
        "en/other/index.html": source_map.PageSource(
            "content/articles/en/children/other.md", "theme/templates/article.html", "en"
        ),
        "en/index.html": source_map.PageSource(None, "theme/templates/index.html", "en"),
    }
    return tmp_path, pages


def attributed(project, html: str, page="en/grooming/index.html", target_of=None) -> list[tuple]:
    root, pages = project
    site = make_site({"en/other/index.html": "", "en/help/index.html": "", "en/index.html": "", page: html})
    problems = check_page(page, site.pages[page], site)
    attributor = Attributor(pages.get, root, DEFAULTS["regions"], target_of)
    return [(f.source, f.line, f.rule) for f in map(attributor.finding, problems)]


def test_a_link_in_the_text_names_the_markdown_file_and_line(project):
    html = '<div class="prose"><a href="/en/nowhere/">link to nowhere</a></div>'
    assert attributed(project, html) == [("content/articles/en/children/grooming.md", 4, "internal-link")]


def test_a_filename_link_is_found_by_the_target_pages_source(project):
    html = '<div class="prose"><a href="/en/other/#no-such-step">steps</a></div>'
    assert attributed(project, html, target_of=lambda problem: "en/other/index.html") == [
        ("content/articles/en/children/grooming.md", 5, "fragment")
    ]


def test_a_contact_placeholder_is_found_by_its_id(project):
    html = '<div class="prose"><a href="/en/help/#child-helpline">Child Helpline</a></div>'
    assert attributed(project, html) == [("content/articles/en/children/grooming.md", 6, "fragment")]


def test_link_text_is_searched_in_the_text_not_in_the_metadata(project):
    html = '<div class="prose"><a href="/en/elsewhere/">Grooming</a></div>'
    assert attributed(project, html) == [("content/articles/en/children/grooming.md", 7, "internal-link")]


def test_no_line_when_nothing_matches(project):
    html = '<div class="prose"><a href="/en/unknown/">unmatched words</a></div>'
    assert attributed(project, html) == [("content/articles/en/children/grooming.md", None, "internal-link")]


def test_theme_links_name_the_template_or_the_partial_of_their_region(project):
    html = (
        '<head><link rel="canonical" href="/en/gone/"></head><p><a href="/en/gone-1/">page</a></p>'
        '<footer class="site-footer"><a href="/en/gone-2/">About</a></footer>'
        '<div class="lang-switch"><a href="/gone-3/" hreflang="km">ខ្មែរ</a></div>'
    )
    assert attributed(project, html) == [
        ("theme/templates/base.html", None, "internal-link"),
        ("theme/templates/article.html", None, "internal-link"),
        ("theme/templates/partials/footer.html", None, "internal-link"),
        ("theme/templates/partials/language_switch.html", None, "language-switch"),
    ]
    assert attributed(project, '<a href="/en/gone/">x</a>', page="en/index.html") == [
        ("theme/templates/index.html", None, "internal-link")
    ]


def test_pages_not_in_the_source_map_are_named_by_their_output_path_and_line(project):
    assert attributed(project, '<p>\n<a href="/en/gone/">x</a>', page="en/unknown/index.html") == [
        ("en/unknown/index.html", 2, "internal-link")
    ]


def test_a_broken_theme_link_is_reported_once_with_the_number_of_pages():
    template = "theme/templates/partials/footer.html"
    findings = [Finding(template, None, "internal-link", "link “About” -> /about/", f"{p}/index.html") for p in "abc"]
    findings.append(Finding("content/a.md", 3, "internal-link", "link “x” -> /y/", "a/index.html"))
    collapsed = collapse_template_findings(findings, {template})
    assert sorted(f.format() for f in collapsed) == [
        "content/a.md:3: [a/index.html] link “x” -> /y/ (internal-link)",
        "theme/templates/partials/footer.html: [a/index.html] link “About” -> /about/ (on 3 pages) (internal-link)",
    ]


def test_summary_line_counts_pages_links_targets_and_failures():
    findings = [Finding("a.md", 1, "tel", "bad"), Finding("b.md", 2, "insecure-link", "http", severity="warning")]
    assert summary_line(1200, 45678, 2345, findings, 0.8) == (
        "Link check: 1,200 pages, 45,678 links, 2,345 unique targets, 1 failure, 1 warning (0.80 s)"
    )


# --- settings ------------------------------------------------------------------------------------------


def test_settings_merge_over_defaults_and_report_unknown_keys_and_bad_patterns():
    config = load_config({"LINK_CHECKER": {"ignore": [r"^/drafts/"], "timeout": 3}})
    assert config["timeout"] == 3 and config["concurrency"] == DEFAULTS["concurrency"]
    assert config["ignore_re"][0].search("/drafts/x")
    with pytest.raises(PluginSettingsError, match=r"unknown key 'timout' \(did you mean 'timeout'\?\)"):
        load_config({"LINK_CHECKER": {"timout": 3}})
    with pytest.raises(PluginSettingsError, match="is not a regular expression"):
        load_config({"LINK_CHECKER": {"external_allow": ["(unclosed"]}})
    with pytest.raises(PluginSettingsError, match=r"'per_host'\] must be at least 1"):
        load_config({"LINK_CHECKER": {"per_host": 0}})


# --- fixture builds ------------------------------------------------------------------------------------

LINKS_BODY = """\
Read the [missing page](/en/no-such-page/) first.

See [the other part]({filename}/articles/en/children/other.md#no-such-part) and [jump](#nowhere).

Call [the helpline](tel:092-311-511) or text [us](sms:12-80) or write to [help](mailto:help.example.org).

A [bad address](https://example..org/) and an [old one](http://example.org/).

Ask {contact:child-helpline} for help, and read [the other page]({filename}/articles/en/children/other.md#steps).
"""

CONTENT_FILES = {
    "articles/en/children/links.md": article("Links", LINKS_BODY),
    "articles/km/children/links.md": article("តំណ", "អត្ថបទ។", summary=KM_SUMMARY),
    "articles/en/children/other.md": article("Other", "## Steps\n\nText."),
    "articles/km/children/other.md": article("ផ្សេង", "អត្ថបទ។", summary=KM_SUMMARY),
    # A page saved somewhere else than its URL says: its translation, hub, switch and sitemap break.
    "articles/en/children/moved.md": article(
        "Moved", "Text.", extra="URL: en/moved-away/\nSave_as: en/moved/index.html"
    ),
    "articles/km/children/moved.md": article("ផ្លាស់", "អត្ថបទ។", summary=KM_SUMMARY),
}  # fmt: skip


def stopped_report(log: str) -> list[str]:
    """The lines of the LinkCheckError report, without indentation, up to the counts by rule."""
    assert "BUILD STOPPED: LinkCheckError" in log, log
    report = log.split("BUILD STOPPED: LinkCheckError", 1)[1].strip().splitlines()[1:]
    return [line.strip() for line in report if not line.strip().startswith("by rule:")]


@pytest.fixture(scope="module")
def broken_content(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("links"), CONTENT_FILES, ENABLE)


def test_a_build_with_broken_links_fails_naming_each_markdown_file_and_line(broken_content):
    md = "content/articles/en/children/links.md"
    page = "[en/links/index.html]"
    assert broken_content.returncode == 1
    assert [line for line in stopped_report(broken_content.log) if line.startswith(md)] == [
        f"{md}:7: {page} link “missing page” -> /en/no-such-page/: no such file in the output "
        "(en/no-such-page/index.html) (internal-link)",
        f"{md}:9: {page} link “jump” -> #nowhere: no id `nowhere` on this page (fragment)",
        f"{md}:9: {page} link “the other part” -> /en/other/#no-such-part: no id `no-such-part` on "
        "en/other/index.html (fragment)",
        f"{md}:11: {page} link “help” -> mailto:help.example.org: `help.example.org` in "
        "`mailto:help.example.org` is not a valid e-mail address (mailto)",
        f"{md}:11: {page} link “us” -> sms:12-80: `sms:12-80` may hold only digits and an optional leading +; "
        "write `sms:1280` and show the spaced number as the link text (sms)",
        f"{md}:11: {page} link “the helpline” -> tel:092-311-511: `tel:092-311-511` may hold only digits and an "
        "optional leading +; write `tel:092311511` and show the spaced number as the link text (tel)",
        f"{md}:13: {page} link “bad address” -> https://example..org/: `https://example..org/`: `example..org` is "
        "not a valid host name (external-url)",
    ]


def test_a_page_saved_away_from_its_url_breaks_translation_switch_listing_and_sitemap(broken_content):
    theme = f"{ROOT}/theme/templates"  # the fixture's project folder is a temp folder, so the theme is absolute
    others = [line for line in stopped_report(broken_content.log) if not line.startswith("content/")]
    assert others == [
        f"{theme}/base.html: [en/moved/index.html] hreflang `en` alternate /en/moved-away/: no such page in "
        "the output (on 2 pages) (hreflang)",
        f"{theme}/base.html: [en/moved/index.html] hreflang `km` alternate /moved/: the translation does not "
        "link back (no hreflang alternate on moved/index.html points to /en/moved/) (hreflang)",
        f'{theme}/base.html: [en/moved/index.html] <link rel="canonical" href> -> /en/moved-away/: no such '
        "file in the output (en/moved-away/index.html) (internal-link)",
        f"{theme}/hub.html: [en/children/index.html] link “Moved” -> /en/moved-away/: no such file in the "
        "output (en/moved-away/index.html) (internal-link)",
        f"{theme}/leaflet.html: [en/leaflets/children/index.html] link “Moved” -> /en/moved-away/: no such file "
        "in the output (en/moved-away/index.html) (internal-link)",
        f"{theme}/partials/language_switch.html: [moved/index.html] language switch “English” -> "
        "/en/moved-away/: the language switch target does not exist (language-switch)",
        "sitemap.xml:72: sitemap <loc> /en/moved-away/: no such page in the output (sitemap)",
        "sitemap.xml:75: sitemap alternate `en` /en/moved-away/: no such page in the output (sitemap)",
        "sitemap.xml:126: sitemap alternate `en` /en/moved-away/: no such page in the output (sitemap)",
    ]


def test_warnings_and_the_summary_line_are_printed(broken_content):
    log = broken_content.log
    assert (
        "content/articles/en/children/links.md:13: [en/links/index.html] warning: link “old one” -> "
        "http://example.org/: `http://example.org/` uses http://; link to the https:// address if the site has one "
        "(insecure-link)"
    ) in log
    assert "16 broken link(s); fix each file below and build again:" in log
    assert "Link check: 36 pages, " in log and ", 16 failures, 1 warning (" in log


def patched_theme(tmp_path: Path) -> Path:
    """A copy of the theme with one broken link of each theme kind."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)

    def patch(rel, old, new):
        path = theme / "templates" / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    patch(
        "partials/footer.html",
        "<ul>\n",
        "<ul>\n<li><a href=\"{{ SITEURL }}/{{ lang_url('no-such-page/') }}\">Gone</a></li>\n",
    )
    patch(
        "partials/header.html",
        '<div class="wrap topbar">\n',
        '<div class="wrap topbar">\n<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        'srcset="{{ SITEURL }}/logo-2x.png 2x" alt="" width="1" height="1">\n',
    )
    patch(
        "partials/language_switch.html",
        '<a href="{{ SITEURL }}/{{ link.url }}"',
        '<a href="{{ SITEURL }}/{{ "" if link.url == "grooming/" else link.url }}"',
    )
    patch(
        "base.html",
        "{% for alt in i.alternates %}",
        '{% for alt in i.alternates if not (i.lang == "km" and alt.lang == "en" and i.url == "grooming/") %}',
    )
    return theme  # fmt: skip


def test_broken_theme_links_name_the_template_once_with_the_number_of_pages(tmp_path):
    theme = patched_theme(tmp_path)
    files = {
        "articles/km/children/grooming.md": article("ការលួងលោម", "អត្ថបទ។", summary=KM_SUMMARY),
        "articles/en/children/grooming.md": article("Grooming", "Text."),
    }
    built = build_site(tmp_path, files, f"THEME = {str(theme)!r}\n{ENABLE}")
    assert built.returncode == 1
    km_pages = len([p for p in built.pages() if not p.startswith("en/")])
    en_pages = len(built.pages()) - km_pages
    t = "theme/templates"
    assert stopped_report(built.log) == [
        f"{t}/base.html: [en/grooming/index.html] hreflang `km` alternate /grooming/: the translation does not "
        "link back (no hreflang alternate on grooming/index.html points to /en/grooming/) (hreflang)",
        f"{t}/partials/footer.html: [en/404.html] link “Gone” -> /en/no-such-page/: no such file in the output "
        f"(en/no-such-page/index.html) (on {en_pages} pages) (internal-link)",
        f"{t}/partials/footer.html: [404.html] link “Gone” -> /no-such-page/: no such file in the output "
        f"(no-such-page/index.html) (on {km_pages} pages) (internal-link)",
        f"{t}/partials/header.html: [404.html] <img srcset> -> /logo-2x.png: no such file in the output "
        f"(logo-2x.png) (on {km_pages + en_pages} pages) (internal-link)",
        f"{t}/partials/language_switch.html: [en/grooming/index.html] language switch “ខ្មែរ” -> /: the language "
        "switch lands on index.html, but this page's `km` translation is grooming/index.html (language-switch)",
    ]


GOOD_FILES = {
    "articles/en/children/grooming.md": article(
        "Grooming", "See [what to do]({filename}/articles/en/children/steps.md#call) or {contact:child-helpline}."
    ),
    "articles/km/children/grooming.md": article(
        "ការលួងលោម", "មើល [ជំហាន]({filename}/articles/km/children/steps.md)។", summary=KM_SUMMARY
    ),
    "articles/en/children/steps.md": article("Steps", "## Call\n\nCall [1280](tel:1280) or [APLE](https://www.aplecambodia.org/)."),
    "articles/km/children/steps.md": article("ជំហាន", "អត្ថបទ។", summary=KM_SUMMARY),
}  # fmt: skip


@pytest.mark.parametrize("siteurl", ["", "https://onlinesafety.example.org"])
def test_a_site_without_broken_links_builds_and_prints_the_summary(tmp_path, siteurl):
    built = build_site(tmp_path, GOOD_FILES, f"SITEURL = {siteurl!r}\n{ENABLE}")
    assert built.returncode == 0, built.log
    assert ", 0 failures, 0 warnings (" in built.log
    if siteurl:  # absolute links to the site itself are checked as internal links
        assert (
            'href="https://onlinesafety.example.org/en/steps/#call"'
            in (built.output / "en/grooming/index.html").read_text()
        )


def test_the_real_site_has_no_broken_links(real_site):
    source_map.load(real_site.output.parent / "cache" / "source-map.json")
    outcome = check_output(real_site.output, "", load_config({}), source_map.lookup, real_site.content.parent)
    assert not errors(outcome.findings), "\n".join(f.format() for f in errors(outcome.findings))
    assert outcome.pages == len(real_site.pages())


# --- the standalone command (invoke linkcheck) ------------------------------------------------------------


def run_cli(built, *args) -> subprocess.CompletedProcess:
    conf = built.output.parent / "fixtureconf.py"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(built.output.parent), "PYTHONPATH": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "link_checker.cli", str(built.output), "-s", str(conf), "--no-progress", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)


def test_the_command_checks_a_built_site_and_names_sources_from_the_saved_map(tmp_path):
    built = build_site(tmp_path, GOOD_FILES, ENABLE)
    assert built.returncode == 0, built.log
    assert run_cli(built).returncode == 0
    (built.output / "en" / "steps" / "index.html").unlink()  # e.g. a page deleted by hand after the build
    result = run_cli(built)
    assert result.returncode == 1
    assert (
        "content/articles/en/children/grooming.md:7: [en/grooming/index.html] link “what to do” -> /en/steps/#call: "
        "no such file in the output (en/steps/index.html) (internal-link)"
    ) in result.stderr


# --- live external checks against a local server -----------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    """Answers by path; counts every request and the most requests in flight at once."""

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._answer()

    def do_GET(self):
        self._answer()

    def _answer(self):
        server = self.server
        path = self.path
        with server.lock:
            server.hits[(self.command, path)] += 1
            seen = sum(n for (_, p), n in server.hits.items() if p == path)
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            status, headers = self._route(path, seen)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with server.lock:
                server.in_flight -= 1

    def _route(self, path, seen):
        if path == "/ok":
            return 200, {}
        if path == "/r1":
            return 301, {"Location": "/r2"}
        if path == "/r2":
            return 308, {"Location": f"http://127.0.0.1:{self.server.server_port}/ok"}
        if path == "/temporary":
            return 302, {"Location": "/ok"}
        if path == "/loop":
            return 301, {"Location": "/loop"}
        if path == "/busy":  # asks once to come back in a second
            return (429, {"Retry-After": "1"}) if seen == 1 else (200, {})
        if path == "/busy-date":
            when = email.utils.formatdate(time.time() + 2, usegmt=True)
            return (429, {"Retry-After": when}) if seen == 1 else (200, {})
        if path == "/very-busy":
            return 429, {"Retry-After": "3600"}
        if path == "/no-head":
            return (405, {}) if self.command == "HEAD" else (200, {})
        if path == "/error":
            return 500, {}
        if path == "/forbidden":
            return 403, {}
        if path == "/slow":
            time.sleep(1.5)
            return 200, {}
        if path.startswith("/hold/"):
            time.sleep(0.3)
            return 200, {}
        return 404, {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.hits: Counter = Counter()
        self.in_flight = 0
        self.max_in_flight = 0

    def handle_error(self, request, client_address):
        pass  # the slow endpoint writes to a client that gave up


@pytest.fixture
def server():
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    srv.url = f"http://127.0.0.1:{srv.server_port}"
    yield srv
    srv.shutdown()
    srv.server_close()


def checker(waits=None, **kwargs) -> live.LiveChecker:
    options = {"concurrency": 4, "per_host": 4, "timeout": 0.5, "retries": 2, "backoff": 0.01}
    return live.LiveChecker(**{**options, **kwargs}, sleep=(waits.append if waits is not None else time.sleep))


@pytest.mark.parametrize(
    ("path", "verdict", "status", "message"),
    [
        ("/ok", "ok", 200, ""),
        ("/r1", "moved", 200, "moved permanently to http://127.0.0.1:{port}/ok; link to it directly"),
        ("/temporary", "ok", 200, ""),
        ("/missing", "broken", 404, "404 Not Found"),
        ("/loop", "broken", 508, "redirect loop"),
        ("/no-head", "ok", 200, ""),
        ("/forbidden", "unchecked", 403,
         "the site refused the check (403); open it by hand, or add it to external_allow"),
        ("/error", "unchecked", 500, "server error (500)"),
        ("/very-busy", "unchecked", 429, "rate limited (429), asks to wait 3600 s; check it by hand or add it to "
                                         "external_allow"),
    ],
)  # fmt: skip
def test_live_verdicts(server, path, verdict, status, message):
    result = checker().check_one(server.url + path)
    assert (result.verdict, result.status, result.message) == (verdict, status, message.format(port=server.server_port))


def test_head_is_tried_first_and_get_only_when_head_fails(server):
    checker().check_all([server.url + "/ok", server.url + "/no-head"])
    assert server.hits == Counter({("HEAD", "/ok"): 1, ("HEAD", "/no-head"): 1, ("GET", "/no-head"): 1})


def test_a_429_is_retried_after_the_time_it_asks_for(server):
    waits = []
    assert checker(waits).check_one(server.url + "/busy").verdict == "ok"
    assert waits == [1.0]
    waits.clear()
    assert checker(waits).check_one(server.url + "/busy-date").verdict == "ok"
    assert len(waits) == 1 and 0 < waits[0] <= 3


def test_server_errors_are_retried_with_growing_pauses_then_reported_as_not_checked(server):
    waits = []
    result = checker(waits, retries=2, backoff=0.5).check_one(server.url + "/error")
    assert result.verdict == "unchecked"
    assert waits == [0.5, 1.0]
    assert server.hits[("GET", "/error")] == 3


def test_a_slow_server_times_out(server):
    result = checker(retries=0, timeout=0.3).check_one(server.url + "/slow")
    assert (result.verdict, result.message) == ("unchecked", "timed out after 0.3 s")


def test_a_closed_port_is_reported_after_the_retries():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    waits = []
    result = checker(waits, retries=1).check_one(f"http://127.0.0.1:{port}/")
    assert result.verdict == "unchecked" and result.message.startswith("connection failed: ConnectionRefusedError")
    assert len(waits) == 1


def test_an_unknown_host_is_named_in_plain_words():
    """The editor reads which host was not found, not Python's `[Errno -2]`."""
    result = checker(retries=0).check_one("https://no-such-host.invalid/")
    assert result.message.startswith("host `no-such-host.invalid` not found (")
    assert "Errno" not in result.message and "Error" not in result.message


def test_offline_no_link_is_reported_or_cached_as_broken(tmp_path):
    """With no linked host reachable (no network), `linkcheck --external` says so and remembers nothing."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text('<html lang="en"><a href="http://127.0.0.1:9/x">x</a></html>', encoding="utf-8")
    outcome = check_output(output, "", load_config({}), lambda page: None, tmp_path, cache_dir=tmp_path / "cache",
                           external=True)  # fmt: skip
    assert outcome.external_offline and outcome.external_urls == 1
    assert "looks offline" in outcome.external_summary
    assert not [f for f in outcome.findings if f.rule == "external-live"]
    assert not (tmp_path / "cache").exists()


def test_each_unique_url_is_requested_once(server):
    urls = [server.url + "/ok#top", server.url + "/ok#steps", server.url + "/ok", server.url + "/missing"] * 3
    results = checker().check_all(urls)
    assert sorted(results) == [server.url + "/missing", server.url + "/ok"]
    assert server.hits[("HEAD", "/ok")] == 1


def test_requests_to_one_host_are_limited(server):
    urls = [f"{server.url}/hold/{n}" for n in range(6)]
    results = checker(concurrency=6, per_host=2).check_all(urls)
    assert {r.verdict for r in results.values()} == {"ok"}
    assert server.max_in_flight == 2


def test_allow_listed_urls_are_skipped_without_a_request(server):
    results = checker().check_all([server.url + "/forbidden"], allow=[re.compile(r"/forbidden$")])
    assert results[server.url + "/forbidden"].verdict == "skipped"
    assert not server.hits


def test_the_cache_makes_a_second_run_skip_requests_until_it_expires(server, tmp_path):
    urls = [server.url + p for p in ("/ok", "/missing", "/r1", "/error")]
    path = tmp_path / "cache.json"
    first = checker().check_all(urls, live.LinkCache(path, 24))
    sent = sum(server.hits.values())
    assert {u.rsplit("/", 1)[1]: r.verdict for u, r in first.items()} == {
        "ok": "ok", "missing": "broken", "r1": "moved", "error": "unchecked"
    }  # fmt: skip

    again = checker()
    second = again.check_all(urls, live.LinkCache(path, 24))
    assert {u: r.verdict for u, r in second.items()} == {u: r.verdict for u, r in first.items()}
    assert [u for u, r in second.items() if not r.cached] == [server.url + "/error"]  # not cached: may be temporary
    assert again.requests == sum(server.hits.values()) - sent == 2 * 3  # HEAD + GET, 3 tries, /error only

    later = checker()
    later.check_all(urls, live.LinkCache(path, 24, clock=lambda: time.time() + 25 * 3600))
    assert later.requests > 6  # everything is older than 24 hours: checked again
    assert json.loads(path.read_text())["version"] == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), (None, None), ("soon", None), (email.utils.formatdate(1_000_030, usegmt=True), 30.0)],
)
def test_retry_after_header(value, expected):
    assert live.retry_after_seconds(value, now=1_000_000) == expected


def test_urls_are_interleaved_by_host_so_one_slow_host_does_not_hold_the_pool():
    urls = ["https://a.org/1", "https://a.org/2", "https://a.org/3", "https://b.org/1", "https://c.org/1"]
    assert live.interleave_by_host(urls) == [
        "https://a.org/1", "https://b.org/1", "https://c.org/1", "https://a.org/2", "https://a.org/3"
    ]  # fmt: skip


def test_linkcheck_external_reports_broken_urls_with_their_markdown_line_and_caches_results(server, tmp_path):
    body = f"A [good link]({server.url}/ok), a [dead link]({server.url}/missing) and an [old one]({server.url}/r1)."
    files = {
        "articles/en/children/outside.md": article("Outside", body),
        "articles/km/children/outside.md": article("ខាងក្រៅ", "អត្ថបទ។", summary=KM_SUMMARY),
    }
    # Every https:// URL on the fixture site is a real organisation's site: only the local server is requested.
    settings = (
        f'{ENABLE}LINK_CHECKER = {{"timeout": 2, "retries": 0, "external_allow": ["^https://"]}}\n'
        'CONTENT_CHECKS = {"allow_local_links": True}\n'
    )
    built = build_site(tmp_path, files, settings)
    assert built.returncode == 0, built.log  # the build itself stays offline: http:// is only a warning
    assert not server.hits

    first = run_cli(built, "--external")
    md = "content/articles/en/children/outside.md:7: [en/outside/index.html]"
    assert first.returncode == 1, first.stderr
    assert f"{md} link “dead link” -> {server.url}/missing: broken: 404 Not Found (external-live)" in first.stderr
    assert (
        f"{md} warning: link “old one” -> {server.url}/r1: moved: moved permanently to {server.url}/ok; "
        "link to it directly (external-live)"
    ) in first.stderr
    assert re.search(
        r"External links: \d+ unique URLs \(0 from the cache\): 1 fine, 1 moved, 1 broken, \d+ skipped", first.stderr
    )
    requests = sum(server.hits.values())

    second = run_cli(built, "--external")
    assert second.returncode == 1
    assert re.search(r"External links: \d+ unique URLs \(3 from the cache\)", second.stderr)
    assert sum(server.hits.values()) == requests  # nothing requested again
    assert os.path.exists(tmp_path / "cache" / "linkcheck-cache.json")


def test_a_translator_who_kept_the_source_pages_link_is_told_the_file_and_line(site):
    khmer = article("ទំព័រខ្មែរ", "អត្ថបទ។")
    result = site(
        {
            "articles/km/children/b.md": khmer,
            "articles/en/children/b.md": article("Page B", "Text."),
            "articles/km/children/a.md": article("ទំព័រ ក", "អាន[ទំព័រនេះ]({filename}/articles/km/children/b.md)។"),
            "articles/en/children/a.md": article(
                "Page A", "Text.\n\nRead [what to do next]({filename}/articles/km/children/b.md)."
            ),
        }
    )
    assert result.returncode != 0
    assert "content/articles/en/children/a.md:9: [en/a/index.html] link “what to do next” -> /b/: leads to the" in (
        result.log
    )
    assert "(other-language)" in result.log


def test_a_pages_references_come_back_whole_from_the_cache():
    # The audit keeps each page's references between builds (pickled, Ref.__reduce__): every field counts
    # in the next build's checks, the region and the hreflang of a language link included.
    import pickle

    from link_checker.extract import parse_html

    html = (
        '<!doctype html><html lang="km"><head><link rel="alternate" hreflang="en" href="/en/a/"></head><body>'
        '<nav class="lang-switch"><a href="/en/a/" hreflang="en" title="English">EN</a></nav>'
        '<div class="prose"><p id="x"><a href="/b/#y">next</a><img src="/i.webp" srcset="/i-360.webp 360w" alt="a"></p>'
        "</div></body></html>"
    )
    page = parse_html(html)
    assert pickle.loads(pickle.dumps(page)) == page
    assert {(r.kind, r.in_content, r.hreflang) for r in page.refs} >= {("alternate", False, "en"), ("link", True, "")}
