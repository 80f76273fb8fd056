"""The offline checks: internal files, fragments, translations, language switch, sitemap, tel/sms/mailto, URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .extract import ParsedPage, Ref, SitemapEntry, css_urls_with_lines
from .resolve import SiteURL, Target, file_for, page_url, resolve

ERROR, WARNING = "error", "warning"

#: Where Pelican puts a draft's address (DRAFT_URL, "drafts/{slug}.html"): a link there is to a draft.
DRAFTS = "drafts/"
#: Rule names, as they appear at the end of each report line.
RULES = {
    "internal-link": "a link, image, script, stylesheet, form or refresh target is not in the output",
    "fragment": "a `#fragment` matches no `id` (or `<a name>`) on the target page",
    "hreflang": "an hreflang alternate is missing, does not link back, or has the wrong language",
    "language-switch": "the language switch points at a missing page or not at the page's translation",
    "other-language": "a link in the text leads to a page in another language that has a version in this one",
    "sitemap": "a sitemap.xml entry does not resolve",
    "tel": "a tel: link is not digits with an optional leading +",
    "sms": "an sms: link is not a well-formed number (with an optional ?body=)",
    "mailto": "a mailto: link has no valid address",
    "external-url": "an external URL is malformed",
    "insecure-link": "an external link uses http:// (a warning)",
    "scheme": "a URL scheme that does not belong on this site (javascript:, file:, ...)",
    "empty-link": "a link with an empty href",
    "external-live": "an external URL fails when requested (only with --external)",
}


@dataclass(frozen=True)
class Problem:
    """A problem with one reference on one output page (or in sitemap.xml / a CSS file)."""

    page: str
    url: str
    rule: str
    message: str
    severity: str = ERROR
    ref: Ref | None = field(default=None, compare=False)
    line: int = 0  # line in the output file, for sitemap.xml and CSS files


@dataclass
class Site:
    """Everything the checks look up: the output's files, parsed pages and the site's address."""

    files: frozenset[str]
    pages: dict[str, ParsedPage]
    siteurl: SiteURL = field(default_factory=SiteURL)
    ignore: tuple[re.Pattern, ...] = ()
    _alternate_files: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _targets: dict = field(default_factory=dict, repr=False)

    def ignored(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.ignore)

    def resolve(self, url: str, base: str) -> Target:
        """resolve(), remembered: the same navigation links appear on every page."""
        independent = url.startswith("/") or ":" in url.split("/", 1)[0]
        key = url if independent else (url, base)
        target = self._targets.get(key)
        if target is None:
            target = self._targets[key] = resolve(url, base, self.siteurl)
        return target

    def alternate_files(self, rel: str) -> set[str]:
        """The output files a page's hreflang alternates resolve to (computed once per page)."""
        cached = self._alternate_files.get(rel)
        if cached is None:
            cached = set()
            for ref in self.pages[rel].alternates:
                target = self.resolve(ref.url, page_url(rel))
                if target.kind == "internal":
                    found, _ = file_for(target.path, self.files)
                    if found:
                        cached.add(found)
            self._alternate_files[rel] = cached
        return cached


@dataclass
class Tally:
    """Counts for the summary line, and every external URL with where it was found."""

    pages: int = 0
    links: int = 0
    targets: set[str] = field(default_factory=set)
    external: dict[str, list[tuple[str, Ref | None]]] = field(default_factory=dict)


# --- one URL at a time: pure syntax checks -------------------------------------------------------

PHONE = re.compile(r"\+?[0-9]+")
MAX_PHONE_DIGITS = 15  # E.164
EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
HFIELD = re.compile(r"[A-Za-z0-9-]+=[^&=\s]*")


def phone_problem(number: str, scheme: str) -> str | None:
    """Why `number` (the part after `tel:`/`sms:`) is not digits with an optional leading +, or None."""
    if not number:
        return f"`{scheme}:` link has no number"
    if any(ch.isspace() for ch in number) or "%20" in number:
        return f"`{scheme}:{number}` has spaces; write the number without spaces, e.g. `{scheme}:{_digits(number)}`"
    if not PHONE.fullmatch(number):
        return (
            f"`{scheme}:{number}` may hold only digits and an optional leading +; "
            f"write `{scheme}:{_digits(number)}` and show the spaced number as the link text"
        )
    if len(number.lstrip("+")) > MAX_PHONE_DIGITS:
        return f"`{scheme}:{number}` has more than {MAX_PHONE_DIGITS} digits"
    return None


def _digits(number: str) -> str:
    decoded = unquote(number)
    return ("+" if decoded.strip().startswith("+") else "") + re.sub(r"\D", "", decoded)


def tel_problem(url: str) -> str | None:
    """Why a `tel:` URL is not well-formed, or None."""
    return phone_problem(url.split(":", 1)[1], "tel")


