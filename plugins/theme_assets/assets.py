"""Pure helpers for theme assets: a lightly minified inline stylesheet, its CSP hash, content-hashed names."""

from __future__ import annotations

import base64
import hashlib
from pathlib import PurePosixPath

import rcssmin


def minify_css(css: str) -> str:
    """The stylesheet minified by rcssmin (comments and white space out, strings and `calc()` kept intact)."""
    return rcssmin.cssmin(css).strip()


def csp_hash(text: str) -> str:
    """The `'sha256-...'` source that lets exactly this inline text through a Content-Security-Policy."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def hashed_name(rel_path: str, content: bytes, length: int = 10) -> str:
    """`js/quick-exit.js` -> `js/quick-exit.3f2a9c1b0d.js`, so the file can be cached for a year."""
    path = PurePosixPath(rel_path)
    digest = hashlib.sha256(content).hexdigest()[:length]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def content_security_policy(style_hashes: list[str], for_meta: bool = False, allow_wasm: bool | None = None) -> str:
    """The site's policy: only its own files, no inline script, only the inlined stylesheet's exact bytes.

    `frame-ancestors` is ignored (with a console error) inside a <meta> tag, so the meta version
    leaves it out; hosts that send headers get it from the _headers file.

    WebAssembly (`'wasm-unsafe-eval'`) is what the search page's Pagefind library needs. A browser
    enforces the header policy and the page's <meta> policy together, so the header (one rule for
    every path: static hosts cannot give one page another CSP header without merging the two) allows
    it and each page's meta decides: only search pages pass `allow_wasm=True`. By default the header
    version allows it and the meta version does not.
    """
    if allow_wasm is None:
        allow_wasm = not for_meta
    directives = [
        "default-src 'self'",
        "script-src 'self'" + (" 'wasm-unsafe-eval'" if allow_wasm else ""),
        f"style-src {' '.join(style_hashes)}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if not for_meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)
