"""Contacts: the data file's schema, placeholders in pages, the help page, the help strip and quick exit."""

import datetime as dt
import re

import pytest
import yaml
from conftest import ROOT, article, assert_stopped

from contacts.model import build_contacts
from contacts.placeholders import replace_placeholders
from contacts.schema import confirmation_problems, validate_contacts
from sitekit.yamldata import DataFileError, load_with_lines
from sources.registry import Source

TODAY = dt.date(2026, 11, 22)
VALID = """\
contacts:
  - id: child-helpline
    name: {km: ខ្សែទូរស័ព្ទជំនួយកុមារ, en: Child Helpline}
    description: {km: និយាយ។, en: Talk.}
    needs: [talk]
    channels:
      - type: phone
        value: "1280"
    hours: {km: ២៤ ម៉ោង, en: 24 hours}
    organisation: {km: ជំនួយកុមារ, en: Child Helpline}
    cost: {km: ឥតគិតថ្លៃ, en: Free}
    urgent: true
    source: chc-organisational-overview
    source_read: 2026-11-01
"""
SOURCE_IDS = {"chc-organisational-overview"}
SOURCES = {
    "chc-organisational-overview": Source(
        "chc-organisational-overview", "Child Helpline Cambodia", "Overview", "web page"
    )
}


def load_lines(text):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "c.yaml"
        p.write_text(text, encoding="utf-8")
        return load_with_lines(p, "c.yaml")[1]


def check(text):
    data = yaml.safe_load(text)
    return [
        p.format("content/data/contacts.yaml")
        for p in validate_contacts(data, load_lines(text), ["km", "en"], TODAY, SOURCE_IDS)
    ]


def test_valid_file_passes():
    assert check(VALID) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'value: "1280"',
            'value: "12 80x"',
            "content/data/contacts.yaml:8: contact 'child-helpline', field 'channels[0].value': '12 80x' is not a "
            "phone number (3-15 digits, spaces allowed)",
        ),
        (
            'value: "1280"',
            "value: 1280",
            "content/data/contacts.yaml:8: contact 'child-helpline', field 'channels[0].value': 1280 is read as a "
            'number, not as typed: write it in quotes, e.g. "1280"',
        ),
        (
            "name: {km: ខ្សែទូរស័ព្ទជំនួយកុមារ, en: Child Helpline}",
            "name: {en: Child Helpline}",
            "content/data/contacts.yaml:3: contact 'child-helpline', field 'name.km': missing translation",
        ),
        (
            '      - type: phone\n        value: "1280"',
            "      - type: web\n        value: http://example.org/form",
            "content/data/contacts.yaml:8: contact 'child-helpline', field 'channels[0].value': "
            "'http://example.org/form' must be a full https:// address",
        ),
        (
            "source_read: 2026-11-01",
            "source_read: 1 Nov 2026",
            "content/data/contacts.yaml:14: contact 'child-helpline', field 'source_read': '1 Nov 2026' is not a date; "
            "write YYYY-MM-DD",
        ),
        (
            "source_read: 2026-11-01",
            "source_read: 2026-12-01",
            "content/data/contacts.yaml:14: contact 'child-helpline', field 'source_read': 2026-12-01 is in the "
            "future; "
            "record the day it happened",
        ),
        (
            "source_read: 2026-11-01",
            "source_read: 2026-11-01\n    verified: 2026-11-01",
            "content/data/contacts.yaml:15: contact 'child-helpline', field 'verified': `verified` is no longer used: "
            "write `source_read:` (the day you read the number in its source) and add `confirmed:` only after "
            "confirming the entry with the organisation (docs/contacts.md)",
        ),
        (
            "source_read: 2026-11-01",
            "source_read: 2026-11-01\n    confirmed: {date: 2026-11-20, how: phoned, by: Programme officer}",
            "content/data/contacts.yaml:15: contact 'child-helpline', field 'confirmed.how': 'phoned': say how it was "
            "confirmed: called (called the number and reached the service); written (written confirmation from the "
            "organisation)",
        ),
        (
            "source_read: 2026-11-01",
            "source_read: 2026-11-01\n    confirmed: {date: 2026-11-20, how: called}",
            "content/data/contacts.yaml:15: contact 'child-helpline', field 'confirmed.by': missing: the role of the "
            "person who confirmed it (a role, not a name)",
        ),
        (
            "needs: [talk]",
            "needs: [chat]",
            "content/data/contacts.yaml:5: contact 'child-helpline', field 'needs[0]': 'chat' is not one of: "
            "danger-now, talk, report-online, remove-image",
        ),
        (
            "source: chc-organisational-overview",
            "source: https://example.org/helpline",
            "content/data/contacts.yaml:13: contact 'child-helpline', field 'source': 'https://example.org/helpline' "
            "is not an id in sources.yaml; add the source there first",
        ),
        (
            "    organisation: {km: ជំនួយកុមារ, en: Child Helpline}\n",
            "",
            "content/data/contacts.yaml:2: contact 'child-helpline', field 'organisation': missing; write it in km, en",
        ),
    ],
)
def test_each_broken_entry_gives_its_exact_message(old, new, expected):
    assert old in VALID
    assert check(VALID.replace(old, new)) == [expected]