def sms_problem(url: str) -> str | None:
    """Why an `sms:` URL (numbers separated by commas, optional `?body=`) is not well-formed, or None."""
    rest = url.split(":", 1)[1]
    numbers, _, query = rest.partition("?")
    for number in numbers.split(","):
        problem = phone_problem(number, "sms")
        if problem:
            return problem
    if query and not all(HFIELD.fullmatch(part) for part in query.split("&")):
        return f"`{url}`: the part after `?` must be `body=...` with spaces written as %20"
    return None


def mailto_problem(url: str) -> str | None:
    """Why a `mailto:` URL has no valid address, or None."""
    rest = url.split(":", 1)[1]
    if any(ch.isspace() for ch in rest):
        return f"`{url}` has spaces; a mailto: link is the address only (spaces in a subject as %20)"
    addresses, _, query = rest.partition("?")
    if query and not all(HFIELD.fullmatch(part) for part in query.split("&")):
        return f"`{url}`: the part after `?` must be `subject=...&body=...`"
    if not addresses:
        return f"`{url}` has no e-mail address"
    for address in unquote(addresses).split(","):
        if not EMAIL.fullmatch(address):
            return f"`{address}` in `{url}` is not a valid e-mail address"
    return None


def external_problem(url: str) -> tuple[str, str, str] | None:
    """(severity, rule, message) for a malformed or insecure http(s) URL, or None."""
    if any(ch.isspace() for ch in url):
        return ERROR, "external-url", f"`{url}` contains a space; write it as %20"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return ERROR, "external-url", f"`{url}` is not a valid URL ({exc})"
    host = parts.hostname or ""
    if not host:
        return ERROR, "external-url", f"`{url}` has no host name"
    if not _valid_host(host):
        return ERROR, "external-url", f"`{url}`: `{host}` is not a valid host name"
    if port == 0:
        return ERROR, "external-url", f"`{url}` has port 0"
    scheme = parts.scheme.lower()
    if scheme == "":
        return WARNING, "insecure-link", f"`{url}` has no scheme; write `https:{url}`"
    if scheme == "http":
        return WARNING, "insecure-link", f"`{url}` uses http://; link to the https:// address if the site has one"
    return None


def _valid_host(host: str) -> bool:
    if host.startswith("[") or re.fullmatch(r"[0-9.]+", host):
        return True  # IP literal; urlsplit has checked brackets
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2 and ascii_host != "localhost":
        return False
    return all(HOST_LABEL.fullmatch(label) for label in labels)


def scheme_problem(target: Target) -> tuple[str, str, str] | None:
    """(severity, rule, message) for a URL scheme other than http(s), or None when it is fine."""
    kind = target.kind
    if kind == "tel":
        message = tel_problem(target.url)
        return (ERROR, "tel", message) if message else None
    if kind == "sms":
        message = sms_problem(target.url)
        return (ERROR, "sms", message) if message else None
    if kind == "mailto":
        message = mailto_problem(target.url)
        return (ERROR, "mailto", message) if message else None
    if kind == "data":
        return None
    if kind == "javascript":
        return ERROR, "scheme", "`javascript:` link: pages must work without scripts; link to a page instead"
    if kind == "file":
        return ERROR, "scheme", f"`{target.url}` points at a file on the author's computer"
    return WARNING, "scheme", f"`{target.url}`: unusual URL scheme `{kind}:`"


# --- one page ----------------------------------------------------------------------------------------


def describe(ref: Ref) -> str:
    """How the report names a link: its text (or the element) and its URL."""
    text = ref.text if len(ref.text) <= 60 else ref.text[:57] + "..."
    label = f"link “{text}”" if ref.tag == "a" and text else f"<{ref.tag} {ref.attr}>"
    if ref.kind == "switch":
        label = f"language switch “{text}”"
    return f"{label} -> {ref.url}"


def check_page(rel: str, page: ParsedPage, site: Site, tally: Tally | None = None) -> list[Problem]:
    """Every problem with the references on one page (each broken reference reported once)."""
    tally = tally if tally is not None else Tally()
    tally.pages += 1
    base = page_url(rel) if not page.base else resolve(page.base, page_url(rel), site.siteurl).path or page_url(rel)
    problems: list[Problem] = []
    seen: set[tuple[str, str, bool]] = set()
    for ref in page.refs:
        if site.ignored(ref.url):
            continue
        tally.links += 1
        key = (ref.url, ref.kind, ref.in_content)
        if key in seen:
            continue
        seen.add(key)
        target = site.resolve(ref.url, base)
        problem = _check_ref(rel, ref, target, site, tally)
        if problem is not None:
            problems.append(problem)
    problems += check_alternates(rel, page, site)
    problems += check_switch(rel, page, site)
    return problems


