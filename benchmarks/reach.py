"""Measure what link previews, the favicon, print styles and leaflets cost each page (gzip bytes).

Run from the project root with the project's virtualenv:

    .venv/bin/python benchmarks/reach.py                 # publish build of content/ into a temp folder
    .venv/bin/python benchmarks/reach.py --site output   # measures a folder built already

Each page is weighed as the page budget weighs it (gzip level 6) with and without the Open Graph /
Twitter tags and the favicon link; the difference is what they cost that page (gzip shares repeated
text, so the description and URL repeated in og: tags cost less than their length). The inline
stylesheet is weighed with and without its print and leaflet rules. Leaflet pages are weighed whole
and without their QR code. The figures belong in docs/reach.md.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(Path(__file__).resolve().parent)]

from machine import describe  # noqa: E402

from page_budget.rules import gzip_size  # noqa: E402
from site_meta.files import png_size  # noqa: E402

PREVIEW_LINE = re.compile(r'^<meta (?:property="og:|name="twitter:)[^\n]*\n', re.M)
ICON_LINE = re.compile(r'^<link rel="icon"[^\n]*\n', re.M)
QR = re.compile(r'<svg class="qr".*?</svg>', re.S)
STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def gz(text: str) -> int:
    """Bytes gzip-compressed as the page budget weighs them."""
    return gzip_size(text.encode("utf-8"))


def without_print_and_leaflets(css: str) -> str:
    """The minified stylesheet less its `@media print` block and its leaflet / QR rules."""
    start = css.find("@media print{")
    if start >= 0:
        depth, i = 0, start
        while i < len(css):
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
            if depth == 0 and css[i - 1] == "}":
                break
        css = css[:start] + css[i:]
    return re.sub(r"(?:^|(?<=}))[^{}@]*(?:leaflet|\.qr)[^{}]*\{[^{}]*\}", "", css)


def stats(values: list[int]) -> str:
    return f"median {statistics.median(values):.0f} B, max {max(values)} B, min {min(values)} B ({len(values)} pages)"


def build(tmp: Path) -> Path:
    output = tmp / "output"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "sitekit.runner", "-s", "publishconf.py", "-o", str(output), "--fatal", "warnings"]
    command += ["-e", f'CACHE_PATH="{tmp / "cache"}"', 'PRECOMPRESS={"enabled": false}']
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return output


def measure(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    preview, icon, weights, leaflets, qr = [], [], [], [], []
    css = ""
    for path in pages:
        html = path.read_text(encoding="utf-8")
        whole = gz(html)
        weights.append(whole)
        preview.append(whole - gz(PREVIEW_LINE.sub("", html)))
        icon.append(whole - gz(ICON_LINE.sub("", html)))
        rel = path.relative_to(site).as_posix()
        if re.match(r"^(?:en/)?leaflets/.+/index\.html$", rel):
            leaflets.append(whole)
            qr.append(whole - gz(QR.sub("", html)))
        found = STYLE.search(html)
        css = css or (found.group(1) if found else "")
    print(f"Machine: {describe()}")
    print(f"Site: {site} ({len(pages)} pages)")
    print(f"Page weight (gzip): {stats(weights)}")
    print(f"Link-preview tags (og:, twitter:): {stats(preview)}")
    print(f"Favicon link (inline SVG data: URL): {stats(icon)}")
    print(f"Both together, per page: max {max(a + b for a, b in zip(preview, icon, strict=True))} B")
    if css:
        cost = gz(css) - gz(without_print_and_leaflets(css))
        print(f"Inline CSS: {gz(css)} B gzip, of which print and leaflet rules {cost} B")
    if leaflets:
        print(f"Leaflet pages: {stats(leaflets)}; their QR code: {stats(qr)}")
    for card in sorted((site / "assets").rglob("card-*.png")):
        width, height = png_size(card.read_bytes())
        print(f"Card {card.name}: {width}x{height}, {card.stat().st_size / 1024:.1f} KB")
    ico = site / "favicon.ico"
    if ico.exists():
        print(f"favicon.ico: {ico.stat().st_size / 1024:.1f} KB (only for clients that ignore <link rel=icon>)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built output folder (default: publish build into a temp folder)")
    args = parser.parse_args()
    if args.site:
        measure(args.site)
        return
    with tempfile.TemporaryDirectory() as tmp:
        measure(build(Path(tmp)))


if __name__ == "__main__":
    main()
