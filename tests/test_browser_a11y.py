"""Every built page in a real browser (Debian's Chromium): axe-core, reflow, target size, focus, skip link, quick exit.

Each page is loaded once per viewport and every check runs on the loaded page (one browser for the
session); the tests below then assert one check each. By default the real content is built for the
session (`real_site`); `A11Y_BROWSER_SITE=output pytest tests/test_browser_a11y.py` checks a folder
built already. The session ends with a table of what was checked and found.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import (
    ACTIVE_JS,
    AXE_VERSION,
    BASELINE_JS,
    FOCUS_JS,
    QUICK_EXIT_JS,
    REFLOW_JS,
    SIGNATURE_JS,
    TAB_STOP_JS,
    TARGET_SIZE_JS,
    BrowserUnavailable,
    LocalServer,
    axe_source,
    launch,
    new_context,
    run_axe,
)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
#: Pages walked with real Tab presses (the sweep focuses elements from script after a keyboard interaction).
TAB_WALK_PAGES = ("index.html", "help/index.html", "en/index.html", "en/help/index.html")


# --- the session table ----------------------------------------------------------------------------


@dataclass
class Row:
    check: str
    wcag: str
    pages: int
    checked: str
    findings: int


class Report:
    """Rows collected by the tests, printed at the end of the session (pass or fail)."""

    def __init__(self):
        self.rows: dict[str, Row] = {}
        self.seconds: dict[str, float] = {}
        self.browser = ""

    def add(self, check: str, wcag: str, pages: int, checked: str, findings: int) -> None:
        self.rows[check] = Row(check, wcag, pages, checked, findings)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.rows:
            return
        rows = [("check", "WCAG", "pages", "checked", "findings")]
        rows += [(r.check, r.wcag, str(r.pages), r.checked, str(r.findings)) for r in self.rows.values()]
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        timing = ", ".join(f"{name} {secs:.0f} s" for name, secs in self.seconds.items())
        terminalreporter.write_sep("-", f"browser accessibility checks ({self.browser}, axe-core {AXE_VERSION})")
        for n, row in enumerate(rows):
            terminalreporter.write_line("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
            if n == 0:
                terminalreporter.write_line("  ".join("-" * w for w in widths))
        total = sum(r.findings for r in self.rows.values())
        terminalreporter.write_line(f"{total} findings; time: {timing}")


@pytest.fixture(scope="session")
def report(request) -> Report:
    plugin = Report()
    request.config.pluginmanager.register(plugin, "browser-a11y-report")
    return plugin


# --- browser, server, pages -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_folder(request) -> Path:
    override = os.environ.get("A11Y_BROWSER_SITE")
    folder = Path(override) if override else request.getfixturevalue("real_site").output
    assert (folder / "index.html").is_file(), f"{folder}: no built site here"
    return folder


@pytest.fixture(scope="session")
def server(site_folder):
    with LocalServer(site_folder) as local:
        yield local


@pytest.fixture(scope="session")
def pages(site_folder) -> list[str]:
    return sorted(p.relative_to(site_folder).as_posix() for p in site_folder.rglob("*.html"))


@pytest.fixture(scope="session")
def axe() -> str:
    try:
        return axe_source()
    except BrowserUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def browser(report):
    """One Chromium for the whole session. Missing Chromium or Playwright fails (never skips) with the fix."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: .venv/bin/pip install -r requirements-test.txt", pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = launch(playwright)
        except BrowserUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
        report.browser = f"Chromium {chromium.version}"
        yield chromium
        chromium.close()


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: {response.status if response else 'no response'}"


@pytest.fixture(scope="session")
def phone_sweep(browser, server, pages, axe, report) -> dict:
    """At 360x740: axe, target sizes, the quick exit, then reflow at 320 px; colour contrast in the dark scheme.

    The dark scheme changes only colours, which come from the components a page uses: it is checked with
    axe on each page that shows a combination of components (CSS classes) not seen on an earlier page.
    """
    started = time.perf_counter()
    context, offsite = new_context(browser, server.base_url, axe, viewport=PHONE)
    page = context.new_page()
    results: dict[str, dict] = {"axe": {}, "dark": {}, "targets": {}, "reflow": {}, "exit": {}, "requests": {}}
    seen: set[str] = set()
    requested: list[tuple[str, str]] = []
    page.on("request", lambda request: requested.append((request.resource_type, request.url)))
    for rel in pages:
        requested.clear()
        _visit(page, server.url(rel))
        page.wait_for_load_state("load")
        results["requests"][rel] = list(requested)
        results["axe"][rel] = run_axe(page)
        results["targets"][rel] = page.evaluate(TARGET_SIZE_JS)
        results["exit"][rel] = page.evaluate(QUICK_EXIT_JS)
        signature = page.evaluate(SIGNATURE_JS)
        if signature not in seen:
            seen.add(signature)
            page.emulate_media(color_scheme="dark")
            results["dark"][rel] = run_axe(page, rules=["color-contrast", "link-in-text-block"])
            page.emulate_media(color_scheme="light")
        page.set_viewport_size(NARROW)
        results["reflow"][rel] = page.evaluate(REFLOW_JS)
        page.set_viewport_size(PHONE)
    results["offsite"] = offsite
    context.close()
    report.seconds["360 px sweep"] = time.perf_counter() - started
    return results


