"""Sources lists and the glossary: registry checks, first-use links, the glossary page."""

import re

import pytest
from conftest import ROOT, article

from glossary.autolink import link_terms
from glossary.terms import Term, matcher, prefix_tree, validate_terms
from sources.registry import validate_sources

TERMS = (
    Term("grooming", {"en": "Grooming"}, {"en": "d"}, {"en": ["online grooming", "grooming"], "km": ["ការលួងលោម"]}, ()),
    Term("csam", {"en": "CSAM"}, {"en": "d"}, {"en": ["CSAM"], "km": ["CSAM"]}, ()),
)


def link(html, lang="en"):
    pattern, words = matcher(TERMS, lang)
    return link_terms(html, pattern, words, "/en/glossary/", lang)


def test_first_use_only_is_linked():
    html, linked = link("<p>Grooming is slow. Online grooming too. grooming again.</p>")
    first = '<a class="term" href="/en/glossary/#grooming">Grooming</a>'
    assert html == f"<p>{first} is slow. Online grooming too. grooming again.</p>"
    assert linked == {"grooming"}


def test_longest_form_wins_and_words_are_whole():
    html, _ = link("<p>About online grooming and CSAMS and CSAM.</p>")
    assert 'href="/en/glossary/#grooming">online grooming</a>' in html
    assert "CSAMS" in html and 'href="/en/glossary/#csam">CSAM</a>.' in html


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="g">Grooming</h2>',
        '<p><a href="/x/">grooming</a></p>',
        "<pre><code>grooming</code></pre>",
        '<p><span lang="km">grooming</span></p>',
    ],
)
def test_no_links_inside_headings_links_code_or_other_languages(html):
    assert link(html)[0] == html


@pytest.mark.parametrize(
    "text",
    [
        "child sexual abuse materials, child sexual abuse material and child sexual abuse",
        "childs, child-sexual abuse, a child. CHILD SEXUAL ABUSE",
        "ការរំលោភបំពានផ្លូវភេទលើកុមារ និង ការរំលោភបំពាន និង ការរំលោភ",
    ],
)
def test_the_prefix_tree_matches_what_a_longest_first_list_of_the_words_matches(text):
    words = ["child", "child sexual abuse", "child sexual abuse material", "child sexual abuse materials",
             "ការរំលោភ", "ការរំលោភបំពាន", "ការរំលោភបំពានផ្លូវភេទលើកុមារ"]  # fmt: skip
    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    tree = re.compile(prefix_tree(words), re.IGNORECASE)
    assert [m.group(0) for m in tree.finditer(text)] == [m.group(0) for m in re.finditer(plain, text, re.I)]
    assert tree.pattern.count("child") == 1


def test_khmer_terms_match_without_spaces():
    html, linked = link("<p>នេះជាការលួងលោមតាមអ៊ីនធឺណិត។</p>", "km")
    assert 'href="/en/glossary/#grooming">ការលួងលោម</a>តាម' in html and linked == {"grooming"}


def test_a_latin_term_on_a_khmer_page_is_linked_only_as_a_whole_word_in_any_case():
    # The Khmer matcher starts each alternative with its first letter (terms.matcher): the Latin word
    # checks the start and end of a word itself.
    assert "#csam" not in link("<p>xCSAM និង CSAMS និង ការលួងលោម</p>", "km")[0]
    html, linked = link("<p>ការលួងលោម, csam.</p>", "km")
    assert 'href="/en/glossary/#csam">csam</a>.' in html and linked == {"grooming", "csam"}


def test_words_in_tags_and_comments_are_not_linked_and_the_text_after_them_is():
    html, _ = link('<p><img alt="grooming" src="/grooming.png"><!-- grooming --> Grooming.</p>')
    assert html == (
        '<p><img alt="grooming" src="/grooming.png"><!-- grooming --> '
        '<a class="term" href="/en/glossary/#grooming">Grooming</a>.</p>'
    )


def test_letters_whose_lower_case_differs_do_not_shift_the_link():
    # "İ" is two characters in lower case: the page is then matched as written, case-insensitively.
    html, _ = link("<p>İstanbul: Online GROOMING.</p>")
    assert html == '<p>İstanbul: <a class="term" href="/en/glossary/#grooming">Online GROOMING</a>.</p>'