def test_duplicate_ids_are_reported():
    twice = VALID + VALID.split("contacts:\n", 1)[1]
    assert any("'child-helpline' is used twice (first on line 2)" in p for p in check(twice))


def test_broken_yaml_names_file_and_line(tmp_path):
    bad = tmp_path / "contacts.yaml"
    bad.write_text("contacts:\n  - id: x\n    name: {km: a, en: b\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^content/data/contacts.yaml:\d+: not valid YAML"):
        load_with_lines(bad, "content/data/contacts.yaml")


def test_unconfirmed_and_long_ago_confirmed_contacts_are_found():
    data = yaml.safe_load(VALID)
    assert confirmation_problems(data, TODAY, 180) == [("child-helpline", "not confirmed with the organisation yet")]
    confirmed = yaml.safe_load(
        VALID.replace(
            "source_read: 2026-11-01",
            "source_read: 2026-11-01\n    confirmed: {date: 2026-11-20, how: called, by: Volunteer}",
        )
    )
    assert check(yaml.safe_dump(confirmed, allow_unicode=True)) == []
    assert confirmation_problems(confirmed, TODAY, 180) == []
    assert confirmation_problems(confirmed, dt.date(2027, 6, 1), 180) == [
        ("child-helpline", "confirmed on 2026-11-20, more than 180 days ago")
    ]


def test_placeholders_render_name_and_tap_to_call_link():
    contacts = {c.id: c for c in build_contacts(yaml.safe_load(VALID), SOURCES)}
    html, problems = replace_placeholders(
        "<p>Call {contact:child-helpline} or {tel:child-helpline}. {contact:nope}</p>",
        contacts,
        "en",
        "/en/help/",
    )
    assert '<a href="/en/help/#child-helpline">Child Helpline</a> (<a href="tel:1280">1280</a>)' in html
    assert 'or <a href="tel:1280">1280</a>.' in html
    assert problems == [("{contact:nope}", "no contact with id 'nope' in the contacts file (known: child-helpline)")]


def test_real_contacts_file_is_valid():
    path = ROOT / "content" / "data" / "contacts.yaml"
    data, lines = load_with_lines(path, "content/data/contacts.yaml")
    sources = yaml.safe_load((ROOT / "content/data/sources.yaml").read_text(encoding="utf-8"))
    ids = {s["id"] for s in sources["sources"]}
    assert validate_contacts(data, lines, ["km", "en"], dt.date.today(), ids) == []
    ids = {c["id"] for c in data["contacts"]}
    assert {
        "police-hotline",
        "child-helpline",
        "aple-hotline",
        "internet-hotline-cambodia",
        "take-it-down",
    } <= ids


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import BASE_PAGES, build_site

    files = {
        "articles/en/children/a.md": article("A", "Talk to {contact:child-helpline}. Or call {tel:police-hotline}."),
        "articles/km/children/a.md": article("ក", "និយាយជាមួយ {contact:take-it-down}។"),
        "pages/en/help.md": (ROOT / "content/pages/en/help.md").read_text(encoding="utf-8"),
        "pages/km/help.md": (ROOT / "content/pages/km/help.md").read_text(encoding="utf-8"),
    }
    assert "pages/en/help.md" in BASE_PAGES
    site = build_site(tmp_path_factory.mktemp("contacts"), files)
    assert site.returncode == 0, site.log
    return site


def _numbers_in_data():
    data = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))
    return {
        ch["value"].replace(" ", "") for c in data["contacts"] for ch in c["channels"] if ch["type"] in ("phone", "sms")
    }


