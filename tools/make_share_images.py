"""Make the link-preview cards and favicon.ico in theme/static/img/ (run by hand; the results are committed).

    .venv/bin/python tools/make_share_images.py

Each card (1200x630 PNG) shows the site's name, tagline and audiences in one language, with the
strings taken from the theme's gettext catalogue, so the card says what the site says. It is drawn
by Debian's Chromium with the system's Noto Sans Khmer, so Khmer is shaped by a real text engine
(Pillow's basic layout does not reorder Khmer vowels and subscripts), then reduced to a small palette
to stay under the card budget (SITE_META["card_max_kb"]). favicon.ico is theme/static/img/favicon.svg
drawn at 16, 32 and 48 px. Look at the cards after running: the build checks size and shape, not
whether the text reads well.
"""

from __future__ import annotations

import io
import sys
from html import escape
from pathlib import Path

from babel.messages.pofile import read_po
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "theme" / "static" / "img"
PO = ROOT / "theme" / "translations" / "km" / "LC_MESSAGES" / "messages.po"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
WIDTH, HEIGHT = 1200, 630
#: Colours of the theme (theme/static/css/site.css: --accent, --help-bg).
GREEN, YELLOW = "#0d6b4c", "#fff2cc"
STRINGS = [
    "Online Safety Cambodia",
    "Staying safe online, and getting help when something goes wrong",
    "Children and young people",
    "Parents and caregivers",
    "Practitioners",
]
SHIELD = (
    '<svg viewBox="0 0 48 48" width="{size}" height="{size}" aria-hidden="true">'
    '<path d="M24 3l18 8v11c0 11-8 20-18 23C14 42 6 33 6 22V11z" fill="{fill}"/>'
    '<path d="M15 24l6 6 12-13" fill="none" stroke="{tick}" stroke-width="5"/></svg>'
)
CARD = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><style>
html, body {{ margin: 0; }}
body {{ width: {w}px; height: {h}px; background: {green}; color: #fff; display: flex; flex-direction: column;
  font-family: {font}; }}
.top {{ flex: 1; display: flex; align-items: center; gap: 56px; padding: 0 80px; }}
svg {{ flex: none; }}
h1 {{ font-size: {name_size}px; line-height: {lh}; margin: 0 0 24px; font-weight: 700; }}
p {{ font-size: 38px; line-height: {lh}; margin: 0; }}
.band {{ background: {yellow}; color: #3d2c00; font-size: 30px; line-height: {lh}; padding: 26px 80px; }}
</style><body><div class="top">{shield}<div><h1>{name}</h1><p>{tagline}</p></div></div>
<div class="band">{audiences}</div></body></html>"""


def khmer_strings() -> dict[str, str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="km")
    found = {message.id: message.string for message in catalog if message.id in STRINGS}
    missing = [s for s in STRINGS if not found.get(s)]
    if missing:
        sys.exit(f"{PO}: no Khmer translation for {missing}")
    return found


def card_html(lang: str, text: dict[str, str]) -> str:
    khmer = lang == "km"
    return CARD.format(
        lang=lang,
        w=WIDTH,
        h=HEIGHT,
        green=GREEN,
        yellow=YELLOW,
        font='"Noto Sans Khmer", sans-serif' if khmer else '"Noto Sans", "DejaVu Sans", sans-serif',
        lh="1.6" if khmer else "1.25",
        name_size=70 if khmer else 76,
        shield=SHIELD.format(size=190, fill="#fff", tick=GREEN),
        name=escape(text["Online Safety Cambodia"]),
        tagline=escape(text["Staying safe online, and getting help when something goes wrong"]),
        audiences=" · ".join(escape(text[k]) for k in STRINGS[2:]),
    )


def small_png(png: bytes, colours: int = 48) -> bytes:
    """The screenshot reduced to a palette: flat colours and anti-aliased text need few."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=colours, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    texts = {"en": {s: s for s in STRINGS}, "km": khmer_strings()}
    svg = (IMG / "favicon.svg").read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for lang, text in texts.items():
            page.set_content(card_html(lang, text))
            page.evaluate("document.fonts.ready")
            data = small_png(page.screenshot(type="png"))
            (IMG / f"card-{lang}.png").write_bytes(data)
            print(f"card-{lang}.png: {WIDTH}x{HEIGHT}, {len(data) / 1024:.1f} KB")
        icons = []
        for size in (16, 32, 48):
            page.set_viewport_size({"width": size, "height": size})
            sized = svg.replace("<svg ", f"<svg width={size} height={size} ")
            page.set_content(f"<html><body style='margin:0'>{sized}")
            icons.append(Image.open(io.BytesIO(page.screenshot(type="png", omit_background=True))).convert("RGBA"))
        browser.close()
    out = io.BytesIO()
    icons[-1].save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)], append_images=icons[:-1])
    (IMG / "favicon.ico").write_bytes(out.getvalue())
    print(f"favicon.ico: 16, 32, 48 px, {len(out.getvalue()) / 1024:.1f} KB")


if __name__ == "__main__":
    main()