@pytest.mark.parametrize("typed", ["groomıng", "cſam"])
def test_a_term_is_matched_as_a_case_insensitive_expression_matches_it(typed):
    # Python's re.IGNORECASE takes a dotless i for an i and a long s for an s; str.lower does not.
    html, linked = link(f"<p>About {typed}.</p>")
    assert f">{typed}</a>." in html and len(linked) == 1


def test_glossary_validation_names_term_and_field(tmp_path):
    from sitekit.yamldata import load_with_lines

    path = tmp_path / "glossary.yaml"
    path.write_text(
        "terms:\n  - id: x\n    term: {en: X}\n    definition: {en: d, km: ឃ}\n    match: {en: [x]}\n", encoding="utf-8"
    )
    data, lines = load_with_lines(path, "content/data/glossary.yaml")
    problems = validate_terms(data, lines, "content/data/glossary.yaml", ["km", "en"])
    # The line of the field (it used to print "None" when the line was not known).
    assert "content/data/glossary.yaml:3: term 'x': field 'term.km' is missing or empty" in problems
    assert "content/data/glossary.yaml:5: term 'x': field 'match.km' is missing or empty" in problems


def test_sources_validation():
    data = {
        "sources": [{"id": "a", "publisher": "P", "title": "T", "kind": "web page", "url": "http://x"}, {"id": "a"}]
    }
    problems = validate_sources(data, {}, "s.yaml")
    assert any("url must start with https://" in p for p in problems)
    assert any("source 'a' is listed twice" in p for p in problems)
    assert any("field 'publisher' is missing" in p for p in problems)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site

    files = {
        "articles/en/children/a.md": article(
            "A", "Grooming happens. More grooming.\n\n## Grooming", extra="Sources: kiripost-2022, krasia"
        ),
        "articles/km/children/a.md": article("ក", "ការលួងលោមកើតឡើង។", extra="Sources: kiripost-2022"),
    }
    site = build_site(tmp_path_factory.mktemp("glossary"), files)
    assert site.returncode == 0, site.log
    return site


def test_articles_list_their_sources_in_order(built):
    items = [li.get_text(" ", strip=True) for li in built.html("en/a/index.html").select(".sources li")]
    assert items[0].startswith("Kiripost, Digital Security for Children is Key , 2022 (news article)")
    assert items[1].startswith("KrASIA")
    km = built.html("a/index.html").select_one(".sources")
    assert km.h2.get_text() == "ប្រភព" and "២០២២" in km.get_text()


def test_first_use_links_to_an_existing_glossary_entry(built):
    for rel, prefix in (("en/a/index.html", "/en/"), ("a/index.html", "/")):
        links = built.html(rel).select(".prose a.term")
        assert len(links) == 1
        href = links[0]["href"]
        assert href == f"{prefix}glossary/#grooming"
        target = built.html(href.lstrip("/").split("#")[0] + "index.html")
        assert target.find(id="grooming") is not None


def test_glossary_page_lists_every_term_in_its_language(built):
    soup = built.html("glossary/index.html")
    # Khmer order: គ comes before ល in the Khmer alphabet.
    assert [dt["id"] for dt in soup.select("dl.glossary dt")] == ["sextortion", "grooming"]
    en = built.html("en/glossary/index.html")
    assert [dt["id"] for dt in en.select("dl.glossary dt")] == ["grooming", "sextortion"]
    assert soup.find(id="grooming").find("span", lang="en").get_text() == "Grooming"


def test_unknown_source_id_stops_the_build(site):
    result = site({"articles/en/children/a.md": article("A", "Text.", extra="Sources: kiripost-2023")})
    assert result.returncode != 0
    assert "content/articles/en/children/a.md:6: Sources: unknown id(s) 'kiripost-2023'" in result.log


def test_real_glossary_file_is_valid_when_present():
    path = ROOT / "content/data/glossary.yaml"
    if not path.exists():
        pytest.fail("content/data/glossary.yaml is missing")
    from sitekit.yamldata import load_with_lines

    data, lines = load_with_lines(path, "content/data/glossary.yaml")
    assert validate_terms(data, lines, "content/data/glossary.yaml", ["km", "en"]) == []
    assert len(data["terms"]) >= 20
    assert all(re.fullmatch(r"[a-z0-9-]+", t["id"]) for t in data["terms"])
