"""Content checks: every kind of bad input gives `file:line: message`, all at once, and no output."""

import string

import pytest
from conftest import ROOT, article, assert_stopped, page
from hypothesis import given, settings
from hypothesis import strategies as st

from content_checks.body import check_body
from content_checks.hooks import DEFAULTS
from content_checks.metadata import parse_header
from content_checks.rules import check_metadata
from content_checks.scaffold import create_pair
from content_checks.scan import check_file, scan_content
from content_checks.stamping import stamp_file
from content_checks.translations import report, text_hash, translation_status

LANGS = ["km", "en"]


def problems_of(tmp_path, files: dict) -> list[str]:
    content = tmp_path / "content"
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return scan_content(content, DEFAULTS, LANGS)[0]


CONTACTS = (ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8")

BAD_INPUT = [
    (
        "missing title",
        article().replace("Title: A page\n", ""),
        "content/articles/en/children/x.md:1: required metadata `Title:` is missing; add it to the header",
    ),
    (
        "unknown audience",
        article(audience="teens"),
        "content/articles/en/children/x.md:5: unknown audience 'teens'; use: children, parents, practitioners",
    ),
    (
        "raw script",
        article(body="Hello.\n\n<script>alert(1)</script>"),
        "content/articles/en/children/x.md:9: raw <script> is not allowed in Markdown; remove it",
    ),
    (
        "onclick",
        article(body='<span onclick="x()">Hi</span>'),
        "content/articles/en/children/x.md:7: the event attribute onclick= runs script; remove it",
    ),
    (
        "javascript link",
        article(body="[Tap](javascript:alert(1))"),
        "content/articles/en/children/x.md:7: a javascript link runs script; link to a page instead",
    ),
    (
        "external image",
        article(body="![A phone](https://example.org/a.png)"),
        "content/articles/en/children/x.md:7: image 'https://example.org/a.png' comes from another website; "
        "save it under content/images/",
    ),
    (
        "broken metadata syntax",
        "Title: A\nDate 2026-11-22\nSummary: s\n\nText.\n",
        "content/articles/en/children/x.md:2: 'Date 2026-11-22' is not a `Key: value` metadata line; "
        "add the colon, or leave a blank line before the text starts",
    ),
    (
        "bad date",
        article(date="22/11/2026"),
        "content/articles/en/children/x.md:2: `Date: 22/11/2026` is not a date; write YYYY-MM-DD",
    ),
    ("empty file", "", "content/articles/en/children/x.md:1: the file is empty; write the page or remove the file"),
    (
        "non-UTF-8",
        "Title: Caf\xe9\n".encode("latin-1") + b"\nText.\n",
        "content/articles/en/children/x.md:1: not UTF-8 text (byte 10); save the file as UTF-8",
    ),
    (
        "binary",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "content/articles/en/children/x.md: this is a binary file, not Markdown text; remove it from content/",
    ),
    (
        "no text",
        article(body=""),
        "content/articles/en/children/x.md:7: the page has no text after its metadata; "
        "write the article or remove the file",
    ),
]


# Mistakes a new editor made that used to build (issue 14): each must stop the build at its line.
BAD_INPUT += [
    (
        "typed phone number",
        article(body="Text.\n\nCall 092 311 511 any time."),
        "content/articles/en/children/x.md:9: phone number '092 311 511' typed into the text: every number comes "
        "from content/data/contacts.yaml, so it can be checked and changed in one place; write {tel:aple-hotline} "
        "(or {contact:aple-hotline})",
    ),
    (
        "phone number in the summary",
        article(summary="Call 092 311 511 any time."),
        "content/articles/en/children/x.md:4: phone number '092 311 511' typed into the text: every number comes "
        "from content/data/contacts.yaml, so it can be checked and changed in one place; name the service instead",
    ),
    (
        "placeholder in the summary",
        article(summary="Call {tel:child-helpline} any time."),
        "content/articles/en/children/x.md:4: {tel:child-helpline} is filled in only in the page's text: in the "
        "title or summary it would be shown as typed",
    ),
    (
        "percentage with no source",
        article(body="Most children are online.\n\nIn 2021, 78% of children used a phone every day."),
        "content/articles/en/children/x.md:9: this page gives a figure or cites a law ('78%') but its `Sources:` is "
        "empty: add the id of the document it comes from (content/data/sources.yaml), so the page names its source",
    ),
    (
        "law cited in Khmer with no source",
        article(body="យោងតាមមាត្រា ៣៨ នៃច្បាប់ នេះជាបទល្មើស។"),
        "content/articles/en/children/x.md:7: this page gives a figure or cites a law ('មាត្រា ៣៨')",
    ),
    (
        "misspelt metadata key",
        article(extra="Sorces: ihc-children\nModifed: 2026-11-30"),
        "content/articles/en/children/x.md:6: `Sorces:` is not a metadata key the site reads, so it would be "
        "ignored; did you mean `Sources:`?",
    ),
    (
        "bold in the title",
        article(title="**Stay safe** online"),
        "content/articles/en/children/x.md:1: the title is shown as typed, in the browser tab, lists and link "
        "previews: Markdown and HTML",
    ),
    (
        "phone number in the title",
        article(title="Call 1280 for help"),
        "content/articles/en/children/x.md:1: phone number '1280' typed into the text",
    ),
    (
        "typed short code in Khmer digits",
        article(body="ហៅលេខ ១២៨០ ។"),
        "content/articles/en/children/x.md:7: phone number '1280' typed into the text",
    ),
    (
        "inline style pasted from a word processor",
        article(body='<span style="color:red">Important</span>'),
        'content/articles/en/children/x.md:7: inline style="..." is blocked by the site\'s '
        "Content-Security-Policy, so browsers ignore it",
    ),
    (
        "localhost link",
        article(body="See [the page](http://localhost:8000/en/help/)."),
        "content/articles/en/children/x.md:7: 'http://localhost:8000/en/help/' only works on the computer it was "
        "written on",
    ),
    (
        "file link",
        article(body="See [my draft](file:///home/me/draft.html)."),
        "content/articles/en/children/x.md:7: 'file:///home/me/draft.html' only works on the computer",
    ),
    (
        "Windows file link",
        article(body="See [my notes](C:\\Users\\me\\Documents\\notes.docx)."),
        "content/articles/en/children/x.md:7: 'C:\\Users\\me\\Documents\\notes.docx' only works on the computer",
    ),
    (
        "network share image",
        article(body="![The form](\\\\office-pc\\shared\\form.png)"),
        "content/articles/en/children/x.md:7: '\\\\office-pc\\shared\\form.png' only works on the computer",
    ),
    (
        "127.0.0.1 image",
        article(body="![A screen](http://127.0.0.1/a.png)"),
        "content/articles/en/children/x.md:7: 'http://127.0.0.1/a.png' only works on the computer",
    ),
    (
        "link to a Markdown file without {filename}",
        article(body="Read [the guide](../apps/bigo-live-privacy-guide.md)."),
        "content/articles/en/children/x.md:7: the link (../apps/bigo-live-privacy-guide.md) points to a Markdown "
        "file, which is not published as it is: write {filename} in front, "
        "({filename}../apps/bigo-live-privacy-guide.md), and the site links to its page",
    ),
    (
        "image file name with a space",
        article(body="![The privacy menu](/images/Screen Shot 2026.png)"),
        "content/articles/en/children/x.md:7: the image file name 'Screen Shot 2026.png' has a space, which breaks "
        "the picture (its resized copies are listed with spaces between them); rename the file without spaces, "
        "e.g. 'screen-shot-2026.png'",
    ),
    (
        "space between a link's text and its address",
        article(body="Read [what to do next] (https://www.example.org/help) today."),
        "content/articles/en/children/x.md:7: a space between ] and ( breaks this link: the page shows the "
        "brackets and the address as text; remove the space",
    ),
    (
        "space between a link's text and a page of the site",
        article(body="See [get help]  ({filename}/pages/en/help.md)."),
        "content/articles/en/children/x.md:7: a space between ] and ( breaks this link",
    ),
    (
        "web address without https://",
        article(body="Report it at [the hotline](www.internet-hotline.example.org/report)."),
        "content/articles/en/children/x.md:7: the address (www.internet-hotline.example.org/report) has no https:// "
        "in front, so it is read as a page of this site and the link leads nowhere; write "
        "(https://www.internet-hotline.example.org/report)",
    ),
    (
        "e-mail address without mailto:",
        article(body="Write to [the team](help@example.org)."),
        "content/articles/en/children/x.md:7: the address (help@example.org) is an e-mail address written as a page "
        "of this site, so the link leads nowhere; write (mailto:help@example.org)",
    ),
    (
        "address in curly quotes",
        article(body="Read [the guide](“https://example.org/guide”)."),
        "content/articles/en/children/x.md:7: the address “https://example.org/guide” has quotes around it, so the "
        "link leads nowhere; remove them: (https://example.org/guide)",
    ),
    (
        "empty Modified:",
        article().replace("Modified: 2026-11-22", "Modified:"),
        "content/articles/en/children/x.md:3: `Modified:` is empty; write the day (YYYY-MM-DD)",
    ),
    (
        "a time that is not one",
        article().replace("Date: 2026-11-22", "Date: 2026-11-22 25:00"),
        "content/articles/en/children/x.md:2: `Date: 2026-11-22 25:00` is not a date; write YYYY-MM-DD",
    ),
    (
        "misspelt status",
        article(extra="Status: draf"),
        "content/articles/en/children/x.md:6: `Status: draf` is not a status; did you mean `Status: draft`? (draft: "
        "not published yet; hidden: published but not listed; or remove the line to publish the page)",
    ),
    (
        "a slug other than the file name",
        article(extra="Slug: Online Games"),
        "content/articles/en/children/x.md:6: `Slug: Online Games`: the file's name is the page's address and pairs "
        "it with its translation; remove the line, and rename the file if the address must change",
    ),
    (
        "misspelt link prefix",
        article(body="Read [the guide]({filname}/articles/en/children/y.md) today."),
        "content/articles/en/children/x.md:7: {filname} is not a link prefix the site knows, so this link is not "
        "made; write {filename} (a page: {filename}/articles/en/children/x.md, a file: {static}/images/x.png)",
    ),
    (
        "misspelt static prefix in HTML",
        article(body='<a href="{statc}/files/leaflet.pdf">Leaflet</a>'),
        "content/articles/en/children/x.md:7: {statc} is not a link prefix the site knows, so this link is not "
        "made; write {static}",
    ),
    (
        "Khmer vowel typed before its subscript",
        article(body="នៅខាងក\u17c4\u17d2\u179aម។"),
        "content/articles/en/children/x.md:7: Khmer 'នៅខាងកោ្រម' is typed in a non-standard order (a vowel or "
        "sign before a subscript, or a vowel in two parts): it looks right but search cannot find it; retype it "
        "as 'នៅខាងក្រោម'",
    ),
    (
        "Khmer vowel typed in two parts",
        article(body="ក\u17c1\u17b8តឡើង។"),
        "retype it as 'កើតឡើង'",
    ),
]


def test_figures_years_and_placeholders_are_not_phone_numbers(tmp_path):
    text = article(
        body="APLE received 128 reports in 2021, 57 of them about CSAM; 21.7 million; 215,600.\n\n"
        "Call {tel:child-helpline} or the police on {tel:police-hotline}."
    )
    assert problems_of(tmp_path, {"articles/en/children/x.md": text}) == []


@pytest.mark.parametrize(("case", "text", "expected"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_each_bad_input_gives_its_exact_message(tmp_path, case, text, expected):
    found = problems_of(tmp_path, {"articles/en/children/x.md": text, "data/contacts.yaml": CONTACTS})
    assert any(expected in problem for problem in found), found


def test_unknown_language_duplicate_slug_and_orphan_translation(tmp_path):
    problems = problems_of(
        tmp_path,
        {
            "articles/fr/children/x.md": article(),
            "articles/en/children/dup.md": article(),
            "articles/en/parents/dup.md": article(audience="parents"),
            "articles/km/children/lonely.md": article(extra="Translated-from: en 0123456789"),
        },
    )
    assert (
        "content/articles/fr/children/x.md: language 'fr' is not one of the site's languages (km, en); "
        "put the file under a folder named after one of them"
    ) in problems
    assert any(
        p.startswith(
            "content/articles/en/parents/dup.md: the slug 'dup' is already used by content/articles/en/children"
        )
        for p in problems
    )
    assert (
        "content/articles/km/children/lonely.md: it says it was translated from 'en', but there is no en file named "
        "lonely.md; write the source page or remove the Translated-from line"
    ) in problems


def test_all_problems_are_reported_at_once(tmp_path):
    problems = problems_of(
        tmp_path,
        {
            "articles/en/children/a.md": article(audience="teens"),
            "articles/en/children/b.md": article(body="<iframe src=x></iframe>"),
        },
    )
    assert len(problems) == 2


def test_a_bad_file_stops_the_build_before_anything_is_written(site):
    result = site(
        {
            "articles/en/children/a.md": article(audience="teens"),
            "articles/en/children/b.md": article(body="Hi <b onclick='x()'>there</b>"),
        }
    )
    assert result.returncode != 0
    assert "BUILD STOPPED: ContentCheckError" in result.log
    assert "content/articles/en/children/a.md:5: unknown audience 'teens'" in result.log
    assert "content/articles/en/children/b.md:7: the event attribute onclick= runs script" in result.log
    assert "Traceback" not in result.log
    assert not result.output.exists()


def test_translation_becomes_outdated_when_its_source_changes(tmp_path):
    content = tmp_path / "content"
    en = content / "articles/en/children/a.md"
    km = content / "articles/km/children/a.md"
    en.parent.mkdir(parents=True)
    km.parent.mkdir(parents=True)
    en.write_text(article("A", "First version."), encoding="utf-8")
    km.write_text(article("ក", "កំណែទីមួយ។", extra="Review: pending"), encoding="utf-8")
    stamp_file(km, content, LANGS, "en")
    assert "Translated-from: en " in km.read_text(encoding="utf-8")
    infos = scan_content(content, DEFAULTS, LANGS)[1]
    assert translation_status(infos, LANGS)[0].state == "up to date"
    en.write_text(article("A", "Second version, with a new paragraph."), encoding="utf-8")
    infos = scan_content(content, DEFAULTS, LANGS)[1]
    assert translation_status(infos, LANGS)[0].state == "outdated km"
    assert [i.path for i in infos if i.review_pending] == ["content/articles/km/children/a.md"]


def test_missing_translation_is_reported(tmp_path):
    content = tmp_path / "content"
    (content / "articles/en/children").mkdir(parents=True)
    (content / "articles/en/children/a.md").write_text(article(), encoding="utf-8")
    infos = scan_content(content, DEFAULTS, LANGS)[1]
    assert translation_status(infos, LANGS)[0].state == "missing km"


def test_a_translation_saved_under_a_near_name_is_named_in_the_report(tmp_path):
    """Without Translated-from the build cannot tell; the report names the likely pair both ways."""
    content = tmp_path / "content"
    (content / "articles/en/children").mkdir(parents=True)
    (content / "articles/km/children").mkdir(parents=True)
    (content / "articles/en/children/online-games.md").write_text(article("Games"), encoding="utf-8")
    (content / "articles/km/children/online-game.md").write_text(article("ហ្គេម"), encoding="utf-8")
    (content / "articles/en/children/passwords.md").write_text(article("Passwords"), encoding="utf-8")
    infos = scan_content(content, DEFAULTS, LANGS)[1]
    text = report(translation_status(infos, LANGS), infos)
    assert (
        "content/articles/km/children/online-game.md may be its km version under another name: give both files "
        "the same name"
    ) in text
    assert "content/articles/en/children/online-games.md may be its en version under another name" in text
    assert "passwords.md may be" not in text and text.count("under another name") == 2


def test_stamping_ignores_review_lines():
    a = article(extra="Review: pending")
    assert text_hash(a) == text_hash(a.replace("Review: pending", "Review: done"))
    assert text_hash(a) != text_hash(a.replace("Some text.", "Other text."))


def test_scaffold_creates_a_valid_pair_linked_as_translations(tmp_path):
    content = tmp_path / "content"
    created = create_pair(content, "online-games", "children", "article", False, LANGS, "km")
    assert [p.relative_to(content).as_posix() for p in created] == [
        "articles/km/children/online-games.md",
        "articles/en/children/online-games.md",
    ]
    problems, infos = scan_content(content, DEFAULTS, LANGS)
    assert problems == []
    status = translation_status(infos, LANGS)[0]
    assert status.state == "up to date"
    km = created[0].read_text(encoding="utf-8")
    assert "Review: pending" in km and "Status: draft" in km


@pytest.mark.parametrize(
    ("kind", "slug", "folder", "extra"),
    [
        ("what-to-do", "if-my-account-was-hacked", "guides", "Type: what-to-do"),
        ("privacy-guide", "bigo-live-privacy-guide", "apps", "App: Bigo Live"),
    ],
)
def test_scaffold_puts_guides_in_their_folder_with_the_metadata_they_need(tmp_path, kind, slug, folder, extra):
    content = tmp_path / "content"
    created = create_pair(content, slug, "children", kind, False, LANGS, "km")
    assert created[1].relative_to(content).as_posix() == f"articles/en/{folder}/{slug}.md"
    assert scan_content(content, DEFAULTS, LANGS)[0] == []
    assert extra in created[1].read_text(encoding="utf-8")


TEXT = st.text(alphabet=string.printable + "ខ្មែរ\u200b\ufeff<>{}[]()!", max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=20), TEXT), max_size=8), TEXT)
def test_validator_never_crashes_on_any_metadata_and_text(pairs, body):
    text = "\n".join(f"{k}: {v}" for k, v in pairs) + "\n\n" + body
    lines = text.splitlines()
    header = parse_header(lines)
    check_metadata(header, "article", DEFAULTS, LANGS)
    check_body(lines, header.body_start)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_file_check_never_crashes_on_any_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("h") / "x.md"
    path.write_bytes(raw)
    problems, _ = check_file(path, "content/articles/en/x.md", "article", "en", DEFAULTS, LANGS)
    assert all(p.startswith("content/articles/en/x.md") for p in problems)


