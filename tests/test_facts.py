"""Facts and figures: the data file's checks, the SVG charts and the facts page."""

import re

import pytest

from facts.charts import bar_chart, format_number, share_chart
from facts.data import validate_facts

POINTS = [
    {"label": {"en": "2017", "km": "២០១៧"}, "value": 10.8},
    {"label": {"en": "2019", "km": "២០១៩"}, "value": 15.8},
]


def test_bar_lengths_are_proportional_to_values():
    svg = bar_chart(POINTS, "en")
    widths = [float(w) for w in re.findall(r'<rect class="chart-bar"[^>]* width="([\d.]+)"', svg)]
    assert widths[1] > widths[0]
    assert abs(widths[0] / widths[1] - 10.8 / 15.8) < 0.01
    assert ">10.8<" in svg and ">15.8<" in svg


def test_khmer_chart_uses_khmer_digits_and_labels():
    svg = bar_chart(POINTS, "km")
    assert ">១០,៨<" in svg and ">២០១៧<" in svg


def test_share_chart_shows_percentages():
    svg = share_chart([{"label": {"en": "Girls"}, "value": 65}, {"label": {"en": "Boys"}, "value": 35}], "en")
    assert "Girls 65%" in svg and "Boys 35%" in svg


def test_svg_has_no_style_attributes_or_scripts():
    svg = bar_chart(POINTS, "en") + share_chart(POINTS, "en")
    assert "style=" not in svg and "<script" not in svg and 'aria-hidden="true"' in svg


def test_format_number():
    assert format_number(215600, "en") == "215,600"
    assert format_number(215600, "km") == "២១៥.៦០០"
    assert format_number(10.8, "km") == "១០,៨" and format_number(10.8, "en") == "10.8"


def test_validation_requires_year_source_and_both_languages():
    data = {
        "figures": [{"id": "x", "figure": {"en": "1"}, "label": {"en": "a", "km": "ក"}, "source": "nope"}],
        "charts": [
            {
                "id": "c",
                "kind": "pie",
                "title": {"en": "t", "km": "ត"},
                "unit": {"en": "u", "km": "យ"},
                "source": "s",
                "points": [{"label": {"en": "a"}, "value": -1}],
            }
        ],
    }
    problems = validate_facts(data, {}, "content/data/facts.yaml", ["km", "en"], {"s"})
    text = "\n".join(problems)
    assert "figure 'x': 'figure.km' is missing" in text
    assert "figure 'x': source 'nope' is not in content/data/sources.yaml" in text
    assert "figure 'x': give the year" in text
    assert "chart 'c': kind must be one of" in text
    assert "chart 'c': give at least two points" in text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site

    site = build_site(tmp_path_factory.mktemp("facts"), {})
    assert site.returncode == 0, site.log
    return site


def test_facts_page_shows_each_figure_with_year_and_source(built):
    soup = built.html("en/facts/index.html")
    figure = soup.find(id="reports-2021")
    text = figure.get_text(" ", strip=True)
    assert "128" in text and "(2021)" in text and "Kiripost" in text and "Not all cases." in text


def test_each_chart_has_its_numbers_in_a_table_beside_it(built):
    soup = built.html("facts/index.html")
    for figure in soup.select("figure.chart-figure"):
        assert figure.find("svg") is not None
        rows = [tr.get_text(" ", strip=True) for tr in figure.select("tbody tr")]
        assert len(rows) == 2
    assert "២០១៧ ១០,៨" in soup.find(id="chart-users").get_text(" ", strip=True)