def _check_ref(rel: str, ref: Ref, target: Target, site: Site, tally: Tally) -> Problem | None:
    kind = target.kind
    if kind == "internal":
        return _check_internal(rel, ref, target, site, tally)
    if kind == "empty":
        if ref.tag in ("form", "button", "input") or ref.kind == "alternate":
            return None
        return Problem(rel, ref.url, "empty-link", f"{describe(ref)}: the link has no address", ERROR, ref)
    if kind == "external":
        key = ref.url.split("#", 1)[0]
        tally.targets.add(key)
        tally.external.setdefault(key, []).append((rel, ref))
        found = external_problem(ref.url)
        if found:
            severity, rule, message = found
            return Problem(rel, ref.url, rule, f"{describe(ref)}: {message}", severity, ref)
        return None
    tally.targets.add(ref.url)
    found = scheme_problem(target)
    if found:
        severity, rule, message = found
        return Problem(rel, ref.url, rule, f"{describe(ref)}: {message}", severity, ref)
    return None


def _check_internal(rel: str, ref: Ref, target: Target, site: Site, tally: Tally) -> Problem | None:
    found, redirected = file_for(target.path, site.files)
    tally.targets.add(f"{found or target.path}#{target.fragment}" if target.fragment else (found or target.path))
    if ref.kind == "alternate":
        return None  # check_alternates reports these with the translation's context
    rule = "language-switch" if ref.kind == "switch" else "internal-link"
    if found is None:
        if ref.kind == "switch":
            return None  # check_switch reports it
        looked = target.path.lstrip("/")
        looked = looked + "index.html" if looked.endswith("/") or not looked else looked
        if looked.startswith(DRAFTS):
            message = (
                f"{describe(ref)}: that page is a draft (`Status: draft` in its file), so it is not published; "
                "delete that line to publish it, or remove the link until it is"
            )
            return Problem(rel, ref.url, rule, message, ERROR, ref)
        return Problem(rel, ref.url, rule, f"{describe(ref)}: no such file in the output ({looked})", ERROR, ref)
    if redirected:
        message = f"{describe(ref)}: the folder needs a trailing slash (`{target.path}/`); some hosts do not redirect"
        return Problem(rel, ref.url, rule, message, WARNING, ref)
    if ref.in_content and ref.kind == "link" and not ref.hreflang:
        problem = _other_language(rel, ref, found, site)
        if problem is not None:
            return problem
    if target.fragment:
        target_page = site.pages.get(found)
        if target_page is not None and not _has_id(target_page, target.fragment):
            where = "this page" if found == rel else found
            message = f"{describe(ref)}: no id `{target.fragment}` on {where}"
            return Problem(rel, ref.url, "fragment", message, ERROR, ref)
    return None


def _other_language(rel: str, ref: Ref, found: str, site: Site) -> Problem | None:
    """A link in the text to the other language's version of a page that exists in this page's language: a
    translator kept the source's link (`{filename}/articles/km/...` in an English page)."""
    page, target = site.pages.get(rel), site.pages.get(found)
    if page is None or target is None or not page.lang or not target.lang:
        return None
    lang = _primary(page.lang)
    if _primary(target.lang) == lang:
        return None
    for other in sorted(site.alternate_files(found)):
        translation = site.pages.get(other)
        if translation is not None and _primary(translation.lang) == lang:
            message = (
                f"{describe(ref)}: leads to the `{target.lang}` page, but this page is in `{page.lang}` and that "
                f"page has a version in `{page.lang}`: link to it (/{other.removesuffix('index.html')}), or to its "
                f"Markdown file in the `{lang}` folder"
            )
            return Problem(rel, ref.url, "other-language", message, ERROR, ref)
    return None  # no version in this language: a link to the only one there is


def _has_id(page: ParsedPage, fragment: str) -> bool:
    # A browser tries the fragment as written and percent-decoded; `#top` always means the top.
    return fragment in page.ids or unquote(fragment) in page.ids or fragment.lower() == "top"


def _primary(lang: str) -> str:
    return lang.lower().split("-", 1)[0]


