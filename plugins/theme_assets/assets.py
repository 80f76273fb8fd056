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


def content_security_policy(style_hashes: list[str], for_meta: bool = False) -> str:
    """The site's policy: only its own files, no inline script, only the inlined stylesheet's exact bytes.

    `frame-ancestors` is ignored (with a console error) inside a <meta> tag, so the meta version
    leaves it out; hosts that send headers get it from the _headers file. No page needs
    WebAssembly (the search engine is plain JavaScript), so no page may run it.
    """
    directives = [
        "default-src 'self'",
        "script-src 'self'",
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
