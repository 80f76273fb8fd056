"""A list, table or link that this site's Markdown would show other than written is reported, with line and fix.

Each reported case is rendered with the site's own Markdown settings twice, as written and with
the fix the message asks for: the two must differ (so the report is about something a reader would
see), and the fixed text must pass. If a Markdown upgrade changes how lists are read, these fail.
"""

from __future__ import annotations

import markdown
import pytest
from conftest import ROOT, article, assert_stopped
from pelican.settings import read_settings

from content_checks.blocks import block_problems
from content_checks.body import check_body

MARKDOWN = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]


def render(text: str) -> str:
    configs = MARKDOWN["extension_configs"]
    return markdown.markdown(text, extensions=list(configs), extension_configs=configs, output_format="html5")


def lines_reported(text: str) -> list[int]:
    return [line for line, _message in block_problems(text.split("\n"), 1)]


LOST = [
    # (case, as written, lines reported, as fixed)
    (
        "steps numbered with Khmer digits, from ៣",
        "ជំហានបន្ទាប់៖\n\n៣. ចុច ការកំណត់។\n៤. ចុច ឯកជនភាព។\n",
        [3],
        "ជំហានបន្ទាប់៖\n\n3. ចុច ការកំណត់។\n4. ចុច ឯកជនភាព។\n",
    ),
    (
        "table without its line of dashes",
        "Who to call:\n\n| Who | How |\n| Helpline | call any time |\n| Police | in danger |\n",
        [3],
        "Who to call:\n\n| Who | How |\n| --- | --- |\n| Helpline | call any time |\n| Police | in danger |\n",
    ),
    (
        "list right after a line of text",
        "Check these settings:\n- who can see your posts\n- who can message you\n",
        [2],
        "Check these settings:\n\n- who can see your posts\n- who can message you\n",
    ),
    (
        "numbered steps right after a bold line",
        "**If someone threatens you:**\n1. Do not pay.\n2. Keep the messages.\n",
        [2],
        "**If someone threatens you:**\n\n1. Do not pay.\n2. Keep the messages.\n",
    ),
    (
        "list right after a quote",
        "> You are not to blame.\n- Talk to someone you trust.\n",
        [2],
        "> You are not to blame.\n\n- Talk to someone you trust.\n",
    ),
    (
        "sub-item indented by two spaces",
        "- Privacy settings\n  - who can see your posts\n- Friends list\n",
        [2],
        "- Privacy settings\n    - who can see your posts\n- Friends list\n",
    ),
    (
        "sub-item under a number indented by three spaces",
        "1. Open Settings.\n   - Tap Privacy.\n2. Choose Friends.\n",
        [2],
        "1. Open Settings.\n    - Tap Privacy.\n2. Choose Friends.\n",
    ),
    (
        "sub-item of a later item indented by three spaces",
        "- Keep the messages.\n\n- Block the account.\n   - Report it first.\n",
        [4],
        "- Keep the messages.\n\n- Block the account.\n    - Report it first.\n",
    ),
    (
        "second paragraph of a step indented by three spaces",
        "1. Take a screenshot.\n\n   Keep it somewhere safe.\n\n2. Block the account.\n",
        [3],
        "1. Take a screenshot.\n\n    Keep it somewhere safe.\n\n2. Block the account.\n",
    ),
    (
        "second paragraph indented by two spaces, the next item right after it",
        "- Talk to an adult.\n\n  A teacher or a relative.\n- Call the helpline.\n",
        [3, 4],
        "- Talk to an adult.\n\n    A teacher or a relative.\n\n- Call the helpline.\n",
    ),
    (
        "table right after a line of text",
        "Reports each year:\n| Year | Reports |\n| --- | --- |\n| 2021 | 128 |\n",
        [2],
        "Reports each year:\n\n| Year | Reports |\n| --- | --- |\n| 2021 | 128 |\n",
    ),
    (
        "table without outer pipes right after a line of text",
        "Reports each year:\nYear | Reports\n--- | ---\n2021 | 128\n",
        [2],
        "Reports each year:\n\nYear | Reports\n--- | ---\n2021 | 128\n",
    ),
    (
        "table right after a list item",
        "- Reports each year:\n| Year | Reports |\n|-|-|\n| 2021 | 128 |\n",
        [2],
        "- Reports each year:\n\n| Year | Reports |\n|-|-|\n| 2021 | 128 |\n",
    ),
    (
        "steps numbered 1)",
        "What to do:\n\n1) Keep the messages.\n2) Tell an adult.\n",
        [3],
        "What to do:\n\n1. Keep the messages.\n2. Tell an adult.\n",
    ),
    (
        "sub-item indented by a tab and two spaces under a nested item",
        "- Settings\n\t- Privacy\n\t  - Who can see\n",
        [3],
        "- Settings\n\t- Privacy\n\t\t- Who can see\n",
    ),
]

