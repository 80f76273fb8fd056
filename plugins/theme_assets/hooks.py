"""Signal handlers of theme_assets: inline CSS into templates and write content-hashed scripts."""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup

from sitekit.settings import merge_settings

from .assets import content_security_policy, csp_hash, hashed_name, minify_css

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Stylesheet inlined into every page's <head>, relative to the theme's static folder.
    "inline_css": "css/site.css",
    # Files copied to the output under a content-hashed name, relative to the theme's static folder.
    "hashed": ["js/quick-exit.js"],
    # Output folder for the hashed files.
    "output_dir": "assets",
}

_state: dict = {}


def load(pelican) -> None:
    """Read the stylesheet and hash the assets once per build."""
    config = merge_settings("THEME_ASSETS", DEFAULTS, pelican.settings.get("THEME_ASSETS"))
    static = Path(pelican.settings["THEME"]) / "static"
    css = minify_css((static / config["inline_css"]).read_text(encoding="utf-8"))
    _state.update(config=config, css=css, css_hash=csp_hash(css), assets={})
    for rel in config["hashed"]:
        add_hashed(rel, (static / rel).read_bytes())


def add_hashed(rel: str, data: bytes) -> str:
    """Publish `data` (theme/static/`rel`) under a content-hashed name with the theme's other assets, and
    return its URL path; other plugins call it for theme files they read and check themselves."""
    target = f"{_state['config']['output_dir']}/{hashed_name(rel, data)}"
    _state["assets"][rel] = (target, data)
    return target


def install_in_jinja(generator) -> None:
    if "css" not in _state:
        return
    env = generator.env
    env.globals["INLINE_CSS"] = Markup(_state["css"])
    env.globals["INLINE_CSS_HASH"] = _state["css_hash"]
    env.globals["CSP_META"] = content_security_policy([_state["css_hash"]], for_meta=True)
    env.globals["asset_url"] = lambda rel: _state["assets"][rel][0]


def csp_header() -> str:
    """The full policy for HTTP headers (used by the host_files plugin)."""
    return content_security_policy([_state["css_hash"]])


def write_assets(generators) -> None:
    """Written once content is read and before pages are, so checks that run later find them."""
    if not generators:
        return
    out = Path(generators[0].output_path)
    for rel, (target, data) in _state.get("assets", {}).items():
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        logger.info("Writing %s (from theme/static/%s)", path, rel)