@pytest.fixture(scope="session")
def desktop_sweep(browser, server, pages, axe, report) -> dict:
    """At 1280x800: axe, target sizes, the first Tab stop and Enter on it, then every link and button focused."""
    started = time.perf_counter()
    context, offsite = new_context(browser, server.base_url, axe, viewport=DESKTOP)
    page = context.new_page()
    results: dict[str, dict] = {"axe": {}, "targets": {}, "skip": {}, "focus": {}}
    for rel in pages:
        _visit(page, server.url(rel))
        results["axe"][rel] = run_axe(page)
        results["targets"][rel] = page.evaluate(TARGET_SIZE_JS)
        page.keyboard.press("Tab")
        first = page.evaluate(ACTIVE_JS)
        page.keyboard.press("Enter")
        after = page.evaluate(ACTIVE_JS)
        results["skip"][rel] = {"first": first, "after": after, "hash": urlsplit(page.url).fragment}
        # The keyboard was used, so focus moved from script shows the :focus-visible style, as a Tab would.
        results["focus"][rel] = page.evaluate(FOCUS_JS)
    results["offsite"] = offsite
    context.close()
    report.seconds["1280 px sweep"] = time.perf_counter() - started
    return results


# --- axe-core -------------------------------------------------------------------------------------------


def _axe_failures(results: dict[str, dict]) -> list[str]:
    lines = []
    for rel, result in results.items():
        for v in result["violations"]:
            nodes = "; ".join(f"{n['target']}: {n['summary'].splitlines()[-1].strip()}" for n in v["nodes"][:5])
            more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
            lines.append(f"{rel}: {v['id']} ({v['impact']}) {v['help']} -- {nodes}{more}")
    return lines


@pytest.mark.parametrize(("sweep", "size"), [("phone_sweep", "360x740"), ("desktop_sweep", "1280x800")])
def test_axe_finds_no_violations(request, sweep, size, report, pages):
    results = request.getfixturevalue(sweep)["axe"]
    failures = _axe_failures(results)
    rules = max(r["rules"] for r in results.values())
    report.add(f"axe-core {size}", "A, AA (2.0-2.2), best practice", len(results), f"{rules} rules", len(failures))
    assert len(results) == len(pages)
    assert failures == [], "axe-core violations:\n" + "\n".join(failures)


def test_dark_scheme_contrast(phone_sweep, report):
    results = phone_sweep["dark"]
    failures = _axe_failures(results)
    report.add("axe colour contrast, dark scheme", "1.4.3, 1.4.1", len(results), "2 rules", len(failures))
    assert results, "no page was checked in the dark scheme"
    assert failures == [], "axe-core violations in the dark colour scheme:\n" + "\n".join(failures)


# --- what a page downloads (low bandwidth: one round trip, then only deferred scripts) -----------------


def test_pages_download_nothing_but_the_page_and_its_deferred_scripts(phone_sweep, server, report):
    """No stylesheet, web font, image or other-origin request; scripts only from the hashed asset folder.

    A phone with a Khmer system font (this machine has Noto Sans Khmer, as Android does) must not
    download any font; search files load only on a search page, and only when someone searches.
    """
    failures = []
    for rel, requests in phone_sweep["requests"].items():
        for kind, url in requests:
            if not url.startswith(server.base_url):
                failures.append(f"{rel}: {kind} from another website: {url}")
            elif kind == "document":
                continue
            elif kind != "script" or "/assets/" not in url:
                failures.append(f"{rel}: unexpected {kind} download: {url[len(server.base_url) - 1 :]}")
            elif "search" in url and "search/" not in rel:
                failures.append(f"{rel}: the search script loads on a page that is not the search page")
    scripts = sum(1 for requests in phone_sweep["requests"].values() for kind, _ in requests if kind == "script")
    report.add(
        "downloads: page + deferred scripts only", "-", len(phone_sweep["requests"]), f"{scripts} scripts",
        len(failures),
    )  # fmt: skip
    assert scripts >= len(phone_sweep["requests"]), "every page loads the quick exit script"
    assert failures == [], "\n".join(failures)


