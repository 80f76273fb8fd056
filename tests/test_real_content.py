"""The real content: complete in both languages, sourced, linked, and listed on the right hubs."""

import re

from conftest import ROOT

from content_checks.hooks import DEFAULTS
from content_checks.scan import scan_content
from content_checks.translations import translation_status

LANGS = ["km", "en"]
# A figure: a number with a decimal part, a percentage, or four or more digits that is not a year.
FIGURE = re.compile(r"\d+[.,]\d+|\d+\s?%|\b(?!19\d\d\b|20\d\d\b)\d{3,}\b")
KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def test_content_has_no_problems_and_every_page_has_both_languages():
    problems, infos = scan_content(ROOT / "content", DEFAULTS, LANGS)
    assert problems == []
    missing = [f"{p.kind} {p.slug}: {p.state}" for p in translation_status(infos, LANGS) if p.missing]
    assert missing == []


def test_every_khmer_page_awaiting_review_is_marked_and_listed():
    _, infos = scan_content(ROOT / "content", DEFAULTS, LANGS)
    km = [i for i in infos if i.lang == "km"]
    assert km and all(i.review_pending for i in km), "Khmer pages not yet reviewed must say Review: pending"


def test_the_pages_the_brief_asks_for_exist_in_both_languages(real_site):
    slugs = [
        # children
        "online-abuse-is-never-your-fault", "online-strangers-and-grooming", "keeping-personal-information-private",
        "photos-and-sexting", "sextortion", "live-streaming", "unwanted-pornography", "cyberbullying",
        # parents
        "understanding-online-risks", "signs-of-grooming-and-exploitation", "talking-with-your-child",
        "setting-up-a-childs-phone", "when-your-child-tells-you",
        # practitioners
        "definitions-for-practitioners", "cambodian-law-on-ocse", "responding-to-a-disclosure",
        "referral-pathways-and-reporting", "running-a-community-session",
        # what to do if
        "if-someone-asks-for-photos", "if-someone-threatens-to-share-photos", "if-you-saw-child-abuse-material",
        "if-your-friend-is-bullied-online", "if-your-child-told-you-something-happened",
        # apps
        "facebook-privacy-guide", "messenger-privacy-guide", "tiktok-privacy-guide", "telegram-privacy-guide",
        "instagram-privacy-guide", "youtube-privacy-guide", "whatsapp-privacy-guide", "line-privacy-guide",
        "bigo-live-privacy-guide",
        # pages
        "help", "glossary", "facts", "about",
    ]  # fmt: skip
    missing = [
        f"{prefix}{slug}/"
        for slug in slugs
        for prefix in ("", "en/")
        if not (real_site.output / prefix / slug / "index.html").is_file()
    ]
    assert missing == []


def test_every_page_with_a_figure_lists_its_sources(real_site):
    unsourced = []
    for rel in real_site.pages():
        soup = real_site.html(rel)
        prose = soup.select_one(".prose")
        if prose is None:
            continue
        text = prose.get_text(" ").translate(KHMER_DIGITS)
        for a in prose.select('a[href^="tel:"], a[href^="sms:"]'):
            text = text.replace(a.get_text(), "")
        if FIGURE.search(text) and not soup.select(".sources li"):
            unsourced.append(f"{rel}: {FIGURE.search(text).group()}")
    assert unsourced == []


def test_every_glossary_link_resolves_to_an_entry(real_site):
    checked = 0
    for rel in real_site.pages():
        for a in real_site.html(rel).select("a.term"):
            page, _, anchor = a["href"].partition("#")
            target = real_site.html(page.lstrip("/") + "index.html")
            assert target.find(id=anchor) is not None, f"{rel}: {a['href']}"
            checked += 1
    assert checked > 50


def test_each_hub_lists_all_of_its_audience_articles(real_site):
    _, infos = scan_content(ROOT / "content", DEFAULTS, LANGS)
    from content_checks.metadata import parse_header

    for info in infos:
        if info.kind != "article":
            continue
        header = parse_header((ROOT / info.path).read_text(encoding="utf-8").splitlines())
        if header.get("status") == "draft":
            continue
        prefix = "" if info.lang == "km" else "en/"
        url = f"/{prefix}{info.slug}/"
        if header.get("type") == "privacy-guide":
            hubs = ["privacy-guides"]
        else:
            hubs = [a.strip() for a in header.get("audience").split(",")]
        for hub in hubs:
            links = {a["href"] for a in real_site.html(f"{prefix}{hub}/index.html").select("main a")}
            assert url in links, f"{info.path} is not listed on /{prefix}{hub}/"


