"""Write sitemap.xml with an xhtml:link alternate for every language version of each page."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr


def absolute(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url}"


def sitemap_xml(entries, siteurl: str) -> str:
    """`entries`: (url, lastmod or None, [(lang, url), ...]) tuples, in the order to write them."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, lastmod, alternates in sorted(entries, key=lambda e: e[0]):
        out.append("<url>")
        out.append(f"<loc>{absolute(siteurl, url)}</loc>")
        if lastmod:
            out.append(f"<lastmod>{lastmod}</lastmod>")
        for lang, alt_url in alternates:
            out.append(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(absolute(siteurl, alt_url))}/>'
            )
        out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"
