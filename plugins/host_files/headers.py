"""The `_headers` and `_redirects` files that Netlify and Cloudflare Pages read, as pure text builders."""

from __future__ import annotations

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def headers_file(csp: str, asset_dir: str, html_max_age: int) -> str:
    """Security headers on every path; a year of caching for content-hashed assets; short for the rest."""
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    lines += [f"  Cache-Control: public, max-age={html_max_age}, must-revalidate", ""]
    lines += [f"/{asset_dir}/*", "  Cache-Control: public, max-age=31536000, immutable", ""]
    return "\n".join(lines)


def redirects_file(prefixes: list[str]) -> str:
    """Serve each language's own 404 page for unknown paths under its prefix (Netlify syntax)."""
    lines = [f"/{prefix}/*  /{prefix}/404.html  404" for prefix in prefixes if prefix]
    lines.append("/*  /404.html  404")
    return "\n".join(lines) + "\n"
