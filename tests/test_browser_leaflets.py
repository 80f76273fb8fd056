"""Leaflets and print in Debian's Chromium: one A4 sheet per leaflet, QR codes that scan, clean print, no 404.

The real content is built once for the session (`real_site`) and served on 127.0.0.1. Each leaflet is
printed with Chromium's own print-to-PDF (`page.pdf(format="A4")`, the print stylesheet applied) and
its QR code is screenshotted from the print layout and decoded with zxing-cpp, the way a phone camera
would read the paper.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from browser import LocalServer, new_context
from conftest import ROOT
from test_browser_search import chromium as search_chromium

#: One A4 sheet in PDF points (210 x 297 mm).
A4_POINTS = (595.3, 841.9)
KHMER = re.compile(r"[\u1780-\u17ff]")
#: Pages printed as ordinary pages: an article, a guide, a hub, the help page and a search page.
PRINTED_PAGES = (
    "sextortion/index.html",
    "en/if-someone-asks-for-photos/index.html",
    "en/parents/index.html",
    "help/index.html",
    "en/search/index.html",
)


@pytest.fixture(scope="module")
def folder(real_site) -> Path:
    return real_site.output


@pytest.fixture(scope="module")
def server(folder):
    with LocalServer(folder) as running:
        yield running


# Playwright's sync API allows one session per thread; the accessibility tests keep one open in the
# main thread for the whole session, so this module drives its own, in a thread, like the search tests.
chromium = search_chromium


@pytest.fixture(scope="module")
def published_address() -> str:
    """LEAFLETS["site_url"] as the test build saw it (no SITEURL in its environment)."""
    from pelican.settings import read_settings

    with mock.patch.dict(os.environ):
        os.environ.pop("SITEURL", None)
        return read_settings(str(ROOT / "pelicanconf.py"))["LEAFLETS"]["site_url"].rstrip("/")


def leaflet_pages(folder: Path) -> list[str]:
    found = [p.relative_to(folder).as_posix() for p in folder.glob("leaflets/*/index.html")]
    found += [p.relative_to(folder).as_posix() for p in folder.glob("en/leaflets/*/index.html")]
    return sorted(found)


@pytest.fixture(scope="module")
def printed(chromium, server, folder) -> dict[str, tuple[bytes, bytes]]:
    """rel -> (the A4 PDF Chromium prints, a screenshot of the QR code in the print layout)."""
    pages = leaflet_pages(folder)

    def run(browser):
        context, _offsite = new_context(browser, server.base_url, device_scale_factor=2)
        page = context.new_page()
        # Print media for the screenshot too (page.pdf prints with it unless told to emulate another).
        page.emulate_media(media="print")
        out = {}
        for rel in pages:
            page.goto(server.url(rel))
            out[rel] = (page.pdf(format="A4"), page.locator("svg.qr").screenshot())
        context.close()
        return out

    return chromium.run(run)


def test_there_is_a_leaflet_for_each_guide_and_audience_in_both_languages(folder):
    pages = leaflet_pages(folder)
    km = {p.split("/")[-2] for p in pages if not p.startswith("en/")}
    en = {p.split("/")[-2] for p in pages if p.startswith("en/")}
    assert km == en and {"children", "parents", "practitioners"} <= km and len(km) >= 8, pages


def test_every_leaflet_prints_on_exactly_one_a4_sheet(printed):
    from pypdf import PdfReader

    sheets = {}
    for rel, (pdf, _qr) in printed.items():
        reader = PdfReader(io.BytesIO(pdf))
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 2 and abs(float(box.height) - A4_POINTS[1]) < 2, rel
        sheets[rel] = len(reader.pages)
    assert {rel: n for rel, n in sheets.items() if n != 1} == {}
    assert len(sheets) >= 16


def test_khmer_leaflets_print_khmer_text_in_a_khmer_font(printed):
    from pypdf import PdfReader

    checked = 0
    for rel, (pdf, _qr) in printed.items():
        if rel.startswith("en/"):
            continue
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
        assert any("Khmer" in name for name in fonts), f"{rel}: no Khmer font in the PDF ({sorted(fonts)})"
        assert len(KHMER.findall(page.extract_text())) > 200, f"{rel}: little Khmer text printed"
        checked += 1
    assert checked >= 8


def test_each_qr_code_scans_to_the_published_address_of_its_page(printed, folder, published_address):
    import zxingcpp
    from PIL import Image

    wrong = []
    for rel, (_pdf, qr) in printed.items():
        # /en/leaflets/<key>/ is about /en/<key>/: the guide, or the audience's hub.
        target = rel.replace("leaflets/", "", 1).removesuffix("index.html")
        assert (folder / target / "index.html").is_file(), f"{rel}: {target} is not a page of the site"
        found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr)))]
        if found != [f"{published_address}/{target}"]:
            wrong.append(f"{rel}: decoded {found}, expected {published_address}/{target}")
    assert wrong == []


PRINT_JS = """() => {
    const hidden = sel => [...document.querySelectorAll(sel)].every(el => getComputedStyle(el).display === "none");
    const strip = document.querySelector(".help-strip"), main = document.querySelector("main");
    const after = el => getComputedStyle(el, "::after").content;
    const web = [...document.querySelectorAll('main a[href^="http"]')].filter(a => !a.closest(".leaflet"));
    const tel = [...document.querySelectorAll('a[href^="tel:"]')];
    return {
        menu: hidden(".site-nav"), exit: hidden(".quick-exit"), switch: hidden(".lang-switch"),
        forms: hidden("form"), skip: hidden(".skip-link"),
        stripAtEnd: !!strip && strip.getBoundingClientRect().top >= main.getBoundingClientRect().bottom - 1,
        stripBoxed: !!strip && getComputedStyle(strip).borderTopStyle === "solid",
        // An address is on paper when printed after the link, or when the link's text is the address.
        web: web.length, webShown: web.filter(a => after(a).includes(a.getAttribute("href"))
            || a.textContent.includes(a.getAttribute("href").replace(/^https?:[/][/]/, "").replace(/[/]$/, ""))).length,
        tel: tel.length, telDoubled: tel.filter(a => after(a) !== "none" && after(a) !== "normal").length,
    };
}"""


def test_printing_a_page_leaves_the_text_addresses_and_help_box(chromium, server):
    def run(browser):
        context, _offsite = new_context(browser, server.base_url)
        page = context.new_page()
        results = {}
        page.emulate_media(media="print")
        for rel in PRINTED_PAGES:
            page.goto(server.url(rel))
            results[rel] = page.evaluate(PRINT_JS)
        context.close()
        return results

    results = chromium.run(run)
    problems = []
    for rel, r in results.items():
        for key in ("menu", "exit", "switch", "forms", "skip", "stripAtEnd", "stripBoxed"):
            if not r[key]:
                problems.append(f"{rel}: {key} fails in print")
        if r["webShown"] != r["web"]:
            problems.append(f"{rel}: {r['web'] - r['webShown']} of {r['web']} web links print without their address")
        if r["telDoubled"]:
            problems.append(f"{rel}: {r['telDoubled']} phone links print their number twice")
    assert sum(r["web"] for r in results.values()) > 0 and sum(r["tel"] for r in results.values()) > 0
    assert problems == []


MARKERS_JS = """() => [...document.querySelectorAll("main ol")].map(ol => getComputedStyle(ol).listStyleType)"""
LEAFLET_NUMBERS_JS = """() => [...document.querySelectorAll(".leaflet-guides li")].map(
    li => getComputedStyle(li, "::before").content)"""


def test_khmer_pages_and_leaflets_number_their_steps_in_khmer_digits(chromium, server, folder):
    khmer_guide = "if-someone-asks-for-photos/index.html"
    leaflet = next(rel for rel in leaflet_pages(folder) if not rel.startswith("en/") and "leaflets/children" in rel)

    def run(browser):
        context, _offsite = new_context(browser, server.base_url)
        page = context.new_page()
        found = {}
        for rel in (khmer_guide, "en/" + khmer_guide):
            page.goto(server.url(rel))
            found[rel] = page.evaluate(MARKERS_JS)
        page.emulate_media(media="print")
        page.goto(server.url(leaflet))
        found[leaflet] = page.evaluate(LEAFLET_NUMBERS_JS)
        context.close()
        return found

    found = chromium.run(run)
    assert found[khmer_guide] and set(found[khmer_guide]) == {"khmer"}
    assert set(found["en/" + khmer_guide]) == {"decimal"}
    assert found[leaflet] and all("counter(step, khmer)" in content for content in found[leaflet]), found[leaflet]


def test_no_page_requests_anything_that_fails(chromium, server, folder):
    """Every page opened as a first visit: each request it makes succeeds (no /favicon.ico 404, no missing file)."""
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))

    def run(browser):
        context, _offsite = new_context(browser, server.base_url)
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
        page.on(
            "response", lambda response: response.status >= 400 and failed.append(f"{response.url} {response.status}")
        )
        seen = {}
        for rel in pages:
            failed.clear()
            page.goto(server.url(rel))
            page.wait_for_load_state("load")
            seen[rel] = list(failed)
        icon = page.request.get(server.base_url + "favicon.ico")
        context.close()
        return seen, icon.status, icon.headers.get("content-type", "")

    seen, icon_status, icon_type = chromium.run(run)
    failures = {rel: found for rel, found in seen.items() if found}
    assert failures == {}
    assert len(seen) == len(pages) > 50
    assert icon_status == 200 and "icon" in icon_type