def test_old_privacy_guide_is_listed_from_its_last_phone_check_or_else_its_writing(tmp_path):
    import datetime as dt

    from content_checks.scan import stale_guides

    base = "Type: privacy-guide\nApp: Line\nWritten-from: the app's help pages"
    tried = base + "\nChecked: 2025-01-10\nChecked-version: LINE 13 for Android\nChecked-by: Youth volunteer"
    guide = article(extra=tried, date="2024-06-01")
    problems = problems_of(tmp_path, {"articles/en/apps/line-privacy-guide.md": guide})
    assert problems == []
    infos = scan_content(tmp_path / "content", DEFAULTS, LANGS)[1]
    assert stale_guides(infos, dt.date(2026, 11, 22), 365) == [
        ("content/articles/en/apps/line-privacy-guide.md", "2025-01-10")
    ]
    assert stale_guides(infos, dt.date(2025, 6, 1), 365) == []
    never_tried = article(extra=base, date="2025-02-01")
    problems_of(tmp_path, {"articles/en/apps/line-privacy-guide.md": never_tried})
    infos = scan_content(tmp_path / "content", DEFAULTS, LANGS)[1]
    assert stale_guides(infos, dt.date(2026, 11, 22), 365) == [
        ("content/articles/en/apps/line-privacy-guide.md", "2025-02-01")
    ]
    no_basis = article(extra="Type: privacy-guide\nApp: Line")
    problems = problems_of(tmp_path, {"articles/en/apps/line-privacy-guide.md": no_basis})
    assert any("a privacy guide needs `Written-from:`" in p for p in problems)