def test_help_page_lists_every_contact_from_the_data_and_nothing_else(built):
    data = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))
    for rel, lang in (("en/help/index.html", "en"), ("help/index.html", "km")):
        soup = built.html(rel)
        for c in data["contacts"]:
            entry = soup.find(id=c["id"])
            assert entry is not None, (rel, c["id"])
            section = entry.find_parent("section")
            assert c["name"][lang] in section.get_text()
            for ch in c["channels"]:
                assert section.find("a", href=re.compile(re.escape(ch["value"].replace(" ", ""))))
        tel = {a["href"].split(":", 1)[1] for a in soup.select('a[href^="tel:"], a[href^="sms:"]')}
        assert tel == _numbers_in_data()


def test_help_strip_on_every_page_shows_the_urgent_numbers(built):
    data = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))
    urgent = {c["channels"][0]["value"].replace(" ", "") for c in data["contacts"] if c.get("urgent")}
    strips = {}
    for rel in built.pages():
        strip = built.html(rel).select_one(".help-strip")
        assert strip is not None, rel
        assert {a["href"][4:] for a in strip.select('a[href^="tel:"]')} == urgent
        lang = built.html(rel).html["lang"]
        strips.setdefault(lang, set()).add(str(strip))
        assert strip.find("a", href=("/help/#all-contacts" if lang == "km" else "/en/help/#all-contacts")), rel
    # Rendered once per language (i18n's same_for_language), each in its own language.
    assert {lang: len(found) for lang, found in strips.items()} == {"km": 1, "en": 1}
    assert "Need help now?" in next(iter(strips["en"])) and "Need help now?" not in next(iter(strips["km"]))


def test_placeholders_in_articles_become_links(built):
    prose = built.html("en/a/index.html").select_one(".prose")
    assert prose.find("a", href="/en/help/#child-helpline").get_text() == "Child Helpline Cambodia"
    assert prose.find("a", href="tel:117")
    km = built.html("a/index.html").select_one(".prose")
    assert km.find("a", href="/help/#take-it-down").find("span", lang="en").get_text() == "Take It Down"


def test_unknown_contact_id_stops_the_build_with_file_and_line(site):
    result = site({"articles/en/children/a.md": article("A", "Line one.\n\nCall {contact:childhelpline} now.")})
    assert result.returncode != 0
    assert "content/articles/en/children/a.md:9: no contact with id 'childhelpline'" in result.log