# --- layout: reflow and target size ---------------------------------------------------------------------


def test_no_sideways_scrolling_at_320_px(phone_sweep, report):
    results = phone_sweep["reflow"]
    failures = [
        f"{rel}: the page is {r['scrollWidth']} px wide at {r['clientWidth']} px; too wide: {', '.join(r['wide'])}"
        for rel, r in results.items()
        if r["scrollWidth"] > r["clientWidth"]
    ]
    report.add("no sideways scrolling at 320 px", "1.4.10", len(results), f"{len(results)} pages", len(failures))
    assert failures == [], "\n".join(failures)


def test_targets_are_at_least_24_px_or_spaced(phone_sweep, desktop_sweep, report):
    failures, checked = [], 0
    for size, sweep in (("360", phone_sweep), ("1280", desktop_sweep)):
        for rel, r in sweep["targets"].items():
            checked += r["checked"]
            failures += [f"{rel} at {size} px: {problem}" for problem in r["problems"]]
    report.add(
        "target size 24x24 px (360 + 1280)", "2.5.8", len(phone_sweep["targets"]), f"{checked} targets", len(failures)
    )
    assert checked > 0
    assert failures == [], "\n".join(failures)


# --- keyboard: skip link and focus indicator ------------------------------------------------------------


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(desktop_sweep, report):
    failures = []
    for rel, r in desktop_sweep["skip"].items():
        first, after = r["first"], r["after"]
        if first["tag"] != "a" or not (first["href"] or "").startswith("#"):
            failures.append(f"{rel}: the first Tab stop is {first['tag']} {first['text']!r}, not the skip link")
            continue
        if not first["onScreen"] or not (first["outline"] or first["shadow"]):
            failures.append(f"{rel}: the skip link is not visible when focused")
        if after["tag"] != "main":
            failures.append(f"{rel}: after Enter on the skip link, focus is on {after['tag']} {after['text']!r}")
    report.add(
        "skip link: first Tab stop, focus to main", "2.4.1", len(desktop_sweep["skip"]), "Tab, Enter", len(failures)
    )
    assert failures == [], "\n".join(failures)


def test_links_and_buttons_show_focus(desktop_sweep, report):
    results = desktop_sweep["focus"]
    failures = [f"{rel}: {problem}" for rel, r in results.items() for problem in r["problems"]]
    checked = sum(r["checked"] for r in results.values())
    report.add("focus indicator on links and buttons", "2.4.7", len(results), f"{checked} elements", len(failures))
    assert checked > 0
    assert failures == [], "\n".join(failures)


def test_focus_indicator_when_tabbing_for_real(browser, server, pages, report):
    """On a few pages, press Tab through every stop: each shows a focus indicator it did not have before."""
    walk = [rel for rel in TAB_WALK_PAGES if rel in pages]
    context, _offsite = new_context(browser, server.base_url, viewport=DESKTOP)
    page = context.new_page()
    failures, stops = [], 0
    for rel in walk:
        _visit(page, server.url(rel))
        total = page.evaluate(BASELINE_JS)
        for _ in range(total + 1):
            page.keyboard.press("Tab")
            stop = page.evaluate(TAB_STOP_JS)
            if stop["body"]:
                break
            stops += 1
            if not stop["shows"]:
                failures.append(f"{rel}: {stop['what']} shows no focus indicator when tabbed to ({stop['after']})")
    context.close()
    report.add("focus indicator, real Tab walk", "2.4.7", len(walk), f"{stops} Tab stops", len(failures))
    assert stops > 10 * len(walk)
    assert failures == [], "\n".join(failures)


# --- quick exit -----------------------------------------------------------------------------------------


def _is_other_site(href: str, base_url: str) -> bool:
    parts = urlsplit(href)
    return parts.scheme in ("https", "http") and bool(parts.netloc) and not href.startswith(base_url)


def test_quick_exit_on_every_page(phone_sweep, server, report):
    failures = []
    for rel, r in phone_sweep["exit"].items():
        if r is None:
            failures.append(f"{rel}: no quick exit link (a[data-quick-exit])")
            continue
        if not _is_other_site(r["href"], server.base_url):
            failures.append(f"{rel}: the quick exit goes to {r['href']!r}, not a plain address of another website")
        if r["target"]:
            failures.append(
                f"{rel}: the quick exit opens a new window (target={r['target']!r}); it must replace this one"
            )
        if not r["inHeader"] or not r["firstScreen"]:
            failures.append(f"{rel}: the quick exit is not in the header on the first screen at 360 px")
    report.add("quick exit on every page (first screen)", "-", len(phone_sweep["exit"]), "link", len(failures))
    assert failures == [], "\n".join(failures)