def test_a_link_to_a_missing_file_is_reported_with_its_line_before_pelican_reads_it(tmp_path):
    content = tmp_path / "content"
    (content / "articles/en/children").mkdir(parents=True)
    (content / "articles/en/children/real.md").write_text(article("Real", "Text."), encoding="utf-8")
    body = "See [the real one]({filename}/articles/en/children/real.md).\n\n"
    body += "And [a typo]({filename}/articles/en/children/rael.md)."
    (content / "articles/en/children/a.md").write_text(article("A", body), encoding="utf-8")
    problems, _ = scan_content(content, DEFAULTS, ["km", "en"])
    assert problems == [
        "content/articles/en/children/a.md:9: the link {filename}/articles/en/children/rael.md points to a file that "
        "does not exist; check the path (it starts at the content folder, e.g. /articles/en/children/x.md)"
    ]


# Pelican reads the files while the content checks run beside it (sitekit.background); when it stops on
# a file it cannot read, the checks' own message must still be what the editor sees, not a traceback.
PELICAN_STOPS_FIRST = [
    ("broken metadata syntax", "Title: A\nDate 2026-11-22\nSummary: s\n\nText.\n", ":2: 'Date 2026-11-22' is not"),
    ("non-UTF-8", "Title: Caf\xe9\n".encode("latin-1") + b"\nText.\n", ":1: not UTF-8 text (byte 10)"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", ": this is a binary file, not Markdown text"),
    ("empty file", "", ":1: the file is empty"),
]


@pytest.mark.parametrize(("case", "text", "expected"), PELICAN_STOPS_FIRST, ids=[c[0] for c in PELICAN_STOPS_FIRST])
def test_a_file_pelican_cannot_read_is_named_by_the_content_checks(site, case, text, expected):
    built = site({"articles/en/children/x.md": text})
    assert built.returncode == 1
    assert "BUILD STOPPED: ContentCheckError" in built.log
    assert "content/articles/en/children/x.md" + expected in built.log
    assert "Traceback" not in built.log


def test_a_misspelt_link_prefix_stops_the_build_with_a_message_not_a_traceback(site):
    assert_stopped(
        site({"articles/en/children/x.md": article(body="Read [the guide]({filname}/pages/en/help.md).")}),
        "content/articles/en/children/x.md:7: {filname} is not a link prefix the site knows",
    )


def test_pelicans_older_link_spelling_is_a_link_not_a_markdown_file(tmp_path):
    text = article(body="Read [this](|filename|/articles/en/children/x.md) and [gone](|filename|/pages/en/gone.md).")
    problems = problems_of(tmp_path, {"articles/en/children/x.md": text})
    assert problems == [
        "content/articles/en/children/x.md:7: the link {filename}/pages/en/gone.md points to a file that does not "
        "exist; check the path (it starts at the content folder, e.g. /articles/en/children/x.md)"
    ]


ENGLISH_TEXT = (
    "If someone online asks you for photos, you can say no. Keep the messages, block the account and "
    "tell an adult you trust. It is never your fault, and help is free."
)
KHMER_TEXT = "បើមាននរណាម្នាក់សុំរូបថតអ្នកតាមអនឡាញ អ្នកអាចបដិសេធបាន។ រក្សាសារទុក ហើយប្រាប់មនុស្សពេញវ័យដែលអ្នកទុកចិត្ត។"


@pytest.mark.parametrize(
    ("rel", "title", "body", "expected"),
    [
        (
            "articles/km/children/x.md",
            "ទំព័រ",
            ENGLISH_TEXT * 2,
            "content/articles/km/children/x.md:7: this file is in the 'km' folder, but most of its text (",
        ),
        (
            "articles/en/children/x.md",
            "A page",
            KHMER_TEXT * 3,
            "content/articles/en/children/x.md:7: this file is in the 'en' folder, but most of its text (",
        ),
    ],
)
def test_a_text_in_the_other_language_than_its_folder_is_reported(tmp_path, rel, title, body, expected):
    problems = problems_of(tmp_path, {rel: article(title=title, body=body)})
    assert len(problems) == 1 and problems[0].startswith(expected)
    assert "translate it before it is published, or move it to the folder of its language" in problems[0]


def test_app_names_links_and_short_pages_do_not_make_a_khmer_page_english(tmp_path):
    names = "ចូល Settings > Privacy ក្នុង Facebook Messenger ឬ Instagram ហើយមើល [ការណែនាំ](https://www.example.org/a/b/c)។ "
    files = {
        "articles/km/children/guide.md": article(title="ការណែនាំ", body=(KHMER_TEXT + " " + names) * 3),
        "articles/km/children/short.md": article(title="ខ្លី", body="Only a few English words here."),
    }
    assert problems_of(tmp_path, files) == []


def test_site_pages_files_anchors_and_schemes_are_good_addresses(tmp_path):
    body = (
        "See [help](/en/help/), [this]({filename}/articles/en/children/x.md#top), [a part](#top), "
        "[a file](../files/leaflet.pdf), [mail](mailto:help@example.org), [call](tel:1280) and "
        "[the site](https://www.example.org/a.b/c)."
    )
    problems = problems_of(tmp_path, {"articles/en/children/x.md": article(body=body)})
    assert [p for p in problems if "address" in p] == []


def test_a_misspelt_template_stops_the_build_with_a_message_not_a_traceback(site):
    assert_stopped(
        site({"pages/en/contact.md": page("Contact us", "Write to us.", template="hepl")}),
        "content/pages/en/contact.md:4: `Template: hepl` is not a template of the site's theme; did you mean "
        "`Template: help`?",
    )


@pytest.mark.parametrize("is_page", [False, True], ids=["article", "page"])
def test_a_new_pair_from_invoke_new_builds_as_drafts_that_are_not_written(site, tmp_path, is_page):
    """`invoke new` makes drafts; Pelican read `draft.category`, which this site never sets, and stopped."""
    made = tmp_path / "made"
    create_pair(made, "online-games", "children", "article", is_page, LANGS, "km")
    files = {p.relative_to(made).as_posix(): p.read_text(encoding="utf-8") for p in made.rglob("*.md")}
    result = site(files)
    assert result.returncode == 0, result.log
    assert not list(result.output.rglob("*online-games*"))


def test_an_empty_date_stops_the_build_with_a_message_not_a_traceback(site):
    text = article().replace("Modified: 2026-11-22", "Modified:")
    assert_stopped(
        site({"articles/en/children/x.md": text}),
        "content/articles/en/children/x.md:3: `Modified:` is empty; write the day (YYYY-MM-DD)",
    )


def test_a_page_outside_articles_and_pages_is_reported_and_a_note_is_not(tmp_path):
    files = {
        "articles/en/children/x.md": article(),
        "Articles/en/children/y.md": article(title="Lost"),
        "new-page.md": article(title="Also lost"),
        "data/README.md": "Notes for editors about the data files.\n",
    }
    problems = problems_of(tmp_path, files)
    assert problems == [
        "content/Articles/en/children/y.md: this Markdown file is not read: pages are written in "
        "content/articles/<language>/... or content/pages/<language>/...; move it there",
        "content/new-page.md: this Markdown file is not read: pages are written in "
        "content/articles/<language>/... or content/pages/<language>/...; move it there",
    ]


def test_a_link_to_a_draft_says_the_page_is_a_draft(site):
    files = {
        "articles/en/children/x.md": article(body="Read [the new guide]({filename}/articles/en/children/new.md)."),
        "articles/en/children/new.md": article(title="New", extra="Status: draft"),
    }
    assert_stopped(
        site(files),
        "content/articles/en/children/x.md:7: [en/x/index.html] link “the new guide” -> /drafts/new-en.html: that "
        "page is a draft (`Status: draft` in its file), so it is not published; delete that line to publish it, or "
        "remove the link until it is",
    )


def test_a_translation_saved_under_a_near_name_is_pointed_to_its_source(tmp_path):
    files = {
        "articles/en/children/online-games.md": article(title="Online games"),
        "articles/km/children/online-game.md": article(
            title="ហ្គេមអនឡាញ", summary="ហ្គេម។", body="ហ្គេម។", extra="Translated-from: en 0123456789"
        ),
    }
    problems = problems_of(tmp_path, files)
    assert problems == [
        "content/articles/km/children/online-game.md: it says it was translated from 'en', but there is no en file "
        "named online-game.md; write the source page or remove the Translated-from line (if its source is "
        "en/.../online-games.md, rename this file online-games.md)"
    ]


def test_a_new_page_published_before_it_is_written_is_reported(tmp_path):
    content = tmp_path / "content"
    created = create_pair(content, "online-games", "children", "article", False, LANGS, "km")
    for path in created:  # the editor deletes `Status: draft` but writes nothing
        path.write_text(path.read_text(encoding="utf-8").replace("Status: draft\n", ""), encoding="utf-8")
    problems = scan_content(content, DEFAULTS, LANGS)[0]
    assert (
        "content/articles/en/children/online-games.md:1: `Title:` is still the text `invoke new` wrote: write the "
        "page's own, or put `Status: draft` back until it is written"
    ) in problems
    assert any(
        p.startswith("content/articles/km/children/online-games.md:") and "'សរសេរអត្ថបទនៅទីនេះ។'" in p for p in problems
    )
    assert len(problems) == 6
