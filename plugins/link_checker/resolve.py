"""Turn a URL found on a page into what it points at: an output file and fragment, or another kind of URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit


@dataclass(frozen=True)
class SiteURL:
    """The site's public address (`SITEURL`), split so absolute links to it count as internal."""

    netloc: str = ""
    prefix: str = ""  # path part of SITEURL without the trailing slash, e.g. "" or "/site"
    # The address the site is published at (LINK_CHECKER["published_url"]), as (netloc, prefix): an
    # editor's build has no SITEURL, and a link written with the published address in full would
    # otherwise be taken for another website's and never checked.
    published: tuple[str, str] = ("", "")

    @classmethod
    def parse(cls, siteurl: str, published_url: str = "") -> SiteURL:
        netloc, prefix = _split(siteurl)
        return cls(netloc, prefix, _split(published_url))

    def path_in_site(self, netloc: str, path: str) -> str | None:
        """The root-relative path of an absolute URL on this site's host (`netloc`, lower case), or None."""
        for own, prefix in ((self.netloc, self.prefix), self.published):
            if not own or netloc != own:
                continue
            path = path or "/"
            if not prefix:
                return path
            if path == prefix or path.startswith(prefix + "/"):
                return path[len(prefix) :] or "/"
        return None


def _split(address: str) -> tuple[str, str]:
    if not address:
        return "", ""
    parts = urlsplit(address)
    return parts.netloc.lower(), parts.path.rstrip("/")


@dataclass(frozen=True)
class Target:
    """What a reference points at.

    kind: "internal" (a path in this site: `path` is root-relative and decoded, e.g. "/en/help/"),
    "external" (http/https on another host), "empty", or the URL scheme for everything else
    ("tel", "sms", "mailto", "data", "javascript", ...). `fragment` is decoded, without `#`;
    `has_fragment` tells `page#` (empty fragment) from `page`.
    """

    kind: str
    url: str
    path: str = ""
    fragment: str = ""
    has_fragment: bool = False


def page_url(page_rel: str) -> str:
    """The root-relative URL a page is served at, used as the base of its relative links."""
    return "/" + page_rel


def resolve(url: str, base: str, site: SiteURL = SiteURL()) -> Target:
    """Classify `url` found on the page served at `base` (a root-relative URL such as `/en/x/index.html`)."""
    url = url.strip()
    if not url:
        return Target("empty", url)
    if url.startswith("#"):
        fragment = url[1:]
        return Target("internal", url, _path_of(base), unquote(fragment), True)
    if url[0] == "/" and url[1:2] != "/":  # root-relative, by far the most common: no parsing needed
        path, hash_sign, fragment = url.partition("#")
        path = path.partition("?")[0]
        return Target("internal", url, _decode(_normalise(path)), unquote(fragment), bool(hash_sign))
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return Target(scheme, url)
    if parts.netloc or scheme:
        path = site.path_in_site(parts.netloc.lower(), parts.path)  # None: another site, or another folder
        if path is not None:
            return Target("internal", url, _decode(_normalise(path)), unquote(parts.fragment), "#" in url)
        return Target("external", url)
    joined = urljoin(base, parts.path) if parts.path else base
    return Target("internal", url, _decode(_normalise(_path_of(joined))), unquote(parts.fragment), "#" in url)


def _path_of(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def _normalise(path: str) -> str:
    """Remove dot segments (`/a/./b/../c` -> `/a/c`), as a browser does."""
    return urljoin("/", path) if ("/." in path or path.startswith(".")) else path


def _decode(path: str) -> str:
    return unquote(path) if "%" in path else path


def file_for(path: str, files: set[str] | frozenset[str]) -> tuple[str | None, bool]:
    """The output file a root-relative path is served from, and whether the host has to redirect to it.

    `/en/help/` -> `en/help/index.html`; `/en/help` -> (`en/help/index.html`, True): most static
    hosts redirect a folder without its trailing slash, but not all of them.
    """
    rel = path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
        return (rel if rel in files else None), False
    if rel in files:
        return rel, False
    folder_index = rel + "/index.html"
    if folder_index in files:
        return folder_index, True
    return None, False
