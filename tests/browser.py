"""Helpers for the real-browser tests: serve a built site on 127.0.0.1, drive Debian's Chromium, run axe-core.

Nothing leaves the machine: every request to another origin is answered locally (navigations get a
stub page and are recorded, anything else is aborted), and Chromium runs with background networking off.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

#: Debian's Chromium (`apt-get install chromium`); never a browser downloaded by a tool.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The axe-core bundled by the pinned `axe-playwright-python` (requirements-test.txt).
AXE_VERSION = "4.12.1"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: What the stub page served for a navigation to another website says.
LEFT_SITE = "<!doctype html><html lang=en><title>Left the site</title><p>Left the site.</p></html>"


class BrowserUnavailable(RuntimeError):
    """Chromium, Playwright or axe-core is missing: the message says how to install it."""


def axe_source() -> str:
    """axe.min.js from the pinned axe-playwright-python package, checked to be the pinned axe version."""
    try:
        text = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise BrowserUnavailable(
            "axe-core is missing: install the test requirements (.venv/bin/pip install -r requirements-test.txt)"
        ) from exc
    if f"axe v{AXE_VERSION}" not in text[:200]:
        raise BrowserUnavailable(
            f"axe-playwright-python does not bundle axe {AXE_VERSION}; install the version pinned in "
            "requirements-test.txt"
        )
    return text


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # quiet: the test output lists problems, not requests
        pass


class LocalServer:
    """A built output folder served over HTTP on 127.0.0.1 (a free port) from a background thread."""

    def __init__(self, folder: str | Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, page: str) -> str:
        """`en/help/index.html` -> `http://127.0.0.1:PORT/en/help/` (directory URLs, as links write them)."""
        if page == "index.html" or page.endswith("/index.html"):
            page = page[: -len("index.html")]
        return self.base_url + page


def launch(playwright):
    """Chromium from Debian, headless, with the flags that keep it off the network."""
    if not CHROMIUM.exists():
        raise BrowserUnavailable(
            f"{CHROMIUM} is missing. The browser tests use Debian's Chromium: run `invoke test` (it installs it), "
            "or `.venv/bin/python -c 'import tasks; tasks.ensure_chromium()'` (apt-get install chromium). "
            "Never `playwright install`."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@dataclass
class Offsite:
    """Requests to other origins seen by a browser context: navigations answered locally, the rest aborted."""

    base_url: str
    navigations: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def handle(self, route) -> None:
        request = route.request
        if request.is_navigation_request():
            self.navigations.append(request.url)
            route.fulfill(status=200, content_type="text/html", body=LEFT_SITE)
        else:
            self.blocked.append(request.url)
            route.abort()


def new_context(browser, base_url: str, axe: str | None = None, **options):
    """(context, offsite): a browser context whose requests never leave 127.0.0.1, with axe-core in every page."""
    context = browser.new_context(**options)
    offsite = Offsite(base_url)
    # Only URLs outside the local server are intercepted, so the site's own requests pay no round trip.
    context.route(re.compile(rf"^(?!{re.escape(base_url)})"), offsite.handle)
    if axe:
        context.add_init_script(script=axe)
    return context, offsite


def run_axe(page, tags=AXE_TAGS, rules: list[str] | None = None) -> dict:
    """Run axe on the loaded page: {"violations": [...], "rules": number of rules axe ran}."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags}
    return page.evaluate(
        """(runOnly) => axe.run(document, {runOnly, resultTypes: ["violations"]}).then(r => ({
            violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))})),
            rules: r.violations.length + r.passes.length + r.incomplete.length + r.inapplicable.length,
        }))""",
        run_only,
    )


#: How a link or button looks (outline, box-shadow) and a short description of it, for the scripts below.
_LOOK = """
    const look = el => {
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
            ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "none";
        return {outline, shadow: s.boxShadow};
    };
    const describe = el => `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ""}>`
        + ` "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`;
"""

#: document.scrollWidth against the viewport, and the elements sticking out (WCAG 1.4.10 Reflow).
REFLOW_JS = """() => {
    const root = document.documentElement, width = root.clientWidth;
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > width + 1 && getComputedStyle(el).position !== "fixed") {
            out.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""}`
                     + ` (right edge ${Math.round(r.right)}px)`);
        }
    }
    return {scrollWidth: root.scrollWidth, clientWidth: width, wide: out.slice(-5)};
}"""

