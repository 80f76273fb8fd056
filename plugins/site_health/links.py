"""Health section for external links: the link checker's live check over a built site, or a note why not.

The live check itself (retries, 429 handling, cache) is link_checker's; this module only decides whether
to run it. Offline every request would fail as "host not found", and the checker would report (and cache)
every link as broken, so the network is probed first: if none of the hosts the site links to accepts a
connection, the links are skipped with a note instead.
"""

from __future__ import annotations

import html
import os
import re
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from link_checker.config import load_config
from link_checker.scan import check_output
from sitekit import source_map
from sitekit.hooks import MAP_FILE

from .report import Section

RULE = "external-live"  # the link checker's rule for live results
LINKS_TODO = (
    "open each broken link; link to the page's new address, to another page that says the same, or remove "
    "the link (the file and line are given)"
)
#: How many of the site's external hosts the reachability probe tries, and how long it waits for each.
PROBE_HOSTS = 12
PROBE_TIMEOUT = 4.0

_URL = re.compile(r"""\b(?:href|src)\s*=\s*(["'])(https?://[^"'\s]+)\1""", re.IGNORECASE)


def links_section_skipped(reason: str) -> Section:
    """External links left out on purpose (offline): nobody needs to act."""
    section = _section()
    section.skipped = reason
    return section


def links_section_unchecked(reason: str) -> Section:
    """External links that could not be checked for a reason a person must fix (the site does not build)."""
    section = _section()
    section.unchecked = reason
    return section


def links_section(output: Path, settings: dict, probe=None) -> Section:
    """Check every external URL of the built site in `output` live; broken ones need a person."""
    section = _section()
    config = load_config(settings)
    if not any(output.rglob("*.html")):
        return links_section_unchecked(f"{output} holds no built site; build it first (invoke build)")
    siteurl = settings.get("SITEURL", "") or ""
    urls = external_urls(output, config, siteurl)
    if not urls:
        section.notes.append("the site links to no external address that the check covers")
        return section
    probe = probe or reachable
    if not probe(hosts_of(urls)):
        section.skipped = (
            "none of the sites they lead to could be reached, so this machine looks offline; "
            "run `invoke health` again with a network connection"
        )
        return section
    source_map.load(Path(settings["CACHE_PATH"]) / MAP_FILE)
    outcome = check_output(
        output,
        siteurl,
        config,
        source_map.lookup,
        os.path.dirname(os.path.abspath(settings["PATH"])),
        cache_dir=settings["CACHE_PATH"],
        external=True,
    )
    section.findings += [f for f in outcome.findings if f.rule == RULE]
    if outcome.external_summary:
        section.notes.append(outcome.external_summary)
    return section


def _section() -> Section:
    return Section("links", "External links that fail", LINKS_TODO)


def external_urls(output: Path, config: dict, siteurl: str = "") -> list[str]:
    """The http(s) URLs the built pages link to on other hosts, less the ones the link checker skips.

    Only for the probe: the link checker finds and checks the URLs itself.
    """
    own = (urlsplit(siteurl).hostname or "").lower()
    skip = (*config["ignore_re"], *config["external_allow_re"])
    found = set()
    for page in output.rglob("*.html"):
        for match in _URL.finditer(page.read_text(encoding="utf-8", errors="replace")):
            url = html.unescape(match.group(2))
            host = (urlsplit(url).hostname or "").lower()
            if host and host != own and not any(p.search(url) for p in skip):
                found.add(url)
    return sorted(found)


def hosts_of(urls: list[str]) -> list[tuple[str, int]]:
    """(host, port) of each URL, once per host, in a stable order."""
    hosts = {}
    for url in urls:
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            continue
        hosts.setdefault((parts.hostname or "").lower(), port)
    return sorted(hosts.items())


def reachable(hosts: list[tuple[str, int]], limit: int = PROBE_HOSTS, timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether any of the first `limit` hosts accepts a TCP connection (name lookup included)."""
    candidates = hosts[:limit]
    if not candidates:
        return False
    with ThreadPoolExecutor(max_workers=len(candidates)) as pool:
        return any(pool.map(lambda hp: _connects(*hp, timeout), candidates))


def _connects(host: str, port: int, timeout: float) -> bool:
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError:
        return False
    return True