def _home_and_help(pages: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for prefix in ("", "en/"):
        home, other = f"{prefix}index.html", f"{prefix}help/index.html"
        if home in pages:
            pairs.append((home, other if other in pages else home))
    return pairs


def test_quick_exit_works_without_javascript(browser, server, pages, report):
    """With JavaScript off, the link is a plain link to another site, and following it leaves (intercepted)."""
    context, offsite = new_context(browser, server.base_url, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    checked = _home_and_help(pages)
    for home, _other in checked:
        _visit(page, server.url(home))
        link = page.locator("a[data-quick-exit]")
        href = link.get_attribute("href")
        assert _is_other_site(href, server.base_url), f"{home}: quick exit href {href!r}"
        link.click()
        page.wait_for_url(href)
        assert offsite.navigations[-1] == href
        assert page.title() == "Left the site"
    context.close()
    report.add("quick exit with JavaScript off", "-", len(checked), "click", 0)
    assert checked


def test_escape_leaves_and_back_does_not_return(browser, server, pages, report):
    """With JavaScript on, Esc leaves at once and the page is replaced in the history (Back skips it)."""
    context, offsite = new_context(browser, server.base_url, viewport=PHONE)
    page = context.new_page()
    checked = _home_and_help(pages)
    for home, other in checked:
        _visit(page, server.url(home))
        _visit(page, server.url(other))
        href = page.locator("a[data-quick-exit]").get_attribute("href")
        page.keyboard.press("Escape")
        page.wait_for_url(href)
        assert offsite.navigations[-1] == href
        page.go_back()
        assert page.url == server.url(home), f"{other}: Back returned to {page.url}, not {server.url(home)}"
    assert not offsite.blocked, f"requests to other sites: {offsite.blocked}"
    context.close()
    report.add("Esc leaves, Back skips the page", "-", len(checked), "Esc, Back", 0)
    assert checked


def test_nothing_was_requested_from_other_sites(phone_sweep, desktop_sweep):
    """Pages load nothing from another origin (the only navigation away is the quick exit, tested above)."""
    blocked = phone_sweep["offsite"].blocked + desktop_sweep["offsite"].blocked
    assert blocked == [], f"requests to other sites: {sorted(set(blocked))}"


BROKEN_PAGE = """<!doctype html>
<html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Broken</title>
<style>
a:focus, a:focus-visible { outline: none; }
.wide { width: 600px; }
.tiny a { display: inline-block; width: 10px; height: 10px; overflow: hidden; font-size: 8px; }
</style></head>
<body>
<a href="/other.html">A menu link before any skip link</a>
<main><h1>Broken</h1>
<img src="/missing.png">
<div class="wide">A box wider than a phone</div>
<p class="tiny"><a href="/1.html">1</a><a href="/2.html">2</a></p>
<p>An <a href="/inline.html">inline link</a> in a sentence is exempt from the target size.</p>
</main></body></html>
"""


def test_the_checks_catch_a_broken_page(browser, axe, tmp_path_factory):
    """The same helpers, on a page made to fail: each check reports its problem (so a pass means something)."""
    folder = tmp_path_factory.mktemp("broken-browser-page")
    (folder / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    with LocalServer(folder) as local:
        context, _offsite = new_context(browser, local.base_url, axe, viewport=PHONE)
        page = context.new_page()
        _visit(page, local.url("index.html"))
        assert "image-alt" in {v["id"] for v in run_axe(page)["violations"]}
        targets = page.evaluate(TARGET_SIZE_JS)
        assert [p for p in targets["problems"] if '"1"' in p] and not [p for p in targets["problems"] if "inline" in p]
        assert page.evaluate(QUICK_EXIT_JS) is None
        page.set_viewport_size(NARROW)
        reflow = page.evaluate(REFLOW_JS)
        assert reflow["scrollWidth"] > reflow["clientWidth"] and "div.wide" in " ".join(reflow["wide"])
        page.keyboard.press("Tab")
        assert page.evaluate(ACTIVE_JS)["href"] == "/other.html"
        focus = page.evaluate(FOCUS_JS)
        assert focus["checked"] == 4 and len(focus["problems"]) == 4
        context.close()
