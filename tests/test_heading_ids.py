"""Heading ids (sitekit.heading_ids): the ids Python-Markdown's `toc` gives, without its unused table of contents."""

from pathlib import Path

import markdown
import pytest

ROOT = Path(__file__).resolve().parent.parent
OTHERS = ["markdown.extensions.extra", "markdown.extensions.sane_lists", "markdown.extensions.meta"]

TRICKY = {
    "inline markup": "# Hello *world* and `code`\n\n## A [link](https://example.org) &amp; more\n",
    "repeated titles": "## Same\n\n## Same\n\n## same\n",
    "footnote in a heading": "## Footnote[^1]\n\nText.\n\n[^1]: A note.\n",
    "Khmer and mixed": "## ការរាយការណ៍\n\n## ការរាយការណ៍\n\n## Mixed ខ្មែរ text\n\n## _1\n",
    "raw HTML": '## Q&A <b>bold</b>\n\n## <span lang="km">ខ្មែរ</span> words\n',
    "own ids and labels": "## Own id {#mine}\n\n## mine\n\n## Label {data-toc-label='Short'}\n",
    "every level": "#### Deep & <i>it</i>\n\n##### Deeper\n\n###### Deepest\n\nSetext\n======\n",
    "marker in code": "## Alpha\n\n    [TOC]\n\n## Beta\n",
}


def convert(text: str, ids: str, **toc_settings) -> str:
    configs = {ids: toc_settings}
    return markdown.markdown(text, extensions=[*OTHERS, ids], extension_configs=configs, output_format="html5")


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_every_heading_gets_the_id_toc_gives_it(text):
    assert convert(text, "sitekit.heading_ids") == convert(text, "markdown.extensions.toc")


def test_the_site_s_own_pages_come_out_exactly_as_with_toc():
    files = sorted((ROOT / "content").rglob("*.md"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert convert(text, "sitekit.heading_ids") == convert(text, "markdown.extensions.toc"), path


def test_a_toc_paragraph_still_gets_its_table_of_contents():
    text = "## Alpha\n\n[TOC]\n\n## Beta\n"
    html = convert(text, "sitekit.heading_ids")
    assert '<div class="toc">' in html and '<a href="#beta">Beta</a>' in html
    assert html == convert(text, "markdown.extensions.toc")


def test_permalinks_asked_for_in_the_settings_still_come():
    html = convert("## Alpha\n", "sitekit.heading_ids", permalink=True)
    assert 'class="headerlink"' in html
    assert html == convert("## Alpha\n", "markdown.extensions.toc", permalink=True)
