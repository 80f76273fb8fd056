"""Signal handler of host_files: write _headers and _redirects next to the site."""

from __future__ import annotations

import logging
from pathlib import Path

from sitekit.plugins import require
from sitekit.settings import merge_settings
from theme_assets.hooks import csp_header

from .headers import headers_file, redirects_file

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Write `_headers` (Netlify / Cloudflare Pages): security headers and cache rules.
    "headers": True,
    # Write `_redirects` (Netlify): each language's 404 page for unknown paths.
    "redirects": True,
    # Seconds a browser may keep an HTML page before asking again.
    "html_max_age": 300,
    # GitHub Pages custom domain: written to a `CNAME` file so a publish (which replaces the
    # whole gh-pages branch) keeps the domain. Empty: no file.
    "cname": "",
}


def write_host_files(pelican) -> None:
    settings = pelican.settings
    require(settings, "theme_assets", by="host_files", why="_headers carries the policy theme_assets makes")
    config = merge_settings("HOST_FILES", DEFAULTS, settings.get("HOST_FILES"))
    out = Path(settings["OUTPUT_PATH"])
    asset_dir = (settings.get("THEME_ASSETS") or {}).get("output_dir", "assets")
    if config["headers"]:
        top_level = [entry.name + ("/" if entry.is_dir() else "") for entry in out.iterdir()]
        text = headers_file(csp_header(), asset_dir, config["html_max_age"], top_level)
        (out / "_headers").write_text(text, encoding="utf-8")
    if config["redirects"]:
        languages = (settings.get("I18N") or {}).get("languages") or {}
        prefixes = [info.get("prefix", "") for info in languages.values()]
        (out / "_redirects").write_text(redirects_file(prefixes), encoding="utf-8")
    if config["cname"]:
        (out / "CNAME").write_text(config["cname"].strip() + "\n", encoding="utf-8")
    logger.info("Host files: _headers and _redirects written")
