"""The `_headers` and `_redirects` files that Netlify and Cloudflare Pages read, as pure text builders."""

from __future__ import annotations

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def headers_file(csp: str, asset_dir: str, html_max_age: int, top_level: list[str]) -> str:
    """Security headers on every path; a year of caching for content-hashed assets; short for the rest.

    No path gets two `Cache-Control` rules: Cloudflare Pages joins the values of every matching
    rule with a comma (`max-age=300, ..., max-age=31536000`), so the short rule is written for each
    top-level entry of the site (`top_level`: names of the output's top-level files and folders)
    except the asset folder, instead of for `/*`.
    """
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    lines.append("")
    short = f"  Cache-Control: public, max-age={html_max_age}, must-revalidate"
    for name in sorted(set(top_level)):
        if name.rstrip("/") == asset_dir or name.startswith(("_", ".")):
            continue
        is_dir = name.endswith("/")
        path = "/" if name == "index.html" else f"/{name}*" if is_dir else f"/{name}"
        lines += [path, short, ""]
    lines += [f"/{asset_dir}/*", "  Cache-Control: public, max-age=31536000, immutable", ""]
    return "\n".join(lines)


def redirects_file(prefixes: list[str]) -> str:
    """Serve each language's own 404 page for unknown paths under its prefix (Netlify syntax)."""
    lines = [f"/{prefix}/*  /{prefix}/404.html  404" for prefix in prefixes if prefix]
    lines.append("/*  /404.html  404")
    return "\n".join(lines) + "\n"
