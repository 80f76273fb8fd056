"""Page budget: pages render from one round trip; blocking, foreign and heavy resources stop the build."""

import os

import pytest
from conftest import article

from page_budget.hooks import DEFAULTS, local_path
from page_budget.inventory import css_urls, inventory_of, srcset_urls
from page_budget.rules import check_page, gzip_size, is_other_origin
from sitekit.html import parse_document

SITE = ("https", "onlinesafety.example.org")


def rules_of(html: str, sizes=None, config=None, site_origin=SITE) -> list[str]:
    sizes = sizes or {}
    # As the build calls it: with the page's bytes, which let a page without style attributes skip most elements.
    data = html.encode()
    found = inventory_of(parse_document(html), data)
    _, problems = check_page(data, found, {**DEFAULTS, **(config or {})}, lambda url: sizes.get(url), site_origin)
    return sorted(p.rule for p in problems)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<html><head><style>p{}</style></head><body><p>Hi</p></body></html>", []),
        ('<head><link rel="stylesheet" href="/site.css"></head>', ["render-blocking"]),
        ('<head><link rel="stylesheet" href="/print.css" media="print"></head>', []),
        ('<head><script src="/a.js"></script></head>', ["blocking-script"]),
        ('<body><script src="/a.js" defer></script></body>', []),
        ('<body><script type="module" src="/a.js"></script></body>', []),
        ("<body><script>alert(1)</script></body>", ["inline-script"]),
        ('<body><script type="application/ld+json">{"a": 1}</script></body>', []),
        ('<body><script src="https://cdn.example.com/x.js" defer></script></body>', ["other-origin"]),
        ('<body><script src="https://onlinesafety.example.org/a.js" defer></script></body>', []),
        ('<head><link rel="icon" href="//evil.example/x.ico"></head>', ["other-origin"]),
        ("<style>@font-face{src:url(https://fonts.example/k.woff2)}</style>", ["other-origin"]),
        ('<p style="background:url(\'https://t.example/p.gif\')">x</p>', ["other-origin"]),
        ('<P STYLE = "background:url(https://t.example/p.gif)">x</P>', ["other-origin"]),
        ('<svg><image style="fill:url(https://t.example/p.svg)"/></svg>', ["other-origin"]),
        ('<img src="/a.png" alt="" width="10" height="10">', []),
        ('<img src="/a.png" alt="">', ["image-dimensions"]),
        ('<img src="/big.png" alt="" width="10" height="10">', ["image-weight"]),
        ('<img src="data:image/gif;base64,R0lGOD" alt="" width="1" height="1">', []),
        ('<picture><source srcset="https://x.example/a.webp 1x"><img src="/a.png" alt="" width="1" height="1">'
         "</picture>", ["other-origin"]),
        ('<a href="https://www.google.com/">a link is not a download</a>', []),
    ],
)  # fmt: skip
def test_budget_rules(html, expected):
    assert rules_of(html, sizes={"/a.png": 2_000, "/big.png": 40_000, "/a.js": 500}) == expected


def test_scripts_add_up_against_the_script_budget():
    html = '<script src="/a.js" defer></script><script src="/b.js" defer></script>'
    assert rules_of(html, sizes={"/a.js": 3000, "/b.js": 3000}) == ["script-weight"]
    assert rules_of(html, sizes={"/a.js": 1000, "/b.js": 1000}) == []


def test_page_weight_is_measured_after_gzip():
    incompressible = os.urandom(12_000).hex()  # 24 KB of text, about 13 KB gzip
    assert gzip_size(incompressible.encode()) > 12_000
    assert rules_of(f"<p>{incompressible}</p>") == []
    assert rules_of(f"<p>{incompressible}</p>", config={"html_max_gzip_kb": 10}) == ["page-weight"]
    assert rules_of("<p>" + "word " * 50_000 + "</p>") == []  # 250 KB raw, tiny gzip


def test_without_siteurl_every_absolute_url_is_another_origin():
    assert is_other_origin("https://onlinesafety.example.org/x.png", None)
    assert not is_other_origin("/x.png", None)
    assert not is_other_origin("data:image/png;base64,AA", None)