def test_broken_contacts_file_stops_the_build(site):
    broken = (
        (ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8").replace('value: "1280"', 'value: "12o0"', 1)
    )
    result = site({"data/contacts.yaml": broken})
    assert result.returncode != 0
    assert "content/data/contacts.yaml:" in result.log and "'12o0' is not a phone number" in result.log
    assert not (result.output / "index.html").exists()


def test_quick_exit_on_every_page_works_without_javascript(built):
    for rel in built.pages():
        soup = built.html(rel)
        link = soup.select_one("header a.quick-exit")
        assert link is not None and link["href"].startswith("https://"), rel
        assert "noopener" in link["rel"] and "noreferrer" in link["rel"]
        scripts = soup.find_all("script")
        assert all(s.has_attr("defer") and s.get("src") and not s.string for s in scripts), rel


def test_quick_exit_script_is_small_and_replaces_history():
    js = (ROOT / "theme/static/js/quick-exit.js").read_bytes()
    assert len(js) < 1024
    assert b"location.replace" in js and b"Escape" in js


PHONE_LIKE = re.compile(
    r"(?<![\d-])(?:\+?855[ -]?)?0?\d{2}[ -]?\d{3}[ -]?\d{3,4}(?!\d)|(?<!\d)1[12]\d{2}(?!\d)|(?<!\d)11[789](?!\d)"
)


def test_no_phone_number_in_templates_or_text_outside_the_data_file():
    khmer_digits = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
    offenders = []
    paths = list((ROOT / "content").rglob("*.md")) + list((ROOT / "theme/templates").rglob("*.html"))
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            latin = line.translate(khmer_digits)
            for match in PHONE_LIKE.finditer(latin):
                if not re.fullmatch(r"(19|20)\d\d", match.group().strip()):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {match.group()}")
    assert offenders == []


DROPPED = [
    # (case, Markdown, line of the dropped placeholder): each would vanish from the page without a word.
    ("end of a heading", "Call {tel:child-helpline} any time.\n\n## Call {contact:child-helpline}\n\nText.", 9),
    ("alone on a paragraph's last line", "Text.\n\nIf you need help, call\n{tel:child-helpline}", 10),
    ("end of a table cell", "Text.\n\n| Who | Number |\n| --- | --- |\n| Helpline | call {tel:child-helpline} |", 11),
    (
        "end of a middle cell",
        "Call {tel:child-helpline}.\n\n| Who | How | When |\n| --- | --- | --- |\n"
        "| Helpline | call {tel:child-helpline} | any time |",
        11,
    ),
]


@pytest.mark.parametrize(("case", "body", "line"), DROPPED, ids=[c[0] for c in DROPPED])
def test_a_placeholder_markdown_would_drop_stops_the_build_at_its_line(site, case, body, line):
    result = site({"articles/en/children/a.md": article("A", body)})
    assert result.returncode != 0
    assert f"content/articles/en/children/a.md:{line}: this placeholder is missing from the page" in result.log
    assert "Traceback" not in result.log


def test_a_placeholder_as_a_link_address_stops_the_build_at_its_line(site):
    body = "Call {tel:child-helpline} any time.\n\nOr call [the helpline]({tel:child-helpline}) today."
    result = site({"articles/en/children/a.md": article("A", body)})
    assert result.returncode != 0
    assert (
        "content/articles/en/children/a.md:9: this placeholder cannot be a link's address or sit inside an HTML tag"
        in result.log
    )


def test_a_placeholder_inside_a_heading_or_a_cell_with_words_after_it_works(site):
    body = "## Call {tel:child-helpline} now\n\n| Who | When |\n| --- | --- |\n| {contact:child-helpline} | any time |"
    result = site({"articles/en/children/a.md": article("A", body)})
    assert result.returncode == 0, result.log
    prose = result.html("en/a/index.html").select_one(".prose")
    assert prose.find("h2").find("a", href="tel:1280")
    assert prose.find("td").find("a", href="/en/help/#child-helpline")


MISWRITTEN = [
    # (case, Markdown, what the message quotes, the placeholder it asks for): each was shown on the page as typed.
    (
        "space after the colon",
        "Talk to {contact: child-helpline} today.",
        "{contact: child-helpline}",
        "{contact:child-helpline}",
    ),
    ("capital letter", "Call {Tel:child-helpline} today.", "{Tel:child-helpline}", "{tel:child-helpline}"),
    ("closing brace missing", "Call {tel:child-helpline today.", "{tel:child-helpline", "{tel:child-helpline}"),
    ("round brackets", "Talk to (contact:child-helpline) today.", "contact:child-helpline", "{contact:child-helpline}"),
]


@pytest.mark.parametrize(("case", "body", "typed", "fixed"), MISWRITTEN, ids=[c[0] for c in MISWRITTEN])
def test_a_miswritten_placeholder_stops_the_build_at_its_line_with_the_right_form(site, case, body, typed, fixed):
    assert_stopped(
        site({"articles/en/children/a.md": article("A", "Some text.\n\n" + body)}),
        f"content/articles/en/children/a.md:9: {typed!r} is not written as a placeholder, so the page shows it as "
        f"typed instead of the contact; write it in lower case with no spaces, between braces: {fixed}",
    )


@pytest.mark.parametrize(
    ("body", "typed", "fixed"),
    [
        ("Talk to {contcat:child-helpline} today.", "{contcat:child-helpline}", "{contact:child-helpline}"),
        ("Call {phone:child-helpline} today.", "{phone:child-helpline}", "{tel:child-helpline}"),
    ],
)
def test_a_misspelled_placeholder_word_stops_the_build_at_its_line(site, body, typed, fixed):
    assert_stopped(
        site({"articles/en/children/a.md": article("A", "Some text.\n\n" + body)}),
        f"content/articles/en/children/a.md:9: {typed!r} is not a placeholder the site knows (only contact and "
        f"tel are), so the page shows it as typed instead of the contact; write {fixed}",
    )


def test_right_placeholders_tel_links_and_the_word_contact_are_not_miswritten():
    by_id = {c.id: c for c in build_contacts(yaml.safe_load(VALID), SOURCES)}
    html = (
        "<p>Call {tel:child-helpline} or {contact:child-helpline}. Contact: your teacher. Tel: see below.</p>"
        "<p><code>{contact: child-helpline}</code></p>"
    )
    filled, problems = replace_placeholders(html, by_id, "en", "/en/help/")
    assert problems == []
    assert 'href="tel:' in filled