AS_WRITTEN = [
    ("sub-item indented by four spaces", "- Settings\n    - Privacy\n- Friends\n"),
    ("an item one space off, shown at its level as meant", "- Settings\n - Privacy\n- Friends\n"),
    ("sub-item indented by a tab", "1. Open Settings.\n\t- Tap Privacy.\n2. Next.\n"),
    ("second paragraph indented by four spaces", "1. Take a screenshot.\n\n    Keep it.\n\n2. Block.\n"),
    ("a line that goes on with the item", "- Talk to an adult\n  you trust.\n- Call the helpline.\n"),
    ("list after a heading", "## What to do\n- Keep the messages.\n"),
    ("table with its line of dashes, aligned", "| Who | How |\n|:--- | ---:|\n| Helpline | call |\n"),
    ("list after an empty line", "What to do:\n\n- Keep the messages.\n"),
    ("list after HTML", '<p class="note">Note</p>\n- Keep the messages.\n'),
    ("whole list indented after an empty line", "What to do:\n\n  - Keep it.\n  - Block.\n"),
    ("paragraph after the list", "- Keep it.\n\nThen tell someone.\n"),
    ("year at the start of a wrapped line", "The law was passed in\n2008. It says...\n"),
    ("lists inside a code block", "Text:\n\n```\n- a\n  - b\n```\n"),
    ("rule under a line of text", "Title\n---\n- a\n"),
    ("table after a heading", "## Reports\n| Year | Reports |\n| --- | --- |\n| 2021 | 128 |\n"),
    ("table after an empty line", "Reports:\n\n| Year | Reports |\n| --- | --- |\n| 2021 | 128 |\n"),
    ("a figure in brackets in running text", "The hotline received many reports\n(128 in 2021) last year.\n"),
    ("Khmer list after an empty line", "ធ្វើដូចនេះ៖\n\n- រក្សាសារទុក។\n- ប្រាប់មនុស្សពេញវ័យ។\n"),
]


@pytest.mark.parametrize(("case", "written", "lines", "fixed"), LOST, ids=[c[0] for c in LOST])
def test_a_list_shown_other_than_written_is_reported_and_the_fix_changes_the_page(case, written, lines, fixed):
    assert lines_reported(written) == lines
    assert lines_reported(fixed) == []
    assert render(written) != render(fixed)


@pytest.mark.parametrize(("case", "text"), AS_WRITTEN, ids=[c[0] for c in AS_WRITTEN])
def test_lists_shown_as_written_are_not_reported(case, text):
    assert lines_reported(text) == []


def test_a_list_after_text_is_reported_once_with_what_to_do():
    problems = block_problems(["Check:", "- one", "- two", "- three", ""], 1)
    assert problems == [
        (
            2,
            "this list follows a line of text with no empty line between them, so it is shown as part of that "
            "paragraph, not as a list; put an empty line before the list",
        )
    ]


def test_the_build_names_file_and_line(site):
    body = "Check these settings:\n\n- Privacy settings\n  - who can see your posts\n"
    assert_stopped(
        site({"articles/en/children/x.md": article(body=body)}),
        "content/articles/en/children/x.md:10: this sub-item is indented by 2 space(s) more than the item above",
    )


def test_a_link_split_by_a_space_is_text_on_the_page_and_is_reported():
    written, fixed = "Read [the guide] (https://example.org/guide).", "Read [the guide](https://example.org/guide)."
    assert "<a " not in render(written) and "<a " in render(fixed)
    assert [line for line, _ in check_body([written], 1)] == [1]
    assert check_body([fixed], 1) == []
    # Brackets and parentheses in running text are not links.
    assert check_body(["The hotline [APLE] (see below) answers.", "Reports [2021] (128 in all)."], 1) == []