def test_url_helpers(tmp_path):
    assert srcset_urls("a.png 1x, /b.png 2x") == ["a.png", "/b.png"]
    assert css_urls("a{background:url( 'x.png' )} @import \"y.css\";") == ["x.png", "y.css"]
    page_dir = tmp_path / "en" / "help"
    assert local_path(tmp_path, page_dir, "/en/", "") == tmp_path / "en" / "index.html"
    assert local_path(tmp_path, page_dir, "img.png?v=1", "") == page_dir / "img.png"
    assert local_path(tmp_path, page_dir, "https://s.org/a.js", "https://s.org") == tmp_path / "a.js"
    assert local_path(tmp_path, page_dir, "https://other.org/a.js", "https://s.org") is None


PLUGIN = 'if "page_budget" not in PLUGINS:\n    PLUGINS = [*PLUGINS, "page_budget"]\n'


def test_ordinary_pages_of_a_fixture_site_pass_and_the_summary_lists_the_heaviest(site):
    built = site({"articles/en/children/a.md": article("A", "Text."), "articles/km/children/a.md": article("ក", "អ។")},
                 settings=PLUGIN)  # fmt: skip
    assert built.returncode == 0, built.log
    assert "Page budget:" in built.log and "heaviest:" in built.log


def test_a_fixture_site_with_each_kind_of_overweight_page_fails_naming_each(site):
    big_text = "\n\n".join(os.urandom(400).hex() for _ in range(60))  # ~48 KB of incompressible text
    files = {
        "articles/en/children/long.md": article("Long", big_text),
        "articles/km/children/long.md": article("វែង", "អត្ថបទ។"),
        "images/big.png": os.urandom(40_000),
        "extra/old.html": (
            '<!doctype html><html lang="en"><head><title>Old</title>'
            '<link rel="stylesheet" href="/theme.css">'
            '<script src="https://cdn.example.com/lib.js"></script></head><body><p>Old page</p>'
            '<img src="/images/big.png" alt="A big photo"></body></html>'
        ),
    }
    # Only the budget judges this site: the link and accessibility checks would stop it first.
    others = (
        'PLUGINS = [p for p in PLUGINS if p not in ("link_checker", "a11y_checks")]\n'
        'AUDIT = {"steps": ["page_budget"]}\n'
    )
    built = site(files, settings=PLUGIN + others + 'STATIC_PATHS = ["images", "extra"]\n')
    assert built.returncode == 1, built.log
    log = built.log
    assert "Page budget: these pages are too heavy" in log
    assert "content/articles/en/children/long.md: [en/long/index.html]" in log
    assert "gzip-compressed, over the 14.0 KB budget" in log
    assert "extra/old.html:1: image /images/big.png is 39.1 KB, over the 30.0 KB image budget" in log
    assert "extra/old.html:1: image /images/big.png has no width and height" in log
    assert "extra/old.html: stylesheet /theme.css blocks rendering" in log
    assert "extra/old.html: https://cdn.example.com/lib.js is downloaded from another website" in log
    assert "script https://cdn.example.com/lib.js is neither defer nor async" in log
    assert "budget/page-weight" in log and "budget/other-origin" in log


@pytest.mark.parametrize(
    "html",
    [
        '<head><link rel="stylesheet" href="/a.css"><style>b{background:url(/b.png)}</style></head>'
        '<body><img src="/c.png" srcset="/c.png 1x, /c2.png 2x" alt=""><video src="/v.mp4" poster="/p.jpg"></video>'
        '<object data="/o.svg"></object><script src="/s.js" defer></script></body>',
        '<body><p style="background:url(/x.png)">x</p><img src="/y.png" alt=""></body>',
        "<body><!-- <img src=/not.png> --><p>text about style = in CSS</p></body>",
    ],
)
def test_inventory_with_the_pages_bytes_is_the_full_walks(html):
    """The build passes the page's bytes to skip elements that fetch nothing: the inventory must not change."""
    tree = parse_document(html)
    assert inventory_of(tree, html.encode()) == inventory_of(tree)