def test_no_page_is_empty_or_a_placeholder(real_site):
    for rel in real_site.pages():
        main = real_site.html(rel).find("main")
        text = main.get_text(" ", strip=True)
        assert len(text) > 200, f"{rel} has almost no text"
        assert not re.search(r"lorem ipsum|TODO|TBD|placeholder|Write the text here", text, re.I), rel


def test_children_articles_are_short_and_plain():
    for path in (ROOT / "content/articles/en/children").glob("*.md"):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        words = len(re.findall(r"[A-Za-z']+", body))
        assert 250 <= words <= 900, f"{path.name}: {words} words"
        sentences = [s for s in re.split(r"[.!?]\s", body) if s.strip()]
        assert words / len(sentences) < 17, f"{path.name}: sentences average {words / len(sentences):.1f} words"


def test_every_article_ends_with_related_pages_and_the_help_link(real_site):
    for rel in real_site.pages():
        soup = real_site.html(rel)
        if soup.find("article") is None:
            continue
        after = soup.select_one(".after")
        assert after is not None and after.find("a", href=re.compile(r"/help/$")), rel


# --- Truth: no label without the record behind it (issue 12) ---------------------------------


def _records():
    """What the content and data files record: confirmed contacts, reviewed pages, guides tried on a phone."""
    import yaml

    from content_checks.metadata import parse_header
    from content_checks.records import phone_check, review_record

    contacts = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))["contacts"]
    confirmed = {c["id"] for c in contacts if isinstance(c.get("confirmed"), dict)}
    reviewed, tried = set(), set()
    for path in (ROOT / "content").glob("*/*/**/*.md"):
        lang = path.relative_to(ROOT / "content").parts[1]
        header = parse_header(path.read_text(encoding="utf-8").splitlines())
        meta = {key: value for key, (value, _line) in header.values.items()}
        page = f"{'' if lang == 'km' else lang + '/'}{path.stem}/index.html"
        if review_record(meta):
            reviewed.add(page)
        if phone_check(meta):
            tried.add(page)
    return confirmed, reviewed, tried


def test_no_page_says_checked_confirmed_or_reviewed_without_a_record(real_site):
    from bs4 import BeautifulSoup

    from content_checks.claims import find_claims

    confirmed, reviewed, tried = _records()
    unbacked, claims_seen = [], 0
    for rel in real_site.pages():
        soup = BeautifulSoup((real_site.output / rel).read_text(encoding="utf-8"), "html.parser")
        for label in soup.select("[data-claim]"):
            claims_seen += 1
            kind, _, key = label["data-claim"].partition(":")
            backed = {
                "contact-confirmed": key in confirmed,
                "page-reviewed": rel in reviewed,
                "guide-checked": rel in tried,
            }.get(kind, False)
            if not backed:
                unbacked.append(f"{rel}: {label['data-claim']!r} has no record behind it")
            label.decompose()
        for element in soup(["script", "style"]):
            element.decompose()
        for phrase in find_claims(soup.get_text(" ")):
            unbacked.append(f"{rel}: {phrase!r} outside a label made from a record")
    assert unbacked == []
    # Every record shows up somewhere: a confirmed contact on the help pages, a review or a phone check
    # on its own page (today none exists, so no label may appear at all).
    assert claims_seen >= len(confirmed) + len(reviewed) + len(tried)


def test_help_strip_shows_only_numbers_with_a_citable_source(real_site):
    import yaml

    contacts = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))["contacts"]
    sources = {
        s["id"]: s for s in yaml.safe_load((ROOT / "content/data/sources.yaml").read_text(encoding="utf-8"))["sources"]
    }
    by_number = {
        ch["value"].replace(" ", ""): c for c in contacts for ch in c["channels"] if ch["type"] in ("phone", "sms")
    }
    for rel in ("index.html", "en/index.html", "en/help/index.html"):
        strip = real_site.html(rel).select_one(".help-strip")
        numbers = [a["href"].removeprefix("tel:") for a in strip.select('a[href^="tel:"]')]
        assert numbers, rel
        for number in numbers:
            contact = by_number[number]
            source = sources[contact["source"]]
            assert source.get("url", "").startswith("https://"), (number, source["id"])
            # A "read on" date only from a record of someone reading the live page.
            assert ("read on" in strip.get_text(" ")) == any("source_read" in c for c in contacts), (rel, number)
            assert source["publisher"] in strip.get_text(" ") or contact.get("confirmed"), (rel, number)
    assert "117" in numbers and "1288" not in (real_site.output / "en/index.html").read_text(encoding="utf-8")