def check_alternates(rel: str, page: ParsedPage, site: Site) -> list[Problem]:
    """Each hreflang alternate exists, is a page in that language, and links back to this page."""
    problems = []
    checked_back: set[str] = {rel}  # each target's link back is checked once (x-default repeats a language)
    for ref in page.alternates:
        if site.ignored(ref.url):
            continue
        target = site.resolve(ref.url, page_url(rel))
        lang = ref.hreflang
        if target.kind != "internal":
            if target.kind == "external":
                message = f"hreflang `{lang}` alternate {ref.url} is not on this site (SITEURL {site.siteurl.netloc!r})"
                problems.append(Problem(rel, ref.url, "hreflang", message, WARNING, ref))
            continue
        found, _ = file_for(target.path, site.files)
        if found is None or found not in site.pages:
            message = f"hreflang `{lang}` alternate {ref.url}: no such page in the output"
            problems.append(Problem(rel, ref.url, "hreflang", message, ERROR, ref))
            continue
        other = site.pages[found]
        if lang.lower() != "x-default" and other.lang and _primary(other.lang) != _primary(lang):
            message = f"hreflang `{lang}` alternate {ref.url} is a page in `{other.lang}` (its <html lang>)"
            problems.append(Problem(rel, ref.url, "hreflang", message, ERROR, ref))
        if found not in checked_back and rel not in site.alternate_files(found):
            message = (
                f"hreflang `{lang}` alternate {ref.url}: the translation does not link back "
                f"(no hreflang alternate on {found} points to {page_url(rel).removesuffix('index.html')})"
            )
            problems.append(Problem(rel, ref.url, "hreflang", message, ERROR, ref))
        checked_back.add(found)
    return problems


def check_switch(rel: str, page: ParsedPage, site: Site) -> list[Problem]:
    """Each language switch link exists and, when the page has a translation, lands on it."""
    problems = []
    translations: dict[str, str] = {}
    for ref in page.alternates:
        if ref.hreflang.lower() == "x-default":
            continue
        target = site.resolve(ref.url, page_url(rel))
        if target.kind == "internal":
            found, _ = file_for(target.path, site.files)
            if found:
                translations[_primary(ref.hreflang)] = found
    for ref in page.switch:
        if site.ignored(ref.url):
            continue
        target = site.resolve(ref.url, page_url(rel))
        if target.kind != "internal":
            message = f"{describe(ref)}: the language switch must point at a page of this site"
            problems.append(Problem(rel, ref.url, "language-switch", message, ERROR, ref))
            continue
        found, _ = file_for(target.path, site.files)
        if found is None:
            message = f"{describe(ref)}: the language switch target does not exist"
            problems.append(Problem(rel, ref.url, "language-switch", message, ERROR, ref))
            continue
        expected = translations.get(_primary(ref.hreflang)) if ref.hreflang else None
        if expected and expected != found:
            message = (
                f"{describe(ref)}: the language switch lands on {found}, "
                f"but this page's `{ref.hreflang}` translation is {expected}"
            )
            problems.append(Problem(rel, ref.url, "language-switch", message, ERROR, ref))
    return problems


# --- other files ---------------------------------------------------------------------------------


def check_sitemap(entries: list[SitemapEntry], site: Site, rel: str = "sitemap.xml") -> list[Problem]:
    """Every `<loc>` and alternate of sitemap.xml is a page of this site."""
    problems = []
    for entry in entries:
        if entry.problem:
            problems.append(Problem(rel, entry.url, "sitemap", entry.problem, ERROR, line=entry.line))
            continue
        if site.ignored(entry.url):
            continue
        what = "<loc>" if entry.kind == "loc" else f"alternate `{entry.hreflang}`"
        target = resolve(entry.url, "/" + rel, site.siteurl)
        if target.kind != "internal":
            message = f"sitemap {what} {entry.url} is not on this site (SITEURL {site.siteurl.netloc or 'empty'})"
            problems.append(Problem(rel, entry.url, "sitemap", message, ERROR, line=entry.line))
            continue
        found, _ = file_for(target.path, site.files)
        if found is None:
            message = f"sitemap {what} {entry.url}: no such page in the output"
            problems.append(Problem(rel, entry.url, "sitemap", message, ERROR, line=entry.line))
        elif site.siteurl.netloc and not urlsplit(entry.url).netloc:
            message = f"sitemap {what} {entry.url} must be an absolute URL (SITEURL is set)"
            problems.append(Problem(rel, entry.url, "sitemap", message, WARNING, line=entry.line))
    return problems


def check_css(rel: str, css: str, site: Site, tally: Tally | None = None) -> list[Problem]:
    """`url(...)` and `@import` in a CSS file resolve relative to the file itself."""
    tally = tally if tally is not None else Tally()
    problems = []
    for url, offset in css_urls_with_lines(css):
        if site.ignored(url):
            continue
        tally.links += 1
        ref = Ref(url, "css", "url", offset + 1, "css")
        target = resolve(url, "/" + rel, site.siteurl)
        if target.kind == "internal":
            found, _ = file_for(target.path, site.files)
            tally.targets.add(found or target.path)
            if found is None:
                message = f"url({url}): no such file in the output ({target.path.lstrip('/')})"
                problems.append(Problem(rel, url, "internal-link", message, ERROR, ref, offset + 1))
        elif target.kind == "external":
            tally.targets.add(url)
            tally.external.setdefault(url, []).append((rel, ref))
            found_problem = external_problem(url)
            if found_problem:
                severity, rule, message = found_problem
                problems.append(Problem(rel, url, rule, f"url({url}): {message}", severity, ref, offset + 1))
    return problems