#: Interactive elements smaller than 24x24 CSS px without the spacing or inline exception (WCAG 2.5.8).
TARGET_SIZE_JS = """() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
        + '[role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    const describe = el => `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ""}>`
        + ` "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`;
    const shown = el => {
        const s = getComputedStyle(el), r = el.getBoundingClientRect();
        return s.visibility !== "hidden" && r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0;
    };
    const targets = [...document.querySelectorAll(selector)].filter(shown);
    const box = el => el.getBoundingClientRect();
    const inSentence = el => {
        if (getComputedStyle(el).display !== "inline") return false;
        let block = el.parentElement;
        while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
        return !!block && block.textContent.replace(el.textContent, "").trim().length > 0;
    };
    const distanceToRect = (x, y, r) => {
        const dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
        return Math.hypot(dx, dy);
    };
    const small = targets.filter(el => { const r = box(el); return r.width < 23.99 || r.height < 23.99; });
    const problems = [];
    for (const el of small) {
        if (inSentence(el)) continue;
        const r = box(el), cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
        const crowded = targets.find(other => {
            if (other === el || other.contains(el) || el.contains(other)) return false;
            if (distanceToRect(cx, cy, box(other)) < 12) return true;
            if (!small.includes(other)) return false;
            const o = box(other);
            return Math.hypot(cx - (o.left + o.right) / 2, cy - (o.top + o.bottom) / 2) < 24;
        });
        if (crowded) {
            problems.push(`${describe(el)} is ${Math.round(r.width)}x${Math.round(r.height)} px and too close to `
                          + describe(crowded));
        }
    }
    return {checked: targets.length, problems};
}"""

#: Every visible link and button, focused in turn after a keyboard interaction: does its look change?
FOCUS_JS = (
    "() => {"
    + _LOOK
    + """
    const els = [...document.querySelectorAll("a[href], button")].filter(el => {
        const s = getComputedStyle(el), r = el.getBoundingClientRect();
        return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0;
    });
    const before = els.map(look);
    const problems = [];
    els.forEach((el, i) => {
        el.focus();
        if (document.activeElement !== el) { problems.push(`${describe(el)} cannot take keyboard focus`); return; }
        const after = look(el);
        const shows = (after.outline !== "none" && after.outline !== before[i].outline)
            || (after.shadow !== "none" && after.shadow !== before[i].shadow);
        if (!shows) problems.push(`${describe(el)} looks the same focused (outline ${after.outline}, `
                                  + `box-shadow ${after.shadow})`);
    });
    return {checked: els.length, problems};
}"""
)

#: The focused element, how it looks, and whether it is on screen.
ACTIVE_JS = """() => {
    const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
    return {tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className || ""),
            href: el.getAttribute("href"), text: (el.textContent || "").trim().slice(0, 40),
            outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== "none",
            onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};
}"""

#: Remember how every link and button looks unfocused, before a real Tab walk.
BASELINE_JS = (
    "() => {"
    + _LOOK
    + """
    window.__looks = new Map([...document.querySelectorAll("a[href], button")].map(el => [el, look(el)]));
    return window.__looks.size;
}"""
)

#: After a real Tab press: the focused element, and whether its look changed from its baseline.
TAB_STOP_JS = (
    "() => {"
    + _LOOK
    + """
    const el = document.activeElement, before = window.__looks.get(el), after = look(el);
    const shows = !!before && ((after.outline !== "none" && after.outline !== before.outline)
        || (after.shadow !== "none" && after.shadow !== before.shadow));
    return {what: describe(el), body: el === document.body, known: !!before, shows, after};
}"""
)

#: The page's language and every class it uses: pages with the same signature show the same components.
SIGNATURE_JS = """() => document.documentElement.lang + " " + [...new Set([...document.querySelectorAll("[class]")]
    .flatMap(el => [...el.classList]))].sort().join(" ")"""

#: The quick exit link: where it goes and whether it is in the header, on the first screen.
QUICK_EXIT_JS = """() => {
    const a = document.querySelector("a[data-quick-exit]");
    if (!a) return null;
    const r = a.getBoundingClientRect();
    return {href: a.getAttribute("href"), target: a.getAttribute("target"), text: a.textContent.trim(),
            inHeader: !!a.closest("header"), firstScreen: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight};
}"""
