"""Bold markers and links that the site's Markdown shows as typed stop the build at their line, with the fix.

Each case is rendered with the site's own Markdown settings as written and as the message says to
fix it: the written text must show the stars or underscores and the fixed text must be bold, so the
rule follows Python-Markdown instead of guessing its rules.
"""

from __future__ import annotations

import pytest
from conftest import article, assert_stopped
from test_content_blocks import render

from content_checks.rendered import leftover_links, leftover_markers, marker_message

SHOWN_AS_TYPED = [
    # (case, as written, what is reported, as fixed)
    (
        "space inside both markers",
        "Open ** Settings & privacy **, then Settings.",
        ("** Settings & privacy **", "**Settings & privacy**"),
        "Open **Settings & privacy**, then Settings.",
    ),
    (
        "Khmer phrase with a space before the closing marker",
        "ចុច **ការកំណត់ឯកជនភាព **។",
        ("**ការកំណត់ឯកជនភាព **", "**ការកំណត់ឯកជនភាព**"),
        "ចុច **ការកំណត់ឯកជនភាព**។",
    ),
    (
        "space after the opening marker",
        "Tap ** Block** to stop them.",
        ("** Block**", "**Block**"),
        "Tap **Block** to stop them.",
    ),
    (
        "italics with a space before the closing star",
        "Tap *Settings * and then *Privacy*.",
        ("*Settings *", "*Settings*"),
        "Tap *Settings* and then *Privacy*.",
    ),
    (
        "underscores with a space inside",
        "Choose __Only me __ for your posts.",
        ("__Only me __", "__Only me__"),
        "Choose __Only me__ for your posts.",
    ),
]


@pytest.mark.parametrize(("case", "written", "reported", "fixed"), SHOWN_AS_TYPED, ids=[c[0] for c in SHOWN_AS_TYPED])
def test_markers_shown_as_typed_are_found_and_the_fix_is_bold(case, written, reported, fixed):
    emphasis = "<em>" if reported[0].startswith("*") and not reported[0].startswith("**") else "<strong>"
    assert emphasis not in render(written.split(" and then")[0])
    assert leftover_markers(render(written)) == [reported]
    assert reported[1] in fixed
    assert emphasis in render(fixed)
    assert leftover_markers(render(fixed)) == []


@pytest.mark.parametrize(
    "text",
    [
        "**Bold** and __bold__ text, **ខ្លាំង** too.",
        "Dial `*#06#` or *123# to see the number, or *#06# and *100#.",  # phone codes
        "Written from the sources listed below.* Terms apply.",  # a lone star: a footnote mark
        "128 reports in 2021* and 215 in 2022*, says APLE.",  # footnote marks after words
        "In code: `a ** b` and\n\n    x = 2 ** 3\n",
        "Fill in the blank: ____ and ______, or __ here.",
        "A file name like my__file stays as it is.",
    ],
)
def test_bold_code_phone_codes_and_blanks_are_not_reported(text):
    assert leftover_markers(render(text)) == []


def test_a_lone_marker_is_quoted_with_the_words_after_it():
    found = leftover_markers(render("Then tap ** Report and choose a reason."))
    assert found == [("** Report and choose a reason.", "")]
    assert "put each ** right against the words it makes bold, or remove it" in marker_message(*found[0])


BUILD_CASES = {
    "bold markers, twice": (
        "First **bold** line.\n\nOpen ** Settings & privacy **, then Settings.\n\nAgain ** Settings & privacy **.\n",
        [
            "content/articles/en/children/x.md:9: '** Settings & privacy **': the page shows the ** as typed, because "
            "bold and italics need the markers right against the words, with no space inside; write "
            "**Settings & privacy**",
            "content/articles/en/children/x.md:11: '** Settings & privacy **'",
        ],
    ),
    "a link": (
        "First line.\n\nRead [the guide](https://example.org/guide before you start.\n",
        [
            "content/articles/en/children/x.md:9: '[the guide](https://example.org/guide before you start.': the page "
            "shows this link as typed, not as a link: Markdown makes a link only of [text](address)",
        ],
    ),
}


@pytest.mark.parametrize(("body", "expected"), BUILD_CASES.values(), ids=BUILD_CASES.keys())
def test_the_build_names_file_line_and_fix(site, body, expected):
    assert_stopped(site({"articles/en/children/x.md": article(body=body)}), *expected)


LINKS_SHOWN_AS_TYPED = [
    # (case, as written, what is reported, as fixed)
    (
        "closing parenthesis missing",
        "Read [the guide](https://example.org/guide before you start.",
        "[the guide](https://example.org/guide before you start.",
        "Read [the guide](https://example.org/guide) before you start.",
    ),
    (
        "closing bracket missing",
        "Read [the guide({filename}/articles/en/children/x.md) first.",
        "[the guide({filename}/articles/en/children/x.md)",
        "Read [the guide]({filename}/articles/en/children/x.md) first.",
    ),
    (
        "parenthesis typed twice",
        "Call [the helpline]((tel:1280) now.",
        "[the helpline]((tel:1280)",
        "Call [the helpline](tel:1280) now.",
    ),
    (
        "opening bracket missing",
        "Read the guide](https://example.org/guide) first.",
        "Read the guide](https://example.org/guide)",
        "Read [the guide](https://example.org/guide) first.",
    ),
    (
        "reference whose address is written nowhere",
        "Read [the guide][guide] first.",
        "[the guide][guide]",
        "Read [the guide][guide] first.\n\n[guide]: https://example.org/guide",
    ),
    (
        "Khmer text",
        "សូមអាន [មគ្គុទ្ទេសក៍](https://example.org/km មុនពេលចាប់ផ្តើម។",
        "[មគ្គុទ្ទេសក៍](https://example.org/km មុនពេលចាប់ផ្តើម។",
        "សូមអាន [មគ្គុទ្ទេសក៍](https://example.org/km) មុនពេលចាប់ផ្តើម។",
    ),
]


@pytest.mark.parametrize(
    ("case", "written", "reported", "fixed"), LINKS_SHOWN_AS_TYPED, ids=[c[0] for c in LINKS_SHOWN_AS_TYPED]
)
def test_links_shown_as_typed_are_found_and_the_fix_is_a_link(case, written, reported, fixed):
    shown = render(written)
    assert "<a " not in shown  # Python-Markdown itself made no link of it
    assert leftover_links(shown) == [reported]
    made = render(fixed)
    assert "<a " in made and leftover_links(made) == []


@pytest.mark.parametrize(
    "text",
    [
        "A word in brackets [sic] (as quoted) and a note [1] (see below).",
        "Steps [1-3] (/help/ has more).",
        "A link [written right](https://example.org) and `code with a](b` in it.",
        "    [an example](https://example.org\n",
    ],
)
def test_brackets_in_prose_and_in_code_are_not_reported(text):
    assert leftover_links(render(text)) == []
