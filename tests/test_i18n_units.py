"""Unit tests of the i18n plugin's pure functions: URLs, alternates, the switch, dates, catalogues."""

import datetime as dt

import pytest

from i18n.catalogs import CatalogError, catalog_problems, load_translations
from i18n.config import I18nConfigError, load_config
from i18n.dates import format_date, native_digits
from i18n.languages import home_url, normalise_url, page_i18n, prefixed
from i18n.listings import split_list
from sitekit.settings import PluginSettingsError, merge_settings

LANGS = {"km": {"name": "ខ្មែរ", "prefix": ""}, "en": {"name": "English", "prefix": "en"}}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("km/../page.html", "page.html"),
        ("en/./a//b/", "en/a/b/"),
        ("../../x/", "x/"),
        ("", ""),
    ],
)
def test_normalise_url_removes_dot_segments(url, expected):
    assert normalise_url(url) == expected


def test_prefixed_urls_have_no_dot_segments():
    assert prefixed("../help/", "en", LANGS) == "help/"
    assert prefixed("help/", "en", LANGS) == "en/help/"
    assert prefixed("help/", "km", LANGS) == "help/"


def test_home_urls():
    assert home_url("km", LANGS) == ""
    assert home_url("en", LANGS) == "en/"


def test_page_with_translation_links_both_ways():
    info = page_i18n("km", "grooming/", {"km": "grooming/", "en": "en/grooming/"}, LANGS)
    assert [(a.lang, a.url) for a in info.alternates] == [("km", "grooming/"), ("en", "en/grooming/")]
    assert [(s.lang, s.url, s.fallback) for s in info.switch] == [("en", "en/grooming/", False)]


def test_page_without_translation_falls_back_to_home_page():
    info = page_i18n("en", "en/only/", {"en": "en/only/"}, LANGS)
    assert info.alternates == ()
    assert [(s.lang, s.url, s.fallback) for s in info.switch] == [("km", "", True)]


def test_khmer_dates_use_khmer_digits_and_month_names():
    assert format_date(dt.date(2025, 1, 15), "km") == "១៥ មករា ២០២៥"
    assert format_date("2026-11-22", "en") == "22 November 2026"


def test_native_digits_only_change_khmer():
    assert native_digits("128 reports in 2021", "km") == "១២៨ reports in ២០២១"
    assert native_digits("128", "en") == "128"


def test_split_list():
    assert split_list("children, parents ,") == ["children", "parents"]
    assert split_list(None) == []
    assert split_list(["a", " b "]) == ["a", "b"]


def test_config_rejects_unknown_keys_with_a_suggestion():
    with pytest.raises(PluginSettingsError, match="did you mean 'audiences'"):
        load_config({"DEFAULT_LANG": "km", "I18N": {"audience": ["x"]}})


def test_config_requires_default_language_at_root():
    bad = {"km": {"name": "ខ្មែរ", "prefix": "km"}, "en": {"name": "English", "prefix": "en"}}
    with pytest.raises(I18nConfigError, match="prefix ''"):
        load_config({"DEFAULT_LANG": "km", "I18N": {"languages": bad}})


def test_merge_settings_checks_types_and_merges_dicts():
    defaults = {"a": 1, "b": {"x": 1, "y": 2}, "c": ["z"]}
    assert merge_settings("T", defaults, {"b": {"y": 3}}) == {"a": 1, "b": {"x": 1, "y": 3}, "c": ["z"]}
    with pytest.raises(PluginSettingsError, match=r"T\['a'\] must be int"):
        merge_settings("T", defaults, {"a": "one"})


def test_catalog_problems_name_file_and_line(tmp_path):
    po = tmp_path / "km" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: km\\n"\n\nmsgid "Home"\nmsgstr "ទំព័រដើម"\n\n'
        'msgid "Get help"\nmsgstr ""\n\n#, fuzzy\nmsgid "Quick exit"\nmsgstr "ចេញ"\n',
        encoding="utf-8",
    )
    problems = catalog_problems(po, "km")
    assert any(p.endswith("no km translation for 'Get help'; write it in the msgstr line") for p in problems)
    assert any(":8:" in p for p in problems)
    assert any("marked fuzzy" in p and "'Quick exit'" in p for p in problems)
    with pytest.raises(CatalogError):
        load_translations(tmp_path, "km", "messages", "en")


def test_the_real_khmer_catalogue_is_complete():
    from conftest import ROOT

    po = ROOT / "theme" / "translations" / "km" / "LC_MESSAGES" / "messages.po"
    assert catalog_problems(po, "km") == []
    translations = load_translations(po.parents[2], "km", "messages", "en")
    assert translations.gettext("Quick exit") == "ចាកចេញរហ័ស"


def test_every_template_string_is_in_the_khmer_catalogue():
    """A string missing from the .po would silently show English on Khmer pages: run `invoke i18n-update`."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po
    from conftest import ROOT

    method_map = [("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    used = {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(ROOT / "theme", method_map, options)
    }
    with (ROOT / "theme/translations/km/LC_MESSAGES/messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="km")
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}
    assert sorted(used - translated) == []


def test_foreign_phrases_inside_mixed_text_are_marked_with_their_language():
    from i18n.languages import wrap_foreign

    assert wrap_foreign("ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា (Internet Hotline Cambodia)", "km") == (
        'ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា (<span lang="en">Internet Hotline Cambodia</span>)'
    )
    assert wrap_foreign("Action Pour Les Enfants (APLE) Cambodia", "km") == (
        '<span lang="en">Action Pour Les Enfants (APLE) Cambodia</span>'
    )
    assert wrap_foreign("APLE", "km") == "APLE"  # one acronym reads fine in a Khmer voice
    assert wrap_foreign("ការហៅតាម Messenger", "km") == "ការហៅតាម Messenger"
    assert wrap_foreign("Grooming (ការលួងលោម)", "en") == 'Grooming (<span lang="km">ការលួងលោម</span>)'
    assert wrap_foreign("A & B <x>", "en") == "A &amp; B &lt;x&gt;"


def test_summaries_in_lists_keep_only_their_language_spans():
    from i18n.languages import strip_tags_keep_lang

    assert strip_tags_keep_lang('<p>មើល <span lang="en">YouTube Kids</span> <em>ផង</em></p>') == (
        'មើល <span lang="en">YouTube Kids</span> ផង'
    )
    assert strip_tags_keep_lang("<p>A <span class='x'>b</span> &amp; c</p>") == "A b &amp; c"
    assert strip_tags_keep_lang('<p><span lang="en">open') == '<span lang="en">open</span>'
